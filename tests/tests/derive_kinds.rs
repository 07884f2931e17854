//! The derive on structs, generics and lifetimes, nested `transparent`, handlers using
//! `?`, and the guarantee that unmarked fields never reach the wire. The inputs of the
//! expansion snapshots are compiled here too, so the snapshots show code that builds.

use rich_status::{RichStatus, StatusExt, pb};
use tonic::{Code, Status};

mod greeter {
    include!("../expand/greeter.rs");
}
mod structs_and_generics {
    include!("../expand/structs_and_generics.rs");
}
mod detail_fields {
    include!("../expand/detail_fields.rs");
}

#[test]
fn the_detail_fields_expansion_input_merges_and_packs() {
    let err = detail_fields::RateLimited {
        account: "a-1".into(),
        more: vec![pb::quota_failure::Violation {
            subject: "ip: 192.0.2.1".into(),
            ..Default::default()
        }],
        retry: None,
    };
    let details = err.to_status().rich_details().unwrap();
    let quota = details.quota_failure().unwrap();
    let subjects: Vec<&str> = quota
        .violations
        .iter()
        .map(|v| v.subject.as_str())
        .collect();
    assert_eq!(subjects, ["account: a-1", "ip: 192.0.2.1"]);
    assert_eq!(details.len(), 2);
}

use structs_and_generics::{AccountLocked, Missing};

#[test]
fn struct_with_message_template_display_and_debug() {
    let err = AccountLocked {
        id: 77,
        until: std::time::Duration::from_secs(90),
    };
    let status = Status::from(err);
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.message(), "account 77 is locked until 90s");
    let details = status.rich_details().unwrap();
    assert_eq!(
        details.error_info(),
        Some(pb::ErrorInfo {
            reason: "ACCOUNT_LOCKED".into(),
            domain: "accounts.example.com".into(),
            metadata: [("accountId".to_string(), "77".to_string())].into(),
        })
    );
}

#[test]
fn generic_enum_with_lifetime_and_where_clause() {
    #[derive(Clone, Debug)]
    struct Kind(&'static str);
    impl std::fmt::Display for Kind {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    let name = String::from("ada");
    let err = Missing::Named {
        kind: Kind("user"),
        name: &name,
    };
    let status = err.to_status();
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "no user named ada");
    let info = rich_status_tests::error_info_of(&status);
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        ("NAMED", "store.example.com")
    );
    assert_eq!(info.metadata["name"], "ada");

    let disabled: Status = Missing::<'_, Kind>::Disabled.into();
    assert_eq!(disabled.code(), Code::Unimplemented);
    assert_eq!(disabled.message(), "lookups are switched off");
    assert_eq!(
        disabled
            .rich_details()
            .unwrap()
            .error_info()
            .unwrap()
            .reason,
        "DISABLED"
    );
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "core.example.com", code = FailedPrecondition)]
enum CoreError {
    #[error("quota table is read-only")]
    ReadOnly,
    #[error("shard {shard} moved")]
    #[rich_status(code = Aborted, domain = "shards.example.com")]
    Moved {
        #[rich_status(metadata)]
        shard: u16,
    },
}

#[derive(Debug, thiserror::Error, RichStatus)]
enum ServiceError {
    #[error(transparent)]
    #[rich_status(transparent)]
    Core(#[from] CoreError),
}

#[derive(Debug, thiserror::Error, RichStatus)]
enum ApiError {
    #[error(transparent)]
    #[rich_status(transparent)]
    Service {
        #[from]
        inner: ServiceError,
    },
}

#[test]
fn unit_variant_uses_the_enum_default_code_and_domain() {
    let status = Status::from(CoreError::ReadOnly);
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert_eq!(status.message(), "quota table is read-only");
    let info = rich_status_tests::error_info_of(&status);
    assert_eq!(
        info,
        pb::ErrorInfo {
            reason: "READ_ONLY".into(),
            domain: "core.example.com".into(),
            metadata: Default::default(),
        }
    );
}

#[test]
fn transparent_nests_through_two_levels() {
    let err = ApiError::from(ServiceError::from(CoreError::Moved { shard: 9 }));
    let status = Status::from(err);
    assert_eq!(status.code(), Code::Aborted);
    assert_eq!(status.message(), "shard 9 moved");
    let info = rich_status_tests::error_info_of(&status);
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        ("MOVED", "shards.example.com")
    );
    assert_eq!(info.metadata["shard"], "9");
}

/// Shaped like a tonic handler: the error converts through `?`.
async fn say_hello(name: &str) -> Result<tonic::Response<String>, Status> {
    check_quota(name)?;
    Ok(tonic::Response::new(format!("Hello {name}!")))
}

fn check_quota(name: &str) -> Result<(), greeter::GreetError> {
    if name == "Ada" {
        return Err(greeter::GreetError::TooManyGreetings { name: name.into() });
    }
    Ok(())
}

#[tokio::test]
async fn a_handler_returns_the_error_with_question_mark() {
    assert_eq!(say_hello("Bob").await.unwrap().into_inner(), "Hello Bob!");
    let status = say_hello("Ada").await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(status.message(), "Request limit exceeded.");
    let details = status.rich_details().unwrap();
    assert_eq!(
        details.quota_failure().unwrap().violations[0].subject,
        "name: Ada"
    );
}

const SECRET: &str = "hunter2-9f8e7d6c";

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "auth.example.com", code = Unauthenticated)]
enum AuthError {
    /// The password is in the struct but named nowhere: it must never be sent.
    #[error("login failed for {user}")]
    LoginFailed {
        #[rich_status(metadata)]
        user: String,
        password: String,
    },
    /// Display would leak it; a client-facing message does not.
    #[error("bad token {token}")]
    #[rich_status(message = "the token was rejected")]
    BadToken { token: String },
}

#[test]
fn unmarked_fields_never_reach_the_wire() {
    for err in [
        AuthError::LoginFailed {
            user: "ada".into(),
            password: SECRET.into(),
        },
        AuthError::BadToken {
            token: SECRET.into(),
        },
    ] {
        let display = err.to_string();
        let status = Status::from(err);
        let mut headers = http::HeaderMap::new();
        status.add_header(&mut headers).unwrap();
        let trailer = headers["grpc-status-details-bin"].as_bytes().to_vec();
        let raw = rich_status::Details::from_trailer(&trailer)
            .unwrap()
            .to_proto();
        let bytes = prost::Message::encode_to_vec(&raw);
        let needle = SECRET.as_bytes();
        for haystack in [&bytes[..], status.message().as_bytes(), &trailer[..]] {
            assert!(
                !haystack.windows(needle.len()).any(|w| w == needle),
                "the secret leaked for `{display}`"
            );
        }
        for value in headers.values() {
            assert!(!value.as_bytes().windows(needle.len()).any(|w| w == needle));
        }
    }
}

#[derive(Debug, RichStatus)]
#[rich_status(domain = "files.example.com", code = NotFound)]
enum FileError {
    /// Tuple fields by position, with a format spec, and braces escaped.
    #[rich_status(
        message = "{0} not found in {{{1}}} ({2:>4}B)",
        reason = "FILE_MISSING"
    )]
    Missing(String, &'static str, u32),
}

#[test]
fn message_templates_take_tuple_fields_specs_and_escaped_braces() {
    let status = Status::from(FileError::Missing("a.txt".into(), "/srv", 42));
    assert_eq!(status.message(), "a.txt not found in {/srv} (  42B)");
    assert_eq!(
        status.rich_details().unwrap().message(),
        "a.txt not found in {/srv} (  42B)"
    );
}
