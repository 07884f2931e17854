//! The greeter of gRPC's error-details example, ported to Rust with rich-status.
//!
//! gRPC's example (a Python server and client using `grpcio-status`) greets each name
//! once and answers a second greeting with `RESOURCE_EXHAUSTED`, "Request limit
//! exceeded.", and a `QuotaFailure`. This port describes that failure, and a few more, as
//! one error enum; the handler returns them with `?`.
//!
//! The examples `greeter_server`, `greeter_client` and `demo` (all three in one process)
//! run it; the integration tests run it against Python's grpcio.

use std::collections::HashSet;
use std::future::Future;
use std::sync::Mutex;

use rich_status::RichStatus;
use tonic::{Request, Response, Status};
use validator::Validate as _;

pub mod hand_written;

/// The messages and service of `proto/helloworld/helloworld.proto`.
pub mod proto {
    tonic::include_proto!("helloworld");
}

use proto::greeter_server::{Greeter, GreeterServer};
use proto::{HelloReply, HelloRequest};

/// Everything that can go wrong when greeting someone.
#[derive(Debug, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", decode, into_response)]
pub enum GreetError {
    /// The name was greeted before: the failure of gRPC's own example.
    #[error("Request limit exceeded.")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(subject = "name: {name}", description = "Limit one greeting per person."),
    )]
    TooManyGreetings {
        #[rich_status(metadata)]
        name: String,
    },

    /// No name at all: a bad request that points at the field.
    #[error("A name is required.")]
    #[rich_status(code = InvalidArgument)]
    EmptyName {
        // validator's report on the request; it does not cross the wire (decoded, it is
        // empty), its violations do.
        #[from]
        #[rich_status(bad_request)]
        report: validator::ValidationErrors,
    },

    /// Mallory, the attacker of every security textbook, is not greeted.
    #[error("{name} is not welcome here.")]
    #[rich_status(code = PermissionDenied, reason = "NAME_BLOCKED")]
    Unwelcome {
        #[rich_status(metadata)]
        name: String,
    },

    /// The guest book could not be written (it always fails for Murphy). Its `DebugInfo`
    /// goes to clients only when `rich_status::policy` allows.
    #[error("The guest book is unavailable.")]
    #[rich_status(code = Unavailable, reason = "GUEST_BOOK_UNAVAILABLE", debug_info)]
    GuestBook(#[source] GuestBookFailure),
}

/// Why the guest book could not be written.
#[derive(Debug, Default, PartialEq, thiserror::Error)]
pub enum GuestBookFailure {
    /// The only way it fails in this example.
    #[default]
    #[error("guest book disk is full")]
    DiskFull,
}

/// The greeter service: greets each name once.
#[derive(Debug, Default)]
pub struct GreeterService {
    greeted: Mutex<HashSet<String>>,
}

impl GreeterService {
    /// Checks the name and writes it into the guest book.
    fn greet(&self, request: &HelloRequest) -> Result<String, GreetError> {
        request.validate()?; // an empty name: `EmptyName`, with validator's report
        let name = request.name.as_str();
        if name.starts_with("Mallory") {
            return Err(GreetError::Unwelcome { name: name.into() });
        }
        if name == "Murphy" {
            return Err(GreetError::GuestBook(GuestBookFailure::DiskFull));
        }
        let mut greeted = self.greeted.lock().unwrap_or_else(|e| e.into_inner());
        if !greeted.insert(name.to_owned()) {
            return Err(GreetError::TooManyGreetings { name: name.into() });
        }
        Ok(format!("Hello, {name}!"))
    }
}

#[tonic::async_trait]
impl Greeter for GreeterService {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let message = self.greet(request.get_ref())?; // GreetError -> rich tonic::Status
        Ok(Response::new(HelloReply { message }))
    }
}

/// The metadata key by which the greeter's operators identify themselves: a call whose
/// value equals the operator token ([`OPERATOR_TOKEN_ENV`]) gets `DebugInfo`.
pub const OPERATOR_HEADER: &str = "x-greeter-operator-token";

/// The environment variable that holds the operator token, read by [`serve`]; unset, no
/// caller is trusted with `DebugInfo` (unless `rich_status::policy` sends it to all).
pub const OPERATOR_TOKEN_ENV: &str = "GREETER_OPERATOR_TOKEN";

/// The greeter's server layer: `grpc-message` as the gRPC spec writes it (so grpc-js
/// reads `Mallory #1?` as the details hold it), `DebugInfo` for the calls that carry
/// `operator_token`, and a panic answered as `INTERNAL`.
pub fn layer(operator_token: Option<String>) -> rich_status::server::RichStatusLayer {
    rich_status::server::RichStatusLayer::new("greeter.example.com").debug_info_for(
        move |request| {
            let sent = request.headers.get(OPERATOR_HEADER);
            operator_token
                .as_deref()
                .is_some_and(|token| sent.is_some_and(|sent| sent.as_bytes() == token.as_bytes()))
        },
    )
}

/// Serves the greeter on `listener` until `shutdown` completes, trusting the operator
/// token of [`OPERATOR_TOKEN_ENV`] with `DebugInfo`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()>,
) -> Result<(), tonic::transport::Error> {
    serve_with(
        layer(std::env::var(OPERATOR_TOKEN_ENV).ok()),
        listener,
        shutdown,
    )
    .await
}

/// Serves the greeter behind `layer` on `listener` until `shutdown` completes.
pub async fn serve_with(
    layer: rich_status::server::RichStatusLayer,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()>,
) -> Result<(), tonic::transport::Error> {
    tonic::transport::Server::builder()
        .layer(layer)
        .add_service(GreeterServer::new(GreeterService::default()))
        .serve_with_incoming_shutdown(
            tokio_stream::wrappers::TcpListenerStream::new(listener),
            shutdown,
        )
        .await
}

/// The same greeter over HTTP/JSON: `GET /v1/greet/{name}` answers the greeting as text,
/// or the very `GreetError` the gRPC service sends, as an HTTP status and an AIP-193 JSON
/// error (rich-status's `axum` feature). Pass the service the gRPC server uses
/// (`GreeterServer::from_arc`) and both share one guest book.
pub fn rest_router(service: std::sync::Arc<GreeterService>) -> axum::Router {
    use axum::extract::{Path, State};
    use axum::routing::get;

    async fn greet(
        State(service): State<std::sync::Arc<GreeterService>>,
        Path(name): Path<String>,
    ) -> Result<String, GreetError> {
        service.greet(&HelloRequest { name })
    }

    axum::Router::new()
        .route("/v1/greet/{name}", get(greet))
        .route("/v1/greet/", get(greet_nobody))
        .with_state(service)
}

/// `GET /v1/greet/` (no name): the same `EmptyName` error as an empty gRPC request.
async fn greet_nobody() -> Result<String, GreetError> {
    GreeterService::default().greet(&HelloRequest::default())
}

/// A readable account of a failed call: code, message and every detail, decoded.
pub fn describe(status: &Status) -> String {
    use rich_status::StatusExt;
    let mut out = format!("code: {:?}\nmessage: {}\n", status.code(), status.message());
    match status.rich_details() {
        Ok(details) if details.is_empty() => out.push_str("details: none\n"),
        Ok(details) => {
            out.push_str("details:\n");
            for any in details.anys() {
                out.push_str(&describe_detail(any));
            }
        }
        Err(error) => out.push_str(&format!("details: unreadable ({error})\n")),
    }
    out
}

fn describe_detail(any: rich_status::decode::AnyRef<'_>) -> String {
    use rich_status::decode::StandardDetail as D;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str("  ");
        out.push_str(&text);
        out.push('\n');
    };
    match D::from_any(any) {
        Ok(D::ErrorInfo(info)) => {
            line(format!(
                "ErrorInfo: reason {:?}, domain {:?}",
                info.reason, info.domain
            ));
            for (key, value) in &info.metadata {
                line(format!("  metadata {key:?}: {value:?}"));
            }
        }
        Ok(D::QuotaFailure(quota)) => {
            line("QuotaFailure:".into());
            for v in &quota.violations {
                line(format!(
                    "  violation: subject {:?}, description {:?}",
                    v.subject, v.description
                ));
            }
        }
        Ok(D::BadRequest(bad)) => {
            line("BadRequest:".into());
            for v in &bad.field_violations {
                line(format!(
                    "  field {:?}: {:?} (reason {:?})",
                    v.field, v.description, v.reason
                ));
            }
        }
        Ok(D::DebugInfo(debug)) => {
            line(format!("DebugInfo: detail {:?}", debug.detail));
            for entry in &debug.stack_entries {
                line(format!("  stack entry: {entry:?}"));
            }
        }
        Ok(other) => line(format!("{other:?}")),
        Err(_) => line(format!("{} ({} bytes)", any.type_url(), any.value().len())),
    }
    out
}
