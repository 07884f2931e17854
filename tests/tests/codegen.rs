//! The Rust types of `google.rpc` are generated from `proto/` and checked in, so that no
//! build of rich-status needs `protoc`. This test regenerates them with a pure-Rust
//! protobuf compiler (protox) and prost-build, and fails on any drift.
//!
//! After changing a `.proto` file, regenerate with:
//!
//! ```text
//! RICH_STATUS_BLESS=1 cargo test -p rich-status-tests --test codegen
//! ```

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives inside the workspace")
        .to_path_buf()
}

/// Generates `google.rpc.rs` from `proto/` into `out_dir`, exactly as the checked-in copy
/// was generated.
fn generate(out_dir: &Path) {
    let root = workspace_root();
    let files = ["google/rpc/status.proto", "google/rpc/error_details.proto"];
    let descriptors = protox::compile(files, [root.join("proto")])
        .unwrap_or_else(|e| panic!("proto/ does not compile: {e:?}"));
    prost_build::Config::new()
        .out_dir(out_dir)
        // Maps decode into BTreeMap so that owned values compare and print deterministically.
        .btree_map(["."])
        // Every message implements prost::Name with the type URL other gRPC stacks use.
        .enable_type_names()
        .type_name_domain(["."], "type.googleapis.com")
        .compile_fds(descriptors)
        .unwrap_or_else(|e| panic!("prost-build failed: {e}"));
}

#[test]
fn checked_in_google_rpc_types_match_proto_sources() {
    let checked_in = workspace_root().join("rich-status/src/pb/google.rpc.rs");
    let out = std::env::temp_dir().join(format!("rich-status-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    generate(&out);
    let fresh = std::fs::read_to_string(out.join("google.rpc.rs")).unwrap();
    let _ = std::fs::remove_dir_all(&out);

    if std::env::var_os("RICH_STATUS_BLESS").is_some() {
        std::fs::write(&checked_in, &fresh).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&checked_in).unwrap_or_default();
    if current != fresh {
        let line = current
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map_or(current.lines().count().min(fresh.lines().count()), |i| i)
            + 1;
        panic!(
            "{} is out of date with proto/ (first difference at line {line}).\n\
             Regenerate it with: RICH_STATUS_BLESS=1 cargo test -p rich-status-tests --test codegen",
            checked_in.display()
        );
    }
}
