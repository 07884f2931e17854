//! Encoding one error into a `tonic::Status`, four ways, on the same error value, and
//! the floor no encoder goes under:
//! `cargo bench -p rich-status-benches --bench encode`.

use criterion::{Criterion, criterion_group, criterion_main};
use rich_status::StatusExt;
use rich_status_benches::*;
use std::hint::black_box;

/// The three rich ways give the same status: the same details, field for field (map
/// entries may come in another order, and tonic-types orders details its own way).
fn check_same_details(error: &BenchError) {
    let decoded = |status: tonic::Status| {
        let details = status.rich_details().unwrap();
        let mut all: Vec<String> = details.standard().map(|d| format!("{d:?}")).collect();
        all.sort();
        (details.code(), details.message().to_owned(), all)
    };
    let ours = decoded(tonic::Status::from(clone(error)));
    assert_eq!(
        ours,
        decoded(prost_built(error)),
        "derived and prost-built differ"
    );
    assert_eq!(
        ours,
        decoded(tonic_types(error)),
        "derived and tonic-types differ"
    );
}

/// The benchmarks convert a fresh error each time, as a handler does.
fn clone(error: &BenchError) -> BenchError {
    match error {
        BenchError::TooManyGreetings { name, .. } => BenchError::TooManyGreetings {
            name: name.clone(),
            cause: frames(),
        },
        BenchError::NotFound { user_id } => BenchError::NotFound {
            user_id: user_id.clone(),
        },
        BenchError::Wide { .. } => wide(),
    }
}

fn encode(c: &mut Criterion) {
    // The greeter as production services send it (DebugInfo off), then with its
    // DebugInfo, then the other shapes.
    for (name, error, debug_info) in [
        ("greeter", greeter(), false),
        ("greeter_debug_info", greeter(), true),
        ("error_info_only", error_info_only(), false),
        ("8_metadata_10_violations", wide(), false),
    ] {
        rich_status::policy::set_debug_info(debug_info);
        check_same_details(&error);
        let mut group = c.benchmark_group(format!("encode/{name}"));
        // `Status::from(error)` is `to_status(&error)` followed by dropping the error;
        // the other three read the error by reference, so this one does too and the
        // error's drop stays out of the measurement for all four.
        group.bench_function("rich_status_derived", |b| {
            b.iter(|| black_box(rich_status::RichStatus::to_status(black_box(&error))))
        });
        // The conversion a handler's `?` makes: the same encoding, plus the `tracing`
        // level check and dropping the error. The clone is made outside the timing.
        group.bench_function("rich_status_from", |b| {
            b.iter_batched(
                || error.clone(),
                |error| black_box(tonic::Status::from(error)),
                criterion::BatchSize::SmallInput,
            )
        });
        group.bench_function("tonic_types", |b| {
            b.iter(|| black_box(tonic_types(black_box(&error))))
        });
        group.bench_function("prost_built", |b| {
            b.iter(|| black_box(prost_built(black_box(&error))))
        });
        group.bench_function("bare_status_new", |b| {
            b.iter(|| black_box(bare(black_box(&error))))
        });
        // The same status's bytes, encoded beforehand: what is left is what every
        // encoder pays (see `floor`).
        let bytes = rich_status::RichStatus::to_status(&error)
            .details()
            .to_vec();
        group.bench_function("floor", |b| {
            b.iter(|| black_box(floor(black_box(&error), black_box(&bytes))))
        });
        group.finish();
    }
}

criterion_group!(benches, encode);
criterion_main!(benches);
