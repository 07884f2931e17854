//! `#[rich_status(detail)]` fields: violations merged into their standard detail, and
//! prost messages (standard or a service's own) packed as `Any`s, alone, optional or many.

use rich_status::{RichStatus, StatusExt, pb};
use tonic::{Code, Status};

use rich_status_tests::Balance;

fn quota(subject: &str) -> pb::quota_failure::Violation {
    pb::quota_failure::Violation {
        subject: subject.into(),
        description: "over".into(),
        ..Default::default()
    }
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "bank.example.com")]
pub enum BankError {
    /// Attribute violations first, then the field's, in one QuotaFailure.
    #[error("rate limited")]
    #[rich_status(code = ResourceExhausted, quota_failure(subject = "account: {account}", description = "one per second"))]
    RateLimited {
        account: String,
        #[rich_status(quota_failure)]
        more: Vec<pb::quota_failure::Violation>,
    },

    /// No attribute: the QuotaFailure appears only when the field has violations.
    #[error("limits")]
    #[rich_status(code = ResourceExhausted)]
    Limits(#[rich_status(quota_failure)] Vec<pb::quota_failure::Violation>),

    #[error("invalid transfer")]
    #[rich_status(code = InvalidArgument)]
    Invalid {
        #[rich_status(bad_request)]
        violations: Vec<pb::bad_request::FieldViolation>,
        #[rich_status(help)]
        links: Vec<pb::help::Link>,
    },

    #[error("insufficient funds")]
    #[rich_status(code = FailedPrecondition)]
    Insufficient {
        #[rich_status(detail)]
        balance: Balance,
        #[rich_status(detail)]
        retry: Option<pb::RetryInfo>,
        #[rich_status(detail)]
        history: Vec<Balance>,
    },
}

fn names(status: &Status) -> Vec<String> {
    status
        .rich_details()
        .unwrap()
        .anys()
        .map(|a| a.type_name().to_owned())
        .collect()
}

#[test]
fn field_violations_merge_after_the_attribute_ones() {
    let status = Status::from(BankError::RateLimited {
        account: "acc-1".into(),
        more: vec![quota("ip: 192.0.2.1"), quota("region: eu")],
    });
    assert_eq!(
        names(&status),
        ["google.rpc.ErrorInfo", "google.rpc.QuotaFailure"]
    );
    let subjects: Vec<String> = status
        .rich_details()
        .unwrap()
        .quota_failure()
        .unwrap()
        .violations
        .iter()
        .map(|v| v.subject.clone())
        .collect();
    assert_eq!(subjects, ["account: acc-1", "ip: 192.0.2.1", "region: eu"]);
}

#[test]
fn a_merged_detail_is_sent_only_when_it_lists_something() {
    let empty = Status::from(BankError::Limits(vec![]));
    assert_eq!(names(&empty), ["google.rpc.ErrorInfo"]);
    let full = Status::from(BankError::Limits(vec![quota("a")]));
    assert_eq!(
        names(&full),
        ["google.rpc.ErrorInfo", "google.rpc.QuotaFailure"]
    );
    assert_eq!(
        full.rich_details()
            .unwrap()
            .quota_failure()
            .unwrap()
            .violations,
        [quota("a")]
    );
}

#[test]
fn bad_request_violations_and_help_links_from_fields() {
    let violation = pb::bad_request::FieldViolation {
        field: "amount".into(),
        description: "must be positive".into(),
        reason: "NEGATIVE".into(),
        localized_message: None,
    };
    let link = pb::help::Link {
        description: "limits".into(),
        url: "https://bank.example.com/limits".into(),
    };
    let status = Status::from(BankError::Invalid {
        violations: vec![violation.clone()],
        links: vec![link.clone()],
    });
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(
        names(&status),
        [
            "google.rpc.ErrorInfo",
            "google.rpc.BadRequest",
            "google.rpc.Help"
        ]
    );
    let details = status.rich_details().unwrap();
    assert_eq!(details.bad_request().unwrap().field_violations, [violation]);
    assert_eq!(details.help().unwrap().links, [link]);
}

#[test]
fn messages_are_packed_alone_optional_and_many() {
    let status = Status::from(BankError::Insufficient {
        balance: Balance { cents: 5 },
        retry: None,
        history: vec![Balance { cents: 7 }, Balance { cents: 9 }],
    });
    assert_eq!(
        names(&status),
        [
            "google.rpc.ErrorInfo",
            "bank.v1.Balance",
            "bank.v1.Balance",
            "bank.v1.Balance"
        ]
    );
    let details = status.rich_details().unwrap();
    let cents: Vec<i64> = details
        .get_all::<Balance>()
        .map(|b| b.unwrap().cents)
        .collect();
    assert_eq!(cents, [5, 7, 9]);
    assert_eq!(
        details.anys().nth(1).unwrap().type_url(),
        "type.googleapis.com/bank.v1.Balance"
    );

    let retry = pb::RetryInfo {
        retry_delay: Some(prost_types::Duration {
            seconds: 3,
            nanos: 0,
        }),
    };
    let status = BankError::Insufficient {
        balance: Balance { cents: 0 },
        retry: Some(retry),
        history: vec![],
    }
    .to_status();
    assert_eq!(
        names(&status),
        [
            "google.rpc.ErrorInfo",
            "bank.v1.Balance",
            "google.rpc.RetryInfo"
        ]
    );
    assert_eq!(status.rich_details().unwrap().retry_info(), Some(retry));
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = ResourceExhausted)]
#[error("Request limit exceeded.")]
#[rich_status(
    quota_failure(
        subject = "name: {name}",
        description = "Limit one greeting per person."
    ),
    quota_failure(
        subject = "ip: {ip}",
        description = "Limit {per_ip} greetings per address."
    )
)]
pub struct Limited {
    name: String,
    ip: std::net::IpAddr,
    per_ip: u32,
}

#[test]
fn repeated_quota_failure_attributes_make_one_detail_with_each_violation() {
    let status = Status::from(Limited {
        name: "Ada".into(),
        ip: [192, 0, 2, 7].into(),
        per_ip: 10,
    });
    assert_eq!(
        names(&status),
        ["google.rpc.ErrorInfo", "google.rpc.QuotaFailure"]
    );
    let violations = status
        .rich_details()
        .unwrap()
        .quota_failure()
        .unwrap()
        .violations
        .clone();
    let pairs: Vec<(String, String)> = violations
        .into_iter()
        .map(|v| (v.subject, v.description))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "name: Ada".to_string(),
                "Limit one greeting per person.".to_string()
            ),
            (
                "ip: 192.0.2.7".to_string(),
                "Limit 10 greetings per address.".to_string()
            ),
        ]
    );
}
