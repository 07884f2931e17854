//! connect-rust's `ConnectError` (feature `connect`): a derived error converts into the
//! same code, message and details a `tonic::Status` of it carries, as the Connect
//! protocol writes details (bare type name, unpadded base64, proto3 JSON `debug`), and
//! reads back into the enum; hostile `ConnectError`s are error values.

use base64::Engine as _;
use rich_status::connect::{self, ConnectError, ErrorCode, ErrorDetail};
use rich_status::decode::{DecodeErrorKind, FromStatusErrorKind};
use rich_status::{RichStatus, StatusExt, pb, policy};
use serde_json::json;

/// Held by the tests that turn the process-wide `DebugInfo` policy on.
static POLICY: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[derive(Debug, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "shop.example.com", decode, connect)]
enum ShopError {
    #[error("Out of stock: {sku}.")]
    #[rich_status(
        code = FailedPrecondition,
        precondition_failure(type = "STOCK", subject = "sku/{sku}", description = "none left"),
        help(description = "restock dates", url = "https://shop.example.com/restock"),
    )]
    OutOfStock {
        #[rich_status(metadata)]
        sku: String,
    },

    #[error("Too many orders.")]
    #[rich_status(code = ResourceExhausted, retry_info(delay = "2.5s"))]
    TooManyOrders,

    #[error("The order is invalid.")]
    #[rich_status(code = InvalidArgument)]
    Invalid {
        #[rich_status(bad_request)]
        violations: Vec<pb::bad_request::FieldViolation>,
    },

    #[error("The ledger failed.")]
    #[rich_status(code = Internal, debug_info)]
    Ledger(#[source] DiskFull),

    #[error("Everything at once for {sku}.")]
    #[rich_status(
        code = Aborted,
        quota_failure(subject = "sku: {sku}", description = "one per order"),
        resource_info(resource_type = "sku", resource_name = "skus/{sku}", owner = "shop", description = "held"),
        request_info(request_id = "req-{sku}", serving_data = "shard=1"),
        localized_message(locale = "de-DE", message = "Alles auf einmal für {sku}"),
    )]
    Everything {
        #[rich_status(metadata)]
        sku: String,
    },
}

/// Why the ledger failed; a `DebugInfo` source.
#[derive(Debug, Default, PartialEq, thiserror::Error)]
#[error("disk full")]
struct DiskFull;

fn every_error() -> Vec<ShopError> {
    vec![
        ShopError::OutOfStock {
            sku: "a/b #1? ü".into(),
        },
        ShopError::TooManyOrders,
        ShopError::Invalid {
            violations: vec![pb::bad_request::FieldViolation {
                field: "items[0].count".into(),
                description: "Must be positive.".into(),
                reason: "RANGE".into(),
                localized_message: None,
            }],
        },
        ShopError::Ledger(DiskFull),
        ShopError::Everything { sku: "ü/1".into() },
    ]
}

/// `ConnectError` carries exactly what the `tonic::Status` carries, detail for detail.
fn assert_same_error(error: &ConnectError, status: &tonic::Status) {
    assert_eq!(error.code.grpc_code(), status.code() as u32);
    assert_eq!(error.message.as_deref(), Some(status.message()));
    let details = status.rich_details().unwrap();
    let anys: Vec<_> = details.anys().collect();
    assert_eq!(error.details.len(), anys.len());
    let json = rich_status::rest::json_body(status);
    for (i, (detail, any)) in error.details.iter().zip(&anys).enumerate() {
        assert_eq!(detail.type_url, any.type_name(), "detail {i}");
        let value = detail.value.as_deref().unwrap();
        assert!(!value.ends_with('='), "unpadded: {value}");
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(value)
            .unwrap();
        assert_eq!(bytes, any.value(), "detail {i}");
        // `debug` is the REST path's proto3 JSON of the detail; a message outside the
        // standard details has none (REST sends its bytes as `value`).
        let mut rest = json["error"]["details"][i].clone();
        rest.as_object_mut().unwrap().remove("@type");
        match rest.get("value") {
            Some(_) => assert_eq!(detail.debug, None, "detail {i}"),
            None => assert_eq!(detail.debug.as_ref(), Some(&rest), "detail {i}"),
        }
    }
}

#[test]
fn a_derived_error_converts_as_its_tonic_status_does_and_reads_back() {
    let _policy = POLICY.lock().unwrap_or_else(|p| p.into_inner());
    for debug_info in [false, true] {
        policy::set_debug_info(debug_info);
        for error in every_error() {
            let status = error.to_status();
            let connect = ConnectError::from(error);
            assert_same_error(&connect, &status);
            let sends_debug = connect
                .details
                .iter()
                .any(|d| d.type_url == "google.rpc.DebugInfo");
            if let Ok(back) = ShopError::try_from(&connect) {
                assert_eq!(back, ShopError::try_from(&status).unwrap());
            } else {
                panic!("{connect:?} does not read back");
            }
            if !debug_info {
                assert!(!sends_debug, "DebugInfo without the policy");
            }
        }
    }
    policy::set_debug_info(false);
}

#[test]
fn the_connect_error_of_each_detail_kind_is_exact() {
    let error = ConnectError::from(ShopError::TooManyOrders);
    assert_eq!(error.code, ErrorCode::ResourceExhausted);
    assert_eq!(error.details[1].type_url, "google.rpc.RetryInfo");
    assert_eq!(
        error.details[1].debug,
        Some(json!({"retryDelay": "2.500s"}))
    );

    let error = ConnectError::from(ShopError::OutOfStock { sku: "x-1".into() });
    let names: Vec<&str> = error.details.iter().map(|d| d.type_url.as_str()).collect();
    assert_eq!(
        names,
        [
            "google.rpc.ErrorInfo",
            "google.rpc.PreconditionFailure",
            "google.rpc.Help"
        ]
    );
    assert_eq!(
        error.details[0].debug,
        Some(
            json!({"reason": "OUT_OF_STOCK", "domain": "shop.example.com",
                    "metadata": {"sku": "x-1"}})
        )
    );
    let details = connect::details(&error).unwrap();
    assert_eq!(
        details.precondition_failure().unwrap().violations[0].subject,
        "sku/x-1"
    );
    assert_eq!(
        details.help().unwrap().links[0].url,
        "https://shop.example.com/restock"
    );
}

#[test]
fn an_oversized_error_is_cut_as_for_tonic() {
    let sku = "ü".repeat(6000);
    let status = ShopError::OutOfStock { sku: sku.clone() }.to_status();
    let error = ConnectError::from(ShopError::OutOfStock { sku });
    assert_same_error(&error, &status);
    let info = connect::details(&error).unwrap().error_info().unwrap();
    assert_eq!(info.metadata[policy::TRUNCATED_KEY], "details,text,message");
    assert!(rich_status_tests::trailer_cost(&status) <= policy::trailer_budget());
}

#[test]
fn built_by_hand_as_a_status_is() {
    let by_hand = connect::error(tonic::Code::NotFound, "user 7 not found", |w| {
        w.error_info("USER_UNKNOWN", "users.example.com")
            .metadata("userId", 7);
        w.request_info("r-1");
    });
    let status = rich_status::status(tonic::Code::NotFound, "user 7 not found", |w| {
        w.error_info("USER_UNKNOWN", "users.example.com")
            .metadata("userId", 7);
        w.request_info("r-1");
    });
    assert_same_error(&by_hand, &status);
    assert_eq!(
        connect::from_status(&tonic::Status::ok("")).code,
        ErrorCode::Unknown
    );
}

/// Every `DetailWriter` call there is, each kind of value in it: Display values and
/// `&str`s, empty ones, a field set twice, zeros, a `Duration`, a nested message, owned
/// messages, and bytes written whole (a prost message, a value passed on).
fn everything(w: &mut rich_status::DetailWriter<'_>) {
    let name = "Ada ü";
    w.error_info("EVERYTHING", "every.example.com")
        .metadata("name", name)
        .metadata("empty", "")
        .metadata("name", format_args!("{name}, again"));
    w.retry_info(std::time::Duration::from_millis(2_500));
    w.debug_info_entries(["a.rs:1", "", "b.rs:2"], format_args!("detail of {name}"));
    w.quota_violation(format_args!("name: {name}"), "")
        .api_service("first")
        .api_service("")
        .quota_metric("metric")
        .quota_id("id")
        .quota_dimension("name", name)
        .quota_dimension("region", "eu")
        .quota_value(0)
        .future_quota_value(0);
    w.quota_violations(&rich_status_tests::quota_failure().violations);
    w.precondition_violation("TOS", "user/7", "not accepted");
    w.precondition_violations(&rich_status_tests::precondition_failure().violations);
    w.field_violation("items[0].unit_price", "must be positive")
        .reason("RANGE")
        .localized_message("fr-FR", "doit être positif")
        .localized_message("", "deuxième");
    w.field_violations(&rich_status_tests::bad_request().field_violations);
    w.request_info(format_args!("req-{name}")).serving_data("");
    w.resource_info("book", "books/7")
        .owner("shelf")
        .description("");
    w.help_link("docs", format_args!("https://docs.example.com/{}", 7));
    w.help_links(&rich_status_tests::help().links);
    w.localized_message("de-DE", format_args!("Hallo {name}"));
    w.detail(&rich_status_tests::resource_info());
    w.detail(&rich_status_tests::retry_info());
    let upstream = prost::Message::encode_to_vec(&rich_status_tests::error_info());
    w.any(rich_status::detail::type_url::ERROR_INFO, &upstream);
    w.any("type.googleapis.com/acme.v1.Thing", b"\x08\x01");
    w.any("example.com/types/google.rpc.RequestInfo", b"\x0a\x03r-1");
    w.any("google.rpc.Help", b"");
}

#[test]
fn details_made_as_they_are_written_equal_those_read_from_the_status() {
    let _policy = POLICY.lock().unwrap_or_else(|p| p.into_inner());
    for debug_info in [false, true] {
        policy::set_debug_info(debug_info);
        let error = connect::error(tonic::Code::Aborted, "everything", everything);
        let status = rich_status::status(tonic::Code::Aborted, "everything", everything);
        assert_same_error(&error, &status);
        assert_eq!(error.details.len(), 15 + usize::from(debug_info));
        // The same status taken apart: the same `ConnectError`.
        let taken_apart = connect::from_status(&status);
        assert_eq!(format!("{taken_apart:?}"), format!("{error:?}"));
    }
    policy::set_debug_info(false);
    let error = connect::error(tonic::Code::Aborted, "everything", everything);
    assert_eq!(
        error.details[0].debug,
        Some(
            json!({"reason": "EVERYTHING", "domain": "every.example.com",
            "metadata": {"name": "Ada ü, again", "empty": ""}})
        )
    );
    assert_eq!(
        error.details[2].debug.as_ref().unwrap()["violations"][0],
        json!({"subject": "name: Ada ü", "apiService": "first", "quotaMetric": "metric",
            "quotaId": "id", "quotaDimensions": {"name": "Ada ü", "region": "eu"},
            "futureQuotaValue": "0"})
    );
    assert_eq!(
        error.details[4].debug.as_ref().unwrap()["fieldViolations"][0],
        json!({"field": "items[0].unitPrice", "description": "must be positive",
            "reason": "RANGE", "localizedMessage": {"locale": "fr-FR", "message": "deuxième"}})
    );
    // A message of the service's own has no JSON form.
    let thing = error
        .details
        .iter()
        .find(|d| d.type_url == "acme.v1.Thing")
        .unwrap();
    assert_eq!((thing.value.as_deref(), &thing.debug), (Some("CAE"), &None));
}

fn detail(type_url: &str, value: Option<&str>) -> ErrorDetail {
    ErrorDetail {
        type_url: type_url.into(),
        value: value.map(str::to_owned),
        debug: None,
    }
}

#[test]
fn type_names_bare_or_prefixed_and_base64_padded_or_not_all_read() {
    let info = pb::ErrorInfo {
        reason: "RR".into(),
        domain: "d.example.com".into(),
        metadata: Default::default(),
    };
    let bytes = prost::Message::encode_to_vec(&info);
    let padded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let unpadded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes);
    assert_ne!(padded, unpadded);
    for (name, value) in [
        ("google.rpc.ErrorInfo", &padded),
        ("type.googleapis.com/google.rpc.ErrorInfo", &unpadded),
        ("example.com/types/google.rpc.ErrorInfo", &padded),
    ] {
        let mut error = ConnectError::not_found("x");
        error.details.push(detail(name, Some(value)));
        let details = connect::details(&error).unwrap();
        assert_eq!(details.error_info().unwrap(), info, "{name}");
        assert_eq!(details.code(), tonic::Code::NotFound);
    }
}

#[test]
fn hostile_connect_errors_are_error_values() {
    let with = |details: Vec<ErrorDetail>| {
        let mut error = ConnectError::internal("x");
        error.details = details;
        error
    };
    // Not base64.
    let err =
        connect::details(&with(vec![detail("google.rpc.ErrorInfo", Some("*&^"))])).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::Base64 { .. }),
        "{err}"
    );
    // Not the message its name says: read as not there, `get` says why.
    let garbage = base64::engine::general_purpose::STANDARD_NO_PAD.encode([0x0a, 0x40, b'x']);
    let details =
        connect::details(&with(vec![detail("google.rpc.ErrorInfo", Some(&garbage))])).unwrap();
    assert!(details.error_info().is_none());
    let err = details.get::<pb::ErrorInfo>().unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::Detail { .. }),
        "{err}"
    );
    // 10,000 details: refused whole, before any is decoded.
    let many = vec![detail("google.rpc.Help", Some("")); 10_000];
    let err = connect::details(&with(many)).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::TooLarge { .. }),
        "{err}"
    );
    // No value: an empty message.
    let details = connect::details(&with(vec![detail("google.rpc.Help", None)])).unwrap();
    assert_eq!(details.help().unwrap(), pb::Help::default());

    // The derived `TryFrom` says what went wrong and keeps code and message.
    let err =
        ShopError::try_from(&with(vec![detail("google.rpc.ErrorInfo", Some("*&^"))])).unwrap_err();
    assert!(
        matches!(err.kind(), FromStatusErrorKind::Details(_)),
        "{err}"
    );
    assert_eq!(err.status().message(), "x");
}

#[test]
fn a_status_built_elsewhere_keeps_its_debug_info_from_callers_the_policy_does_not_trust() {
    let _policy = POLICY.lock().unwrap_or_else(|p| p.into_inner());
    // What a downstream service sent, its DebugInfo included, passed on to a connect caller.
    let status = rich_status::status(tonic::Code::Internal, "boom", |w| {
        w.error_info("BOOM", "store.example.com");
        w.detail(&rich_status_tests::debug_info());
    });
    for trusted in [false, true] {
        policy::set_debug_info(trusted);
        let error = connect::from_status(&status);
        let names: Vec<&str> = error.details.iter().map(|d| d.type_url.as_str()).collect();
        match trusted {
            false => assert_eq!(names, ["google.rpc.ErrorInfo"]),
            true => assert_eq!(names, ["google.rpc.ErrorInfo", "google.rpc.DebugInfo"]),
        }
    }
    policy::set_debug_info(false);
}
