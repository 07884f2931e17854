//! Reads the details of one of the benchmarks' statuses many times, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_decode [greeter|error_info_only|wide] [N] [tonic-types]`.
//!
//! With `tonic-types` as the third argument it reads them with tonic-types'
//! `get_error_details` instead, the baseline of the decode benchmark.

use rich_status::StatusExt;
use tonic_types::StatusExt as _;

fn main() {
    rich_status::policy::set_debug_info(true);
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "greeter".into());
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let baseline = args.next().as_deref() == Some("tonic-types");
    let error = match which.as_str() {
        "error_info_only" => rich_status_benches::error_info_only(),
        "wide" => rich_status_benches::wide(),
        _ => rich_status_benches::greeter(),
    };
    let status = tonic::Status::from(error);
    for _ in 0..iterations {
        if baseline {
            std::hint::black_box(std::hint::black_box(&status).get_error_details());
        } else {
            let _ = std::hint::black_box(std::hint::black_box(&status).rich_details());
        }
    }
}
