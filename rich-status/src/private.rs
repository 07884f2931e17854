//! Support for the code `#[derive(RichStatus)]` generates. Not public API: names here
//! change without notice.

use std::fmt;

pub use tonic::{Code, Status};

pub use crate::policy::debug_info_enabled;
pub use crate::{
    DebugInfoRef, EncodeDetail, ErrorInfoRef, QuotaFailureRef, QuotaViolationRef, RichStatus, Text,
};

/// A `Display` made of a closure: how the derive formats a template such as
/// `"name: {name}"` straight into the encoder, without a `String`.
pub struct Fmt<F>(pub F)
where
    F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result;

impl<F> fmt::Display for Fmt<F>
where
    F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// Shows a value's `Debug` through `Display` (the `DebugInfo` detail text).
pub struct DebugText<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Display for DebugText<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

/// The message from `Display`; a `Display` that fails keeps what it wrote instead of
/// panicking as `ToString` would.
pub fn display_message<T: fmt::Display + ?Sized>(value: &T) -> String {
    let mut message = String::new();
    let _ = fmt::write(&mut message, format_args!("{value}"));
    message
}

/// The frames of a captured backtrace, one stack entry each; empty when the backtrace
/// was not captured (`RUST_BACKTRACE` unset).
pub fn backtrace_frames(backtrace: &std::backtrace::Backtrace) -> Vec<String> {
    if backtrace.status() != std::backtrace::BacktraceStatus::Captured {
        return Vec::new();
    }
    display_message(backtrace)
        .lines()
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// Views a `#[source]` field as `&dyn Error`, the start of its source chain: sized
/// errors directly, boxed `dyn Error`s through auto-deref to the trait object.
pub trait AsDynError<'a> {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a);
}

impl<'a, E: std::error::Error + 'a> AsDynError<'a> for E {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

/// A detail that writes nothing: fills the unused places of [`present`]'s array.
struct Absent;

impl EncodeDetail for Absent {
    fn type_url(&self) -> &str {
        ""
    }
    fn encode_fields(&self, _: &mut crate::Fields<'_>) {}
}

/// Moves the details that are present to the front, keeping their order, and returns
/// them with their count: how a detail that policy turns off (`DebugInfo`) is left out
/// without allocating.
pub fn present<'a, const N: usize>(
    details: [Option<&'a dyn EncodeDetail>; N],
) -> ([&'a dyn EncodeDetail; N], usize) {
    let mut out: [&'a dyn EncodeDetail; N] = [&Absent; N];
    let mut len = 0;
    for detail in details.into_iter().flatten() {
        out[len] = detail;
        len += 1;
    }
    (out, len)
}
