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
//! The conversion ([`from_error`], which the derived `From` calls, and [`error`] by hand)
//! writes the status once and makes each `ErrorDetail` as its detail is written, the
//! `debug` JSON included; [`from_status`] takes apart a status built elsewhere.
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
use crate::{DecodeError, DetailWriter, Details, RichStatus, json, pb};

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
    build(
        code,
        message.into(),
        &details,
        crate::policy::trailer_budget(),
    )
}

/// The `ConnectError` of a [`RichStatus`] error: the code, message and details that
/// `RichStatus::to_status` gives it, as the Connect protocol writes them. The derived
/// `From<E> for ConnectError` returns it (and logs the conversion as `From<E> for
/// tonic::Status` does).
///
/// ```
/// use rich_status::{RichStatus, connect::ErrorCode};
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[error("user {id} not found")]
/// #[rich_status(code = NotFound, reason = "USER_UNKNOWN", domain = "users.example.com")]
/// struct UserNotFound {
///     id: u64,
/// }
///
/// let error = rich_status::connect::from_error(&UserNotFound { id: 7 });
/// assert_eq!(error.code, ErrorCode::NotFound);
/// assert_eq!(error.message.as_deref(), Some("user 7 not found"));
/// assert_eq!(error.details[0].debug.as_ref().unwrap()["reason"], "USER_UNKNOWN");
/// ```
pub fn from_error<E: RichStatus + ?Sized>(error: &E) -> ConnectError {
    let budget = crate::policy::trailer_budget();
    let message = crate::rich_status::message_within(error, budget);
    build(error.code(), message, &|w| error.details(w), budget)
}

/// The `ConnectError` of one description within `budget`. The usual one is written once
/// and each `ErrorDetail` made as it is written, its `debug` JSON included; one the
/// budget cuts is encoded as a status, whose details are then taken apart.
fn build(
    code: Code,
    message: String,
    details: crate::encode::Describe<'_>,
    budget: usize,
) -> ConnectError {
    let mut collect = Collect::default();
    if !crate::encode::watched(code, &message, details, budget, &mut collect) {
        return from_status(&crate::encode::budgeted(code, message, details, budget));
    }
    let mut error = bare(code, message);
    error.details = collect.details;
    error
}

/// The `ErrorDetail`s of a status, made as the one pass writes it (see
/// [`Watch`](crate::fields::Watch)).
#[derive(Default)]
struct Collect {
    details: Vec<ErrorDetail>,
    /// The type name of the `Any` being written, as the Connect protocol writes it;
    /// `None` between them (the status's own code and message are not a detail's).
    name: Option<String>,
    /// The `Any` being written is a `DebugInfo` this caller is not given.
    withheld: bool,
    /// The JSON form of the `Any` being written, as it is written.
    json: json::Builder,
}

impl Collect {
    /// The JSON builder, while an `Any` is written.
    fn json(&mut self) -> Option<&mut json::Builder> {
        self.name.as_ref()?;
        Some(&mut self.json)
    }
}

impl crate::fields::Watch for Collect {
    fn any(&mut self, type_url: &str) {
        let name = crate::any::type_name(type_url);
        self.json.begin(crate::standard::json_fields(name));
        self.name = Some(name.to_owned());
        self.withheld = crate::policy::withholds(type_url);
    }

    fn any_end(&mut self, value: &[u8]) {
        let debug = self.json.finish(value);
        let Some(name) = self.name.take() else {
            return;
        };
        if !self.withheld {
            self.details.push(detail(name, value, debug));
        }
    }

    fn message(&mut self, field: u32) {
        if let Some(json) = self.json() {
            json.message(field);
        }
    }

    fn message_end(&mut self) {
        if let Some(json) = self.json() {
            json.message_end();
        }
    }

    fn string(&mut self, field: u32, text: std::borrow::Cow<'_, str>) {
        if let Some(json) = self.json() {
            json.string(field, text);
        }
    }

    fn varint(&mut self, field: u32, value: u64) {
        if let Some(json) = self.json() {
            json.varint(field, value);
        }
    }

    fn opaque(&mut self) {
        if let Some(json) = self.json() {
            json.opaque();
        }
    }
}

/// A `ConnectError` with `code` (`Ok`, which no error has, as `Unknown`) and `message`
/// (none when empty), and no details yet.
fn bare(code: Code, message: String) -> ConnectError {
    let code = ErrorCode::from_grpc_code(code as u32).unwrap_or(ErrorCode::Unknown);
    let mut error = ConnectError::new(code, message);
    if error.message.as_deref() == Some("") {
        error.message = None;
    }
    error
}

/// One detail as the Connect protocol writes it: its type name, its bytes in unpadded
/// base64, and the JSON form of a standard detail as `debug`.
fn detail(
    type_name: String,
    value: &[u8],
    debug: Option<serde_json::Map<String, serde_json::Value>>,
) -> ErrorDetail {
    ErrorDetail {
        type_url: type_name,
        value: Some(BASE64.encode(value)),
        debug: debug.map(serde_json::Value::Object),
    }
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
    let mut error = bare(status.code(), status.message().to_owned());
    if let Ok(details) = Details::from_status(status) {
        error.details = details
            .anys_for_caller()
            .map(|any| {
                let debug = crate::standard::json(any);
                detail(any.type_name().to_owned(), any.value(), debug)
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
        let name = crate::any::type_name(&detail.type_url);
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
