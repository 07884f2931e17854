//! rich-status and tonic-types read each other's statuses, every field equal.

use std::collections::HashMap;
use std::time::Duration;

use rich_status::{StatusExt, pb};
use rich_status_tests::*;
use tonic_types::{
    ErrorDetails, FieldViolation, HelpLink, PreconditionViolation, QuotaViolation, StatusExt as _,
};

fn hash_map(map: &std::collections::BTreeMap<String, String>) -> HashMap<String, String> {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// The fixture's every detail built with tonic-types' own API.
fn tonic_types_details() -> ErrorDetails {
    let mut d = ErrorDetails::new();
    let info = error_info();
    d.set_error_info(info.reason, info.domain, hash_map(&info.metadata));
    let delay = retry_info().retry_delay.unwrap();
    d.set_retry_info(Some(Duration::new(
        delay.seconds as u64,
        delay.nanos as u32,
    )));
    let debug = debug_info();
    d.set_debug_info(debug.stack_entries, debug.detail);
    d.set_quota_failure(
        quota_failure()
            .violations
            .into_iter()
            .map(|v| QuotaViolation {
                subject: v.subject,
                description: v.description,
                api_service: v.api_service,
                quota_metric: v.quota_metric,
                quota_id: v.quota_id,
                quota_dimensions: hash_map(&v.quota_dimensions),
                quota_value: v.quota_value,
                futura_quota_value: v.future_quota_value,
            })
            .collect::<Vec<_>>(),
    );
    d.set_precondition_failure(
        precondition_failure()
            .violations
            .into_iter()
            .map(|v| PreconditionViolation::new(v.r#type, v.subject, v.description))
            .collect::<Vec<_>>(),
    );
    d.set_bad_request(
        bad_request()
            .field_violations
            .into_iter()
            .map(|v| FieldViolation {
                field: v.field,
                description: v.description,
                reason: v.reason,
                localized_message: v
                    .localized_message
                    .map(|m| tonic_types::LocalizedMessage::new(m.locale, m.message)),
            })
            .collect::<Vec<_>>(),
    );
    let request = request_info();
    d.set_request_info(request.request_id, request.serving_data);
    let r = resource_info();
    d.set_resource_info(r.resource_type, r.resource_name, r.owner, r.description);
    d.set_help(
        help()
            .links
            .into_iter()
            .map(|l| HelpLink::new(l.description, l.url))
            .collect::<Vec<_>>(),
    );
    let m = localized_message();
    d.set_localized_message(m.locale, m.message);
    d
}

#[test]
fn rich_status_decodes_what_tonic_types_encodes() {
    let status = tonic::Status::with_error_details(CODE, MESSAGE, tonic_types_details());
    assert_every_detail(&status.rich_details().unwrap());
}

#[test]
fn tonic_types_decodes_what_rich_status_encodes() {
    // Every detail, from rich-status's encoder (as the owned types; the typed
    // writer is proven byte-equal to them in the round-trip tests).
    let owned = every_detail_status();
    let details = rich_status::Details::decode(&prost::Message::encode_to_vec(&owned)).unwrap();
    let status = rich_status::status(CODE, MESSAGE, |w| {
        for any in details.anys() {
            w.any(any.type_url(), any.value());
        }
    });

    let theirs = status
        .check_error_details()
        .expect("tonic-types reads our bytes");
    assert_matches_fixture(&theirs);
}

#[test]
fn tonic_types_reads_what_the_writer_writes_for_the_greeter_error() {
    let name = "Ada";
    let status = rich_status::status(
        tonic::Code::ResourceExhausted,
        "Request limit exceeded.",
        |w| {
            w.error_info("RESOURCE_EXHAUSTED", "greeter.example.com")
                .metadata("name", name);
            w.quota_violation(
                format_args!("name: {name}"),
                "Limit one greeting per person.",
            );
        },
    );
    let theirs = status.check_error_details().unwrap();
    assert_eq!(theirs.error_info().unwrap().metadata["name"], "Ada");
    let v = &theirs.quota_failure().unwrap().violations[0];
    assert_eq!(
        (v.subject.as_str(), v.description.as_str()),
        ("name: Ada", "Limit one greeting per person.")
    );
}

/// Asserts that tonic-types' `ErrorDetails` hold the whole fixture catalogue, field for
/// field.
fn assert_matches_fixture(theirs: &ErrorDetails) {
    let expected = tonic_types_details();

    let info = theirs.error_info().unwrap();
    let want = expected.error_info().unwrap();
    assert_eq!(
        (&info.reason, &info.domain, &info.metadata),
        (&want.reason, &want.domain, &want.metadata)
    );

    assert_eq!(
        theirs.retry_info().unwrap().retry_delay,
        expected.retry_info().unwrap().retry_delay
    );

    let debug = theirs.debug_info().unwrap();
    assert_eq!(debug.stack_entries, debug_info().stack_entries);
    assert_eq!(debug.detail, debug_info().detail);

    let quota = &theirs.quota_failure().unwrap().violations;
    let want: Vec<pb::quota_failure::Violation> = quota_failure().violations;
    assert_eq!(quota.len(), want.len());
    for (q, w) in quota.iter().zip(&want) {
        assert_eq!(q.subject, w.subject);
        assert_eq!(q.description, w.description);
        assert_eq!(q.api_service, w.api_service);
        assert_eq!(q.quota_metric, w.quota_metric);
        assert_eq!(q.quota_id, w.quota_id);
        assert_eq!(q.quota_dimensions, hash_map(&w.quota_dimensions));
        assert_eq!(q.quota_value, w.quota_value);
        assert_eq!(q.futura_quota_value, w.future_quota_value);
    }

    let pre = &theirs.precondition_failure().unwrap().violations;
    let want = precondition_failure().violations;
    assert_eq!(pre.len(), want.len());
    for (p, w) in pre.iter().zip(&want) {
        assert_eq!(
            (&p.r#type, &p.subject, &p.description),
            (&w.r#type, &w.subject, &w.description)
        );
    }

    let bad = &theirs.bad_request().unwrap().field_violations;
    let want = bad_request().field_violations;
    assert_eq!(bad.len(), want.len());
    for (b, w) in bad.iter().zip(&want) {
        assert_eq!(
            (&b.field, &b.description, &b.reason),
            (&w.field, &w.description, &w.reason)
        );
        let theirs_msg = b
            .localized_message
            .as_ref()
            .map(|m| (m.locale.clone(), m.message.clone()));
        let want_msg = w
            .localized_message
            .as_ref()
            .map(|m| (m.locale.clone(), m.message.clone()));
        assert_eq!(theirs_msg, want_msg);
    }

    let request = theirs.request_info().unwrap();
    assert_eq!(
        (&request.request_id, &request.serving_data),
        (&request_info().request_id, &request_info().serving_data)
    );

    let r = theirs.resource_info().unwrap();
    let w = resource_info();
    assert_eq!(
        (&r.resource_type, &r.resource_name, &r.owner, &r.description),
        (&w.resource_type, &w.resource_name, &w.owner, &w.description)
    );

    let links: Vec<(String, String)> = theirs
        .help()
        .unwrap()
        .links
        .iter()
        .map(|l| (l.description.clone(), l.url.clone()))
        .collect();
    let want: Vec<(String, String)> = help()
        .links
        .into_iter()
        .map(|l| (l.description, l.url))
        .collect();
    assert_eq!(links, want);

    let m = theirs.localized_message().unwrap();
    assert_eq!(
        (&m.locale, &m.message),
        (&localized_message().locale, &localized_message().message)
    );
}

/// The `tonic-types` feature's conversions carry every field both ways.
mod bridge {
    use super::*;

    #[test]
    fn error_details_into_details_keeps_every_field() {
        let ours = rich_status::Details::from(tonic_types_details());
        assert_eq!(ours.code(), tonic::Code::Ok);
        assert_eq!(ours.message(), "");
        assert_eq!(ours.error_info(), Some(error_info()));
        assert_eq!(ours.retry_info(), Some(retry_info()));
        assert_eq!(ours.debug_info(), Some(debug_info()));
        assert_eq!(ours.quota_failure(), Some(quota_failure()));
        assert_eq!(ours.precondition_failure(), Some(precondition_failure()));
        assert_eq!(ours.bad_request(), Some(bad_request()));
        assert_eq!(ours.request_info(), Some(request_info()));
        assert_eq!(ours.resource_info(), Some(resource_info()));
        assert_eq!(ours.help(), Some(help()));
        assert_eq!(ours.localized_message(), Some(localized_message()));
    }

    #[test]
    fn details_into_error_details_keeps_every_field() {
        let bytes = prost::Message::encode_to_vec(&every_detail_status());
        let ours = rich_status::Details::decode(&bytes).unwrap();
        let theirs = ErrorDetails::from(&ours);

        assert_matches_fixture(&theirs);
    }

    #[test]
    fn no_details_convert_to_empty_error_details() {
        let ours = rich_status::Details::from_status(&tonic::Status::internal("plain")).unwrap();
        let theirs = ErrorDetails::from(ours);
        assert!(theirs.error_info().is_none() && theirs.help().is_none());
    }
}
