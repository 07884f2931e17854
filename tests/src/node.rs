//! The Node side of the interop tests: `@grpc/grpc-js`, `@grpc/proto-loader` and
//! `protobufjs` at the versions `tests/node/package.json` pins, installed from npm once
//! and cached under the cargo target directory.
//!
//! Nothing is skipped: without node and npm, or without access to npm's registry, the
//! tests fail and say what to install.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::interop::{cache_dir, run, workspace_root};

/// The installed packages.
pub struct Node {
    modules: PathBuf,
    scripts: PathBuf,
}

/// The packages, installed on first use (by any test process; others wait on a file
/// lock).
pub fn node() -> &'static Node {
    static NODE: OnceLock<Node> = OnceLock::new();
    NODE.get_or_init(setup)
}

fn setup() -> Node {
    let root = workspace_root();
    let (dir, lock) = cache_dir("interop-node");

    let scripts = root.join("tests/node");
    let package = fs::read_to_string(scripts.join("package.json")).unwrap();
    // What was installed, written once the install succeeded.
    let installed = dir.join("installed.json");
    if fs::read_to_string(&installed).ok().as_deref() != Some(package.as_str()) {
        let _ = fs::remove_dir_all(dir.join("node_modules"));
        fs::write(dir.join("package.json"), &package).unwrap();
        run(
            "installing grpc-js into the interop node_modules",
            Command::new("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--no-package-lock",
                    "--silent",
                ])
                .current_dir(&dir),
            "The Node interop tests need node and npm (Debian: apt-get install nodejs npm), \
             and install their packages from npm's registry.",
        );
        fs::write(&installed, &package).unwrap();
    }
    drop(lock);
    Node {
        modules: dir.join("node_modules"),
        scripts,
    }
}

impl Node {
    /// Runs `tests/node/<script>` to completion; panics with its output unless it
    /// succeeds.
    pub fn run(&self, script: &str, args: &[&str]) -> String {
        self.run_with_env(script, args, &[])
    }

    /// Runs `tests/node/<script>` as [`run`](Self::run) does, with `env` set for it.
    pub fn run_with_env(&self, script: &str, args: &[&str], env: &[(&str, &str)]) -> String {
        self.run_path(&self.scripts.join(script), args, env)
    }

    /// Runs the script at `path` (one built from `tests/node`) as [`run`](Self::run) does.
    pub fn run_file(&self, path: &std::path::Path, args: &[&str]) -> String {
        self.run_path(path, args, &[])
    }

    fn run_path(&self, path: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
        run(
            &path.display().to_string(),
            Command::new("node")
                .arg(path)
                .args(args)
                .env("NODE_PATH", &self.modules)
                .envs(env.iter().copied()),
            "",
        )
    }
}

/// `tests/node/connect_client.ts` bundled for Node by esbuild (once per test process),
/// against the protobuf-es types the page's build generates from `proto/`; its packages
/// stay outside the bundle, found through `NODE_PATH`.
fn connect_client_script() -> &'static std::path::Path {
    static SCRIPT: OnceLock<PathBuf> = OnceLock::new();
    SCRIPT.get_or_init(|| {
        crate::web::built_page();
        let node = node();
        let out = crate::scratch_dir("connect-node").join("connect_client.js");
        run(
            "bundling tests/node/connect_client.ts",
            Command::new(node.modules.join(".bin/esbuild"))
                .arg(node.scripts.join("connect_client.ts"))
                .args([
                    "--bundle",
                    "--platform=node",
                    "--format=cjs",
                    "--packages=external",
                ])
                .arg(format!("--outfile={}", out.display())),
            "esbuild comes with the pinned Node packages.",
        );
        out
    })
}

/// Calls the greeter at `addr` once per name, all at once, with connect-node over
/// `protocol` (`connect-json`, `connect-binary`, `grpc-web` or `grpc`) and
/// `http_version` (`1.1` or `2`), sending the operator `token` if given: per call
/// `{"reply"}` or `{"code", "message", "details": [{"type", ...fields}]}`.
pub fn connect_client(
    addr: std::net::SocketAddr,
    protocol: &'static str,
    http_version: &'static str,
    names: &[String],
    token: Option<&'static str>,
) -> impl std::future::Future<Output = Vec<serde_json::Value>> + use<> {
    let names = serde_json::to_string(names).unwrap();
    async move {
        let out = tokio::task::spawn_blocking(move || {
            let url = format!("http://{addr}");
            let script = connect_client_script();
            let mut args = vec![url.as_str(), protocol, http_version, &names];
            args.extend(token);
            node().run_file(script, &args)
        })
        .await
        .unwrap();
        serde_json::from_str(out.trim()).unwrap()
    }
}

/// Greets `guest` twice, then an empty name, an awkward one, a 2 KiB one and Murphy
/// (untrusted, then with the operator `token`), over `protocol`, and checks every
/// code, message and detail field connect-node read.
pub async fn assert_connect_node_reads_the_greeter(
    addr: std::net::SocketAddr,
    protocol: &'static str,
    http_version: &'static str,
    guest: &str,
    token: &'static str,
) {
    use serde_json::json;
    let call =
        |names: Vec<String>, token| connect_client(addr, protocol, http_version, &names, token);
    let guest = guest.to_owned();
    assert_eq!(
        call(vec![guest.clone()], None).await,
        [json!({"reply": format!("Hello, {guest}!")})]
    );
    let mallory = format!("Mallory{}", crate::AWKWARD);
    let long = format!("Mallory {}", "#?% \"ü\" ".repeat(2048 / 9));
    let names = vec![
        guest.clone(),
        String::new(),
        mallory.clone(),
        "Murphy".into(),
        long.clone(),
    ];
    let out = call(names, None).await;
    let context = format!("{protocol} over HTTP/{http_version}");
    assert_eq!(
        out[0],
        json!({"code": 8, "message": "Request limit exceeded.", "details": [
            {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
             "domain": "greeter.example.com", "metadata": {"name": guest}},
            {"type": "QuotaFailure", "violations": [
                {"subject": format!("name: {guest}"), "description": "Limit one greeting per person."}]},
        ]}),
        "{context}"
    );
    assert_eq!(
        out[1],
        json!({"code": 3, "message": "A name is required.", "details": [
            {"type": "ErrorInfo", "reason": "EMPTY_NAME", "domain": "greeter.example.com"},
            {"type": "BadRequest", "field_violations": [
                {"field": "name", "description": "The name must not be empty.",
                 "reason": "EMPTY_NAME"}]},
        ]}),
        "{context}"
    );
    assert_eq!(
        out[2],
        json!({"code": 7, "message": format!("{mallory} is not welcome here."), "details": [
            {"type": "ErrorInfo", "reason": "NAME_BLOCKED",
             "domain": "greeter.example.com", "metadata": {"name": mallory}},
        ]}),
        "{context}"
    );
    // 2 KiB of characters the spec percent-encodes (three bytes each in `grpc-message`):
    // the message arrives whole, the metadata's copy is cut to the trailer budget and
    // the cut marked, whatever the protocol.
    assert_eq!(out[4]["code"], 7, "{context}");
    assert_eq!(
        out[4]["message"],
        format!("{long} is not welcome here."),
        "{context}"
    );
    let info = &out[4]["details"][0];
    assert_eq!(info["reason"], "NAME_BLOCKED", "{context}");
    assert_eq!(info["metadata"]["richStatusTruncated"], "text", "{context}");
    let kept = info["metadata"]["name"].as_str().unwrap();
    assert!(
        long.starts_with(kept) && !kept.is_empty(),
        "{context}: {} bytes kept",
        kept.len()
    );
    let murphy = json!({"code": 14, "message": "The guest book is unavailable.", "details": [
        {"type": "ErrorInfo", "reason": "GUEST_BOOK_UNAVAILABLE", "domain": "greeter.example.com"},
    ]});
    assert_eq!(out[3], murphy, "{context}");

    // The operator's call alone gets DebugInfo.
    let trusted = call(vec!["Murphy".into()], Some(token)).await;
    let mut with_debug = murphy.clone();
    with_debug["details"].as_array_mut().unwrap().push(
        json!({"type": "DebugInfo", "stack_entries": ["guest book disk is full"],
                     "detail": "GuestBook(DiskFull)"}),
    );
    assert_eq!(trusted, [with_debug], "{context}");
}

/// 100 calls at once over `protocol`, each an error: all arrive intact.
pub async fn assert_a_hundred_concurrent_errors(
    addr: std::net::SocketAddr,
    protocol: &'static str,
    http_version: &'static str,
) {
    let names: Vec<String> = (0..100)
        .map(|i| format!("Mallory #{i}? {}", crate::AWKWARD))
        .collect();
    let out = connect_client(addr, protocol, http_version, &names, None).await;
    assert_eq!(out.len(), 100);
    for (name, got) in names.iter().zip(&out) {
        assert_eq!(got["code"], 7, "{protocol}: {got}");
        assert_eq!(got["message"], format!("{name} is not welcome here."));
        assert_eq!(got["details"][0]["metadata"]["name"], name.as_str());
    }
}
