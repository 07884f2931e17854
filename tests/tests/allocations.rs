//! What converting an error costs in heap allocations: the message, one buffer for the
//! details (of exactly the encoded size, never grown), and tonic's own `Status`; nothing
//! else, whatever the details hold. Counted by a global allocator of this test binary,
//! per thread, so that the other tests of the binary do not disturb the count.
//!
//! The encoder writes into a scratch buffer that each thread makes on its first status
//! and keeps; the counts are taken after that first status.

use rich_status::{RichStatus, pb};
use tonic::{Code, Status};

#[global_allocator]
static GLOBAL: rich_status_tests::heap::Counting = rich_status_tests::heap::Counting;

/// Allocations and reallocations made by `f` on this thread.
fn counted<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let (value, heap) = rich_status_tests::heap::measure(f);
    (value, heap.allocations, heap.reallocations)
}

/// One cause of a source chain, for the DebugInfo.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Cause(&'static str, #[source] Option<Box<Cause>>);

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
enum GreetError {
    #[error("user not found")]
    #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
    NotFound {
        #[rich_status(metadata = "userId")]
        user_id: String,
    },

    #[error("Request limit exceeded.")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(subject = "name: {name}", description = "Limit one greeting per person."),
        debug_info,
    )]
    TooManyGreetings {
        #[rich_status(metadata)]
        name: String,
        #[rich_status(metadata)]
        attempts: u32,
        #[source]
        cause: Cause,
    },

    #[error("quota exceeded")]
    #[rich_status(code = ResourceExhausted, reason = "QUOTA_EXCEEDED")]
    Wide {
        #[rich_status(metadata)]
        project: String,
        #[rich_status(metadata)]
        limit: u64,
        #[rich_status(quota_failure)]
        violations: Vec<pb::quota_failure::Violation>,
    },
}

/// Converts every error once, so that this thread's scratch buffer exists.
fn warm_up() {
    for error in errors() {
        drop(Status::from(error));
    }
}

fn errors() -> Vec<GreetError> {
    vec![
        GreetError::NotFound {
            user_id: "u-4242".into(),
        },
        GreetError::TooManyGreetings {
            name: "Alice".into(),
            attempts: 3,
            cause: Cause(
                "limiter refused",
                Some(Box::new(Cause("bucket empty", None))),
            ),
        },
        GreetError::Wide {
            project: "projects/4242".into(),
            limit: 100,
            violations: (0..10)
                .map(|i| pb::quota_failure::Violation {
                    subject: format!("clientip:192.0.2.{i}"),
                    description: "Limit 100 requests per minute.".into(),
                    ..Default::default()
                })
                .collect(),
        },
    ]
}

#[test]
fn a_conversion_allocates_the_message_one_details_buffer_and_tonics_status() {
    rich_status::policy::set_debug_info(true);
    warm_up();
    // What tonic itself allocates for a status with a message: the floor.
    let ((), bare, _) = counted(|| drop(Status::new(Code::NotFound, "user not found")));
    for error in errors() {
        let message = error.message();
        let (status, allocations, reallocations) = counted(|| error.to_status());
        assert_eq!(status.message(), message);
        assert!(!status.details().is_empty());
        assert_eq!(
            (allocations, reallocations),
            (bare + 1, 0),
            "{error:?}: {bare} for a bare status, plus one for the details expected"
        );
    }
}

#[test]
fn the_question_mark_conversion_allocates_no_more() {
    rich_status::policy::set_debug_info(true);
    warm_up();
    let ((), bare, _) = counted(|| drop(Status::new(Code::NotFound, "user not found")));
    for error in errors() {
        // `Status::from` also drops the error; its frees are not counted, nor made here.
        let (status, allocations, reallocations) = counted(|| Status::from(error));
        assert_eq!((allocations, reallocations), (bare + 1, 0), "{status:?}");
    }
}
