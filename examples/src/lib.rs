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

pub mod connect_greeter;
pub mod hand_written;

/// The messages and service of `proto/helloworld/helloworld.proto`.
pub mod proto {
    tonic::include_proto!("helloworld");
}

/// The same messages and service for connect-rust (buffa messages, its service
/// trait), generated from the same `.proto`.
pub mod connect_proto {
    connectrpc::include_generated!();
}

use proto::greeter_server::{Greeter, GreeterServer};
use proto::{HelloReply, HelloRequest};

/// Everything that can go wrong when greeting someone.
#[derive(Debug, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", decode, into_response, connect)]
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
    pub(crate) fn greet(&self, request: &HelloRequest) -> Result<String, GreetError> {
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

/// Serves the greeter on `listener` until `shutdown` completes: [`app`] with [`layer`],
/// the operator token read from [`OPERATOR_TOKEN_ENV`], and CORS for the origin in
/// [`CORS_ORIGIN_ENV`] if it is set.
pub async fn serve(
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let layer = layer(std::env::var(OPERATOR_TOKEN_ENV).ok());
    let mut app = app(layer);
    if let Ok(origin) = std::env::var(CORS_ORIGIN_ENV) {
        app = app.layer(cors(&origin)?);
    }
    serve_app(app, listener, shutdown).await
}

/// Serves the greeter with `layer` (rather than [`layer`]'s) on `listener` until
/// `shutdown` completes.
pub async fn serve_with(
    layer: rich_status::server::RichStatusLayer,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_app(app(layer), listener, shutdown).await
}

/// Serves `app` on `listener`, HTTP/1.1 and HTTP/2, until `shutdown` completes.
async fn serve_app(
    app: axum::Router,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// The environment variable that names the one origin (`https://app.example.com`)
/// whose pages may call the greeter from the browser (CORS). Unset, only pages of the
/// greeter's own origin can, which need no CORS.
pub const CORS_ORIGIN_ENV: &str = "GREETER_CORS_ORIGIN";

/// The greeter on one address: gRPC over HTTP/2, gRPC-Web over HTTP/1.1 and HTTP/2
/// (tonic-web), and the REST route ([`rest_router`]), one guest book for all, with
/// `layer` on every gRPC and gRPC-Web call.
///
/// The order of the two layers matters: tonic-web outside, `RichStatusLayer` inside.
/// So the layer sees a gRPC-Web call as the gRPC call tonic-web makes of it, with its
/// trailers as trailers, and what it writes (the spec `grpc-message`, the budget, the
/// `DebugInfo` strip, the answer to a panic) is what tonic-web then puts in the body.
/// The other way round, a stream's trailers are already body bytes when they pass the
/// layer, and their `DebugInfo` would reach every caller.
pub fn app(layer: rich_status::server::RichStatusLayer) -> axum::Router {
    let service = std::sync::Arc::new(GreeterService::default());
    let greeter = tonic::service::Routes::new(GreeterServer::from_arc(service.clone()));
    let grpc = grpc_and_grpc_web(layer.clone(), greeter);
    rest_and_page(service, layer).fallback_service(grpc)
}

/// The REST route and the web page, for either greeter server. The REST route is under
/// `layer` too: its per-call `DebugInfo`, and a panic there answered as the JSON error.
fn rest_and_page(
    service: std::sync::Arc<GreeterService>,
    layer: rich_status::server::RichStatusLayer,
) -> axum::Router {
    use axum::routing::get;
    rest_router(service)
        .layer(layer)
        .route("/", get(page))
        .route("/app.js", get(script))
}

/// `routes` served over gRPC and gRPC-Web: tonic-web's layer outside, `layer` inside
/// (see [`app`] for why in this order).
pub fn grpc_and_grpc_web(
    layer: rich_status::server::RichStatusLayer,
    routes: tonic::service::Routes,
) -> tonic_web::GrpcWebService<rich_status::server::RichStatusService<tonic::service::Routes>> {
    tower::ServiceBuilder::new()
        .layer(tonic_web::GrpcWebLayer::new())
        .layer(layer)
        .service(routes)
}

/// Where `npm ci && npm run build` in `examples/web` puts the greeter's page.
pub const WEB_DIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/web/dist");

/// The page the server answers `/` with before the real one is built.
pub const UNBUILT_PAGE: &str = "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\">\
<title>Greeter</title>\n<p>The greeter's page is not built yet. Build it with \
<code>npm ci &amp;&amp; npm run build</code> in <code>examples/web</code> (Node and npm \
from the registry, nothing else), then reload.</p>\n</html>\n";

/// `GET /`: the built page, or the page that says how to build it.
async fn page() -> axum::response::Html<String> {
    let built = tokio::fs::read_to_string(format!("{WEB_DIST}/index.html")).await;
    axum::response::Html(built.unwrap_or_else(|_| UNBUILT_PAGE.to_owned()))
}

/// `GET /app.js`: the page's bundle.
async fn script() -> Result<impl axum::response::IntoResponse, axum::http::StatusCode> {
    let bundle = tokio::fs::read(format!("{WEB_DIST}/app.js"))
        .await
        .map_err(|_| axum::http::StatusCode::NOT_FOUND)?;
    Ok(([("content-type", "text/javascript; charset=utf-8")], bundle))
}

/// CORS for pages of `origin` that call the greeter over gRPC-Web or REST, as tonic-web
/// documents it: the gRPC-Web request headers (and the operator header) allowed, the
/// status headers exposed so the page can read them.
pub fn cors(origin: &str) -> std::io::Result<tower_http::cors::CorsLayer> {
    use axum::http::{HeaderName, HeaderValue, Method};
    let origin = HeaderValue::from_str(origin)
        .map_err(|_| std::io::Error::other(format!("{CORS_ORIGIN_ENV} is not a header value")))?;
    let header = HeaderName::from_static;
    Ok(tower_http::cors::CorsLayer::new()
        .allow_origin(origin)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header("content-type"),
            header("x-grpc-web"),
            header("x-user-agent"),
            header("grpc-timeout"),
            header("connect-protocol-version"),
            header(OPERATOR_HEADER),
        ])
        .expose_headers([
            header("grpc-status"),
            header("grpc-message"),
            header("grpc-status-details-bin"),
        ])
        .max_age(std::time::Duration::from_secs(24 * 60 * 60)))
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
