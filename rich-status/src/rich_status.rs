//! [`RichStatus`]: an error that knows its gRPC code, message and details.

use tonic::{Code, Status};

use crate::{EncodeDetail, LogLevel};

/// An error that converts into a rich [`tonic::Status`]: a code, a client-facing message
/// and `google.rpc` details.
///
/// Usually derived (`#[derive(RichStatus)]`, see the crate docs), which also generates
/// `impl From<E> for tonic::Status` so that handlers return the error with `?`. It can be
/// implemented by hand:
///
/// ```
/// use rich_status::{EncodeDetail, ErrorInfoRef, RichStatus, Text};
/// use tonic::Code;
///
/// struct NotFound {
///     user_id: u64,
/// }
///
/// impl RichStatus for NotFound {
///     fn code(&self) -> Code {
///         Code::NotFound
///     }
///     fn message(&self) -> String {
///         format!("user {} not found", self.user_id)
///     }
///     fn with_details(&self, f: &mut dyn FnMut(&[&dyn EncodeDetail])) {
///         let metadata = [("userId", Text::display(&self.user_id))];
///         f(&[&ErrorInfoRef::new("USER_UNKNOWN", "users.example.com").with_metadata(&metadata)])
///     }
/// }
///
/// let status = NotFound { user_id: 7 }.to_status();
/// assert_eq!(status.code(), Code::NotFound);
/// assert_eq!(status.message(), "user 7 not found");
/// ```
pub trait RichStatus {
    /// The gRPC status code.
    fn code(&self) -> Code;

    /// The message clients see, in `grpc-message` and in the `google.rpc.Status`.
    fn message(&self) -> String;

    /// Calls `f` once with the details, in the order they go on the wire (`ErrorInfo`
    /// first). The details borrow from `self`, hence the callback.
    fn with_details(&self, f: &mut dyn FnMut(&[&dyn EncodeDetail]));

    /// The level at which converting this error into a status is logged (with the
    /// `tracing` feature): by default [`LogLevel::for_code`], `Error` for `Internal`,
    /// `Unknown` and `DataLoss` and `Debug` otherwise. The derive sets it with
    /// `#[rich_status(log = warn)]`.
    fn log_level(&self) -> LogLevel {
        LogLevel::for_code(self.code())
    }

    /// The `tonic::Status`, with the details encoded in one pass (two when the status
    /// is over its trailer budget).
    fn to_status(&self) -> Status {
        build_with(self, crate::encode::build_status)
    }
}

/// Calls `build` once with the error's code, message and details (none if
/// `with_details` never calls back): what every way of turning an error into a status
/// shares.
pub(crate) fn build_with<E, R>(
    error: &E,
    build: impl FnOnce(Code, String, &[&dyn EncodeDetail]) -> R,
) -> R
where
    E: RichStatus + ?Sized,
{
    let code = error.code();
    let mut pending = Some((build, error.message()));
    let mut built = None;
    error.with_details(&mut |details| {
        if let Some((build, message)) = pending.take() {
            built = Some(build(code, message, details));
        }
    });
    match (pending, built) {
        (Some((build, message)), _) => build(code, message, &[]),
        (None, Some(built)) => built,
        (None, None) => unreachable!("the builder was taken only to build"),
    }
}

impl<T: RichStatus + ?Sized> RichStatus for Box<T> {
    fn code(&self) -> Code {
        (**self).code()
    }
    fn message(&self) -> String {
        (**self).message()
    }
    fn with_details(&self, f: &mut dyn FnMut(&[&dyn EncodeDetail])) {
        (**self).with_details(f)
    }
    fn log_level(&self) -> LogLevel {
        (**self).log_level()
    }
    fn to_status(&self) -> Status {
        (**self).to_status()
    }
}
