//! `#[derive(RichStatus)]` on the greeter's error enum from DESIGN.md: the exact status,
//! code, message and decoded details of every variant kind.

use rich_status::{StatusExt, pb};
use tonic::{Code, Status};

// The same enums the expansion snapshot shows (tests/expand/greeter.expanded.rs).
include!("../expand/greeter.rs");

fn details(status: &Status) -> rich_status::Details {
    status.rich_details().expect("the derived status decodes")
}

#[test]
fn struct_variant_with_metadata_and_quota_failure() {
    let status = Status::from(GreetError::TooManyGreetings { name: "Ada".into() });
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(status.message(), "Request limit exceeded.");
    let d = details(&status);
    assert_eq!(
        d.error_info(),
        Some(pb::ErrorInfo {
            reason: "TOO_MANY_GREETINGS".into(),
            domain: "greeter.example.com".into(),
            metadata: [("name".to_string(), "Ada".to_string())].into(),
        })
    );
    assert_eq!(
        d.quota_failure(),
        Some(pb::QuotaFailure {
            violations: vec![pb::quota_failure::Violation {
                subject: "name: Ada".into(),
                description: "Limit one greeting per person.".into(),
                ..Default::default()
            }],
        })
    );
    let order: Vec<&str> = d.anys().map(|a| a.type_name()).collect();
    assert_eq!(order, ["google.rpc.ErrorInfo", "google.rpc.QuotaFailure"]);
}

#[test]
fn tuple_variant_with_reason_and_keyed_metadata() {
    let status = Status::from(GreetError::NotFound("u-42".into()));
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "user u-42 not found");
    let info = details(&status).error_info().unwrap();
    assert_eq!(info.reason, "USER_UNKNOWN");
    assert_eq!(info.domain, "greeter.example.com");
    assert_eq!(
        info.metadata,
        [("userId".to_string(), "u-42".to_string())].into()
    );
    assert_eq!(details(&status).len(), 1);
}

#[test]
fn debug_info_is_left_out_while_the_policy_is_off() {
    // The policy is off by default; the debug_info tests that turn it on run in their own
    // test binary (derive_debug_info.rs), so no test here races with them.
    let status = Status::from(GreetError::Storage(std::io::Error::other("disk full")));
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "internal error");
    let d = details(&status);
    assert_eq!(d.error_info().unwrap().reason, "STORAGE");
    assert_eq!(d.debug_info(), None);
    assert_eq!(d.len(), 1);
    assert!(!String::from_utf8_lossy(status.details()).contains("disk full"));
}

#[test]
fn transparent_variant_delegates_code_message_and_details() {
    let err: GreetError = RepoError::Lagging { replica: 3 }.into();
    let status = Status::from(err);
    assert_eq!(status.code(), Code::Unavailable);
    assert_eq!(status.message(), "replica 3 is lagging");
    let info = details(&status).error_info().unwrap();
    assert_eq!(info.reason, "LAGGING");
    assert_eq!(info.domain, "repo.example.com");
    assert_eq!(info.metadata["replica"], "3");
}

#[test]
fn the_trait_methods_agree_with_the_status() {
    let err = GreetError::NotFound("x".into());
    assert_eq!(err.code(), Code::NotFound);
    assert_eq!(RichStatus::message(&err), "user x not found");
    let status = err.to_status();
    assert_eq!(status.code(), Code::NotFound);
    let proto: pb::Status = prost::Message::decode(status.details()).unwrap();
    assert_eq!(proto.code, Code::NotFound as i32);
    assert_eq!(proto.message, "user x not found");
}
