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

/// The JSON forms read from bytes, held to prost's verdicts.
#[cfg(all(test, any(feature = "axum", feature = "connect")))]
mod tests {
    use crate::any::AnyRef;
    use serde_json::{Value, json};

    /// The JSON object of the standard detail `name` in `bytes`, as read from them.
    fn read(name: &str, bytes: &[u8]) -> Option<Value> {
        super::json(AnyRef::new(name, bytes)).map(Value::Object)
    }

    #[test]
    fn reads_what_prost_decodes() {
        // `reason` twice (the last wins, an empty last one included), `metadata` with a
        // key twice and an entry without a value, an unknown varint and group.
        let info = [
            b"\x0a\x01A\x0a\x01B\x12\x02d1".as_slice(),
            b"\x1a\x06\x0a\x01k\x12\x011\x1a\x06\x0a\x01k\x12\x012\x1a\x03\x0a\x01e",
            b"\x48\x07\x4b\x50\x01\x4c",
        ]
        .concat();
        assert_eq!(
            read("google.rpc.ErrorInfo", &info),
            Some(json!({"reason": "B", "domain": "d1", "metadata": {"k": "2", "e": ""}}))
        );
        let emptied = [info.as_slice(), b"\x0a\x00"].concat();
        assert_eq!(
            read("google.rpc.ErrorInfo", &emptied)
                .unwrap()
                .get("reason"),
            None
        );
        // A `Duration` sent twice is merged: seconds from the first, nanos from the second.
        let retry = b"\x0a\x02\x08\x03\x0a\x05\x10\x80\xe1\xeb\x17";
        assert_eq!(
            read("google.rpc.RetryInfo", retry),
            Some(json!({"retryDelay": "3.050s"}))
        );
        // A nested message sent twice is merged too.
        let violation = b"\x0a\x0c\x22\x04\x0a\x02fr\x22\x04\x12\x02ok";
        assert_eq!(
            read("google.rpc.BadRequest", violation),
            Some(
                json!({"fieldViolations": [{"localizedMessage": {"locale": "fr", "message": "ok"}}]})
            )
        );
        // Present `optional` zero, absent `int64` zero, negative values.
        let quota = b"\x0a\x0f\x38\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x40\x00\x38\x00";
        assert_eq!(
            read("google.rpc.QuotaFailure", quota),
            Some(json!({"violations": [{"futureQuotaValue": "0"}]}))
        );
        let stack = b"\x0a\x01a\x0a\x00\x0a\x01b";
        assert_eq!(
            read("google.rpc.DebugInfo", stack),
            Some(json!({"stackEntries": ["a", "", "b"]}))
        );
    }

    #[test]
    fn refuses_what_prost_refuses() {
        use prost::Message as _;
        for (name, bytes) in [
            // Not UTF-8, a known field with the wrong wire type, cut short, a map entry
            // whose key is a varint.
            ("google.rpc.ErrorInfo", b"\x0a\x01\xff".as_slice()),
            ("google.rpc.ErrorInfo", b"\x08\x01"),
            ("google.rpc.Help", b"\x0a\x05\x0a\x01"),
            ("google.rpc.ErrorInfo", b"\x1a\x02\x08\x01"),
        ] {
            assert_eq!(read(name, bytes), None, "{bytes:?}");
            let prost_refuses = match name {
                "google.rpc.Help" => crate::pb::Help::decode(bytes).is_err(),
                _ => crate::pb::ErrorInfo::decode(bytes).is_err(),
            };
            assert!(prost_refuses, "{bytes:?}");
        }
    }
}
