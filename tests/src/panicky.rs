//! A greeter whose handler panics, for the tests of the server layer's answer to a
//! panic over each protocol.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::Frame;
use rich_status::StatusExt;
use rich_status_examples::GreeterService;
use rich_status_examples::proto::greeter_server::Greeter;
use rich_status_examples::proto::{HelloReply, HelloRequest};
use tonic::{Code, Request, Response, Status};

/// The payload of the handler's panic, which [`quiet_panics`] keeps out of the output.
pub const PANIC: &str = "the greeter cannot greet a panic";

/// The greeter, but its handler panics on the name `panic`.
#[derive(Debug, Default)]
pub struct Panicky(pub GreeterService);

#[tonic::async_trait]
impl Greeter for Panicky {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        if request.get_ref().name == "panic" {
            std::panic::panic_any(PANIC);
        }
        self.0.say_hello(request).await
    }
}

/// The connect-rust greeter, but its handler panics on the name `panic`.
#[derive(Debug, Default)]
pub struct PanickyConnect(pub rich_status_examples::connect_greeter::ConnectGreeter);

impl rich_status_examples::connect_proto::helloworld::Greeter for PanickyConnect {
    #[allow(refining_impl_trait)]
    async fn say_hello(
        &self,
        ctx: connectrpc::RequestContext,
        request: connectrpc::ServiceRequest<
            '_,
            rich_status_examples::connect_proto::helloworld::HelloRequest,
        >,
    ) -> connectrpc::ServiceResult<rich_status_examples::connect_proto::helloworld::HelloReply>
    {
        if request.name == "panic" {
            std::panic::panic_any(PANIC);
        }
        self.0.say_hello(ctx, request).await
    }
}

/// Keeps the panics whose payload is [`PANIC`] from printing; others print as before.
pub fn quiet_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.payload().downcast_ref::<&str>() != Some(&PANIC) {
            default_hook(info);
        }
    }));
}

/// A response body that sends one message, then panics, and panics again when dropped.
#[derive(Debug, Default)]
pub struct Exploding {
    sent: bool,
}

impl http_body::Body for Exploding {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if !self.sent {
            self.sent = true;
            return Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b"\0\0\0\0\0")))));
        }
        std::panic::panic_any(PANIC);
    }
}

impl Drop for Exploding {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            std::panic::panic_any(PANIC);
        }
    }
}

/// Asserts that `status` is the layer's answer to a panic, for an untrusted call, from a
/// layer of `example.com`.
pub fn assert_answered_panic(status: &Status) {
    assert_eq!(
        (status.code(), status.message()),
        (Code::Internal, "internal error")
    );
    assert_panic_details(&status.rich_details().unwrap(), "example.com", false);
}

/// Asserts that `details` are those of the layer's answer to a panic: its `ErrorInfo` of
/// `domain`, and a `DebugInfo` that says the panic's message when, and only when, the
/// call is `trusted` (the message is [`PANIC`]'s for a trusted call).
pub fn assert_panic_details(details: &rich_status::Details, domain: &str, trusted: bool) {
    let info = details.error_info().unwrap();
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        (rich_status::server::PANIC_REASON, domain)
    );
    let debug = details.debug_info().map(|debug| debug.detail);
    let expected = trusted.then(|| format!("panicked: {PANIC}"));
    assert_eq!(debug, expected, "DebugInfo of a call trusted: {trusted}");
}

/// A panic payload whose own `Drop` panics.
#[derive(Debug)]
pub struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("the payload's drop panicked");
        }
    }
}
