//! Measures how many rich errors with a large `DebugInfo` arrive intact, built with
//! tonic-types' `ErrorDetails` and with rich-status (default trailer budget), read by
//! Python's grpcio and by a tonic client on loopback. Prints a Markdown table for
//! BENCHMARKS.md:
//!
//! ```text
//! cargo run --release -p rich-status-tests --example trailer_arrival
//! ```
//!
//! Each status is `INTERNAL` "storage failed" with an `ErrorInfo` (reason
//! `STORAGE_FAILED`) and a `DebugInfo` holding one stack entry of N bytes. Intact means:
//! the right code, details that decode with code and message equal to the status's own,
//! and the `ErrorInfo`'s reason and domain.

use rich_status::StatusExt;
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_tests::python::python;
use tonic::{Code, Request, Response, Status};
use tonic_types::{ErrorDetails, StatusExt as _};

const DOMAIN: &str = "arrival.example.com";
const CALLS: usize = 40;
const SIZES: &[usize] = &[4_000, 6_000, 7_000, 8_000, 10_000, 12_000, 20_000];

/// Answers `tonic-types:N` and `rich-status:N` with the same error, built either way.
struct Arrival;

#[tonic::async_trait]
impl Greeter for Arrival {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let name = request.into_inner().name;
        let (how, n) = name.split_once(':').expect("HOW:N");
        let entry = "x".repeat(n.parse().expect("a size"));
        Err(match how {
            "tonic-types" => {
                let mut details = ErrorDetails::new();
                details.set_error_info("STORAGE_FAILED", DOMAIN, std::collections::HashMap::new());
                details.set_debug_info(vec![entry], "");
                Status::with_error_details(Code::Internal, "storage failed", details)
            }
            _ => rich_status::status(Code::Internal, "storage failed", |w| {
                w.error_info("STORAGE_FAILED", DOMAIN);
                w.debug_info_entries([&entry], "");
            }),
        })
    }
}

/// Intact arrivals of `CALLS` tonic calls, and the DebugInfo entry length last seen.
async fn tonic_client(addr: std::net::SocketAddr, name: &str) -> (usize, usize) {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let (mut intact, mut entry) = (0, 0);
    for _ in 0..CALLS {
        let status = GreeterClient::new(channel.clone())
            .say_hello(HelloRequest { name: name.into() })
            .await
            .unwrap_err();
        let Ok(details) = status.rich_details() else {
            continue;
        };
        let ok = status.code() == Code::Internal
            && details
                .error_info()
                .is_some_and(|i| i.reason == "STORAGE_FAILED" && i.domain == DOMAIN);
        if ok {
            intact += 1;
            entry = details
                .debug_info()
                .and_then(|d| d.stack_entries.first().map(String::len))
                .unwrap_or(0);
        }
    }
    (intact, entry)
}

/// Intact arrivals of `CALLS` grpcio calls, and the DebugInfo entry length last seen.
fn grpcio_client(addr: std::net::SocketAddr, name: &str) -> (usize, usize) {
    let port = format!("127.0.0.1:{}", addr.port());
    let calls = CALLS.to_string();
    let code = (Code::Internal as i32).to_string();
    let out = python().run(
        "budget_client.py",
        &[&port, name, &calls, &code, "STORAGE_FAILED", DOMAIN],
    );
    let result: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let count = |key: &str| result[key].as_u64().unwrap_or(0) as usize;
    (count("intact"), count("debug_entry"))
}

#[tokio::main]
async fn main() {
    // The arrival test sends DebugInfo on purpose: its size is what is measured.
    rich_status::policy::set_debug_info(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(GreeterServer::new(Arrival))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
    );
    println!(
        "| N (bytes) | tonic-types → grpcio | rich-status → grpcio | tonic-types → tonic | rich-status → tonic |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for &n in SIZES {
        let mut cells = Vec::new();
        for (how, client) in [
            ("tonic-types", "grpcio"),
            ("rich-status", "grpcio"),
            ("tonic-types", "tonic"),
            ("rich-status", "tonic"),
        ] {
            let name = format!("{how}:{n}");
            let (intact, entry) = if client == "grpcio" {
                tokio::task::spawn_blocking(move || grpcio_client(addr, &name))
                    .await
                    .unwrap()
            } else {
                tonic_client(addr, &name).await
            };
            let note = if intact > 0 && entry < n {
                format!(" (entry cut to {entry} B)")
            } else {
                String::new()
            };
            cells.push(format!("{intact}/{CALLS}{note}"));
        }
        println!("| {n} | {} |", cells.join(" | "));
    }
}
