//! A variant's catalogue entry lists its details in the order they go on the wire, for
//! every shape of variant: attribute details, violations that fields of several kinds
//! bring (joining an attribute's detail or making their own), `detail` fields, and a
//! hook between attributes. The derive plans that order once and generates `details()`
//! and `catalog()` from the one plan.

use rich_status::pb::{bad_request, help, precondition_failure, quota_failure};
use rich_status::{DetailWriter, RichStatus, StatusExt, pb};
use rich_status_tests::Balance;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "order.example.com", code = FailedPrecondition)]
pub enum Shapes {
    #[error("attributes")]
    #[rich_status(
        help(description = "docs", url = "https://example.com"),
        quota_failure(subject = "s", description = "d"),
        resource_info(resource_type = "t", resource_name = "n"),
        precondition_failure(type = "T", subject = "s", description = "d"),
        localized_message(locale = "en", message = "m"),
        bad_request(field = "f", description = "d"),
        retry_info(delay = "1s"),
        request_info(request_id = "r"),
        precondition_failure(type = "T2", subject = "s2", description = "d2"),
        debug_info
    )]
    Attributes,

    /// Fields bring violations of kinds no attribute names: in field order.
    #[error("fields")]
    Fields {
        #[rich_status(bad_request)]
        violations: Vec<bad_request::FieldViolation>,
        #[rich_status(precondition_failure)]
        preconditions: Vec<precondition_failure::Violation>,
        #[rich_status(help)]
        links: Vec<help::Link>,
        #[rich_status(quota_failure)]
        quotas: Vec<quota_failure::Violation>,
    },

    /// A field's violations join the attribute detail of their kind, wherever it is.
    #[error("mixed")]
    #[rich_status(
        quota_failure(subject = "s", description = "d"),
        bad_request(field = "f", description = "d")
    )]
    Mixed {
        #[rich_status(precondition_failure)]
        preconditions: Vec<precondition_failure::Violation>,
        #[rich_status(bad_request)]
        violations: Vec<bad_request::FieldViolation>,
    },

    #[error("detail fields")]
    #[rich_status(help(description = "docs", url = "https://example.com"))]
    DetailFields {
        #[rich_status(detail)]
        balance: Balance,
        #[rich_status(bad_request)]
        violations: Vec<bad_request::FieldViolation>,
        #[rich_status(detail)]
        retry: Option<pb::RetryInfo>,
        #[rich_status(detail)]
        history: Vec<Balance>,
    },

    /// The hook's details are known only at run time: the catalogue leaves them out.
    #[error("hook")]
    #[rich_status(
        quota_failure(subject = "s", description = "d"),
        details = request_info_hook,
        help(description = "docs", url = "https://example.com"),
    )]
    Hook,
}

fn request_info_hook(_: &Shapes, w: &mut DetailWriter<'_>) {
    w.request_info("from the hook");
}

fn every_shape() -> Vec<Shapes> {
    let violation = bad_request::FieldViolation {
        field: "f".into(),
        ..Default::default()
    };
    let precondition = precondition_failure::Violation {
        r#type: "T".into(),
        ..Default::default()
    };
    vec![
        Shapes::Attributes,
        Shapes::Fields {
            violations: vec![violation.clone()],
            preconditions: vec![precondition.clone()],
            links: vec![help::Link::default()],
            quotas: vec![quota_failure::Violation::default()],
        },
        Shapes::Mixed {
            preconditions: vec![precondition],
            violations: vec![violation.clone()],
        },
        Shapes::DetailFields {
            balance: Balance { cents: 1 },
            violations: vec![violation],
            retry: Some(pb::RetryInfo::default()),
            history: vec![Balance { cents: 2 }, Balance { cents: 3 }],
        },
        Shapes::Hook,
    ]
}

#[test]
fn the_catalogue_lists_the_details_in_wire_order() {
    let catalog = Shapes::catalog();
    for (error, entry) in every_shape().iter().zip(catalog.entries()) {
        let status = error.to_status();
        let details = status.rich_details().unwrap();
        let mut sent: Vec<&str> = details.anys().map(|any| any.type_name()).collect();
        assert_eq!(sent.remove(0), "google.rpc.ErrorInfo");
        if matches!(error, Shapes::Hook) {
            sent.retain(|name| *name != "google.rpc.RequestInfo");
        }
        // One `detail_all` of a `Vec` sends a detail per message; the catalogue names
        // the message once.
        sent.dedup_by(|a, b| a == b && *a == "bank.v1.Balance");
        let listed: Vec<String> = entry.details.iter().map(ToString::to_string).collect();
        assert_eq!(sent, listed, "{}", entry.rust_name);
    }
}

#[test]
fn violations_that_fields_bring_go_in_field_order() {
    let names: Vec<String> = Shapes::catalog().entries()[1]
        .details
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        names,
        [
            "google.rpc.BadRequest",
            "google.rpc.PreconditionFailure",
            "google.rpc.Help",
            "google.rpc.QuotaFailure"
        ]
    );
}
