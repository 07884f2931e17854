//! The Go side of the interop tests: grpc-go and genproto's `errdetails` from Debian's
//! packages (GOPATH mode, offline), a client built from `tests/go/greeter_client` with
//! stubs that Debian's `protoc-gen-go` and `protoc-gen-go-grpc` generate from `proto/`,
//! under the cargo target directory.
//!
//! The harness installs the packages with apt-get when they are missing (as root);
//! where it cannot, the tests fail and say which to install. Nothing is skipped.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::interop::{cache_dir, workspace_root};

/// Debian's packages the Go client is built with.
pub const PACKAGES: &[&str] = &[
    "golang-go",
    "golang-google-grpc-dev",
    "golang-google-genproto-dev",
    "golang-google-protobuf-dev",
    "protobuf-compiler",
    "protoc-gen-go",
    "protoc-gen-go-grpc",
];

/// Where Debian's Go packages put their sources.
const DEBIAN_GOPATH: &str = "/usr/share/gocode";

/// The Go import path of the generated stubs.
const STUBS: &str = "rich-status.test/helloworld";

fn run(what: &str, command: &mut Command) -> String {
    let hint = format!(
        "The Go interop tests build their client with Debian's Go and grpc-go packages: \
         apt-get install {}",
        PACKAGES.join(" ")
    );
    crate::interop::run(what, command, &hint)
}

/// The built Go client.
pub struct GoClient {
    binary: PathBuf,
}

/// The client, built on first use (by any test process; others wait on a file lock).
pub fn go_client() -> &'static GoClient {
    static CLIENT: OnceLock<GoClient> = OnceLock::new();
    CLIENT.get_or_init(build)
}

fn build() -> GoClient {
    crate::interop::debian_packages("The Go interop tests", PACKAGES);
    let root = workspace_root();
    let (dir, lock) = cache_dir("interop-go");

    // Made again each time: protoc and `go build` (cached under GOCACHE) take seconds.
    let gopath = dir.join("gopath");
    let _ = fs::remove_dir_all(&gopath);
    let client = gopath.join("src/greeter_client");
    fs::create_dir_all(&client).unwrap();
    fs::copy(
        root.join("tests/go/greeter_client/main.go"),
        client.join("main.go"),
    )
    .unwrap();
    let option = format!("Mhelloworld/helloworld.proto={STUBS}");
    run(
        "generating the Go stubs",
        Command::new("protoc")
            .arg("-I")
            .arg(root.join("proto"))
            .arg(format!("--go_out={}", gopath.join("src").display()))
            .arg(format!("--go_opt={option}"))
            .arg(format!("--go-grpc_out={}", gopath.join("src").display()))
            .arg(format!("--go-grpc_opt={option}"))
            .arg("helloworld/helloworld.proto"),
    );
    let binary = dir.join("greeter_client");
    run(
        "building the Go client",
        Command::new("go")
            .args(["build", "-o"])
            .arg(&binary)
            .arg("greeter_client")
            .env("GOPATH", format!("{}:{DEBIAN_GOPATH}", gopath.display()))
            .env("GO111MODULE", "off")
            .env("GOFLAGS", "")
            .env("GOCACHE", dir.join("cache")),
    );
    drop(lock);
    GoClient { binary }
}

impl GoClient {
    /// Runs the client to completion; panics with its output unless it succeeds.
    pub fn run(&self, args: &[&str]) -> String {
        run("the Go client", Command::new(&self.binary).args(args))
    }
}
