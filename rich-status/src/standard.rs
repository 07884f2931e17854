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

#[cfg(any(feature = "axum", feature = "connect"))]
impl StandardDetail {
    /// Its fields in the proto3 JSON mapping, in the form its module gives, for an HTTP
    /// answer or a Connect error's `debug`.
    pub(crate) fn into_json(self, o: &mut crate::json::Object) {
        use crate::detail::*;
        match self {
            StandardDetail::ErrorInfo(d) => error_info::json(d, o),
            StandardDetail::RetryInfo(d) => retry_info::json(d, o),
            StandardDetail::DebugInfo(d) => debug_info::json(d, o),
            StandardDetail::QuotaFailure(d) => quota_failure::json(d, o),
            StandardDetail::PreconditionFailure(d) => precondition_failure::json(d, o),
            StandardDetail::BadRequest(d) => bad_request::json(d, o),
            StandardDetail::RequestInfo(d) => request_info::json(d, o),
            StandardDetail::ResourceInfo(d) => resource_info::json(d, o),
            StandardDetail::Help(d) => help::json(d, o),
            StandardDetail::LocalizedMessage(d) => localized_message::json(d, o),
        }
    }
}
