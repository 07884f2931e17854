//! Reading the details of one status, rich-status vs tonic-types, on the same bytes:
//! `cargo bench -p rich-status-benches --bench decode`.

use criterion::{Criterion, criterion_group, criterion_main};
use rich_status::StatusExt;
use rich_status_benches::*;
use std::hint::black_box;
use tonic_types::StatusExt as _;

fn decode(c: &mut Criterion) {
    rich_status::policy::set_debug_info(true);
    for (name, error) in [
        ("greeter", greeter()),
        ("error_info_only", error_info_only()),
        ("8_metadata_10_violations", wide()),
    ] {
        let status = tonic::Status::from(error);
        assert!(status.check_error_details().is_ok());
        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.bench_function("rich_status_rich_details", |b| {
            b.iter(|| black_box(black_box(&status).rich_details().unwrap()))
        });
        group.bench_function("tonic_types_get_error_details", |b| {
            b.iter(|| black_box(black_box(&status).get_error_details()))
        });
        group.finish();
    }
}

criterion_group!(benches, decode);
criterion_main!(benches);
