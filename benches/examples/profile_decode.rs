//! Reads the details of one of the benchmarks' statuses many times, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_decode [greeter|error_info_only|wide] [N] [all|tonic-types|view|floor|none]`.
//!
//! With no third argument it decodes them with `rich_details`; with `all`, it also
//! decodes every standard detail into owned messages; with `tonic-types` it reads them
//! with tonic-types' `get_error_details` instead, the baseline of the decode benchmark;
//! with `view`, it reads them in place with `rich_view` and reads the ErrorInfo's reason,
//! domain and one metadata value; with `floor`, it clones tonic-types' owned result (the
//! allocations and copies any owned decode of every detail makes); with `none`, it does
//! nothing, so that the setup can be taken off the others.

use rich_status::StatusExt;
use tonic_types::StatusExt as _;

fn main() {
    rich_status::policy::set_debug_info(true);
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "greeter".into());
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let mode = args.next().unwrap_or_default();
    let (error, key) = match which.as_str() {
        "error_info_only" => (rich_status_benches::error_info_only(), "userId"),
        "wide" => (rich_status_benches::wide(), "project"),
        _ => (rich_status_benches::greeter(), "name"),
    };
    let status = tonic::Status::from(error);
    let owned = status.get_error_details();
    for _ in 0..iterations {
        if mode == "tonic-types" {
            std::hint::black_box(std::hint::black_box(&status).get_error_details());
        } else if mode == "floor" {
            std::hint::black_box(std::hint::black_box(&owned).clone());
        } else if mode == "none" {
            std::hint::black_box(&status);
        } else if mode == "view" {
            let view = std::hint::black_box(&status).rich_view().unwrap();
            let info = view.error_info().unwrap();
            std::hint::black_box((info.reason(), info.domain(), info.get(key)));
        } else if mode == "all" {
            let details = std::hint::black_box(&status).rich_details().unwrap();
            details.standard().for_each(|detail| {
                std::hint::black_box(detail);
            });
        } else {
            let _ = std::hint::black_box(std::hint::black_box(&status).rich_details());
        }
    }
}
