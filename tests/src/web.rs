//! The greeter's web page and a browser to show it: the page built from
//! `examples/web` as its README says (`npm ci && npm run build`: connect-web,
//! protobuf-es and esbuild from npm, the protobuf-es types generated from `proto/` by
//! buf from npm), and Debian's Chromium, installed with apt-get when missing.
//!
//! Nothing is skipped: without node and npm, npm's registry or Debian's, the tests fail
//! and say what to install.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::interop::{cache_dir, debian_packages, run, target_dir, workspace_root};

/// The built page's folder (`examples/web/dist`), built once per test process.
pub fn built_page() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(build).clone()
}

fn build() -> PathBuf {
    let web = workspace_root().join("examples/web");
    // One build at a time across the test processes.
    let (dir, lock) = cache_dir("web-build");
    let hint = "The browser tests build the greeter's page with node and npm \
                (Debian: apt-get install nodejs npm) from npm's registry.";
    // The lock file `npm ci` last installed, written once it succeeded.
    let lock_file = std::fs::read(web.join("package-lock.json")).unwrap();
    let installed = dir.join("installed-package-lock.json");
    let current = std::fs::read(&installed).is_ok_and(|was| was == lock_file)
        && web.join("node_modules").is_dir();
    if !current {
        run(
            "npm ci in examples/web",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&web),
            hint,
        );
        std::fs::write(&installed, &lock_file).unwrap();
    }
    run(
        "npm run build in examples/web",
        Command::new("npm").args(["run", "build"]).current_dir(&web),
        hint,
    );
    drop(lock);
    web.join("dist")
}

/// Debian's Chromium, installed when missing: its path.
pub fn chromium() -> PathBuf {
    debian_packages("The browser tests", &["chromium"]);
    PathBuf::from("/usr/bin/chromium")
}

/// Where the browser tests write their screenshots: `<target>/browser-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
