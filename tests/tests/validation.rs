//! validator's and garde's reports as `BadRequest` field violations: paths as
//! `google.rpc.BadRequest` defines them, reasons and descriptions from the rules, a
//! stable order, the budget, the JSON paths of the axum path, and the derive's
//! `#[rich_status(bad_request)]` on a report field.

use std::collections::HashMap;

use rich_status::pb::bad_request::FieldViolation;
use rich_status::{RichStatus, StatusExt};
use serde_json::json;

/// The violations of `status`'s `BadRequest` as (field, reason, description).
fn violations(status: &tonic::Status) -> Vec<(String, String, String)> {
    let details = status.rich_details().unwrap();
    let bad = details.bad_request().expect("a BadRequest");
    bad.field_violations
        .into_iter()
        .map(|v| (v.field, v.reason, v.description))
        .collect()
}

/// Twenty statuses of the same request have the same bytes, though each report keeps
/// some of its parts in a `HashMap` whose order each map draws anew.
fn assert_same_bytes(status: impl Fn() -> tonic::Status) {
    let first = status();
    for _ in 0..20 {
        assert_eq!(status().details(), first.details());
    }
}

fn triples(expected: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    expected
        .iter()
        .map(|(f, r, d)| (f.to_string(), r.to_string(), d.to_string()))
        .collect()
}

mod with_validator {
    use super::*;
    use validator::{Validate, ValidationError};

    #[derive(Validate)]
    pub struct Signup {
        #[validate(email, length(max = 5))]
        pub email_address: String,
        #[validate(length(min = 3, message = "Too short for a name."))]
        pub name: String,
        #[validate(range(min = 18, max = 130))]
        pub age: u32,
        #[validate(nested)]
        pub address: Address,
        #[validate(nested)]
        pub items: Vec<Item>,
        #[validate(custom(function = "no_spaces", code = "no_spaces"))]
        pub handle: String,
    }

    #[derive(Validate)]
    pub struct Address {
        #[validate(length(min = 1))]
        pub street_name: String,
        #[validate(length(equal = 5))]
        pub zip: String,
    }

    #[derive(Validate)]
    pub struct Item {
        #[validate(range(exclusive_min = 0))]
        pub quantity: i32,
        #[validate(contains(pattern = "sku-"))]
        pub sku: String,
    }

    fn no_spaces(handle: &str) -> Result<(), ValidationError> {
        if handle.contains(' ') {
            return Err(ValidationError::new("no_spaces"));
        }
        Ok(())
    }

    pub fn bad_signup() -> Signup {
        Signup {
            email_address: "not an email".into(),
            name: "Al".into(),
            age: 7,
            address: Address {
                street_name: String::new(),
                zip: "123".into(),
            },
            items: vec![
                Item {
                    quantity: 1,
                    sku: "sku-1".into(),
                },
                Item {
                    quantity: 0,
                    sku: "sku-2".into(),
                },
                Item {
                    quantity: 0,
                    sku: "x".into(),
                },
            ],
            handle: "a b".into(),
        }
    }

    pub const EXPECTED: &[(&str, &str, &str)] = &[
        (
            "address.street_name",
            "LENGTH",
            "Must have a length of at least 1.",
        ),
        ("address.zip", "LENGTH", "Must have a length of exactly 5."),
        ("age", "RANGE", "Must be at least 18 and at most 130."),
        // validator runs `length` before `email`, whatever the order written.
        (
            "email_address",
            "LENGTH",
            "Must have a length of at most 5.",
        ),
        ("email_address", "EMAIL", "Must be a valid email address."),
        ("handle", "NO_SPACES", "Failed the check no_spaces."),
        ("items[1].quantity", "RANGE", "Must be greater than 0."),
        ("items[2].quantity", "RANGE", "Must be greater than 0."),
        ("items[2].sku", "CONTAINS", "Must contain \"sku-\"."),
        ("name", "LENGTH", "Too short for a name."),
    ];

    #[test]
    fn every_failed_rule_is_a_violation_at_its_path() {
        let report = bad_signup().validate().unwrap_err();
        let status = rich_status::validation::invalid_request(&report, "signup.example.com");
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert_eq!(status.message(), "The request is invalid.");
        let info = status.rich_details().unwrap().error_info().unwrap();
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("INVALID_REQUEST", "signup.example.com")
        );
        assert_eq!(violations(&status), triples(EXPECTED));
    }

    #[test]
    fn the_same_report_gives_the_same_bytes() {
        // validator's report is a HashMap: each validation orders it anew.
        assert_same_bytes(|| {
            let report = bad_signup().validate().unwrap_err();
            rich_status::validation::invalid_request(&report, "signup.example.com")
        });
    }

    #[test]
    fn a_structs_own_errors_name_the_struct() {
        #[derive(Validate)]
        #[validate(schema(function = "passwords_match"))]
        struct Passwords {
            first: String,
            second: String,
        }
        fn passwords_match(p: &Passwords) -> Result<(), ValidationError> {
            if p.first != p.second {
                return Err(
                    ValidationError::new("mismatch").with_message("The passwords differ.".into())
                );
            }
            Ok(())
        }
        #[derive(Validate)]
        struct Change {
            #[validate(nested)]
            passwords: Passwords,
        }
        let change = Change {
            passwords: Passwords {
                first: "a".into(),
                second: "b".into(),
            },
        };
        let status = rich_status::status(tonic::Code::InvalidArgument, "bad", |w| {
            w.field_violations(&change.validate().unwrap_err());
        });
        assert_eq!(
            violations(&status),
            triples(&[("passwords", "MISMATCH", "The passwords differ.")])
        );
    }
}

mod with_garde {
    use super::*;
    use garde::Validate;

    #[derive(Validate)]
    pub struct Order {
        #[garde(length(min = 3), alphanumeric)]
        pub order_name: String,
        #[garde(dive)]
        pub lines: Vec<Line>,
        #[garde(dive)]
        pub labels: HashMap<String, Label>,
        #[garde(dive)]
        pub shipping: Shipping,
        #[garde(custom(not_mallory))]
        pub buyer: String,
    }

    #[derive(Validate)]
    pub struct Line {
        #[garde(range(min = 1))]
        pub count: u32,
    }

    #[derive(Validate)]
    pub struct Label {
        #[garde(length(max = 3))]
        pub text: String,
    }

    #[derive(Validate)]
    pub struct Shipping {
        #[garde(length(min = 1))]
        pub street_name: String,
    }

    fn not_mallory(buyer: &str, _: &()) -> garde::Result {
        if buyer == "Mallory" {
            return Err(garde::Error::new("Mallory may not buy."));
        }
        Ok(())
    }

    pub fn bad_order() -> Order {
        Order {
            order_name: "a!".into(),
            lines: vec![Line { count: 1 }, Line { count: 0 }],
            labels: HashMap::from([
                (
                    "env".to_string(),
                    Label {
                        text: "production".into(),
                    },
                ),
                (
                    "a.b".to_string(),
                    Label {
                        text: "long value".into(),
                    },
                ),
                ("ok".to_string(), Label { text: "ok".into() }),
            ]),
            shipping: Shipping {
                street_name: String::new(),
            },
            buyer: "Mallory".into(),
        }
    }

    pub fn expected() -> Vec<(String, String, String)> {
        let report = bad_order().validate().unwrap_err();
        // garde's own messages, so that the test reads what garde says of each rule.
        let message = |path: &str| -> String {
            report
                .iter()
                .filter(|(p, _)| p.to_string() == path)
                .map(|(_, e)| e.message().to_owned())
                .collect::<Vec<_>>()
                .join("|")
        };
        // garde's own `Display` of a path does not escape keys: `labels.a.b.text`.
        let mut out = vec![
            ("buyer", "", "Mallory may not buy.".to_string()),
            ("labels.`a.b`.text", "", message("labels.a.b.text")),
            ("labels.env.text", "", message("labels.env.text")),
            ("lines[1].count", "", message("lines[1].count")),
        ];
        let name: Vec<String> = message("order_name")
            .split('|')
            .map(str::to_owned)
            .collect();
        assert_eq!(name.len(), 2, "two rules fail on order_name");
        out.push(("order_name", "", name[0].clone()));
        out.push(("order_name", "", name[1].clone()));
        out.push(("shipping.street_name", "", message("shipping.street_name")));
        out.into_iter()
            .map(|(f, r, d)| (f.to_owned(), r.to_owned(), d))
            .collect()
    }

    #[test]
    fn every_failed_rule_is_a_violation_at_its_path() {
        let report = bad_order().validate().unwrap_err();
        let status = rich_status::validation::invalid_request(&report, "shop.example.com");
        let got = violations(&status);
        assert_eq!(got, expected());
        // The descriptions are garde's messages, which say what the rule wanted.
        assert_eq!(got[3].2, "lower than 1");
        assert_eq!(got[1].2, "length is greater than 3");
    }

    #[test]
    fn a_maps_entries_come_in_key_order() {
        assert_same_bytes(|| {
            let report = bad_order().validate().unwrap_err();
            rich_status::validation::invalid_request(&report, "shop.example.com")
        });
    }
}

/// The example of the validation issue: a derived error with a report field, returned
/// with `?` from `validate()`.
#[derive(Debug, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "signup.example.com", decode, into_response)]
enum SignupError {
    #[error("The request is invalid.")]
    #[rich_status(
        code = InvalidArgument,
        bad_request(field = "terms", description = "The terms must be accepted.", reason = "TERMS"),
    )]
    Invalid(
        #[from]
        #[rich_status(bad_request)]
        validator::ValidationErrors,
    ),
}

/// garde's report is not `PartialEq`: an error of its own.
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "shop.example.com", decode)]
enum OrderError {
    #[error("The order is invalid.")]
    #[rich_status(code = InvalidArgument)]
    Order {
        #[rich_status(bad_request)]
        report: garde::Report,
        #[rich_status(bad_request)]
        more: Vec<FieldViolation>,
    },
}

fn signup(request: &with_validator::Signup) -> Result<(), SignupError> {
    validator::Validate::validate(request)?;
    Ok(())
}

#[test]
fn a_report_field_joins_the_variants_violations() {
    let error = signup(&with_validator::bad_signup()).unwrap_err();
    let status = tonic::Status::from(error);
    let mut expected = triples(&[("terms", "TERMS", "The terms must be accepted.")]);
    expected.extend(triples(with_validator::EXPECTED));
    assert_eq!(violations(&status), expected);
    let info = status.rich_details().unwrap().error_info().unwrap();
    assert_eq!(info.reason, "INVALID");

    // The report does not cross the wire: decoded, the field is its Default.
    assert_eq!(
        SignupError::try_from(&status).unwrap(),
        SignupError::Invalid(validator::ValidationErrors::new())
    );
}

#[test]
fn reports_and_owned_violations_join_in_field_order() {
    let report = garde::Validate::validate(&with_garde::bad_order()).unwrap_err();
    let more = vec![FieldViolation {
        field: "coupon".into(),
        description: "Expired.".into(),
        reason: "EXPIRED".into(),
        localized_message: None,
    }];
    let status = tonic::Status::from(OrderError::Order { report, more });
    let mut expected = with_garde::expected();
    expected.push(("coupon".into(), "EXPIRED".into(), "Expired.".into()));
    assert_eq!(violations(&status), expected);
    // Decoded, the report is its Default, and a `Vec` reads every violation after those
    // the attributes wrote: the wire does not say which field wrote which.
    let OrderError::Order { report, more } = OrderError::try_from(&status).unwrap();
    assert!(report.is_empty());
    let fields: Vec<&str> = more.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields.len(), 8);
    assert_eq!((fields[0], fields[7]), ("buyer", "coupon"));
}

/// The `field` of each violation of the `BadRequest` (the second detail) in a JSON body.
fn json_fields(body: &serde_json::Value) -> Vec<&str> {
    body["error"]["details"][1]["fieldViolations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["field"].as_str().unwrap())
        .collect()
}

#[test]
fn the_json_body_names_fields_in_json() {
    let error = signup(&with_validator::bad_signup()).unwrap_err();
    let body = rich_status::rest::json_body(&tonic::Status::from(error));
    assert_eq!(
        json_fields(&body),
        [
            "terms",
            "address.streetName",
            "address.zip",
            "age",
            "emailAddress",
            "emailAddress",
            "handle",
            "items[1].quantity",
            "items[2].quantity",
            "items[2].sku",
            "name"
        ]
    );
    assert_eq!(
        body["error"]["details"][1]["fieldViolations"][1],
        json!({"field": "address.streetName", "description": "Must have a length of at least 1.", "reason": "LENGTH"})
    );

    let report = garde::Validate::validate(&with_garde::bad_order()).unwrap_err();
    let status = rich_status::validation::invalid_request(&report, "shop.example.com");
    let body = rich_status::rest::json_body(&status);
    assert_eq!(
        json_fields(&body),
        [
            "buyer",
            "labels.`a.b`.text",
            "labels.env.text",
            "lines[1].count",
            "orderName",
            "orderName",
            "shipping.streetName"
        ]
    );
    assert_eq!(
        body["error"]["details"][1]["fieldViolations"][0],
        json!({"field": "buyer", "description": "Mallory may not buy."})
    );
}

#[test]
fn ten_thousand_violations_arrive_within_the_budget() {
    use validator::Validate as _;
    #[derive(validator::Validate)]
    struct Many {
        #[validate(nested)]
        items: Vec<One>,
    }
    #[derive(validator::Validate)]
    struct One {
        #[validate(length(min = 1))]
        name: String,
    }
    let many = Many {
        items: (0..10_000)
            .map(|_| One {
                name: String::new(),
            })
            .collect(),
    };
    let report = many.validate().unwrap_err();
    let status = rich_status::validation::invalid_request(&report, "bulk.example.com");
    let details = status.rich_details().unwrap();
    let kept = details.bad_request().unwrap().field_violations;
    // Over the budget, violations are cut to the first, as any violations are.
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].field, "items[0].name");
    let info = details.error_info().unwrap();
    assert!(
        info.metadata
            .contains_key(rich_status::policy::TRUNCATED_KEY),
        "the cut is marked: {:?}",
        info.metadata
    );
    let trailer = base64_len(status.details());
    assert!(
        trailer <= rich_status::policy::trailer_budget(),
        "{trailer} bytes"
    );
}

fn base64_len(bytes: &[u8]) -> usize {
    bytes.len().div_ceil(3) * 4
}

#[tokio::test]
async fn the_axum_answer_is_400_with_json_paths() {
    use axum::response::IntoResponse as _;
    use http_body_util::BodyExt as _;
    use validator::Validate as _;

    #[derive(validator::Validate)]
    struct Contact {
        #[validate(nested)]
        email_addresses: Vec<Email>,
    }
    #[derive(validator::Validate)]
    struct Email {
        #[validate(email)]
        email: String,
    }
    let contact = Contact {
        email_addresses: vec![Email {
            email: "nope".into(),
        }],
    };
    let report = contact.validate().unwrap_err();
    let response = SignupError::Invalid(report).into_response();
    assert_eq!(response.status(), 400);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body,
        json!({"error": {
            "code": 400,
            "message": "The request is invalid.",
            "status": "INVALID_ARGUMENT",
            "details": [
                {"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                 "reason": "INVALID", "domain": "signup.example.com"},
                {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [
                    {"field": "terms", "description": "The terms must be accepted.", "reason": "TERMS"},
                    {"field": "emailAddresses[0].email",
                     "description": "Must be a valid email address.", "reason": "EMAIL"},
                ]},
            ],
        }})
    );
}

mod with_protovalidate {
    use super::*;
    use prost_reflect::{DynamicMessage, MapKey, Value};

    /// `shop.proto`, with buf.validate rules, compiled by protox against the
    /// `buf/validate/validate.proto` that prost-protovalidate carries.
    fn shop() -> prost_reflect::DescriptorPool {
        let rules = &*prost_protovalidate::types::DESCRIPTOR_POOL;
        let rules = prost_types::FileDescriptorSet {
            file: rules.file_descriptor_protos().cloned().collect(),
        };
        let dir = std::env::temp_dir().join(format!("rich-status-shop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("shop.proto"),
            r#"syntax = "proto3";
package shop;
import "buf/validate/validate.proto";
message Item { string item_name = 1 [(buf.validate.field).string.min_len = 1]; }
message Order {
  repeated Item items = 1;
  map<string, string> labels = 2 [(buf.validate.field).map.values.string.max_len = 2];
  string email = 3 [(buf.validate.field).string.email = true];
  int32 count = 4 [(buf.validate.field).int32 = {gt: 0, lt: 10}];
}
"#,
        )
        .unwrap();
        let mut resolver = protox::file::ChainFileResolver::new();
        resolver.add(protox::file::DescriptorSetFileResolver::new(rules));
        resolver.add(protox::file::GoogleFileResolver::new());
        resolver.add(protox::file::IncludeFileResolver::new(dir));
        let mut compiler = protox::Compiler::with_file_resolver(resolver);
        compiler.include_imports(true);
        compiler.open_file("shop.proto").unwrap();
        compiler.descriptor_pool()
    }

    #[test]
    fn every_violation_at_its_path() {
        let pool = shop();
        let item = |name: &str| {
            let mut item = DynamicMessage::new(pool.get_message_by_name("shop.Item").unwrap());
            item.set_field_by_name("item_name", Value::String(name.into()));
            Value::Message(item)
        };
        let mut order = DynamicMessage::new(pool.get_message_by_name("shop.Order").unwrap());
        order.set_field_by_name("items", Value::List(vec![item("x"), item("")]));
        order.set_field_by_name(
            "labels",
            Value::Map(HashMap::from([
                (MapKey::String("a.b".into()), Value::String("long".into())),
                (MapKey::String("env".into()), Value::String("prod".into())),
                (MapKey::String("ok".into()), Value::String("ok".into())),
            ])),
        );
        order.set_field_by_name("email", Value::String("nope".into()));
        order.set_field_by_name("count", Value::I32(0));
        let report = match prost_protovalidate::Validator::new().validate(&order) {
            Err(prost_protovalidate::Error::Validation(report)) => report,
            other => panic!("not a validation error: {other:?}"),
        };
        let status = rich_status::validation::invalid_request(&report, "shop.example.com");
        assert_eq!(
            violations(&status),
            triples(&[
                (
                    "count",
                    "INT32_GT_LT",
                    "value must be greater than 0 and less than 10"
                ),
                ("email", "STRING_EMAIL", "Failed the check string.email."),
                (
                    "items[1].item_name",
                    "STRING_MIN_LEN",
                    "value length must be at least 1 characters"
                ),
                (
                    "labels.`a.b`",
                    "STRING_MAX_LEN",
                    "value length must be at most 2 characters"
                ),
                (
                    "labels.env",
                    "STRING_MAX_LEN",
                    "value length must be at most 2 characters"
                ),
            ])
        );
        let body = rich_status::rest::json_body(&status);
        assert_eq!(
            body["error"]["details"][1]["fieldViolations"][2]["field"],
            "items[1].itemName"
        );
    }
}

/// The greeter's empty-name error comes from validator's report on the request, and its
/// status is byte for byte what the greeter sent when it built the violation by hand.
#[tokio::test]
async fn the_greeters_empty_name_is_byte_for_byte_as_before() {
    use rich_status_examples::GreeterService;
    use rich_status_examples::proto::HelloRequest;
    use rich_status_examples::proto::greeter_server::Greeter as _;

    let status = GreeterService::default()
        .say_hello(tonic::Request::new(HelloRequest::default()))
        .await
        .unwrap_err();
    let by_hand = vec![FieldViolation {
        field: "name".into(),
        description: "The name must not be empty.".into(),
        reason: "EMPTY_NAME".into(),
        localized_message: None,
    }];
    let before = rich_status::status(tonic::Code::InvalidArgument, "A name is required.", |w| {
        w.error_info("EMPTY_NAME", "greeter.example.com");
        w.field_violations(&by_hand);
    });
    assert_eq!(status.code(), before.code());
    assert_eq!(status.message(), before.message());
    assert_eq!(status.details(), before.details());
}
