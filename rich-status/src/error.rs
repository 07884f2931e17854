//! [`DecodeError`]: why rich details could not be read, as a value.

use std::fmt;

use crate::Details;

/// Why the details of a status could not be read.
///
/// Decoding never panics; every problem with the bytes on the wire comes back as this
/// error. Where the problem leaves the details readable (a code or message that disagrees
/// with the outer status), the error carries them: [`details`](DecodeError::details).
///
/// ```
/// use rich_status::{Details, decode::DecodeErrorKind};
///
/// let err = Details::decode(b"\x08").unwrap_err();
/// assert!(matches!(err.kind(), DecodeErrorKind::Malformed { offset: 1, .. }));
/// assert_eq!(err.to_string(), "malformed google.rpc.Status at byte 1: invalid varint");
/// assert!(err.details().is_none());
/// ```
#[derive(Debug, Clone)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    details: Option<Box<Details>>,
}

/// What went wrong; see [`DecodeError`].
///
/// ```
/// use rich_status::{Details, decode::DecodeErrorKind};
///
/// match Details::decode(b"\x12\x01\xff").unwrap_err().kind() {
///     DecodeErrorKind::InvalidUtf8 { field, .. } => assert_eq!(*field, "google.rpc.Status.message"),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The trailer value is not base64.
    Base64 {
        /// What the base64 decoder reported.
        reason: String,
    },
    /// The peer sent a `grpc-status-details-bin` that is not base64, which tonic cannot
    /// read (it panics on it), so the client's guard
    /// (`rich_status::client::DetailsGuard`) dropped it before tonic saw it. The status
    /// has the code and message the peer sent, and no details.
    DetailsDropped {
        /// What the base64 decoder reported.
        reason: String,
    },
    /// The bytes are not a `google.rpc.Status` (or one of its `Any`s is not an `Any`).
    Malformed {
        /// Byte offset in the decoded trailer.
        offset: usize,
        /// What is wrong there.
        problem: &'static str,
    },
    /// A string field is not valid UTF-8.
    InvalidUtf8 {
        /// The field, e.g. `google.rpc.Status.message`.
        field: &'static str,
        /// Byte offset of the string in the decoded trailer.
        offset: usize,
    },
    /// A detail has a known type URL but its bytes do not decode as that message.
    Detail {
        /// Its position among the status's details; `None` for an
        /// [`AnyRef`](crate::decode::AnyRef) made on its own, which stands in no status.
        index: Option<usize>,
        /// Its type URL.
        type_url: String,
        /// prost's account of the problem.
        error: prost::DecodeError,
    },
    /// The `google.rpc.Status` code differs from the outer `grpc-status`.
    ///
    /// tonic reads a `grpc-status` outside `tonic::Code` as 2 (`Unknown`), and a code
    /// outside it in the details reads as `Unknown` too: 99 outside and 99 inside agree.
    CodeMismatch {
        /// The status's code, as tonic read the `grpc-status`.
        outer: i32,
        /// The code inside the details, as sent.
        inner: i32,
    },
    /// The `google.rpc.Status` message differs from the outer `grpc-message`.
    MessageMismatch {
        /// The outer `grpc-message`.
        outer: String,
        /// The message inside the details.
        inner: String,
    },
    /// The `grpc-message` is not UTF-8 once percent-decoded, so tonic replaced the
    /// status's code with `Unknown` and its message with an account of that; the
    /// error's [`details`](DecodeError::details) hold the code and message the trailer
    /// carries.
    GrpcMessageNotUtf8,
    /// The input is longer than [`policy::decode_limit`](crate::policy::decode_limit)
    /// allows; nothing of it was read.
    TooLarge {
        /// The input's length: bytes, or base64 characters for
        /// [`Details::from_trailer`](crate::Details::from_trailer).
        len: usize,
        /// The most that was allowed, in the same unit.
        limit: usize,
    },
    /// A type URL names a message outside the standard `google.rpc` set.
    UnknownTypeUrl {
        /// The type URL.
        type_url: String,
    },
    /// A detail was unpacked as a type it is not.
    TypeUrlMismatch {
        /// The type URL of the type asked for.
        expected: String,
        /// The type URL found.
        found: String,
    },
}

impl DecodeError {
    /// What went wrong.
    ///
    /// ```
    /// let err = rich_status::Details::from_trailer(b"@@").unwrap_err();
    /// assert!(matches!(err.kind(), rich_status::decode::DecodeErrorKind::Base64 { .. }));
    /// ```
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// The details that could still be read, where the problem left any.
    ///
    /// ```
    /// use rich_status::Details;
    /// use tonic::{Code, Status};
    ///
    /// let bytes = rich_status::encode_status(Code::NotFound, "gone", |_| {});
    /// let status = Status::with_details(Code::NotFound, "different", bytes);
    /// let err = Details::from_status(&status).unwrap_err();
    /// assert_eq!(err.details().unwrap().message(), "gone");
    /// ```
    pub fn details(&self) -> Option<&Details> {
        self.details.as_deref()
    }

    /// Takes the details that could still be read, where the problem left any.
    ///
    /// ```
    /// use rich_status::Details;
    /// use tonic::{Code, Status};
    ///
    /// let bytes = rich_status::encode_status(Code::NotFound, "gone", |_| {});
    /// let status = Status::with_details(Code::Internal, "gone", bytes);
    /// let details = Details::from_status(&status).unwrap_err().into_details().unwrap();
    /// assert_eq!(details.code(), Code::NotFound);
    /// ```
    pub fn into_details(self) -> Option<Details> {
        self.details.map(|d| *d)
    }

    fn new(kind: DecodeErrorKind) -> Self {
        DecodeError {
            kind,
            details: None,
        }
    }

    pub(crate) fn with_details(mut self, details: Details) -> Self {
        self.details = Some(Box::new(details));
        self
    }

    pub(crate) fn base64(error: &base64::DecodeError) -> Self {
        Self::new(DecodeErrorKind::Base64 {
            reason: error.to_string(),
        })
    }

    pub(crate) fn dropped(reason: &str) -> Self {
        Self::new(DecodeErrorKind::DetailsDropped {
            reason: reason.to_owned(),
        })
    }

    pub(crate) fn malformed(offset: usize, problem: &'static str) -> Self {
        Self::new(DecodeErrorKind::Malformed { offset, problem })
    }

    pub(crate) fn invalid_utf8(field: &'static str, offset: usize) -> Self {
        Self::new(DecodeErrorKind::InvalidUtf8 { field, offset })
    }

    pub(crate) fn detail(index: Option<usize>, type_url: &str, error: prost::DecodeError) -> Self {
        Self::new(DecodeErrorKind::Detail {
            index,
            type_url: type_url.to_owned(),
            error,
        })
    }

    pub(crate) fn code_mismatch(outer: i32, inner: i32) -> Self {
        Self::new(DecodeErrorKind::CodeMismatch { outer, inner })
    }

    pub(crate) fn message_mismatch(outer: &str, inner: &str) -> Self {
        Self::new(DecodeErrorKind::MessageMismatch {
            outer: outer.to_owned(),
            inner: inner.to_owned(),
        })
    }

    pub(crate) fn grpc_message_not_utf8() -> Self {
        Self::new(DecodeErrorKind::GrpcMessageNotUtf8)
    }

    pub(crate) fn too_large(len: usize, limit: usize) -> Self {
        Self::new(DecodeErrorKind::TooLarge { len, limit })
    }

    pub(crate) fn unknown_type_url(type_url: &str) -> Self {
        Self::new(DecodeErrorKind::UnknownTypeUrl {
            type_url: type_url.to_owned(),
        })
    }

    pub(crate) fn type_url_mismatch(expected: &str, found: &str) -> Self {
        Self::new(DecodeErrorKind::TypeUrlMismatch {
            expected: expected.to_owned(),
            found: found.to_owned(),
        })
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DecodeErrorKind::Base64 { reason } => {
                write!(f, "grpc-status-details-bin is not base64: {reason}")
            }
            DecodeErrorKind::DetailsDropped { reason } => write!(
                f,
                "grpc-status-details-bin was malformed and dropped before tonic read it: {reason}"
            ),
            DecodeErrorKind::Malformed { offset, problem } => {
                write!(f, "malformed google.rpc.Status at byte {offset}: {problem}")
            }
            DecodeErrorKind::InvalidUtf8 { field, offset } => {
                write!(f, "{field} at byte {offset} is not valid UTF-8")
            }
            DecodeErrorKind::Detail {
                index: Some(index),
                type_url,
                ..
            } => write!(f, "detail {index} ({}) does not decode", Capped(type_url)),
            DecodeErrorKind::Detail {
                index: None,
                type_url,
                ..
            } => write!(f, "a detail of type {} does not decode", Capped(type_url)),
            DecodeErrorKind::CodeMismatch { outer, inner } => write!(
                f,
                "status code {outer} ({:?}) differs from the code {inner} in grpc-status-details-bin",
                tonic::Code::from_i32(*outer)
            ),
            DecodeErrorKind::MessageMismatch { outer, inner } => write!(
                f,
                "status message {} differs from the message {} in grpc-status-details-bin",
                Quoted(outer),
                Quoted(inner)
            ),
            DecodeErrorKind::GrpcMessageNotUtf8 => f.write_str(
                "grpc-message is not UTF-8 once percent-decoded, so tonic read the status as \
                 Unknown; grpc-status-details-bin still has the code and message sent",
            ),
            DecodeErrorKind::TooLarge { len, limit } => write!(
                f,
                "grpc-status-details-bin of {len} bytes is over the decode limit of {limit}"
            ),
            DecodeErrorKind::UnknownTypeUrl { type_url } => {
                write!(
                    f,
                    "{} is not a standard google.rpc detail",
                    Capped(type_url)
                )
            }
            DecodeErrorKind::TypeUrlMismatch { expected, found } => {
                write!(
                    f,
                    "expected a detail of type {expected}, found {}",
                    Capped(found)
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            DecodeErrorKind::Detail { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// How many characters of a peer's text an error's message quotes: enough to recognise
/// it, and a hostile megabyte stays out of the logs.
const QUOTED_CHARS: usize = 64;

/// A peer's text in an error's message, quoted as `{:?}` quotes it, at most
/// [`QUOTED_CHARS`] characters of it: `"abc…"… (1048576 bytes)`.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

/// A peer's text that an error's message shows as it is (a type URL), at most
/// [`QUOTED_CHARS`] characters of it, as [`Quoted`] cuts it.
pub(crate) struct Capped<'a>(pub(crate) &'a str);

/// The first [`QUOTED_CHARS`] characters of `text`, when it has more.
fn head(text: &str) -> Option<&str> {
    let (end, _) = text.char_indices().nth(QUOTED_CHARS)?;
    Some(&text[..end])
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match head(self.0) {
            None => write!(f, "{:?}", self.0),
            Some(head) => write!(f, "{head:?}… ({} bytes)", self.0.len()),
        }
    }
}

impl fmt::Display for Capped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match head(self.0) {
            None => f.write_str(self.0),
            Some(head) => write!(f, "{head}… ({} bytes)", self.0.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_at_a_character() {
        assert_eq!(Quoted("a\"b").to_string(), r#""a\"b""#);
        let long = "é".repeat(100);
        let quoted = Quoted(&long).to_string();
        assert_eq!(quoted, format!("{:?}… (200 bytes)", "é".repeat(64)));
        assert_eq!(
            Capped(&long).to_string(),
            format!("{}… (200 bytes)", "é".repeat(64))
        );
    }
}
