//! Converts one of the benchmarks' errors into a `Status` many times, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_encode [greeter|error_info_only|wide] [N] [bare]`.
//!
//! With `bare` as the third argument it builds the bare `Status::new` instead, the
//! floor the conversion is compared with; with `none`, it only makes and drops the
//! error, so that its cost can be taken off the other two.

fn main() {
    rich_status::policy::set_debug_info(true);
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "greeter".into());
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let mode = args.next().unwrap_or_default();
    for _ in 0..iterations {
        let error = match which.as_str() {
            "error_info_only" => rich_status_benches::error_info_only(),
            "wide" => rich_status_benches::wide(),
            _ => rich_status_benches::greeter(),
        };
        if mode == "bare" {
            std::hint::black_box(rich_status_benches::bare(&error));
        } else if mode == "none" {
            std::hint::black_box(error);
        } else {
            std::hint::black_box(tonic::Status::from(error));
        }
    }
}
