//! A greeter that answers with oversized errors on request, for the trailer-budget tests:
//! `debug:N` (a DebugInfo stack entry of N bytes), `meta:N` (an ErrorInfo metadata value
//! of N bytes) and `message:N` (a message of N bytes). The text mixes ASCII with
//! multi-byte characters, so cuts must land on character boundaries.

use rich_status::RichStatus;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use tonic::{Request, Response, Status};

/// The domain every error here carries.
pub const DOMAIN: &str = "budget.example.com";

/// N bytes of text: ASCII, `%`, and two- to four-byte characters.
pub fn text(n: usize) -> String {
    const PIECE: &str = "budget %20 ü € 🦀 ";
    let mut out = String::with_capacity(n + PIECE.len());
    while out.len() < n {
        out.push_str(PIECE);
    }
    let cut = (0..=n)
        .rev()
        .find(|&i| out.is_char_boundary(i))
        .unwrap_or(0);
    out.truncate(cut);
    out
}

/// An error whose `Display` is as long as asked.
#[derive(Debug)]
pub struct Long(pub String);

impl std::fmt::Display for Long {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Long {}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "budget.example.com")]
pub enum BigError {
    #[error("storage failed")]
    #[rich_status(code = Internal, reason = "STORAGE_FAILED", debug_info)]
    Debug(#[source] Long),

    #[error("quota exceeded")]
    #[rich_status(code = ResourceExhausted, reason = "BIG_METADATA")]
    Metadata {
        #[rich_status(metadata)]
        value: String,
    },

    #[error("{text}")]
    #[rich_status(code = InvalidArgument, reason = "BIG_MESSAGE")]
    Message { text: String },
}

impl BigError {
    /// The error a request name asks for: `debug:N`, `meta:N` or `message:N`.
    pub fn for_name(name: &str) -> Option<BigError> {
        let (kind, n) = name.split_once(':')?;
        let n: usize = n.parse().ok()?;
        Some(match kind {
            "debug" => BigError::Debug(Long(text(n))),
            "meta" => BigError::Metadata { value: text(n) },
            "message" => BigError::Message { text: text(n) },
            _ => return None,
        })
    }
}

/// The service: every call fails with the error its name asks for.
#[derive(Debug, Default)]
pub struct BigErrors;

#[tonic::async_trait]
impl Greeter for BigErrors {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let name = request.into_inner().name;
        match BigError::for_name(&name) {
            Some(error) => Err(error.into()),
            None => Err(Status::invalid_argument(format!(
                "unknown request {name:?}"
            ))),
        }
    }
}

/// Starts the service on an ephemeral loopback port; it stops when the guard drops.
pub async fn start() -> (std::net::SocketAddr, crate::GreeterGuard) {
    crate::start_server(|listener, shutdown| {
        tonic::transport::Server::builder()
            .add_service(GreeterServer::new(BigErrors))
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
    })
    .await
}
