//! Every standard detail, encoded by rich-status and decoded back: fields equal, and the
//! bytes equal prost's own encoding of the same `google.rpc.Status`.

use std::time::Duration;

use bytes::Bytes;
use prost::Message;
use rich_status::{Details, StatusExt, decode::StandardDetail, pb, policy};
use rich_status_tests::*;
use tonic::Code;

/// The catalogue written through the typed writer, from the fixture's fields.
fn encode_with_writer() -> Bytes {
    policy::set_debug_info(true);
    let (error_info, retry, debug) = (error_info(), retry_info(), debug_info());
    let (quota, precondition, bad) = (quota_failure(), precondition_failure(), bad_request());
    let (request, resource, help, localized) =
        (request_info(), resource_info(), help(), localized_message());
    let delay = retry.retry_delay.unwrap();
    rich_status::encode_status(CODE, MESSAGE, |w| {
        {
            let mut info = w.error_info(&error_info.reason, &error_info.domain);
            for (key, value) in &error_info.metadata {
                info.metadata(key, value);
            }
        }
        w.retry_info(Duration::new(delay.seconds as u64, delay.nanos as u32));
        w.debug_info_entries(&debug.stack_entries, &debug.detail);
        for v in &quota.violations {
            let mut violation = w.quota_violation(&v.subject, &v.description);
            violation
                .api_service(&v.api_service)
                .quota_metric(&v.quota_metric)
                .quota_id(&v.quota_id);
            for (key, value) in &v.quota_dimensions {
                violation.quota_dimension(key, value);
            }
            violation.quota_value(v.quota_value);
            if let Some(future) = v.future_quota_value {
                violation.future_quota_value(future);
            }
        }
        for v in &precondition.violations {
            w.precondition_violation(&v.r#type, &v.subject, &v.description);
        }
        for v in &bad.field_violations {
            let mut violation = w.field_violation(&v.field, &v.description);
            violation.reason(&v.reason);
            if let Some(m) = &v.localized_message {
                violation.localized_message(&m.locale, &m.message);
            }
        }
        w.request_info(&request.request_id)
            .serving_data(&request.serving_data);
        w.resource_info(&resource.resource_type, &resource.resource_name)
            .owner(&resource.owner)
            .description(&resource.description);
        for link in &help.links {
            w.help_link(&link.description, &link.url);
        }
        w.localized_message(&localized.locale, &localized.message);
    })
}

#[test]
fn the_writer_writes_the_same_bytes_as_prost() {
    let ours = encode_with_writer();
    let prost = every_detail_status().encode_to_vec();
    assert_eq!(ours.len(), prost.len());
    assert_eq!(&ours[..], &prost[..]);
}

#[test]
fn the_writer_round_trips_every_standard_detail() {
    let details = Details::decode(&encode_with_writer()).unwrap();
    assert_every_detail(&details);
    assert_every_detail_in_order(&details);
    assert_eq!(details.to_proto(), every_detail_status());
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
    let ours = rich_status::encode_status(CODE, MESSAGE, |w| {
        w.detail(&error_info());
        w.detail(&retry_info());
        w.detail(&debug_info());
        w.detail(&quota_failure());
        w.detail(&precondition_failure());
        w.detail(&bad_request());
        w.detail(&request_info());
        w.detail(&resource_info());
        w.detail(&help());
        w.detail(&localized_message());
    });
    assert_eq!(&ours[..], &every_detail_status().encode_to_vec()[..]);
    let decoded = Details::decode(&ours).unwrap();
    assert_eq!(decoded.standard().collect::<Vec<_>>(), owned);
}

#[test]
fn status_carries_code_message_and_details_through_tonic_headers() {
    let bytes = encode_with_writer();
    let status = tonic::Status::with_details(CODE, MESSAGE, bytes.clone());

    // What a server writes into the trailers, and what a client reads back from them.
    let mut headers = http::HeaderMap::new();
    status.add_header(&mut headers).unwrap();
    let received = tonic::Status::from_header_map(&headers).unwrap();
    assert_eq!(received.code(), CODE);
    assert_eq!(received.message(), MESSAGE);
    let details = received.rich_details().unwrap();
    assert_every_detail(&details);
    assert_every_detail_in_order(&details);

    // The raw trailer value decodes the same without tonic.
    let trailer = headers.get("grpc-status-details-bin").unwrap();
    assert_eq!(Details::from_trailer(trailer.as_bytes()).unwrap(), details);
}

#[test]
fn status_function_puts_the_outer_code_and_message_in_the_proto() {
    let status = rich_status::status(Code::NotFound, AWKWARD, |w| {
        w.error_info("USER_UNKNOWN", "users.example.com");
    });
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
    let bytes = rich_status::encode_status(Code::Internal, "x", |w| {
        w.error_info("R", "example.com")
            .metadata("empty", "")
            .metadata("id", id)
            .metadata("ratio", ratio);
    });
    let expected = pb::Status {
        code: Code::Internal as i32,
        message: "x".into(),
        details: vec![prost_types::Any {
            type_url: rich_status::detail::type_url::ERROR_INFO.into(),
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
        pb::ErrorInfo::decode(&expected.details[0].value[..]).unwrap()
    );
    assert_eq!(decoded.to_proto(), expected);
}

#[test]
fn empty_details_and_empty_messages_match_prost() {
    // An ErrorInfo with nothing in it packs an Any with no value field at all.
    let empty = pb::LocalizedMessage::default();
    let bytes = rich_status::encode_status(Code::Ok, "", |w| {
        w.detail(&empty);
        w.localized_message("", "");
    });
    let expected = pb::Status {
        code: 0,
        message: String::new(),
        details: vec![
            prost_types::Any {
                type_url: rich_status::detail::type_url::LOCALIZED_MESSAGE.into(),
                value: vec![],
            };
            2
        ],
    };
    assert_eq!(&bytes[..], &expected.encode_to_vec()[..]);
    assert_eq!(
        Details::decode(&bytes).unwrap().localized_message(),
        Some(empty)
    );
}

#[test]
fn negative_and_extreme_numbers_match_prost() {
    let bytes = rich_status::encode_status(Code::Unknown, "m", |w| {
        w.quota_violation("s", "d")
            .quota_value(-1)
            .future_quota_value(i64::MAX);
        w.retry_info(Duration::MAX);
    });
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
                type_url: rich_status::detail::type_url::QUOTA_FAILURE.into(),
                value: expected_quota.encode_to_vec(),
            },
            prost_types::Any {
                type_url: rich_status::detail::type_url::RETRY_INFO.into(),
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
    policy::set_debug_info(true);
    let status = rich_status::status(Code::Internal, "storage failed", |w| {
        w.debug_info(&err, Some(&err), None);
    });
    let details = status.rich_details().unwrap();
    assert_eq!(
        details.debug_info().unwrap().stack_entries,
        ["storage failed", "disk full"]
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
    let status = rich_status::status(Code::FailedPrecondition, "insufficient funds", |w| {
        w.error_info("INSUFFICIENT_FUNDS", "bank.example.com");
        w.detail(&balance);
    });
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
    let all: Vec<&dyn std::fmt::Display> = entries
        .iter()
        .map(|e| e as &dyn std::fmt::Display)
        .chain(numbers.iter().map(|n| n as &dyn std::fmt::Display))
        .collect();
    policy::set_debug_info(true);
    let bytes = rich_status::encode_status(Code::Internal, "deep", |w| {
        w.debug_info_entries(&all, "");
    });
    let mut expected: Vec<String> = entries.clone();
    expected.extend(numbers.iter().map(|n| n.to_string()));
    let reference = pb::Status {
        code: Code::Internal as i32,
        message: "deep".into(),
        details: vec![prost_types::Any {
            type_url: rich_status::detail::type_url::DEBUG_INFO.into(),
            value: pb::DebugInfo {
                stack_entries: expected,
                detail: String::new(),
            }
            .encode_to_vec(),
        }],
    };
    assert_eq!(&bytes[..], &reference.encode_to_vec()[..]);
}
