//! Debian's `protoc` (3.21 in Debian 12), for tests that hold a `.proto` file to what
//! protobuf's own compiler accepts; the harness installs `protobuf-compiler` when it is
//! missing.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::interop::{debian_packages, target_dir};

/// Writes `text` as `<target>/proto-files/<name>.proto` and gives its path.
pub fn write(name: &str, text: &str) -> PathBuf {
    let dir = target_dir().join("proto-files");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.proto"));
    fs::write(&path, text).unwrap();
    path
}

/// Compiles the `.proto` file at `path` with `protoc`: `Err` with what protoc said when
/// it refuses the file.
pub fn compile(path: &std::path::Path) -> Result<(), String> {
    debian_packages("The .proto checks", &["protobuf-compiler"]);
    let dir = path.parent().unwrap();
    let output = Command::new("protoc")
        .arg("-I")
        .arg(dir)
        .arg("--descriptor_set_out")
        .arg(path.with_extension("pb"))
        .arg(path.file_name().unwrap())
        .output()
        .expect("protoc runs once installed");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
