//! [`RichStatus`]: an error that knows its gRPC code, message and details.

use std::fmt;

use tonic::{Code, Status};

use crate::{DetailWriter, LogLevel};

/// An error that converts into a rich [`tonic::Status`]: a code, a client-facing message
/// and `google.rpc` details.
///
/// Usually derived (`#[derive(RichStatus)]`, see the crate docs), which also generates
/// `impl From<E> for tonic::Status` so that handlers return the error with `?`. What the
/// derive writes is what a hand-written impl writes, call for call:
///
/// ```
/// use rich_status::{DetailWriter, RichStatus, StatusExt};
/// use std::fmt;
/// use tonic::{Code, Status};
///
/// struct NotFound {
///     user_id: u64,
/// }
///
/// impl RichStatus for NotFound {
///     fn code(&self) -> Code {
///         Code::NotFound
///     }
///     fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         write!(f, "user {} not found", self.user_id)
///     }
///     fn details(&self, w: &mut DetailWriter<'_>) {
///         w.error_info("USER_UNKNOWN", "users.example.com").metadata("userId", self.user_id);
///     }
/// }
///
/// impl From<NotFound> for Status {
///     fn from(error: NotFound) -> Status {
///         error.to_status()
///     }
/// }
///
/// let status = Status::from(NotFound { user_id: 7 });
/// assert_eq!(status.code(), Code::NotFound);
/// assert_eq!(status.message(), "user 7 not found");
/// assert_eq!(status.rich_details().unwrap().error_info().unwrap().metadata["userId"], "7");
/// ```
pub trait RichStatus {
    /// The gRPC status code.
    fn code(&self) -> Code;

    /// Writes the message clients see, in `grpc-message` and in the `google.rpc.Status`.
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Writes the details, in the order they go on the wire: `ErrorInfo` first. It may
    /// be called more than once for one status (see [`DetailWriter`]), and must write
    /// the same details each time.
    fn details(&self, w: &mut DetailWriter<'_>);

    /// The level at which converting this error into a status is logged (with the
    /// `tracing` feature): by default [`LogLevel::for_code`], `Error` for `Internal`,
    /// `Unknown` and `DataLoss` and `Debug` otherwise. The derive sets it with
    /// `#[rich_status(log = warn)]`.
    fn log_level(&self) -> LogLevel {
        LogLevel::for_code(self.code())
    }

    /// Every reason this type can send, with its code, message template, metadata keys,
    /// details and description: for API docs and for clients in other languages; see
    /// [`catalog`](crate::catalog). Built when asked for, never on the error path. The
    /// derive lists every variant (a `transparent` one as its inner type's entries); a
    /// hand-written impl lists nothing unless it says.
    ///
    /// ```
    /// use rich_status::RichStatus;
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "users.example.com")]
    /// enum UserError {
    ///     #[error("no such user")]
    ///     #[rich_status(code = NotFound)]
    ///     Unknown,
    /// }
    ///
    /// assert_eq!(UserError::catalog().entries()[0].reason, "UNKNOWN");
    /// ```
    fn catalog() -> crate::catalog::Catalog
    where
        Self: Sized,
    {
        crate::catalog::Catalog::new()
    }

    /// The message, as [`write_message`](RichStatus::write_message) writes it; a
    /// formatter error keeps what was written before it.
    fn message(&self) -> String {
        let mut message = String::new();
        let _ = fmt::write(&mut message, format_args!("{}", Message(self)));
        message
    }

    /// The `tonic::Status`, with its details written within the trailer budget of the
    /// [`policy`](crate::policy). The derived `From<E> for tonic::Status` calls it, and
    /// also logs the conversion.
    ///
    /// The message is formatted with [`write_message`](RichStatus::write_message) up to
    /// the budget at most (no more of it could be sent): a message of any size costs a
    /// conversion no more than that.
    fn to_status(&self) -> Status {
        let budget = crate::policy::trailer_budget();
        crate::encode::budgeted(
            self.code(),
            message_within(self, budget),
            &|w| self.details(w),
            budget,
        )
    }
}

/// The error's message, formatted up to `budget` bytes at most (no more of it could be
/// sent).
pub(crate) fn message_within<E: RichStatus + ?Sized>(error: &E, budget: usize) -> String {
    crate::text::format_within(&Message(error), budget)
}

/// An error's message through `Display`.
struct Message<'a, E: ?Sized>(&'a E);

impl<E: RichStatus + ?Sized> fmt::Display for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}

/// Forwards every method of `RichStatus` from a box to the error in it; `catalog` is the
/// body of `catalog()`, which only a sized error has.
macro_rules! forward_box {
    ([$($params:tt)*] $boxed:ty, catalog: $catalog:expr) => {
        impl<$($params)*> RichStatus for $boxed {
            fn code(&self) -> Code {
                (**self).code()
            }
            fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).write_message(f)
            }
            fn details(&self, w: &mut DetailWriter<'_>) {
                (**self).details(w)
            }
            fn log_level(&self) -> LogLevel {
                (**self).log_level()
            }
            fn catalog() -> crate::catalog::Catalog {
                $catalog
            }
            fn message(&self) -> String {
                (**self).message()
            }
            fn to_status(&self) -> Status {
                (**self).to_status()
            }
        }
    };
}

// A boxed error is the error: every method forwarded, its catalogue included.
forward_box!([T: RichStatus] Box<T>, catalog: T::catalog());
// A boxed error whose type is erased forwards every method an erased type has; its
// catalogue is empty, since no type names the reasons it may send.
forward_box!(['a] Box<dyn RichStatus + 'a>, catalog: crate::catalog::Catalog::new());
forward_box!(['a] Box<dyn RichStatus + Send + 'a>, catalog: crate::catalog::Catalog::new());
forward_box!(['a] Box<dyn RichStatus + Send + Sync + 'a>, catalog: crate::catalog::Catalog::new());
