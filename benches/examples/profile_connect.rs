//! Converts the greeter's error into connect-rust's `ConnectError` many times, for a
//! profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_connect [N] [derived|from_status|by_hand|by_hand_without_debug|none]`.
//!
//! `derived` (the default) is `ConnectError::from(error)`; `from_status` only takes a
//! `tonic::Status` of the same error apart (`connect::from_status`); `by_hand` builds the
//! same `ConnectError` by hand (`rich_status_benches::connect_by_hand`), with its `debug`
//! JSON or without; `none` only makes and drops the error, so that its cost can be taken
//! off the others.

use rich_status::connect::{self, ConnectError};
use rich_status_examples::GreetError;
use std::hint::black_box;

const NAME: &str = "Ada Lovelace";

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let mode = args.next().unwrap_or_default();
    let error = || GreetError::TooManyGreetings { name: NAME.into() };
    let status = rich_status::RichStatus::to_status(&error());
    for _ in 0..iterations {
        match mode.as_str() {
            "from_status" => drop(black_box(connect::from_status(black_box(&status)))),
            "by_hand" => drop(black_box(rich_status_benches::connect_by_hand(
                black_box(NAME),
                true,
            ))),
            "by_hand_without_debug" => drop(black_box(rich_status_benches::connect_by_hand(
                black_box(NAME),
                false,
            ))),
            "none" => drop(black_box(error())),
            _ => drop(black_box(ConnectError::from(error()))),
        }
    }
}
