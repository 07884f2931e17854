//! Every standard detail, encoded by rich-status and decoded back: fields equal, and the
//! bytes equal prost's own encoding of the same `google.rpc.Status`.

use std::time::Duration;

use bytes::Bytes;
use prost::Message;
use rich_status::{
    BadRequestRef, DebugInfoRef, Details, EncodeDetail, ErrorInfoRef, FieldViolationRef,
    HelpLinkRef, HelpRef, LocalizedMessageRef, Packed, PreconditionFailureRef,
    PreconditionViolationRef, QuotaFailureRef, QuotaViolationRef, RequestInfoRef, ResourceInfoRef,
    RetryInfoRef, StandardDetail, StatusExt, Text, pb,
};
use rich_status_tests::*;
use tonic::Code;

fn pairs(map: &std::collections::BTreeMap<String, String>) -> Vec<(&str, Text<'_>)> {
    map.iter()
        .map(|(k, v)| (k.as_str(), Text::from(v)))
        .collect()
}

/// The catalogue written through the borrowed views, from the fixture's fields.
fn encode_with_views() -> Bytes {
    let error_info = error_info();
    let metadata = pairs(&error_info.metadata);
    let error_info_ref =
        ErrorInfoRef::new(&error_info.reason, &error_info.domain).with_metadata(&metadata);

    let delay = retry_info().retry_delay.unwrap();
    let retry_ref = RetryInfoRef::new(Duration::new(delay.seconds as u64, delay.nanos as u32));

    let debug = debug_info();
    let entries: Vec<Text<'_>> = debug.stack_entries.iter().map(Text::from).collect();
    let debug_ref = DebugInfoRef::new(&entries).with_detail(&debug.detail);

    let quota = quota_failure();
    let dimensions: Vec<_> = quota
        .violations
        .iter()
        .map(|v| pairs(&v.quota_dimensions))
        .collect();
    let quota_violations: Vec<_> = quota
        .violations
        .iter()
        .zip(&dimensions)
        .map(|(v, dims)| {
            QuotaViolationRef::new(&v.subject, &v.description)
                .with_api_service(&v.api_service)
                .with_quota_metric(&v.quota_metric)
                .with_quota_id(&v.quota_id)
                .with_quota_dimensions(dims)
                .with_quota_value(v.quota_value)
                .with_future_quota_value(v.future_quota_value)
        })
        .collect();
    let quota_ref = QuotaFailureRef::new(&quota_violations);

    let precondition = precondition_failure();
    let precondition_violations: Vec<_> = precondition
        .violations
        .iter()
        .map(|v| PreconditionViolationRef::new(&v.r#type, &v.subject, &v.description))
        .collect();
    let precondition_ref = PreconditionFailureRef::new(&precondition_violations);

    let bad = bad_request();
    let field_violations: Vec<_> = bad
        .field_violations
        .iter()
        .map(|v| {
            let mut r = FieldViolationRef::new(&v.field, &v.description).with_reason(&v.reason);
            if let Some(m) = &v.localized_message {
                r = r.with_localized_message(LocalizedMessageRef::new(&m.locale, &m.message));
            }
            r
        })
        .collect();
    let bad_ref = BadRequestRef::new(&field_violations);

    let request = request_info();
    let request_ref =
        RequestInfoRef::new(&request.request_id).with_serving_data(&request.serving_data);

    let resource = resource_info();
    let resource_ref = ResourceInfoRef::new(&resource.resource_type, &resource.resource_name)
        .with_owner(&resource.owner)
        .with_description(&resource.description);

    let help = help();
    let links: Vec<_> = help
        .links
        .iter()
        .map(|l| HelpLinkRef::new(&l.description, &l.url))
        .collect();
    let help_ref = HelpRef::new(&links);

    let localized = localized_message();
    let localized_ref = LocalizedMessageRef::new(&localized.locale, &localized.message);

    rich_status::encode_status(
        CODE,
        MESSAGE,
        &[
            &error_info_ref,
            &retry_ref,
            &debug_ref,
            &quota_ref,
            &precondition_ref,
            &bad_ref,
            &request_ref,
            &resource_ref,
            &help_ref,
            &localized_ref,
        ],
    )
}

#[test]
fn views_write_the_same_bytes_as_prost() {
    let ours = encode_with_views();
    let prost = catalogue_status().encode_to_vec();
    assert_eq!(ours.len(), prost.len());
    assert_eq!(&ours[..], &prost[..]);
}

#[test]
fn views_round_trip_every_standard_detail() {
    let details = Details::decode(&encode_with_views()).unwrap();
    assert_catalogue(&details);
    assert_catalogue_order(&details);
    assert_eq!(details.to_proto(), catalogue_status());
}

#[test]
fn owned_prost_types_encode_as_prost_does() {
    let owned: Vec<StandardDetail> = vec![
        StandardDetail::ErrorInfo(error_info()),
        StandardDetail::RetryInfo(retry_info()),
        StandardDetail::DebugInfo(debug_info()),
        StandardDetail::QuotaFailure(quota_failure()),
        StandardDetail::PreconditionFailure(precondition_failure()),
        StandardDetail::BadRequest(bad_request()),
        StandardDetail::RequestInfo(request_info()),
        StandardDetail::ResourceInfo(resource_info()),
        StandardDetail::Help(help()),
        StandardDetail::LocalizedMessage(localized_message()),
    ];
    let refs: Vec<&dyn EncodeDetail> = owned.iter().map(|d| d as &dyn EncodeDetail).collect();
    let ours = rich_status::encode_status(CODE, MESSAGE, &refs);
    assert_eq!(&ours[..], &catalogue_status().encode_to_vec()[..]);
    let decoded = Details::decode(&ours).unwrap();
    assert_eq!(decoded.standard().cloned().collect::<Vec<_>>(), owned);
}

#[test]
fn status_carries_code_message_and_details_through_tonic_headers() {
    let bytes = encode_with_views();
    let status = tonic::Status::with_details(CODE, MESSAGE, bytes.clone());

    // What a server writes into the trailers, and what a client reads back from them.
    let mut headers = http::HeaderMap::new();
    status.add_header(&mut headers).unwrap();
    let received = tonic::Status::from_header_map(&headers).unwrap();
    assert_eq!(received.code(), CODE);
    assert_eq!(received.message(), MESSAGE);
    let details = received.rich_details().unwrap();
    assert_catalogue(&details);
    assert_catalogue_order(&details);

    // The raw trailer value decodes the same without tonic.
    let trailer = headers.get("grpc-status-details-bin").unwrap();
    assert_eq!(Details::from_trailer(trailer.as_bytes()).unwrap(), details);
}

#[test]
fn status_function_puts_the_outer_code_and_message_in_the_proto() {
    let status = rich_status::status(
        Code::NotFound,
        AWKWARD,
        &[&ErrorInfoRef::new("USER_UNKNOWN", "users.example.com")],
    );
    let proto = pb::Status::decode(status.details()).unwrap();
    assert_eq!(proto.code, status.code() as i32);
    assert_eq!(proto.message, status.message());
    assert_eq!(proto.message, AWKWARD);
}

#[test]
fn display_values_are_written_as_formatted() {
    let id = 1234567u64;
    let ratio = 0.5f64;
    // Keys in sorted order, the order prost writes a BTreeMap in.
    let metadata = [
        ("empty", Text::display(&"")),
        ("id", Text::display(&id)),
        ("ratio", Text::display(&ratio)),
    ];
    let bytes = rich_status::encode_status(
        Code::Internal,
        "x",
        &[&ErrorInfoRef::new("R", Text::display(&"example.com")).with_metadata(&metadata)],
    );
    let expected = pb::Status {
        code: Code::Internal as i32,
        message: "x".into(),
        details: vec![prost_types::Any {
            type_url: rich_status::type_url::ERROR_INFO.into(),
            value: pb::ErrorInfo {
                reason: "R".into(),
                domain: "example.com".into(),
                metadata: [("id", "1234567"), ("ratio", "0.5"), ("empty", "")]
                    .into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            }
            .encode_to_vec(),
        }],
    };
    let decoded = Details::decode(&bytes).unwrap();
    assert_eq!(
        decoded.error_info().unwrap(),
        &pb::ErrorInfo::decode(&expected.details[0].value[..]).unwrap()
    );
    assert_eq!(decoded.to_proto(), expected);
}

#[test]
fn empty_details_and_empty_messages_match_prost() {
    // An ErrorInfo with nothing in it packs an Any with no value field at all.
    let empty = pb::LocalizedMessage::default();
    let bytes =
        rich_status::encode_status(Code::Ok, "", &[&empty, &LocalizedMessageRef::new("", "")]);
    let expected = pb::Status {
        code: 0,
        message: String::new(),
        details: vec![
            prost_types::Any {
                type_url: rich_status::type_url::LOCALIZED_MESSAGE.into(),
                value: vec![],
            };
            2
        ],
    };
    assert_eq!(&bytes[..], &expected.encode_to_vec()[..]);
    assert_eq!(
        Details::decode(&bytes).unwrap().localized_message(),
        Some(&empty)
    );
}

#[test]
fn negative_and_extreme_numbers_match_prost() {
    let v = [QuotaViolationRef::new("s", "d")
        .with_quota_value(-1)
        .with_future_quota_value(Some(i64::MAX))];
    let bytes = rich_status::encode_status(
        Code::Unknown,
        "m",
        &[&QuotaFailureRef::new(&v), &RetryInfoRef::new(Duration::MAX)],
    );
    let expected_quota = pb::QuotaFailure {
        violations: vec![pb::quota_failure::Violation {
            subject: "s".into(),
            description: "d".into(),
            quota_value: -1,
            future_quota_value: Some(i64::MAX),
            ..Default::default()
        }],
    };
    let expected_retry = pb::RetryInfo {
        retry_delay: Some(prost_types::Duration {
            seconds: i64::MAX,
            nanos: 999_999_999,
        }),
    };
    let expected = pb::Status {
        code: Code::Unknown as i32,
        message: "m".into(),
        details: vec![
            prost_types::Any {
                type_url: rich_status::type_url::QUOTA_FAILURE.into(),
                value: expected_quota.encode_to_vec(),
            },
            prost_types::Any {
                type_url: rich_status::type_url::RETRY_INFO.into(),
                value: expected_retry.encode_to_vec(),
            },
        ],
    };
    assert_eq!(&bytes[..], &expected.encode_to_vec()[..]);
}

#[test]
fn source_chain_becomes_stack_entries_outermost_first() {
    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("storage failed")
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let err = Outer(std::io::Error::other("disk full"));
    let status = rich_status::status(
        Code::Internal,
        "storage failed",
        &[&DebugInfoRef::new(&[Text::str("frame 0")]).with_source_chain(&err)],
    );
    let details = status.rich_details().unwrap();
    assert_eq!(
        details.debug_info().unwrap().stack_entries,
        ["frame 0", "storage failed", "disk full"]
    );
}

/// A message of a service's own `.proto`.
#[derive(Clone, PartialEq, prost::Message)]
struct Balance {
    #[prost(int64, tag = "1")]
    cents: i64,
    #[prost(string, tag = "2")]
    currency: String,
}

impl prost::Name for Balance {
    const NAME: &'static str = "Balance";
    const PACKAGE: &'static str = "bank.v1";
    fn type_url() -> String {
        "type.googleapis.com/bank.v1.Balance".into()
    }
}

#[test]
fn a_services_own_message_round_trips_beside_standard_ones() {
    let balance = Balance {
        cents: -1250,
        currency: "EUR".into(),
    };
    let status = rich_status::status(
        Code::FailedPrecondition,
        "insufficient funds",
        &[
            &ErrorInfoRef::new("INSUFFICIENT_FUNDS", "bank.example.com"),
            &Packed::new(&balance),
        ],
    );
    let details = status.rich_details().unwrap();
    assert_eq!(details.get::<Balance>().unwrap(), Some(balance.clone()));
    assert_eq!(details.standard().count(), 1);
    let any = details.anys().nth(1).unwrap();
    assert_eq!(any.type_url(), "type.googleapis.com/bank.v1.Balance");
    assert_eq!(any.value(), &balance.encode_to_vec()[..]);
    assert_eq!(
        details.get::<pb::ErrorInfo>().unwrap().unwrap().reason,
        "INSUFFICIENT_FUNDS"
    );
}

#[test]
fn a_large_detail_set_spills_past_the_inline_length_slots() {
    let entries: Vec<String> = (0..200)
        .map(|i| format!("frame {i}: {}", "é".repeat(i % 7)))
        .collect();
    let numbers: Vec<usize> = (0..200).collect();
    let texts: Vec<Text<'_>> = numbers.iter().map(|n| Text::display(n)).collect();
    let mut all: Vec<Text<'_>> = entries.iter().map(Text::from).collect();
    all.extend(texts);
    let bytes = rich_status::encode_status(Code::Internal, "deep", &[&DebugInfoRef::new(&all)]);
    let mut expected: Vec<String> = entries.clone();
    expected.extend(numbers.iter().map(|n| n.to_string()));
    let reference = pb::Status {
        code: Code::Internal as i32,
        message: "deep".into(),
        details: vec![prost_types::Any {
            type_url: rich_status::type_url::DEBUG_INFO.into(),
            value: pb::DebugInfo {
                stack_entries: expected,
                detail: String::new(),
            }
            .encode_to_vec(),
        }],
    };
    assert_eq!(&bytes[..], &reference.encode_to_vec()[..]);
}
