//! Converts one of the benchmarks' errors into a `Status` many times, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_encode [greeter|greeter_debug_info|error_info_only|wide] [N] [bare|floor|tonic-types|none]`.
//!
//! `greeter` is the greeter's error as production services send it, DebugInfo off;
//! `greeter_debug_info` the same with its DebugInfo.
//!
//! With `bare` as the third argument it builds the bare `Status::new` instead, which the
//! conversion is compared with; with `floor`, the least any encoder does for the same
//! status (`rich_status_benches::floor`); with `tonic-types`, tonic-types' hand-built
//! path; with `none`, it only makes and drops the error, so that its cost can be taken
//! off the others.

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "greeter".into());
    rich_status::policy::set_debug_info(which == "greeter_debug_info");
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let mode = args.next().unwrap_or_default();
    let make = || match which.as_str() {
        "error_info_only" => rich_status_benches::error_info_only(),
        "wide" => rich_status_benches::wide(),
        _ => rich_status_benches::greeter(),
    };
    let bytes = tonic::Status::from(make()).details().to_vec();
    for _ in 0..iterations {
        let error = make();
        match mode.as_str() {
            "bare" => drop(std::hint::black_box(rich_status_benches::bare(&error))),
            "floor" => drop(std::hint::black_box(rich_status_benches::floor(
                &error, &bytes,
            ))),
            "tonic-types" => drop(std::hint::black_box(rich_status_benches::tonic_types(
                &error,
            ))),
            "none" => drop(std::hint::black_box(error)),
            _ => drop(std::hint::black_box(tonic::Status::from(error))),
        }
    }
}
