//! Shared fixtures of the integration tests: every standard `google.rpc` detail
//! filled with awkward values (non-ASCII, `%`, newlines, empty strings, extreme numbers).

use std::collections::BTreeMap;

use rich_status::pb;

/// Text that has tripped gRPC stacks: percent signs, newlines, non-ASCII, an emoji.
pub const AWKWARD: &str = "100% sûr?\nnaïve 名前 🦀 \"quoted\" \\ back";

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn error_info() -> pb::ErrorInfo {
    pb::ErrorInfo {
        reason: "RESOURCE_EXHAUSTED".into(),
        domain: "greeter.example.com".into(),
        // BTreeMap order: the writer is given the pairs in this (sorted) order.
        metadata: map(&[("emptyValue", ""), ("name", AWKWARD), ("userId", "42")]),
    }
}

pub fn retry_info() -> pb::RetryInfo {
    pb::RetryInfo {
        retry_delay: Some(prost_types::Duration {
            seconds: 30,
            nanos: 250_000_000,
        }),
    }
}

pub fn debug_info() -> pb::DebugInfo {
    pb::DebugInfo {
        stack_entries: vec![
            "greeter::limiter::check (src/limiter.rs:42)".into(),
            String::new(),
            AWKWARD.into(),
        ],
        detail: "Storage(Os { code: 28, kind: StorageFull })".into(),
    }
}

pub fn quota_failure() -> pb::QuotaFailure {
    pb::QuotaFailure {
        violations: vec![
            pb::quota_failure::Violation {
                subject: "name: Ada".into(),
                description: "Limit one greeting per person.".into(),
                api_service: "greeter.example.com".into(),
                quota_metric: "greeter.example.com/greetings".into(),
                quota_id: "GreetingsPerNamePerDay".into(),
                quota_dimensions: map(&[("name", "Ada"), ("region", "eu-west1")]),
                quota_value: 1,
                future_quota_value: Some(0),
            },
            pb::quota_failure::Violation {
                subject: AWKWARD.into(),
                quota_value: i64::MIN,
                ..Default::default()
            },
        ],
    }
}

pub fn precondition_failure() -> pb::PreconditionFailure {
    pb::PreconditionFailure {
        violations: vec![pb::precondition_failure::Violation {
            r#type: "TOS".into(),
            subject: "greeter.example.com/terms".into(),
            description: AWKWARD.into(),
        }],
    }
}

pub fn bad_request() -> pb::BadRequest {
    pb::BadRequest {
        field_violations: vec![
            pb::bad_request::FieldViolation {
                field: "name".into(),
                description: "must not be empty".into(),
                reason: "EMPTY_NAME".into(),
                localized_message: Some(pb::LocalizedMessage {
                    locale: "fr-FR".into(),
                    message: "ne doit pas être vide".into(),
                }),
            },
            pb::bad_request::FieldViolation {
                field: "greeting.language".into(),
                description: AWKWARD.into(),
                reason: String::new(),
                // Present but empty: still on the wire, as an empty message.
                localized_message: Some(pb::LocalizedMessage::default()),
            },
        ],
    }
}

pub fn request_info() -> pb::RequestInfo {
    pb::RequestInfo {
        request_id: "req-7f3a".into(),
        serving_data: AWKWARD.into(),
    }
}

pub fn resource_info() -> pb::ResourceInfo {
    pb::ResourceInfo {
        resource_type: "type.googleapis.com/greeter.v1.Person".into(),
        resource_name: "people/ada".into(),
        owner: "user:ada@example.com".into(),
        description: AWKWARD.into(),
    }
}

pub fn help() -> pb::Help {
    pb::Help {
        links: vec![
            pb::help::Link {
                description: "Quota documentation".into(),
                url: "https://greeter.example.com/docs/quotas?lang=fr&x=%20".into(),
            },
            pb::help::Link {
                description: AWKWARD.into(),
                url: String::new(),
            },
        ],
    }
}

pub fn localized_message() -> pb::LocalizedMessage {
    pb::LocalizedMessage {
        locale: "ja-JP".into(),
        message: "リクエストの上限を超えました".into(),
    }
}

/// A message of a service's own `.proto`, for tests of custom details.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Balance {
    #[prost(int64, tag = "1")]
    pub cents: i64,
}

impl prost::Name for Balance {
    const NAME: &'static str = "Balance";
    const PACKAGE: &'static str = "bank.v1";
    fn type_url() -> String {
        "type.googleapis.com/bank.v1.Balance".into()
    }
}

/// The status code and message the fixtures are sent with.
pub const CODE: tonic::Code = tonic::Code::ResourceExhausted;
/// See [`CODE`].
pub const MESSAGE: &str = "Request limit exceeded. (100% — naïve)";

/// Every standard detail as an owned `google.rpc.Status`, the reference the tests compare
/// against: its `encode_to_vec` is what prost writes.
pub fn every_detail_status() -> pb::Status {
    use prost::{Message, Name};
    fn any<M: Message + Name>(m: &M) -> prost_types::Any {
        prost_types::Any {
            type_url: M::type_url(),
            value: m.encode_to_vec(),
        }
    }
    pb::Status {
        code: CODE as i32,
        message: MESSAGE.into(),
        details: vec![
            any(&error_info()),
            any(&retry_info()),
            any(&debug_info()),
            any(&quota_failure()),
            any(&precondition_failure()),
            any(&bad_request()),
            any(&request_info()),
            any(&resource_info()),
            any(&help()),
            any(&localized_message()),
        ],
    }
}

/// The encoded status of every detail with bytes overwritten (`(position, value)`, positions taken
/// modulo the length) and then cut at `cut` (modulo the length plus one): the damaged
/// statuses the property tests feed the decoders.
pub fn mutated_every_detail(flips: &[(usize, u8)], cut: usize) -> Vec<u8> {
    use prost::Message;
    let mut bytes = every_detail_status().encode_to_vec();
    for &(at, value) in flips {
        let i = at % bytes.len();
        bytes[i] = value;
    }
    bytes.truncate(cut % (bytes.len() + 1));
    bytes
}

/// The `ErrorInfo` a status carries, decoded; panics (failing the test) when it has none.
pub fn error_info_of(status: &tonic::Status) -> pb::ErrorInfo {
    use rich_status::StatusExt;
    let details = status.rich_details().expect("the status details decode");
    details
        .error_info()
        .expect("the status carries an ErrorInfo")
}

/// Asserts that `details` hold every fixture detail, field for field.
pub fn assert_every_detail(details: &rich_status::Details) {
    assert_eq!(details.code(), CODE);
    assert_eq!(details.message(), MESSAGE);
    assert_eq!(details.len(), 10);
    assert_eq!(details.error_info(), Some(error_info()));
    assert_eq!(details.retry_info(), Some(retry_info()));
    assert_eq!(details.debug_info(), Some(debug_info()));
    assert_eq!(details.quota_failure(), Some(quota_failure()));
    assert_eq!(details.precondition_failure(), Some(precondition_failure()));
    assert_eq!(details.bad_request(), Some(bad_request()));
    assert_eq!(details.request_info(), Some(request_info()));
    assert_eq!(details.resource_info(), Some(resource_info()));
    assert_eq!(details.help(), Some(help()));
    assert_eq!(details.localized_message(), Some(localized_message()));
}

/// Asserts that `details` list every fixture detail in the fixture's order.
pub fn assert_every_detail_in_order(details: &rich_status::Details) {
    let order: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
    assert_eq!(
        order,
        [
            "google.rpc.ErrorInfo",
            "google.rpc.RetryInfo",
            "google.rpc.DebugInfo",
            "google.rpc.QuotaFailure",
            "google.rpc.PreconditionFailure",
            "google.rpc.BadRequest",
            "google.rpc.RequestInfo",
            "google.rpc.ResourceInfo",
            "google.rpc.Help",
            "google.rpc.LocalizedMessage",
        ]
    );
}

pub mod big_errors;

/// `message` as the gRPC spec percent-encodes it in `grpc-message`: `%` and every byte
/// outside 0x20-0x7E.
pub fn spec_encoded(message: &str) -> String {
    message
        .bytes()
        .map(|b| match b {
            b'%' => "%25".to_owned(),
            0x20..=0x7e => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A stream's failure as a service might have built it before the call: `INTERNAL`
/// with `message`, an `ErrorInfo`, a `DebugInfo` and a `Help`; what the server layer
/// must take the `DebugInfo` out of for an untrusted call.
pub fn stream_failure_with_debug_info(message: &str) -> tonic::Status {
    rich_status::status(tonic::Code::Internal, message, |w| {
        w.error_info("STREAM_FAILED", "example.com");
        w.detail(&rich_status::pb::DebugInfo {
            stack_entries: vec!["frame".into()],
            detail: "internals".into(),
        });
        w.help_link("docs", "https://example.com/docs");
    })
}

/// What a status's trailers cost, counted as the trailer budget counts them (and as
/// HTTP/2 counts a header list): name, value and 32 bytes per entry, as tonic writes
/// them.
pub fn trailer_cost(status: &tonic::Status) -> usize {
    let mut headers = http::HeaderMap::new();
    status.add_header(&mut headers).unwrap();
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 32)
        .sum()
}
pub mod go;
pub mod grpc_web;
pub mod heap;
pub mod interop;
pub mod node;
pub mod panicky;
pub mod protoc;
pub mod python;
pub mod web;

/// What `cargo run --example catalog -- --format FORMAT` prints: the greeter's catalogue.
pub fn catalog_example(format: &str) -> String {
    let output = std::process::Command::new(env!("CARGO"))
        .current_dir(interop::workspace_root())
        .args([
            "run",
            "-q",
            "-p",
            "rich-status-examples",
            "--example",
            "catalog",
        ])
        .args(["--", "--format", format])
        .output()
        .expect("running cargo run --example catalog");
    assert!(
        output.status.success(),
        "cargo run --example catalog -- --format {format} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// An empty directory of this test process's own under the target directory.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = interop::target_dir()
        .join(name)
        .join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A channel to the server at `addr` on loopback, connected.
pub async fn connect(addr: std::net::SocketAddr) -> tonic::transport::Channel {
    tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

/// Starts the example greeter on an ephemeral loopback port; it stops when the guard drops.
pub async fn start_greeter() -> (std::net::SocketAddr, GreeterGuard) {
    start_server(rich_status_examples::serve).await
}

/// Binds an ephemeral loopback port and runs `serve` on it (given the listener and a
/// future that completes at shutdown) until the returned guard drops.
pub async fn start_server<F, S, E>(serve: F) -> (std::net::SocketAddr, GreeterGuard)
where
    F: FnOnce(tokio::net::TcpListener, ShutdownSignal) -> S,
    S: std::future::Future<Output = Result<(), E>> + Send + 'static,
    E: std::fmt::Debug + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown: ShutdownSignal = Box::pin(async {
        let _ = stopped.await;
    });
    let server = serve(listener, shutdown);
    let task = tokio::spawn(async move { server.await.expect("the server serves") });
    (addr, GreeterGuard::new(stop, task))
}

/// Completes when a server started by [`start_server`] should stop.
pub type ShutdownSignal = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// Stops the greeter when dropped.
pub struct GreeterGuard {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl GreeterGuard {
    fn new(stop: tokio::sync::oneshot::Sender<()>, task: tokio::task::JoinHandle<()>) -> Self {
        GreeterGuard {
            stop: Some(stop),
            task,
        }
    }
}

impl Drop for GreeterGuard {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.abort();
    }
}

/// An error that is its own source.
#[derive(Debug)]
pub struct Loop;

impl std::fmt::Display for Loop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("loops")
    }
}

impl std::error::Error for Loop {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self)
    }
}
