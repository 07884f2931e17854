//! connect-rust's errors (feature `connect`): a [`ConnectError`] with the code, message
//! and details a `tonic::Status` of the same error gets, and a `ConnectError`'s details
//! read back as [`Details`].
//!
//! A derived type that says `#[rich_status(connect)]` gets `From<E> for ConnectError`, so
//! a connect-rust handler returns it with `?`; with `decode` as well, `TryFrom<&ConnectError>`
//! back into the type. Each detail becomes an [`ErrorDetail`] as the Connect protocol
//! writes it: the message's type name without the `type.googleapis.com/` prefix, the
//! bytes rich-status encodes (unpadded base64), and `debug` = the proto3 JSON form the
//! REST path writes (for the standard details). The details are built as for tonic,
//! within the trailer budget, because connect-rust sends them as
//! `grpc-status-details-bin` on its gRPC and gRPC-Web protocols; `DebugInfo` follows the
//! [`policy`](crate::policy) at the conversion, as for tonic.
//!
//! ```
//! use rich_status::connect::{self, ErrorCode};
//!
//! let error = connect::error(tonic::Code::NotFound, "user 7 not found", |w| {
//!     w.error_info("USER_UNKNOWN", "users.example.com").metadata("userId", 7);
//! });
//! assert_eq!(error.code, ErrorCode::NotFound);
//! assert_eq!(error.message.as_deref(), Some("user 7 not found"));
//! assert_eq!(error.details[0].type_url, "google.rpc.ErrorInfo");
//! assert_eq!(error.details[0].debug.as_ref().unwrap()["reason"], "USER_UNKNOWN");
//!
//! let details = connect::details(&error).unwrap();
//! assert_eq!(details.error_info().unwrap().metadata["userId"], "7");
//! ```

use base64::Engine as _;
use prost::Message as _;
use tonic::{Code, Status};

use crate::details::decoding::BASE64;
use crate::from_status::{FromStatusError, FromStatusErrorKind};
use crate::{DecodeError, DetailWriter, Details, pb};

pub use connectrpc::{ConnectError, ErrorCode, ErrorDetail};

/// The prefix a detail's type name gets in a `google.protobuf.Any`.
const TYPE_URL_PREFIX: &str = "type.googleapis.com/";

/// A `ConnectError` built as [`status`](crate::status) builds a `tonic::Status`: the
/// same code, message and details, within the trailer budget.
pub fn error(
    code: Code,
    message: impl Into<String>,
    details: impl Fn(&mut DetailWriter<'_>),
) -> ConnectError {
    from_status(&crate::status(code, message, details))
}

/// The `ConnectError` that carries what `status` does: its code (`Ok`, which no error
/// has, as `Unknown`), its message, and each packed detail as an [`ErrorDetail`]. A
/// status whose details do not decode gives its code and message alone. A `DebugInfo`
/// is passed on only while the [`policy`](crate::policy) sends it (for the call, under
/// the server layer): a status built elsewhere keeps it from any other caller.
///
/// ```
/// let status = tonic::Status::unavailable("closed");
/// let error = rich_status::connect::from_status(&status);
/// assert_eq!(error.code, rich_status::connect::ErrorCode::Unavailable);
/// assert!(error.details.is_empty());
/// ```
pub fn from_status(status: &Status) -> ConnectError {
    let code = ErrorCode::from_grpc_code(status.code() as u32).unwrap_or(ErrorCode::Unknown);
    let mut error = ConnectError::new(code, status.message());
    if status.message().is_empty() {
        error.message = None;
    }
    if let Ok(details) = Details::from_status(status) {
        error.details = details
            .entries_for_caller()
            .map(|(any, standard)| ErrorDetail {
                type_url: any.type_name().to_owned(),
                value: Some(BASE64.encode(any.value())),
                debug: standard.map(|detail| {
                    let mut fields = crate::json::Object::default();
                    detail.into_json(&mut fields);
                    fields.into_value()
                }),
            })
            .collect();
    }
    error
}

/// The details of a `ConnectError`, decoded: its code and message, and each detail by
/// the type name the Connect protocol writes (bare, `google.rpc.ErrorInfo`, or with a
/// `type.googleapis.com/` prefix) and its bytes. A detail whose value is not base64, or
/// whose bytes are not the message, is a [`DecodeError`] (the bytes when it is read, as
/// for any [`Details`]); more than [`policy::decode_limit`](crate::policy::decode_limit)
/// bytes of details are refused whole.
///
/// ```
/// use rich_status::connect::{ConnectError, ErrorDetail};
///
/// let mut error = ConnectError::not_found("gone");
/// error.details.push(ErrorDetail { type_url: "google.rpc.ErrorInfo".into(),
///     value: Some("not base64!".into()), debug: None });
/// let err = rich_status::connect::details(&error).unwrap_err();
/// assert!(matches!(err.kind(), rich_status::decode::DecodeErrorKind::Base64 { .. }));
/// ```
pub fn details(error: &ConnectError) -> Result<Details, DecodeError> {
    Details::decode(&status_bytes(error)?)
}

/// The `tonic::Status` a `ConnectError` stands for: its code, message and details (as
/// `grpc-status-details-bin` carries them), for what reads a `tonic::Status`: the
/// derived `TryFrom<&ConnectError>` reads it as its `TryFrom<&tonic::Status>` does.
/// Details that do not decode are the error, which keeps the code and message.
///
/// ```
/// use rich_status::StatusExt;
///
/// let error = rich_status::connect::error(tonic::Code::Aborted, "conflict", |w| {
///     w.error_info("CONFLICT", "db.example.com");
/// });
/// let status = rich_status::connect::status(&error).unwrap();
/// assert_eq!((status.code(), status.message()), (tonic::Code::Aborted, "conflict"));
/// assert_eq!(status.rich_details().unwrap().error_info().unwrap().reason, "CONFLICT");
/// ```
pub fn status(error: &ConnectError) -> Result<Status, FromStatusError> {
    let code = Code::from_i32(error.code.grpc_code() as i32);
    let message = error.message.clone().unwrap_or_default();
    let decoded = status_bytes(error).and_then(|bytes| Details::decode(&bytes).map(|_| bytes));
    match decoded {
        Ok(bytes) => Ok(Status::with_details(code, message, bytes.into())),
        Err(decode_error) => {
            let status = Status::new(code, message);
            let kind = FromStatusErrorKind::Details(decode_error);
            Err(FromStatusError::new(kind, &status))
        }
    }
}

/// The `google.rpc.Status` of `error`, encoded; the size of its details bounded as
/// [`Details::decode`] bounds it.
fn status_bytes(error: &ConnectError) -> Result<Vec<u8>, DecodeError> {
    let limit = crate::policy::decode_limit();
    let message = error.message.as_deref().unwrap_or_default();
    // What the encoded status will at least hold, counted before anything is decoded.
    let mut total = message.len();
    let mut details = Vec::with_capacity(error.details.len().min(64));
    for detail in &error.details {
        let name = detail.type_url.rsplit('/').next().unwrap_or_default();
        let text = detail.value.as_deref().unwrap_or_default();
        total = total
            .saturating_add(TYPE_URL_PREFIX.len() + name.len())
            .saturating_add(text.len() / 4 * 3);
        if total > limit {
            return Err(DecodeError::too_large(total, limit));
        }
        let value = BASE64
            .decode(text)
            .map_err(|error| DecodeError::base64(&error))?;
        details.push(prost_types::Any {
            type_url: format!("{TYPE_URL_PREFIX}{name}"),
            value,
        });
    }
    let status = pb::Status {
        code: error.code.grpc_code() as i32,
        message: message.to_owned(),
        details,
    };
    Ok(status.encode_to_vec())
}
