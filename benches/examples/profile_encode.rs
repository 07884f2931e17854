//! Converts the greeter's error into a `Status` many times, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_encode [greeter|error_info_only]`.

fn main() {
    rich_status::policy::set_debug_info(true);
    let which = std::env::args().nth(1).unwrap_or_else(|| "greeter".into());
    let iterations: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    for _ in 0..iterations {
        let error = match which.as_str() {
            "error_info_only" => rich_status_benches::error_info_only(),
            _ => rich_status_benches::greeter(),
        };
        std::hint::black_box(tonic::Status::from(error));
    }
}
