//! The greeter's error catalogue: `cargo run --example catalog [-- --format markdown|json|proto]`.
//!
//! Every reason `GreetError` can send, with its code, message, metadata, details and
//! description: as a Markdown table for the API's docs (the default), as JSON for tooling,
//! or as a `.proto` file of reason enums (package `helloworld`, the greeter's) from which
//! clients in any language get constants to compare `ErrorInfo.reason` with.

use std::process::ExitCode;

use rich_status::RichStatus;
use rich_status_examples::GreetError;

fn main() -> ExitCode {
    let mut format = String::from("markdown");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--format", Some(value)) => format = value,
            _ => {
                eprintln!("usage: catalog [--format markdown|json|proto]");
                return ExitCode::FAILURE;
            }
        }
    }
    let catalog = GreetError::catalog();
    match format.as_str() {
        "markdown" => print!("{}", catalog.to_markdown()),
        "json" => print!("{}", catalog.to_json()),
        "proto" => match catalog.to_proto("helloworld") {
            Ok(proto) => print!("{proto}"),
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        other => {
            eprintln!("unknown format {other:?}: expected markdown, json or proto");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
