//! What the interop harnesses (`python`, `node`, `go`, `protoc`) share: running a tool,
//! installing Debian's packages, their cache under the cargo target directory, and the
//! greeter clients' command line and output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Runs `command` to completion and gives its standard output; panics with its output
/// and `hint` (what to install) unless it succeeds.
pub(crate) fn run(what: &str, command: &mut Command, hint: &str) -> String {
    let output = command.output().unwrap_or_else(|error| {
        panic!("{what}: could not run {command:?}: {error}\n{hint}");
    });
    if !output.status.success() {
        panic!(
            "{what} failed ({}):\n{}\n{}\n{hint}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, or the workspace's `target/`.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// `<target>/<name>/`, made, and locked against the other test processes until the
/// returned file drops.
pub(crate) fn cache_dir(name: &str) -> (PathBuf, fs::File) {
    let dir = target_dir().join(name);
    fs::create_dir_all(&dir).unwrap();
    let lock = fs::File::create(dir.join("lock")).unwrap();
    lock.lock()
        .unwrap_or_else(|e| panic!("lock {}: {e}", dir.display()));
    (dir, lock)
}

/// Makes sure Debian's `packages` are installed: when dpkg lacks any of them, installs
/// them with apt-get (as root, once per process at most, the other test processes
/// waiting on a lock meanwhile); panics saying what to install where that fails (not
/// root, no package registry). `what` names the tests that need them.
pub fn debian_packages(what: &str, packages: &[&str]) {
    let installed = || {
        Command::new("dpkg")
            .arg("-s")
            .args(packages)
            .output()
            .is_ok_and(|output| output.status.success())
    };
    if installed() {
        return;
    }
    let (_, lock) = cache_dir("debian-packages");
    if !installed() {
        let hint = format!(
            "{what} need Debian's packages: apt-get install {}",
            packages.join(" ")
        );
        run(
            "apt-get update",
            Command::new("apt-get").args(["update", "-q"]),
            &hint,
        );
        run(
            "apt-get install",
            Command::new("apt-get")
                .args(["install", "-y", "-q", "--no-install-recommends"])
                .args(packages)
                .env("DEBIAN_FRONTEND", "noninteractive"),
            &hint,
        );
    }
    drop(lock);
}

/// A name as the greeter clients take it: a JSON string, so any text passes intact.
pub fn arg(name: &str) -> String {
    serde_json::to_string(name).unwrap()
}

/// Runs a greeter client against `addr` with `args` after the address, off the async
/// runtime, through `run` (given the whole command line); one JSON value per line of
/// its output.
pub async fn greeter_client(
    addr: std::net::SocketAddr,
    args: Vec<String>,
    run: fn(&[&str]) -> String,
) -> Vec<Value> {
    tokio::task::spawn_blocking(move || {
        let mut all = vec![format!("127.0.0.1:{}", addr.port())];
        all.extend(args);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        run(&refs)
            .lines()
            .map(|line| serde_json::from_str(line).expect("one JSON value per line"))
            .collect()
    })
    .await
    .unwrap()
}
