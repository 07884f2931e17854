//! A hand-written `impl RichStatus` of the greeter's error (the README's) sends exactly the
//! bytes the derive sends, and its hand-written `TryFrom<&Status>` reads back what the
//! derived one reads, and refuses what it refuses with the same error: the derive writes
//! nothing a person could not write by hand.

use rich_status::{RichStatus, policy};
use rich_status_examples::hand_written::HandWrittenGreetError;
use rich_status_examples::{GreetError, GuestBookFailure};

/// Held by the tests that turn the process-wide `DebugInfo` policy on and off, which
/// would otherwise race.
static POLICY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn pairs() -> Vec<(GreetError, HandWrittenGreetError)> {
    // Two failed rules on one field, as validator reports them.
    let report = || {
        let mut report = validator::ValidationErrors::new();
        for code in ["empty_name", "too_short"] {
            let error = validator::ValidationError::new(code)
                .with_message("The name must not be empty.".into());
            report.add("name", error);
        }
        report
    };
    vec![
        (
            GreetError::TooManyGreetings { name: "Ada".into() },
            HandWrittenGreetError::TooManyGreetings { name: "Ada".into() },
        ),
        (
            GreetError::EmptyName { report: report() },
            HandWrittenGreetError::EmptyName { report: report() },
        ),
        (
            GreetError::Unwelcome {
                name: "Mallory #1?".into(),
            },
            HandWrittenGreetError::Unwelcome {
                name: "Mallory #1?".into(),
            },
        ),
        (
            GreetError::GuestBook(GuestBookFailure::DiskFull),
            HandWrittenGreetError::GuestBook(GuestBookFailure::DiskFull),
        ),
    ]
}

#[test]
fn the_hand_written_impl_sends_the_derived_bytes() {
    let _policy = POLICY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for debug_info in [false, true] {
        policy::set_debug_info(debug_info);
        for (derived, by_hand) in pairs() {
            let (ours, theirs) = (derived.to_status(), by_hand.to_status());
            assert_eq!(ours.code(), theirs.code(), "{derived:?}");
            assert_eq!(ours.message(), theirs.message(), "{derived:?}");
            assert_eq!(
                ours.details(),
                theirs.details(),
                "{derived:?}, DebugInfo {debug_info}"
            );
            assert_eq!(
                tonic::Status::from(derived).details(),
                tonic::Status::from(by_hand).details()
            );
        }
    }
    policy::set_debug_info(false);
}

/// What a status reads back as: the variant (printed, as both enums print alike) or the
/// error, with its kind and message.
fn read<E>(status: &tonic::Status) -> String
where
    E: for<'s> TryFrom<&'s tonic::Status, Error = rich_status::decode::FromStatusError>
        + std::fmt::Debug,
{
    match E::try_from(status) {
        Ok(error) => format!("{error:?}"),
        Err(error) => format!("{:?}: {error}", error.kind()),
    }
}

#[test]
fn the_hand_written_try_from_reads_what_the_derived_one_reads() {
    use tonic::Code;
    let mut statuses: Vec<tonic::Status> = Vec::new();
    let policy_lock = POLICY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for debug_info in [false, true] {
        policy::set_debug_info(debug_info);
        statuses.extend(pairs().into_iter().map(|(derived, _)| derived.to_status()));
    }
    policy::set_debug_info(false);
    drop(policy_lock);
    let greeter = |code, reason: &str, name: Option<&str>| {
        rich_status::status(code, "x", |w| {
            let mut info = w.error_info(reason, "greeter.example.com");
            if let Some(name) = name {
                info.metadata("name", name);
            }
        })
    };
    statuses.extend([
        tonic::Status::not_found("no details"),
        greeter(Code::Internal, "TOO_MANY_GREETINGS", Some("Ada")),
        greeter(Code::Ok, "NAME_BLOCKED", Some("Ada")),
        greeter(Code::ResourceExhausted, "TOO_MANY_GREETINGS", None),
        greeter(Code::Unavailable, "NO_SUCH_REASON", None),
        rich_status::status(Code::Unavailable, "x", |w| {
            w.error_info("GUEST_BOOK_UNAVAILABLE", "elsewhere.example.com");
        }),
        tonic::Status::with_details(Code::NotFound, "x", bytes::Bytes::from_static(b"\xff")),
    ]);
    for status in &statuses {
        let derived = read::<GreetError>(status);
        assert_eq!(derived, read::<HandWrittenGreetError>(status));
    }
    // The statuses of the four variants read back, the others are refused.
    let read_back = statuses
        .iter()
        .filter(|status| GreetError::try_from(*status).is_ok())
        .count();
    assert_eq!(read_back, 8);
}

#[test]
fn the_readme_shows_the_hand_written_impls_as_they_are() {
    let source = include_str!("../../examples/src/hand_written.rs");
    let readme = include_str!("../../README.md");
    let start = source.find("impl RichStatus for").unwrap();
    let end = source.find("impl From<HandWrittenGreetError>").unwrap();
    let body = source[start..end].trim();
    assert!(
        readme.contains(body),
        "README.md's hand-written impl differs from examples/src/hand_written.rs"
    );
    let start = source.find("impl TryFrom<&Status>").unwrap();
    let body = source[start..].trim();
    assert!(
        readme.contains(body),
        "README.md's hand-written TryFrom differs from examples/src/hand_written.rs"
    );
}
