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
        run(
            script,
            Command::new("node")
                .arg(self.scripts.join(script))
                .args(args)
                .env("NODE_PATH", &self.modules)
                .envs(env.iter().copied()),
            "",
        )
    }
}
