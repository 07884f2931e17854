//! The same errors over HTTP/JSON: a service that serves gRPC and REST from one binary
//! declares its errors once.
//!
//! The HTTP status comes from the `google.rpc.Code` table ([`http_status`]), and the body
//! is the JSON error of [AIP-193](https://google.aip.dev/193), as Google's REST APIs and
//! grpc-gateway answer:
//!
//! ```json
//! {"error": {"code": 429, "message": "Request limit exceeded.", "status": "RESOURCE_EXHAUSTED",
//!            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "...", ...}]}}
//! ```
//!
//! With the `axum` feature, a `#[derive(RichStatus)]` type that says
//! `#[rich_status(into_response)]` implements axum's `IntoResponse` (so a handler
//! returns `Result<T, MyError>`), and [`response`] turns any `tonic::Status` into the
//! same answer. The answer's status ([`status`]) is encoded without a trailer budget (a
//! body has no 8 KiB limit) and logged like a conversion into a `tonic::Status`. Types
//! that do not ask get no impl, so enabling the feature anywhere in a build never
//! conflicts with a crate's own `IntoResponse`.
//!
//! A `DebugInfo` goes into the answer only while the [`policy`](crate::policy) sends it
//! (for the call, under the [`server`](crate::server) layer): the answer of a status
//! built elsewhere (another service's, passed on) leaves its `DebugInfo` out for any
//! other caller, as the layer does for gRPC.
//!
//! Details are written in the proto3 JSON mapping: field names in lowerCamelCase, fields
//! with their default value left out, `int64` as strings, `Duration` as `"1.500s"`. A
//! service's own detail messages have no JSON form rich-status could know of; they are
//! written as `{"@type": "...", "value": "<base64 of the message>"}`, the bytes intact.

use tonic::{Code, Status};

use crate::RichStatus;

#[cfg(feature = "axum")]
pub use axum_core::response::{IntoResponse, Response};

/// The status of an error for an HTTP answer: its code, message and details, with no
/// trailer budget (a body has no 8 KiB limit), so nothing is cut.
///
/// ```
/// use rich_status::StatusExt;
///
/// #[derive(Debug, rich_status::RichStatus)]
/// #[rich_status(domain = "docs.example.com", code = NotFound, message = "no such page")]
/// struct NoPage;
///
/// let status = rich_status::rest::status(&NoPage);
/// assert_eq!(status.message(), "no such page");
/// assert_eq!(status.rich_details().unwrap().error_info().unwrap().reason, "NO_PAGE");
/// ```
pub fn status<E: RichStatus + ?Sized>(error: &E) -> Status {
    let (code, message) = (error.code(), error.message());
    let bytes = crate::encode_status(code, &message, |w| error.details(w));
    Status::with_details(code, message, bytes)
}

/// The HTTP status for a gRPC code, from the table in `google/rpc/code.proto`.
///
/// ```
/// use rich_status::rest::http_status;
/// use tonic::Code;
///
/// assert_eq!(http_status(Code::NotFound), 404);
/// assert_eq!(http_status(Code::ResourceExhausted), 429);
/// assert_eq!(http_status(Code::Cancelled), 499);
/// ```
pub const fn http_status(code: Code) -> u16 {
    match code {
        Code::Ok => 200,
        Code::Cancelled => 499,
        Code::Unknown | Code::Internal | Code::DataLoss => 500,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => 400,
        Code::DeadlineExceeded => 504,
        Code::NotFound => 404,
        Code::AlreadyExists | Code::Aborted => 409,
        Code::PermissionDenied => 403,
        Code::Unauthenticated => 401,
        Code::ResourceExhausted => 429,
        Code::Unimplemented => 501,
        Code::Unavailable => 503,
    }
}

/// The `google.rpc.Code` name of a code, as the JSON error's `status` and as clients
/// print it.
///
/// ```
/// assert_eq!(rich_status::rest::status_name(tonic::Code::FailedPrecondition), "FAILED_PRECONDITION");
/// ```
pub const fn status_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

#[cfg(feature = "axum")]
pub use self::json::{json_body, response};

#[cfg(feature = "axum")]
pub(crate) mod json {
    use axum_core::body::Body;
    use axum_core::response::Response;
    use base64::Engine as _;
    use http::{HeaderValue, StatusCode, header};
    use serde_json::{Map, Value, json};
    use tonic::Status;

    use super::{http_status, status_name};
    use crate::Details;
    use crate::any::AnyRef;

    /// The AIP-193 JSON error for a status: `{"error": {"code", "message", "status",
    /// "details"}}`. A status whose details trailer does not decode answers with its code
    /// and message and no details.
    ///
    /// ```
    /// let status = rich_status::status(tonic::Code::NotFound, "user 7 not found", |w| {
    ///     w.error_info("USER_UNKNOWN", "users.example.com").metadata("userId", "7");
    /// });
    /// let body = rich_status::rest::json_body(&status);
    /// assert_eq!(
    ///     body,
    ///     serde_json::json!({"error": {
    ///         "code": 404,
    ///         "message": "user 7 not found",
    ///         "status": "NOT_FOUND",
    ///         "details": [{
    ///             "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    ///             "reason": "USER_UNKNOWN",
    ///             "domain": "users.example.com",
    ///             "metadata": {"userId": "7"},
    ///         }],
    ///     }})
    /// );
    /// ```
    pub fn json_body(status: &Status) -> Value {
        body(status, Details::from_status(status).ok().as_ref())
    }

    fn body(status: &Status, details: Option<&Details>) -> Value {
        let details: Vec<Value> = details.map_or_else(Vec::new, |details| {
            details.anys_for_caller().map(detail_json).collect()
        });
        json!({
            "error": {
                "code": http_status(status.code()),
                "message": status.message(),
                "status": status_name(status.code()),
                "details": details,
            }
        })
    }

    /// The HTTP answer for a status: the mapped HTTP status, `content-type:
    /// application/json`, the [`json_body`], and `retry-after` (whole seconds, rounded up)
    /// when the details hold a `RetryInfo`.
    ///
    /// ```
    /// let status = tonic::Status::unavailable("the guest book is closed");
    /// let response = rich_status::rest::response(&status);
    /// assert_eq!(response.status(), 503);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// ```
    pub fn response(status: &Status) -> Response {
        let details = Details::from_status(status).ok();
        let body = body(status, details.as_ref());
        let mut response = Response::new(Body::from(body.to_string()));
        *response.status_mut() = StatusCode::from_u16(http_status(status.code()))
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        let retry = details
            .as_ref()
            .and_then(|d| d.retry_info().and_then(|r| r.retry_delay));
        if let Some(delay) = retry.filter(|d| d.seconds >= 0 && d.nanos >= 0) {
            let seconds = delay.seconds.saturating_add(i64::from(delay.nanos > 0));
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }

    /// One detail in the proto3 JSON mapping of `Any`: `@type` beside the message's
    /// fields; the message's bytes in base64 as `value` where it is not a standard detail
    /// that decodes.
    fn detail_json(any: AnyRef<'_>) -> Value {
        let mut object = crate::standard::json(any).unwrap_or_else(|| {
            let encoded = base64::engine::general_purpose::STANDARD.encode(any.value());
            Map::from_iter([("value".to_owned(), Value::String(encoded))])
        });
        if !any.type_url().is_empty() {
            object.insert("@type".to_owned(), any.type_url().into());
        }
        Value::Object(object)
    }
}
