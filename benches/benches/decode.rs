//! Reading the details of one status, rich-status vs tonic-types, on the same bytes:
//! `cargo bench -p rich-status-benches --bench decode`.

use criterion::{Criterion, criterion_group, criterion_main};
use rich_status::StatusExt;
use rich_status_benches::*;
use std::hint::black_box;
use tonic_types::StatusExt as _;

fn decode(c: &mut Criterion) {
    rich_status::policy::set_debug_info(true);
    for (name, error, key) in [
        ("greeter", greeter(), "name"),
        ("error_info_only", error_info_only(), "userId"),
        ("8_metadata_10_violations", wide(), "project"),
    ] {
        let status = tonic::Status::from(error);
        assert!(status.check_error_details().is_ok());
        let mut group = c.benchmark_group(format!("decode/{name}"));
        // What decoding costs: the envelope checked and copied, nothing else decoded.
        group.bench_function("rich_status_rich_details", |b| {
            b.iter(|| black_box(black_box(&status).rich_details().unwrap()))
        });
        // Every standard detail decoded into owned messages, as tonic-types does.
        let all = status.rich_details().unwrap().standard().count();
        group.bench_function("rich_status_rich_details_all", |b| {
            b.iter(|| {
                let details = black_box(&status).rich_details().unwrap();
                assert_eq!(details.standard().map(black_box).count(), all);
            })
        });
        group.bench_function("tonic_types_get_error_details", |b| {
            b.iter(|| black_box(black_box(&status).get_error_details()))
        });
        // The floor of an owned decode: making (and dropping) the same owned values
        // without reading a byte, as a clone of the decoded result does. Every decoder
        // that returns them pays at least these allocations and copies.
        let owned = status.get_error_details();
        group.bench_function("floor_clone_tonic_types", |b| {
            b.iter(|| black_box(black_box(&owned).clone()))
        });
        // What a client that branches on the error reads: reason, domain and one
        // metadata value, each way.
        let read = |reason: &str, domain: &str, value: Option<&str>| {
            black_box(reason.len() + domain.len() + value.map_or(0, str::len))
        };
        let expected = {
            let details = status.get_error_details();
            let info = details.error_info().unwrap();
            read(
                &info.reason,
                &info.domain,
                info.metadata.get(key).map(String::as_str),
            )
        };
        group.bench_function("rich_status_rich_view_read", |b| {
            b.iter(|| {
                let view = black_box(&status).rich_view().unwrap();
                let info = view.error_info().unwrap();
                let n = read(info.reason(), info.domain(), info.get(key));
                assert_eq!(n, expected);
            })
        });
        group.bench_function("rich_status_rich_details_read", |b| {
            b.iter(|| {
                let details = black_box(&status).rich_details().unwrap();
                let info = details.error_info().unwrap();
                let n = read(
                    &info.reason,
                    &info.domain,
                    info.metadata.get(key).map(String::as_str),
                );
                assert_eq!(n, expected);
            })
        });
        group.bench_function("tonic_types_read", |b| {
            b.iter(|| {
                let details = black_box(&status).get_error_details();
                let info = details.error_info().unwrap();
                let n = read(
                    &info.reason,
                    &info.domain,
                    info.metadata.get(key).map(String::as_str),
                );
                assert_eq!(n, expected);
            })
        });
        group.finish();
    }
}

criterion_group!(benches, decode);
criterion_main!(benches);
