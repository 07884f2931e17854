//! Compile time of `#[derive(RichStatus)]` in one criterion run: rustc building a crate
//! whose 100-variant enum derives `thiserror::Error` and `RichStatus`, against the same
//! enum deriving `thiserror::Error` only, dependencies prebuilt:
//! `cargo bench -p rich-status-benches --bench compile_time`.
//!
//! The crates are those of `benches/compile_time.sh` (its `generate` mode writes them
//! under `target/compile-time`). Cargo builds their dependencies once and shows the rustc
//! command of each crate, which is then run and timed alone: cargo's own start-up (about
//! 35 ms of nothing to do) stays out of the figures. Incremental compilation is off, as
//! in the script, so every build compiles the crate in full.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

fn compile_time(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the benches crate lives in the workspace")
        .to_path_buf();
    let status = Command::new("bash")
        .arg(root.join("benches/compile_time.sh"))
        .arg("generate")
        .status()
        .expect("bash runs benches/compile_time.sh");
    assert!(status.success(), "benches/compile_time.sh generate failed");

    let mut group = c.benchmark_group("compile_time");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    for (name, label) in [
        ("thiserror_only", "thiserror"),
        ("with_rich_status", "thiserror_and_rich_status"),
    ] {
        let krate = root.join("target/compile-time").join(name);
        let rustc = rustc_command(&root, &krate, name);
        group.bench_function(label, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    build(&krate, &rustc);
                }
                start.elapsed()
            })
        });
    }
    group.finish();
}

/// Builds the crate's dependencies, then rebuilds the crate itself with `cargo build -v`
/// to learn the rustc command cargo runs for it (its environment included).
fn rustc_command(root: &Path, krate: &Path, name: &str) -> String {
    let cargo = |verbose: bool| {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command
            .args(["build", if verbose { "-v" } else { "-q" }])
            .current_dir(krate)
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_TARGET_DIR", target_dir(root));
        run(command, "cargo build", krate)
    };
    cargo(false);
    touch(&krate.join("src/lib.rs"));
    let log = cargo(true);
    let marker = format!("rustc --crate-name {name} ");
    log.lines()
        .filter(|line| line.contains(&marker))
        .find_map(|line| {
            let command = line.trim().strip_prefix("Running `")?;
            command.strip_suffix('`').map(str::to_owned)
        })
        .unwrap_or_else(|| {
            panic!("cargo build -v did not show the rustc command of {name}:\n{log}")
        })
}

fn target_dir(root: &Path) -> PathBuf {
    root.join("target/compile-time/target")
}

/// Gives the file a new modification time, so that cargo rebuilds the crate.
fn touch(path: &Path) {
    let source = std::fs::read(path).expect("the generated crate has its source");
    std::fs::write(path, source).expect("the generated source can be rewritten");
}

/// Runs the crate's rustc command, as cargo would, from the crate's directory.
fn build(krate: &Path, rustc: &str) {
    let mut command = Command::new("sh");
    command.args(["-c", rustc]).current_dir(krate);
    run(command, "rustc", krate);
}

/// Runs `command` and gives its standard error; a failure stops the benchmark with it.
fn run(mut command: Command, what: &str, krate: &Path) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what} could not be started: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "{what} failed on {}:\n{stderr}",
        krate.display()
    );
    stderr
}

criterion_group!(benches, compile_time);
criterion_main!(benches);
