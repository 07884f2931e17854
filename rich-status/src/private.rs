//! What the code `#[derive(RichStatus)]` generates needs besides the public API, and only
//! that: each item here stands for something a hand-written impl would say with
//! knowledge of its own type. Not public API: names here change without notice.

use std::error::Error;

use tonic::Status;

use crate::RichStatus;

pub use crate::from_status::Decoded;

/// Views a `#[source]` field as `&dyn Error`, the start of its source chain: sized
/// errors directly, boxed `dyn Error`s through auto-deref to the trait object.
pub trait AsDynError<'a> {
    fn as_dyn_error(&self) -> &(dyn Error + 'a);
}

impl<'a, E: Error + 'a> AsDynError<'a> for E {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

/// An error being converted, for the conversion's log event:
/// `(&Log(&error)).log(&status)` logs an error that implements `std::error::Error` with
/// its `Display` and `source()` chain ([`LogError`]), and any other with what its status
/// says ([`LogOther`]): autoref by one level picks the first that applies.
pub struct Log<'a, E: ?Sized>(pub &'a E);

/// [`Log`] for a `std::error::Error`.
pub trait LogError {
    fn log(&self, status: &Status);
}

impl<E: RichStatus + Error> LogError for Log<'_, E> {
    fn log(&self, status: &Status) {
        crate::logging::conversion(self.0.log_level(), status, Some(self.0));
    }
}

/// [`Log`] for any other error.
pub trait LogOther {
    fn log(&self, status: &Status);
}

impl<E: RichStatus + ?Sized> LogOther for &Log<'_, E> {
    fn log(&self, status: &Status) {
        crate::logging::conversion(self.0.log_level(), status, None);
    }
}
