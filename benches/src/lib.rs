//! The errors the benchmarks encode, each built four ways from the same value: derived
//! (`Status::from`), tonic-types' hand-built `ErrorDetails`, a prost-built
//! `google.rpc.Status`, and a bare `Status::new`. The first three produce the same bytes
//! (checked before timing). A fifth, [`floor`], is the least any encoder could do for the
//! same status.

use std::collections::HashMap;

use bytes::Bytes;
use prost::{Message, Name};
use rich_status::{RichStatus, pb};
use tonic::Status;
use tonic_types::{ErrorDetails, StatusExt as _};

/// One link of a source chain, for the DebugInfo stack entries.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{0}")]
pub struct Frame(pub &'static str, #[source] pub Option<Box<Frame>>);

/// A three-entry source chain.
pub fn frames() -> Frame {
    Frame(
        "greeter::limiter::check (src/limiter.rs:42)",
        Some(Box::new(Frame(
            "greeter::service::say_hello (src/service.rs:17)",
            Some(Box::new(Frame(
                "tonic::server::unary (tonic/src/server.rs:301)",
                None,
            ))),
        ))),
    )
}

#[derive(Clone, Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
pub enum BenchError {
    /// The greeter's error: ErrorInfo with one metadata pair, one quota violation, and a
    /// three-entry DebugInfo while the policy sends it.
    #[error("Request limit exceeded.")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(subject = "name: {name}", description = "Limit one greeting per person."),
        debug_info,
    )]
    TooManyGreetings {
        #[rich_status(metadata)]
        name: String,
        #[source]
        cause: Frame,
    },

    /// ErrorInfo only.
    #[error("user not found")]
    #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
    NotFound {
        #[rich_status(metadata = "userId")]
        user_id: String,
    },

    /// Eight metadata pairs and ten violations.
    #[error("quota exceeded")]
    #[rich_status(code = ResourceExhausted, reason = "QUOTA_EXCEEDED")]
    Wide {
        #[rich_status(metadata)]
        project: String,
        #[rich_status(metadata)]
        region: String,
        #[rich_status(metadata)]
        service: String,
        #[rich_status(metadata)]
        method: String,
        #[rich_status(metadata)]
        user: String,
        #[rich_status(metadata)]
        tier: String,
        #[rich_status(metadata)]
        limit: u32,
        #[rich_status(metadata)]
        window: String,
        #[rich_status(quota_failure)]
        violations: Vec<pb::quota_failure::Violation>,
    },
}

pub fn greeter() -> BenchError {
    BenchError::TooManyGreetings {
        name: "Alice".into(),
        cause: frames(),
    }
}

pub fn error_info_only() -> BenchError {
    BenchError::NotFound {
        user_id: "u-4242".into(),
    }
}

pub fn wide() -> BenchError {
    BenchError::Wide {
        project: "projects/4242".into(),
        region: "eu-west1".into(),
        service: "greeter.example.com".into(),
        method: "SayHello".into(),
        user: "alice@example.com".into(),
        tier: "free".into(),
        limit: 100,
        window: "1m".into(),
        violations: (0..10)
            .map(|i| pb::quota_failure::Violation {
                subject: format!("clientip:192.0.2.{i}"),
                description: "Limit 100 requests per minute.".into(),
                ..Default::default()
            })
            .collect(),
    }
}

/// The error's DebugInfo as tonic-types and prost take it: the source chain's `Display`s
/// and the error's `Debug`.
fn debug_parts(error: &BenchError) -> (Vec<String>, String) {
    let mut entries = Vec::new();
    let mut next = std::error::Error::source(error);
    while let Some(e) = next {
        entries.push(e.to_string());
        next = e.source();
    }
    (entries, format!("{error:?}"))
}

/// The same status through tonic-types: `ErrorDetails`, then `with_error_details`.
pub fn tonic_types(error: &BenchError) -> Status {
    let message = error.to_string();
    let mut details = ErrorDetails::new();
    match error {
        BenchError::TooManyGreetings { name, .. } => {
            details.set_error_info(
                "TOO_MANY_GREETINGS",
                "greeter.example.com",
                HashMap::from([("name".to_string(), name.clone())]),
            );
            details.add_quota_failure_violation(
                format!("name: {name}"),
                "Limit one greeting per person.",
            );
            if rich_status::policy::debug_info_enabled() {
                let (entries, detail) = debug_parts(error);
                details.set_debug_info(entries, detail);
            }
        }
        BenchError::NotFound { user_id } => {
            details.set_error_info(
                "USER_UNKNOWN",
                "greeter.example.com",
                HashMap::from([("userId".to_string(), user_id.clone())]),
            );
        }
        BenchError::Wide { violations, .. } => {
            details.set_error_info(
                "QUOTA_EXCEEDED",
                "greeter.example.com",
                wide_metadata(error),
            );
            for v in violations {
                details.add_quota_failure_violation(v.subject.clone(), v.description.clone());
            }
        }
    }
    Status::with_error_details(error.code(), message, details)
}

fn wide_metadata(error: &BenchError) -> HashMap<String, String> {
    let BenchError::Wide {
        project,
        region,
        service,
        method,
        user,
        tier,
        limit,
        window,
        ..
    } = error
    else {
        unreachable!()
    };
    HashMap::from([
        ("project".to_string(), project.clone()),
        ("region".to_string(), region.clone()),
        ("service".to_string(), service.clone()),
        ("method".to_string(), method.clone()),
        ("user".to_string(), user.clone()),
        ("tier".to_string(), tier.clone()),
        ("limit".to_string(), limit.to_string()),
        ("window".to_string(), window.clone()),
    ])
}

fn any<M: Message + Name>(message: &M) -> prost_types::Any {
    prost_types::Any {
        type_url: M::type_url(),
        value: message.encode_to_vec(),
    }
}

/// The same status built as a prost `google.rpc.Status`, then `Status::with_details`.
pub fn prost_built(error: &BenchError) -> Status {
    let message = error.to_string();
    let mut details = Vec::new();
    match error {
        BenchError::TooManyGreetings { name, .. } => {
            details.push(any(&pb::ErrorInfo {
                reason: "TOO_MANY_GREETINGS".into(),
                domain: "greeter.example.com".into(),
                metadata: [("name".to_string(), name.clone())].into(),
            }));
            details.push(any(&pb::QuotaFailure {
                violations: vec![pb::quota_failure::Violation {
                    subject: format!("name: {name}"),
                    description: "Limit one greeting per person.".into(),
                    ..Default::default()
                }],
            }));
            if rich_status::policy::debug_info_enabled() {
                let (stack_entries, detail) = debug_parts(error);
                details.push(any(&pb::DebugInfo {
                    stack_entries,
                    detail,
                }));
            }
        }
        BenchError::NotFound { user_id } => details.push(any(&pb::ErrorInfo {
            reason: "USER_UNKNOWN".into(),
            domain: "greeter.example.com".into(),
            metadata: [("userId".to_string(), user_id.clone())].into(),
        })),
        BenchError::Wide { violations, .. } => {
            details.push(any(&pb::ErrorInfo {
                reason: "QUOTA_EXCEEDED".into(),
                domain: "greeter.example.com".into(),
                metadata: wide_metadata(error).into_iter().collect(),
            }));
            details.push(any(&pb::QuotaFailure {
                violations: violations.clone(),
            }));
        }
    }
    let code = error.code();
    let status = pb::Status {
        code: code as i32,
        message: message.clone(),
        details,
    };
    Status::with_details(code, message, status.encode_to_vec().into())
}

/// A bare status: code and message, no details.
pub fn bare(error: &BenchError) -> Status {
    Status::new(error.code(), error.to_string())
}

/// The least any encoder does for this error, whatever its design: the message is
/// formatted (as for [`bare`]), so are the texts the details take from the error at run
/// time (the greeter's quota subject and DebugInfo, the wide error's `limit`), into a
/// buffer that is reused, and `details`, the status's bytes encoded beforehand, are
/// copied into one allocation of their size. No encoding work at all.
pub fn floor(error: &BenchError, details: &[u8]) -> Status {
    let message = error.to_string();
    FLOOR_TEXTS.with_borrow_mut(|texts| {
        texts.clear();
        format_texts(error, texts);
        std::hint::black_box(texts.len());
    });
    Status::with_details(error.code(), message, Bytes::copy_from_slice(details))
}

thread_local! {
    static FLOOR_TEXTS: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Formats the texts of `error`'s details that are not in it as strings already.
fn format_texts(error: &BenchError, out: &mut String) {
    use std::fmt::Write as _;
    match error {
        BenchError::TooManyGreetings { name, .. } => {
            let _ = write!(out, "name: {name}");
            if rich_status::policy::debug_info_enabled() {
                let mut next = std::error::Error::source(error);
                while let Some(e) = next {
                    let _ = write!(out, "{e}");
                    next = e.source();
                }
                let _ = write!(out, "{error:?}");
            }
        }
        BenchError::NotFound { .. } => {}
        BenchError::Wide { limit, .. } => {
            let _ = write!(out, "{limit}");
        }
    }
}

/// The greeter's second greeting of `name` as a connect-rust `ConnectError` built by
/// hand: the `ErrorInfo` and the `QuotaFailure` prost-encoded and base64'd, each with
/// the `debug` JSON the derived conversion writes when `with_debug` (built only then).
pub fn connect_by_hand(name: &str, with_debug: bool) -> rich_status::connect::ConnectError {
    use base64::Engine as _;
    use rich_status::connect::{ConnectError, ErrorCode, ErrorDetail};

    fn detail(
        type_name: &str,
        message: &impl Message,
        debug: Option<serde_json::Value>,
    ) -> ErrorDetail {
        let engine = base64::engine::general_purpose::STANDARD_NO_PAD;
        ErrorDetail {
            type_url: type_name.into(),
            value: Some(engine.encode(message.encode_to_vec())),
            debug,
        }
    }

    let info = pb::ErrorInfo {
        reason: "TOO_MANY_GREETINGS".into(),
        domain: "greeter.example.com".into(),
        metadata: [("name".to_owned(), name.to_owned())].into(),
    };
    let subject = format!("name: {name}");
    let quota = pb::QuotaFailure {
        violations: vec![pb::quota_failure::Violation {
            subject: subject.clone(),
            description: "Limit one greeting per person.".into(),
            ..Default::default()
        }],
    };
    let info_debug = with_debug.then(|| {
        serde_json::json!({"reason": "TOO_MANY_GREETINGS",
            "domain": "greeter.example.com", "metadata": {"name": name}})
    });
    let quota_debug = with_debug.then(|| {
        serde_json::json!({"violations": [{"subject": subject,
            "description": "Limit one greeting per person."}]})
    });
    ConnectError::new(ErrorCode::ResourceExhausted, "Request limit exceeded.")
        .with_detail(detail("google.rpc.ErrorInfo", &info, info_debug))
        .with_detail(detail("google.rpc.QuotaFailure", &quota, quota_debug))
}
