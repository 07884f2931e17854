//! The greeter's second greeting of a name into connect-rust's `ConnectError`: the
//! derived conversion, against one built by hand with the same details (prost-encoded,
//! base64, with and without the `debug` JSON the derived one carries), a bare one with
//! code and message only, and the same status passed on through
//! `connect::from_status`: `cargo bench -p rich-status-benches --bench connect`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rich_status::connect::{ConnectError, ErrorCode};
use rich_status_benches::connect_by_hand as by_hand;
use rich_status_examples::GreetError;
use std::hint::black_box;

const NAME: &str = "Ada Lovelace";

fn error() -> GreetError {
    GreetError::TooManyGreetings { name: NAME.into() }
}

/// The name in the greeter's error.
fn name_of(error: GreetError) -> String {
    match error {
        GreetError::TooManyGreetings { name } => name,
        other => unreachable!("{other:?}"),
    }
}

fn connect(c: &mut Criterion) {
    // The same error, whichever way it is built.
    let derived = ConnectError::from(error());
    let hand = by_hand(NAME, true);
    assert_eq!(derived.code, hand.code);
    assert_eq!(derived.message, hand.message);
    assert_eq!(
        format!("{:?}", derived.details),
        format!("{:?}", hand.details)
    );

    // Every row builds a `ConnectError` and drops it, as a server does with each error
    // it sends: the allocator reuses what the last one freed, as it does there.
    let mut group = c.benchmark_group("connect/greeter");
    group.bench_function("rich_status_derived", |b| {
        b.iter_batched(
            error,
            |e| drop(black_box(ConnectError::from(black_box(e)))),
            BatchSize::SmallInput,
        )
    });
    // By hand from the same error, taken apart: its name is dropped in the timing, as
    // the derived conversion drops the error it consumes.
    for (row, with_debug) in [
        ("by_hand_with_debug", true),
        ("by_hand_without_debug", false),
    ] {
        group.bench_function(row, |b| {
            b.iter_batched(
                error,
                |e| drop(black_box(by_hand(&name_of(black_box(e)), with_debug))),
                BatchSize::SmallInput,
            )
        });
    }
    group.bench_function("bare_code_and_message", |b| {
        b.iter_batched(
            || (ErrorCode::ResourceExhausted, "Request limit exceeded."),
            |(code, message)| {
                drop(black_box(ConnectError::new(
                    black_box(code),
                    black_box(message),
                )))
            },
            BatchSize::SmallInput,
        )
    });
    // A status built elsewhere (another service's, passed on) taken apart into
    // `ErrorDetail`s, its `debug` JSON read from the bytes.
    let status = rich_status::RichStatus::to_status(&error());
    group.bench_function("from_status", |b| {
        b.iter_batched(
            || &status,
            |status| {
                drop(black_box(rich_status::connect::from_status(black_box(
                    status,
                ))))
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, connect);
criterion_main!(benches);
