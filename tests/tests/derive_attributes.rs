//! The standard detail attributes of the derive: `retry_info`, `bad_request`,
//! `precondition_failure`, `resource_info`, `request_info`, `help` and
//! `localized_message`, with templates over the fields, in the order written.

use std::time::Duration;

use rich_status::{RichStatus, StatusExt, pb};
use tonic::Status;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "shop.example.com")]
pub enum ShopError {
    #[error("checkout is busy")]
    #[rich_status(
        code = Unavailable,
        retry_info(delay = "1.5s"),
        help(description = "Status page", url = "https://status.example.com"),
        help(description = "Retry guide for {region}", url = "https://docs.example.com/retry?r={region}"),
    )]
    Busy { region: String },

    #[error("try again later")]
    #[rich_status(code = ResourceExhausted, retry_info(delay = after))]
    Later { after: Duration },

    #[error("invalid order")]
    #[rich_status(
        code = InvalidArgument,
        bad_request(field = "items[{index}].quantity", description = "must be positive", reason = "NOT_POSITIVE"),
        bad_request(field = "coupon", description = "{coupon:?} has expired"),
        localized_message(locale = "fr-FR", message = "Commande invalide"),
    )]
    Invalid {
        index: usize,
        coupon: String,
        #[rich_status(bad_request)]
        more: Vec<pb::bad_request::FieldViolation>,
    },

    #[error("terms not accepted")]
    #[rich_status(
        code = FailedPrecondition,
        precondition_failure(type = "TOS", subject = "shop.example.com/terms/{version}", description = "Accept the terms first."),
        resource_info(resource_type = "order", resource_name = "orders/{order}", owner = "user:{user}", description = "held"),
        request_info(request_id = "{request}", serving_data = "shard=7"),
    )]
    Terms {
        version: u32,
        order: u64,
        user: String,
        request: String,
    },
}

fn details(error: ShopError) -> rich_status::Details {
    Status::from(error).rich_details().unwrap()
}

fn order(details: &rich_status::Details) -> Vec<&str> {
    details.anys().map(|a| a.type_name()).collect()
}

#[test]
fn retry_info_from_a_literal_and_help_links_in_order() {
    let d = details(ShopError::Busy {
        region: "eu".into(),
    });
    assert_eq!(
        order(&d),
        [
            "google.rpc.ErrorInfo",
            "google.rpc.RetryInfo",
            "google.rpc.Help"
        ]
    );
    let delay = d.retry_info().unwrap().retry_delay.unwrap();
    assert_eq!((delay.seconds, delay.nanos), (1, 500_000_000));
    let help = d.help().unwrap();
    let links: Vec<(&str, &str)> = help
        .links
        .iter()
        .map(|l| (l.description.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Status page", "https://status.example.com"),
            ("Retry guide for eu", "https://docs.example.com/retry?r=eu"),
        ]
    );
}

#[test]
fn retry_info_from_a_duration_field() {
    let d = details(ShopError::Later {
        after: Duration::from_millis(2_250),
    });
    let delay = d.retry_info().unwrap().retry_delay.unwrap();
    assert_eq!((delay.seconds, delay.nanos), (2, 250_000_000));
}

#[test]
fn bad_request_violations_from_attributes_then_fields_and_a_localized_message() {
    let extra = pb::bad_request::FieldViolation {
        field: "address.zip".into(),
        description: "unknown".into(),
        ..Default::default()
    };
    let d = details(ShopError::Invalid {
        index: 2,
        coupon: "SPRING".into(),
        more: vec![extra.clone()],
    });
    assert_eq!(
        order(&d),
        [
            "google.rpc.ErrorInfo",
            "google.rpc.BadRequest",
            "google.rpc.LocalizedMessage"
        ]
    );
    let v = &d.bad_request().unwrap().field_violations;
    assert_eq!(v.len(), 3);
    assert_eq!(
        (
            v[0].field.as_str(),
            v[0].description.as_str(),
            v[0].reason.as_str()
        ),
        ("items[2].quantity", "must be positive", "NOT_POSITIVE")
    );
    assert_eq!(
        (v[1].field.as_str(), v[1].description.as_str()),
        ("coupon", "\"SPRING\" has expired")
    );
    assert_eq!(v[2], extra);
    let m = d.localized_message().unwrap();
    assert_eq!(
        (m.locale.as_str(), m.message.as_str()),
        ("fr-FR", "Commande invalide")
    );
}

#[test]
fn precondition_resource_and_request_info() {
    let d = details(ShopError::Terms {
        version: 3,
        order: 42,
        user: "ada".into(),
        request: "req-9".into(),
    });
    assert_eq!(
        order(&d),
        [
            "google.rpc.ErrorInfo",
            "google.rpc.PreconditionFailure",
            "google.rpc.ResourceInfo",
            "google.rpc.RequestInfo"
        ]
    );
    let p = &d.precondition_failure().unwrap().violations[0];
    assert_eq!(
        (
            p.r#type.as_str(),
            p.subject.as_str(),
            p.description.as_str()
        ),
        ("TOS", "shop.example.com/terms/3", "Accept the terms first.")
    );
    assert_eq!(
        d.resource_info(),
        Some(pb::ResourceInfo {
            resource_type: "order".into(),
            resource_name: "orders/42".into(),
            owner: "user:ada".into(),
            description: "held".into(),
        })
    );
    assert_eq!(
        d.request_info(),
        Some(pb::RequestInfo {
            request_id: "req-9".into(),
            serving_data: "shard=7".into()
        })
    );
}

/// Details computed at run time: here, a request id the error does not hold.
fn request_details(error: &Traced, w: &mut rich_status::DetailWriter<'_>) {
    w.request_info(format_args!("req-{}", error.attempt * 100));
    w.localized_message("en", "Please retry.");
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[error("attempt {attempt} failed")]
#[rich_status(
    domain = "shop.example.com",
    code = Aborted,
    retry_info(delay = "2s"),
    details = request_details,
    help(description = "Why", url = "https://docs.example.com/aborted"),
)]
pub struct Traced {
    attempt: u32,
}

#[test]
fn a_details_hook_writes_in_its_place_among_the_attributes() {
    let d = Status::from(Traced { attempt: 3 }).rich_details().unwrap();
    assert_eq!(
        order(&d),
        [
            "google.rpc.ErrorInfo",
            "google.rpc.RetryInfo",
            "google.rpc.RequestInfo",
            "google.rpc.LocalizedMessage",
            "google.rpc.Help"
        ]
    );
    assert_eq!(d.request_info().unwrap().request_id, "req-300");
    assert_eq!(d.localized_message().unwrap().message, "Please retry.");
}
