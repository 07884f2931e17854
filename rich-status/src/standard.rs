//! [`StandardDetail`]: one decoded message of the standard `google.rpc` set.

use prost::Message;

use crate::{DecodeError, any::AnyRef, pb};

/// One of the standard `google.rpc` details, decoded.
///
/// ```
/// use rich_status::{StatusExt, decode::StandardDetail};
///
/// let status = rich_status::status(tonic::Code::NotFound, "no such book", |w| {
///     w.error_info("BOOK_UNKNOWN", "library.example.com");
/// });
/// let details = status.rich_details().unwrap();
/// match details.standard().next() {
///     Some(StandardDetail::ErrorInfo(info)) => assert_eq!(info.reason, "BOOK_UNKNOWN"),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StandardDetail {
    /// `google.rpc.ErrorInfo`
    ErrorInfo(pb::ErrorInfo),
    /// `google.rpc.RetryInfo`
    RetryInfo(pb::RetryInfo),
    /// `google.rpc.DebugInfo`
    DebugInfo(pb::DebugInfo),
    /// `google.rpc.QuotaFailure`
    QuotaFailure(pb::QuotaFailure),
    /// `google.rpc.PreconditionFailure`
    PreconditionFailure(pb::PreconditionFailure),
    /// `google.rpc.BadRequest`
    BadRequest(pb::BadRequest),
    /// `google.rpc.RequestInfo`
    RequestInfo(pb::RequestInfo),
    /// `google.rpc.ResourceInfo`
    ResourceInfo(pb::ResourceInfo),
    /// `google.rpc.Help`
    Help(pb::Help),
    /// `google.rpc.LocalizedMessage`
    LocalizedMessage(pb::LocalizedMessage),
}

impl StandardDetail {
    /// Decodes a packed detail. A type URL outside the standard set is reported as
    /// [`DecodeErrorKind::UnknownTypeUrl`](crate::decode::DecodeErrorKind::UnknownTypeUrl); the
    /// type URL's domain part is not checked, only the message name after the last `/`.
    ///
    /// ```
    /// use rich_status::decode::{AnyRef, DecodeErrorKind, StandardDetail};
    ///
    /// let any = AnyRef::new("type.googleapis.com/google.rpc.LocalizedMessage", b"\x0a\x02en");
    /// let StandardDetail::LocalizedMessage(m) = StandardDetail::from_any(any).unwrap() else {
    ///     unreachable!()
    /// };
    /// assert_eq!(m.locale, "en");
    ///
    /// let other = AnyRef::new("type.googleapis.com/acme.v1.Thing", b"");
    /// let err = StandardDetail::from_any(other).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::UnknownTypeUrl { .. }));
    /// ```
    pub fn from_any(any: AnyRef<'_>) -> Result<StandardDetail, DecodeError> {
        match Self::decode_known(any.type_name(), any.value()) {
            Some(Ok(detail)) => Ok(detail),
            Some(Err(error)) => Err(DecodeError::detail(any.index(), any.type_url(), error)),
            None => Err(DecodeError::unknown_type_url(any.type_url())),
        }
    }

    /// `None` when `type_name` is not a standard detail.
    fn decode_known(
        type_name: &str,
        value: &[u8],
    ) -> Option<Result<StandardDetail, prost::DecodeError>> {
        use StandardDetail as S;
        Some(match type_name {
            "google.rpc.ErrorInfo" => pb::ErrorInfo::decode(value).map(S::ErrorInfo),
            "google.rpc.RetryInfo" => pb::RetryInfo::decode(value).map(S::RetryInfo),
            "google.rpc.DebugInfo" => pb::DebugInfo::decode(value).map(S::DebugInfo),
            "google.rpc.QuotaFailure" => pb::QuotaFailure::decode(value).map(S::QuotaFailure),
            "google.rpc.PreconditionFailure" => {
                pb::PreconditionFailure::decode(value).map(S::PreconditionFailure)
            }
            "google.rpc.BadRequest" => pb::BadRequest::decode(value).map(S::BadRequest),
            "google.rpc.RequestInfo" => pb::RequestInfo::decode(value).map(S::RequestInfo),
            "google.rpc.ResourceInfo" => pb::ResourceInfo::decode(value).map(S::ResourceInfo),
            "google.rpc.Help" => pb::Help::decode(value).map(S::Help),
            "google.rpc.LocalizedMessage" => {
                pb::LocalizedMessage::decode(value).map(S::LocalizedMessage)
            }
            _ => return None,
        })
    }
}

/// A standard detail in the proto3 JSON mapping, written from its bytes by its module's
/// table of JSON fields (for an HTTP answer or a Connect error's `debug`): `None` for a
/// message outside the standard set, or bytes prost would not decode as the message.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) fn json(any: AnyRef<'_>) -> Option<serde_json::Map<String, serde_json::Value>> {
    crate::json::object(any.value(), json_fields(any.type_name())?)
}

/// The table of JSON fields of the standard detail `type_name` (`google.rpc.ErrorInfo`),
/// from its module.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) fn json_fields(type_name: &str) -> Option<&'static [crate::json::Field]> {
    use crate::detail::*;
    Some(match type_name {
        "google.rpc.ErrorInfo" => error_info::JSON,
        "google.rpc.RetryInfo" => retry_info::JSON,
        "google.rpc.DebugInfo" => debug_info::JSON,
        "google.rpc.QuotaFailure" => quota_failure::JSON,
        "google.rpc.PreconditionFailure" => precondition_failure::JSON,
        "google.rpc.BadRequest" => bad_request::JSON,
        "google.rpc.RequestInfo" => request_info::JSON,
        "google.rpc.ResourceInfo" => resource_info::JSON,
        "google.rpc.Help" => help::JSON,
        "google.rpc.LocalizedMessage" => localized_message::JSON,
        _ => return None,
    })
}
