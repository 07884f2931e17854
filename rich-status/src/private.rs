//! What the code `#[derive(RichStatus)]` generates needs besides the public API, and only
//! that: each item here stands for something a hand-written impl would say with
//! knowledge of its own type. Not public API: names here change without notice.

use std::error::Error;

use crate::RichStatus;
use crate::logging::Sent;

/// An error being converted, for the conversion's log event:
/// `(&Log(&error)).log(&status)` (or `.log(&connect_error)`) logs an error that
/// implements `std::error::Error` with its `Display` and `source()` chain
/// ([`LogError`]), and any other with what its status says ([`LogOther`]): autoref by
/// one level picks the first that applies.
pub struct Log<'a, E: ?Sized>(pub &'a E);

/// [`Log`] for a `std::error::Error`.
pub trait LogError {
    fn log<'s>(&self, sent: impl Into<Sent<'s>>);
}

impl<E: RichStatus + Error> LogError for Log<'_, E> {
    fn log<'s>(&self, sent: impl Into<Sent<'s>>) {
        crate::logging::conversion(self.0.log_level(), sent.into(), Some(self.0));
    }
}

/// [`Log`] for any other error.
pub trait LogOther {
    fn log<'s>(&self, sent: impl Into<Sent<'s>>);
}

impl<E: RichStatus + ?Sized> LogOther for &Log<'_, E> {
    fn log<'s>(&self, sent: impl Into<Sent<'s>>) {
        crate::logging::conversion(self.0.log_level(), sent.into(), None);
    }
}
