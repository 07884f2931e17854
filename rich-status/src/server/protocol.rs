//! The protocol a call speaks, read from its request, and the layer's answer to a panic
//! in that protocol: a gRPC status for gRPC and gRPC-Web (in the call's own content
//! type), a Connect error for the Connect protocol (feature `connect` for its details;
//! without, its code and message), the AIP-193 JSON error for any other request
//! (feature `axum`; without, it is answered as gRPC, as before).

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderValue};
use http::request::Parts;
use http::{Method, Response, StatusCode};
use tonic::Status;

/// How a call speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Protocol {
    /// `application/grpc`, `application/grpc+proto`, ...
    Grpc,
    /// `application/grpc-web`, `application/grpc-web+proto`, ... (the content type): a
    /// call the layer sees before anything turns it into gRPC, as around connect-rust,
    /// which serves gRPC-Web itself.
    GrpcWeb(HeaderValue),
    /// A Connect unary call: `connect-protocol-version` in the headers, or a `GET` with
    /// `connect=v1` in the query.
    ConnectUnary,
    /// A Connect streaming call: `application/connect+json`, `application/connect+proto`
    /// (the content type).
    ConnectStream(HeaderValue),
    /// Anything else: an HTTP/JSON request.
    Http,
}

impl Protocol {
    pub(super) fn of(request: &Parts) -> Protocol {
        let content_type = request.headers.get(CONTENT_TYPE);
        let starts = |prefix: &str| {
            content_type.is_some_and(|value| value.as_bytes().starts_with(prefix.as_bytes()))
        };
        if let Some(value) = content_type.filter(|_| starts("application/grpc-web")) {
            Protocol::GrpcWeb(value.clone())
        } else if starts("application/grpc") {
            Protocol::Grpc
        } else if let Some(value) = content_type.filter(|_| starts("application/connect+")) {
            Protocol::ConnectStream(value.clone())
        } else if request.headers.contains_key("connect-protocol-version")
            || (request.method == Method::GET
                && request
                    .uri
                    .query()
                    .is_some_and(|query| query.split('&').any(|pair| pair == "connect=v1")))
        {
            Protocol::ConnectUnary
        } else {
            Protocol::Http
        }
    }
}

/// The answer to a call of `protocol` that ends with `status`: its status line, headers
/// and whole body; `None` for a gRPC or gRPC-Web answer (all headers, made by tonic).
///
/// Called in the call's policy: the `DebugInfo` of `status` goes only where it allows.
pub(super) fn answer(protocol: &Protocol, status: &Status) -> Option<Response<Bytes>> {
    match protocol {
        Protocol::Grpc | Protocol::GrpcWeb(_) => None,
        Protocol::ConnectUnary => {
            let (http_status, json) = connect_error(status);
            Some(json_response(http_status, json))
        }
        Protocol::ConnectStream(content_type) => {
            // The end-of-stream message: flags 0b10, its length, `{"error": ...}`.
            let (_, json) = connect_error(status);
            let message = [&b"{\"error\":"[..], &json, b"}"].concat();
            let length = u32::try_from(message.len()).unwrap_or(u32::MAX);
            let end = [&[0b10][..], &length.to_be_bytes(), &message].concat();
            let mut response = Response::new(Bytes::from(end));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, content_type.clone());
            Some(response)
        }
        Protocol::Http => http_error(status),
    }
}

/// The Connect error of `status`, as JSON, and its HTTP status.
#[cfg(feature = "connect")]
fn connect_error(status: &Status) -> (StatusCode, Bytes) {
    let error = crate::connect::from_status(status);
    (error.http_status(), error.to_json())
}

/// The Connect error of `status`, its code and message only (the `connect` feature
/// writes its details too).
#[cfg(not(feature = "connect"))]
fn connect_error(status: &Status) -> (StatusCode, Bytes) {
    // Only the layer's own statuses come here.
    debug_assert_eq!(status.code(), tonic::Code::Internal);
    (StatusCode::INTERNAL_SERVER_ERROR, bare_connect_error())
}

/// The Connect error of the layer's answer to a panic, code and message: `INTERNAL`
/// and the generic message, neither of which JSON needs to escape.
#[cfg(any(test, not(feature = "connect")))]
fn bare_connect_error() -> Bytes {
    let message = crate::policy::generic_message(tonic::Code::Internal);
    Bytes::from(format!(
        "{{\"code\":\"internal\",\"message\":\"{message}\"}}"
    ))
}

/// The AIP-193 JSON error of `status`, as the REST path answers it.
#[cfg(feature = "axum")]
fn http_error(status: &Status) -> Option<Response<Bytes>> {
    let http_status = StatusCode::from_u16(crate::rest::http_status(status.code()))
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let json = crate::rest::json_body(status).to_string();
    Some(json_response(http_status, Bytes::from(json)))
}

/// Without the `axum` feature the layer knows no JSON error: answered as gRPC.
#[cfg(not(feature = "axum"))]
fn http_error(_: &Status) -> Option<Response<Bytes>> {
    None
}

fn json_response(status: StatusCode, json: Bytes) -> Response<Bytes> {
    let mut response = Response::new(json);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(all(test, feature = "connect"))]
mod tests {
    #[test]
    fn the_bare_connect_error_is_what_connect_rust_writes_for_the_same_code_and_message() {
        let written = connectrpc::ConnectError::internal("internal error").to_json();
        let written: serde_json::Value = serde_json::from_slice(&written).unwrap();
        let bare: serde_json::Value = serde_json::from_slice(&super::bare_connect_error()).unwrap();
        assert_eq!(bare, written);
    }
}
