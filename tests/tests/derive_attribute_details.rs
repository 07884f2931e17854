//! Variants whose details are the attribute details: the bytes on the wire are those of
//! the same `google.rpc.Status` built with prost, for every standard detail kind, keys
//! written in any order, text that needs escaping, and every kind of field a template or
//! metadata value shows.

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use prost::{Message, Name};
use rich_status::{RichStatus, pb};
use tonic::Status;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "described.example.com")]
pub enum Described {
    #[error("every kind")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(description = "quota \"{name}\" \\ {{{count}}}", subject = "user:{name}"),
        quota_failure(
            subject = "é ünïcode\n\t",
            description = "{count:>4}|{name:?}",
            api_service = "api",
            quota_metric = "metric/{count}",
            quota_id = "{name}",
        ),
        precondition_failure(type = "TOS", subject = "{name}", description = "{{}}"),
        bad_request(reason = "TOO_LONG", field = "name"),
        bad_request(field = "count", description = "{count} > 3"),
        help(url = "https://example.com/{name}", description = "docs"),
        help(description = "more", url = "https://example.com/\")"),
        resource_info(owner = "{name}", resource_type = "t", resource_name = "r", description = "d"),
        request_info(serving_data = "{boxed}{cow}{arc}{rc}", request_id = "req-{count}"),
        localized_message(locale = "fr", message = "trop de {count}"),
        retry_info(delay = "1.5s"),
    )]
    Every {
        #[rich_status(metadata)]
        name: String,
        #[rich_status(metadata)]
        count: u32,
        #[rich_status(metadata = "staticStr")]
        literal: &'static str,
        #[rich_status(metadata)]
        boxed: Box<str>,
        #[rich_status(metadata)]
        cow: Cow<'static, str>,
        #[rich_status(metadata)]
        arc: Arc<str>,
        #[rich_status(metadata)]
        rc: Rc<str>,
    },

    #[error("nothing but ErrorInfo")]
    #[rich_status(code = NotFound)]
    Bare,

    /// Thirteen values, one more than the one-call form takes: written the long way.
    #[error("many")]
    #[rich_status(code = InvalidArgument, help(url = "{m}", description = "{count}"))]
    Many {
        #[rich_status(metadata)]
        aa: String,
        #[rich_status(metadata)]
        bb: String,
        #[rich_status(metadata)]
        cc: String,
        #[rich_status(metadata)]
        dd: String,
        #[rich_status(metadata)]
        ee: String,
        #[rich_status(metadata)]
        ff: String,
        #[rich_status(metadata)]
        gg: String,
        #[rich_status(metadata)]
        hh: String,
        #[rich_status(metadata)]
        ii: String,
        #[rich_status(metadata)]
        jj: String,
        #[rich_status(metadata)]
        kk: String,
        #[rich_status(metadata)]
        ll: String,
        m: String,
        count: u8,
    },
}

fn every() -> Described {
    Described::Every {
        name: "Ada \"L\"".into(),
        count: 7,
        literal: "lit",
        boxed: "b".into(),
        cow: Cow::Borrowed("c"),
        arc: Arc::from("a"),
        rc: Rc::from("r"),
    }
}

fn any<M: Message + Name>(message: M) -> prost_types::Any {
    prost_types::Any {
        type_url: M::type_url(),
        value: message.encode_to_vec(),
    }
}

fn expected_every() -> pb::Status {
    let name = "Ada \"L\"";
    let metadata = [
        ("name", name),
        ("count", "7"),
        ("staticStr", "lit"),
        ("boxed", "b"),
        ("cow", "c"),
        ("arc", "a"),
        ("rc", "r"),
    ];
    let details = vec![
        any(pb::ErrorInfo {
            reason: "EVERY".into(),
            domain: "described.example.com".into(),
            metadata: metadata
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }),
        any(pb::QuotaFailure {
            violations: vec![
                pb::quota_failure::Violation {
                    subject: format!("user:{name}"),
                    description: format!("quota \"{name}\" \\ {{7}}"),
                    ..Default::default()
                },
                pb::quota_failure::Violation {
                    subject: "é ünïcode\n\t".into(),
                    description: format!("   7|{name:?}"),
                    api_service: "api".into(),
                    quota_metric: "metric/7".into(),
                    quota_id: name.into(),
                    ..Default::default()
                },
            ],
        }),
        any(pb::PreconditionFailure {
            violations: vec![pb::precondition_failure::Violation {
                r#type: "TOS".into(),
                subject: name.into(),
                description: "{}".into(),
            }],
        }),
        any(pb::BadRequest {
            field_violations: vec![
                pb::bad_request::FieldViolation {
                    field: "name".into(),
                    reason: "TOO_LONG".into(),
                    ..Default::default()
                },
                pb::bad_request::FieldViolation {
                    field: "count".into(),
                    description: "7 > 3".into(),
                    ..Default::default()
                },
            ],
        }),
        any(pb::Help {
            links: vec![
                pb::help::Link {
                    description: "docs".into(),
                    url: format!("https://example.com/{name}"),
                },
                pb::help::Link {
                    description: "more".into(),
                    url: "https://example.com/\")".into(),
                },
            ],
        }),
        any(pb::ResourceInfo {
            resource_type: "t".into(),
            resource_name: "r".into(),
            owner: name.into(),
            description: "d".into(),
        }),
        any(pb::RequestInfo {
            request_id: "req-7".into(),
            serving_data: "bcar".into(),
        }),
        any(pb::LocalizedMessage {
            locale: "fr".into(),
            message: "trop de 7".into(),
        }),
        any(pb::RetryInfo {
            retry_delay: Some(prost_types::Duration {
                seconds: 1,
                nanos: 500_000_000,
            }),
        }),
    ];
    pb::Status {
        code: tonic::Code::ResourceExhausted as i32,
        message: "every kind".into(),
        details,
    }
}

#[test]
fn every_kind_is_written_as_prost_writes_it() {
    let status = Status::from(every());
    assert_eq!(status.code(), tonic::Code::ResourceExhausted);
    let expected = expected_every();
    let decoded = pb::Status::decode(status.details()).unwrap();
    assert_eq!(
        (decoded.code, &decoded.message),
        (expected.code, &expected.message)
    );
    assert_eq!(decoded.details.len(), expected.details.len());
    // ErrorInfo compared decoded: prost writes its metadata map sorted by key and
    // rich-status in field order (both valid; a map's order is not defined).
    let info = |any: &prost_types::Any| pb::ErrorInfo::decode(&any.value[..]).unwrap();
    assert_eq!(decoded.details[0].type_url, expected.details[0].type_url);
    assert_eq!(info(&decoded.details[0]), info(&expected.details[0]));
    // Every other detail byte for byte.
    for (sent, built) in decoded.details.iter().zip(&expected.details).skip(1) {
        assert_eq!(sent, built, "{}", built.type_url);
    }
    // And the envelope itself as prost writes it.
    assert_eq!(status.details(), &decoded.encode_to_vec()[..]);
}

#[test]
fn a_variant_with_no_details_sends_error_info_alone() {
    let status = Described::Bare.to_status();
    let expected = pb::Status {
        code: tonic::Code::NotFound as i32,
        message: "nothing but ErrorInfo".into(),
        details: vec![any(pb::ErrorInfo {
            reason: "BARE".into(),
            domain: "described.example.com".into(),
            metadata: Default::default(),
        })],
    };
    assert_eq!(status.details(), &expected.encode_to_vec()[..]);
}

#[test]
fn the_budget_cuts_attribute_details_as_it_cuts_hand_written_ones() {
    // Over a small budget, the optional details go and violations beyond the first are
    // dropped, exactly as for hand-written details; ErrorInfo's reason and domain stay.
    let error = every();
    let status =
        rich_status::status_with_budget(tonic::Code::ResourceExhausted, "every kind", 900, |w| {
            error.details(w)
        });
    let decoded = pb::Status::decode(status.details()).unwrap();
    let urls: Vec<&str> = decoded
        .details
        .iter()
        .map(|d| d.type_url.as_str())
        .collect();
    assert!(!urls.contains(&pb::Help::type_url().as_str()), "{urls:?}");
    let quota = decoded
        .details
        .iter()
        .find(|d| d.type_url == pb::QuotaFailure::type_url())
        .map(|d| pb::QuotaFailure::decode(&d.value[..]).unwrap())
        .unwrap();
    assert_eq!(quota.violations.len(), 1);
    let info = pb::ErrorInfo::decode(&decoded.details[0].value[..]).unwrap();
    assert_eq!(info.reason, "EVERY");
    assert_eq!(info.domain, "described.example.com");
    assert!(
        info.metadata["richStatusTruncated"].contains("violations"),
        "{:?}",
        info.metadata
    );
}

#[test]
fn a_variant_with_many_metadata_fields_writes_each() {
    let keys = [
        "aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh", "ii", "jj", "kk", "ll",
    ];
    let [a, b, c, d, e, f, g, h, i, j, k, l] = keys.map(|key| format!("{key}-value"));
    let error = Described::Many {
        aa: a,
        bb: b,
        cc: c,
        dd: d,
        ee: e,
        ff: f,
        gg: g,
        hh: h,
        ii: i,
        jj: j,
        kk: k,
        ll: l,
        m: "https://example.com/m".into(),
        count: 13,
    };
    let status = Status::from(error);
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    let decoded = pb::Status::decode(status.details()).unwrap();
    assert_eq!(decoded.details.len(), 2);
    let info = pb::ErrorInfo::decode(&decoded.details[0].value[..]).unwrap();
    assert_eq!(info.reason, "MANY");
    assert_eq!(info.metadata.len(), 12);
    for key in keys {
        assert_eq!(info.metadata[key], format!("{key}-value"));
    }
    assert_eq!(
        decoded.details[1],
        any(pb::Help {
            links: vec![pb::help::Link {
                description: "13".into(),
                url: "https://example.com/m".into(),
            }],
        })
    );
}
