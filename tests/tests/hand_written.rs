//! A hand-written `impl RichStatus` of the greeter's error (the README's) sends exactly the
//! bytes the derive sends: the derive writes nothing a person could not write by hand.

use rich_status::{RichStatus, pb, policy};
use rich_status_examples::hand_written::HandWrittenGreetError;
use rich_status_examples::{GreetError, GuestBookFailure};

fn pairs() -> Vec<(GreetError, HandWrittenGreetError)> {
    let violation = pb::bad_request::FieldViolation {
        field: "name".into(),
        description: "The name must not be empty.".into(),
        reason: "EMPTY_NAME".into(),
        localized_message: None,
    };
    vec![
        (
            GreetError::TooManyGreetings { name: "Ada".into() },
            HandWrittenGreetError::TooManyGreetings { name: "Ada".into() },
        ),
        (
            GreetError::EmptyName {
                violations: vec![violation.clone(), violation.clone()],
            },
            HandWrittenGreetError::EmptyName {
                violations: vec![violation.clone(), violation],
            },
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

#[test]
fn the_readme_shows_the_hand_written_impl_as_it_is() {
    let source = include_str!("../../examples/src/hand_written.rs");
    let readme = include_str!("../../README.md");
    let start = source.find("impl RichStatus for").unwrap();
    let end = source.find("impl From<HandWrittenGreetError>").unwrap();
    let body = source[start..end].trim();
    assert!(
        readme.contains(body),
        "README.md's hand-written impl differs from examples/src/hand_written.rs"
    );
}
