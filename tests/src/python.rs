//! The Python side of the interop tests: a virtualenv with pinned `grpcio`,
//! `grpcio-status`, `grpcio-tools` and `connectrpc`, made once and cached under the cargo target
//! directory, and Python stubs generated from `proto/` with `grpc_tools.protoc`.
//!
//! Nothing is skipped: without python3 (with `venv` and `pip`) or without access to PyPI
//! the tests fail and say what to install.

use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use crate::interop::{cache_dir, run, workspace_root};

/// The Python packages the interop tests run against.
pub const PINS: &[&str] = &[
    "grpcio==1.85.3",
    "grpcio-status==1.85.3",
    "grpcio-tools==1.85.1",
    "connectrpc==0.13.0",
];

/// A ready virtualenv.
pub struct Python {
    python: PathBuf,
    python_path: String,
    scripts: PathBuf,
}

/// The virtualenv, made on first use (by any test process; others wait on a file lock).
pub fn python() -> &'static Python {
    static PYTHON: OnceLock<Python> = OnceLock::new();
    PYTHON.get_or_init(setup)
}

fn setup() -> Python {
    let root = workspace_root();
    let (dir, lock) = cache_dir("interop-python");

    let venv = dir.join("venv");
    let python = venv.join("bin/python");
    let marker = venv.join("rich-status-pins.txt");
    let pins = PINS.join("\n");
    if fs::read_to_string(&marker).ok().as_deref() != Some(pins.as_str()) {
        let _ = fs::remove_dir_all(&venv);
        run(
            "creating the interop virtualenv",
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "The interop tests need python3 with the venv module \
             (Debian: apt-get install python3 python3-venv python3-pip).",
        );
        run(
            "installing grpcio into the interop virtualenv",
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    "--no-input",
                    "-q",
                ])
                .args(PINS),
            "The interop tests install these packages from PyPI with pip; \
             check that pip can reach PyPI.",
        );
        fs::write(&marker, &pins).unwrap();
    }

    // Stubs are made again whenever the .proto changes.
    let proto = root.join("proto/helloworld/helloworld.proto");
    let source = fs::read_to_string(&proto).unwrap();
    let generated = dir.join("gen");
    let stamp = generated.join("helloworld.proto.src");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(source.as_str()) {
        let _ = fs::remove_dir_all(&generated);
        fs::create_dir_all(&generated).unwrap();
        run(
            "generating the Python stubs",
            Command::new(&python)
                .args(["-m", "grpc_tools.protoc", "-I"])
                .arg(root.join("proto"))
                .arg(format!("--python_out={}", generated.display()))
                .arg(format!("--grpc_python_out={}", generated.display()))
                .arg("helloworld/helloworld.proto"),
            "grpc_tools comes with grpcio-tools, one of the pinned packages.",
        );
        fs::write(&stamp, &source).unwrap();
    }
    drop(lock);

    let scripts = root.join("tests/python");
    Python {
        python,
        python_path: format!("{}:{}", generated.display(), scripts.display()),
        scripts,
    }
}

impl Python {
    /// A command that runs `tests/python/<script>` in the virtualenv.
    pub fn script(&self, script: &str) -> Command {
        let mut command = Command::new(&self.python);
        command
            .arg(self.scripts.join(script))
            .env("PYTHONPATH", &self.python_path)
            .env("PYTHONIOENCODING", "utf-8");
        command
    }

    /// Runs a script to completion; panics with its output unless it succeeds.
    pub fn run(&self, script: &str, args: &[&str]) -> String {
        run(script, self.script(script).args(args), "")
    }

    /// Starts a server script that prints its port on its first line and serves until its
    /// standard input closes.
    pub fn start_server(&self, script: &str) -> PythonServer {
        use std::io::BufRead;
        let mut child = self
            .script(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {script}: {e}"));
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{script} printed {line:?} instead of its port"));
        PythonServer { child, port }
    }
}

/// A running Python server; stopped when dropped.
pub struct PythonServer {
    child: Child,
    /// The loopback port it listens on.
    pub port: u16,
}

impl Drop for PythonServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
