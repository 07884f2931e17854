//! The greeter's error with `RichStatus` and `TryFrom<&Status>` written by hand: the
//! same calls `#[derive(RichStatus)]` (with `decode`) makes for
//! [`GreetError`](crate::GreetError), against the same public API. The README shows this
//! file, and the tests check that both send the same bytes and read the same statuses
//! back.

use std::fmt;

use rich_status::decode::{FromStatusError, StatusReader};
use rich_status::validation::FieldViolations;
use rich_status::{DetailWriter, RichStatus};
use tonic::{Code, Status};

use crate::GuestBookFailure;

/// The `ErrorInfo.domain` of every variant.
const DOMAIN: &str = "greeter.example.com";

/// [`GreetError`](crate::GreetError), without the derive.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum HandWrittenGreetError {
    #[error("Request limit exceeded.")]
    TooManyGreetings { name: String },
    #[error("A name is required.")]
    EmptyName { report: validator::ValidationErrors },
    #[error("{name} is not welcome here.")]
    Unwelcome { name: String },
    #[error("The guest book is unavailable.")]
    GuestBook(#[source] GuestBookFailure),
}

impl RichStatus for HandWrittenGreetError {
    fn code(&self) -> Code {
        match self {
            Self::TooManyGreetings { .. } => Code::ResourceExhausted,
            Self::EmptyName { .. } => Code::InvalidArgument,
            Self::Unwelcome { .. } => Code::PermissionDenied,
            Self::GuestBook(_) => Code::Unavailable,
        }
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }

    fn details(&self, w: &mut DetailWriter<'_>) {
        match self {
            Self::TooManyGreetings { name } => {
                w.error_info("TOO_MANY_GREETINGS", DOMAIN)
                    .metadata("name", name);
                w.quota_violation(
                    format_args!("name: {name}"),
                    "Limit one greeting per person.",
                );
            }
            Self::EmptyName { report } => {
                w.error_info("EMPTY_NAME", DOMAIN);
                w.field_violations(report);
            }
            Self::Unwelcome { name } => {
                w.error_info("NAME_BLOCKED", DOMAIN).metadata("name", name);
            }
            Self::GuestBook(source) => {
                w.error_info("GUEST_BOOK_UNAVAILABLE", DOMAIN);
                // Sent only while `rich_status::policy` allows.
                w.debug_info(self, Some(source), None);
            }
        }
    }
}

impl From<HandWrittenGreetError> for Status {
    fn from(error: HandWrittenGreetError) -> Status {
        error.to_status()
    }
}

impl TryFrom<&Status> for HandWrittenGreetError {
    type Error = FromStatusError;

    fn try_from(status: &Status) -> Result<Self, FromStatusError> {
        let reader = StatusReader::new(status)?;
        match (reader.domain(), reader.reason()) {
            (DOMAIN, "TOO_MANY_GREETINGS") => {
                reader.expect_code(Code::ResourceExhausted)?;
                Ok(Self::TooManyGreetings {
                    name: reader.metadata("name", "name")?,
                })
            }
            (DOMAIN, "EMPTY_NAME") => {
                reader.expect_code(Code::InvalidArgument)?;
                // The report does not cross the wire: it comes back empty.
                Ok(Self::EmptyName {
                    report: FieldViolations::from_received(reader.field_violations()),
                })
            }
            (DOMAIN, "NAME_BLOCKED") => {
                reader.expect_code(Code::PermissionDenied)?;
                Ok(Self::Unwelcome {
                    name: reader.metadata("name", "name")?,
                })
            }
            (DOMAIN, "GUEST_BOOK_UNAVAILABLE") => {
                reader.expect_code(Code::Unavailable)?;
                // The source does not cross the wire: it comes back as its `Default`.
                Ok(Self::GuestBook(reader.unsent()))
            }
            _ => Err(reader.no_match()),
        }
    }
}
