//! Calling services: [`DetailsGuardLayer`], which keeps a malformed
//! `grpc-status-details-bin` away from tonic, and [`retry`], which retries unary calls
//! as the server's `RetryInfo` asks.
//!
//! # The details guard
//!
//! tonic's client decodes `grpc-status-details-bin` with an `expect`: a value that is not
//! base64 (`!!!`, a space inside, the URL-safe alphabet, a bad length) panics the task
//! that made the call, and in `#[tokio::main]` ends the process. Any proxy, misconfigured
//! gateway or hostile server can send one. Put the guard between tonic's client and its
//! channel when the peer is not yours, and such a value never reaches tonic: the guard
//! removes it from the response headers (a Trailers-Only answer) and trailers, the call
//! ends with the code and message the peer sent, and
//! [`rich_details`](crate::StatusExt::rich_details) on its status says what happened
//! ([`DecodeErrorKind::DetailsDropped`](crate::decode::DecodeErrorKind::DetailsDropped)) rather
//! than that there were no details. Values tonic can read pass untouched, and a response
//! without the header costs two header lookups.
//!
//! The guard also waits for the trailers of a server that sends `grpc-status` in its
//! response headers and then goes on (connect-rust 0.9 does, before the trailers that
//! carry the details): tonic would read such headers as the whole answer and lose the
//! details. The guard holds that early status back, so tonic reads the body and its
//! trailers, and sends it as the trailers if the body ends without any.
//!
//! ```
//! use rich_status::client::DetailsGuardLayer;
//! use tower::ServiceBuilder;
//!
//! # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # let _entered = runtime.enter();
//! let channel = tonic::transport::Endpoint::from_static("http://[::1]:50051").connect_lazy();
//! let channel = ServiceBuilder::new().layer(DetailsGuardLayer).service(channel);
//! // Every tonic client takes it: `GreeterClient::new(channel)`, or tonic's own.
//! let client = tonic::client::Grpc::new(channel);
//! # let _ = client;
//! ```
//!
//! What the guard does to an answer, seen where tonic reads it:
//!
//! ```
//! use rich_status::client::DetailsGuardLayer;
//! use rich_status::{StatusExt, decode::DecodeErrorKind};
//! use tower::{Layer, ServiceExt, service_fn};
//!
//! // A peer whose Trailers-Only answer has a grpc-status-details-bin that is not base64.
//! let peer = service_fn(|_: http::Request<()>| async {
//!     let response = http::Response::builder()
//!         .header("grpc-status", "5")
//!         .header("grpc-message", "no such user")
//!         .header("grpc-status-details-bin", "!!!not base64!!!")
//!         .body(tonic::body::Body::empty())
//!         .unwrap();
//!     Ok::<_, std::convert::Infallible>(response)
//! });
//!
//! let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let guarded = DetailsGuardLayer.layer(peer);
//! let response = runtime.block_on(guarded.oneshot(http::Request::new(()))).unwrap();
//!
//! // This is where tonic would panic; with the guard it reads the code and message.
//! let status = tonic::Status::from_header_map(response.headers()).unwrap();
//! assert_eq!(status.code(), tonic::Code::NotFound);
//! assert_eq!(status.message(), "no such user");
//! let error = status.rich_details().unwrap_err();
//! assert!(matches!(error.kind(), DecodeErrorKind::DetailsDropped { .. }));
//! ```
//!
//! # Retries
//!
//! [`retry`] makes a unary call again while its [`RetryPolicy`] says the failure is worth
//! another attempt, waiting what the server's `RetryInfo` asks (AIP-194), and never past
//! the policy's deadline.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use base64::Engine as _;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Request, Response};
use http_body::{Body, Frame, SizeHint};

use crate::details::decoding::BASE64;

mod retry;

pub use retry::{Attempt, MAX_DEADLINE, RetryPolicy, retry};

/// The metadata key under which [`DetailsGuard`] says why it dropped a
/// `grpc-status-details-bin`: it stays in the status's metadata, where
/// [`rich_details`](crate::StatusExt::rich_details) finds it. The guard removes any value
/// of it the peer sent.
///
/// ```
/// assert_eq!(rich_status::client::DROPPED_DETAILS_KEY, "rich-status-details-dropped");
/// ```
pub const DROPPED_DETAILS_KEY: &str = crate::details::decoding::DROPPED_DETAILS_KEY;

const DETAILS: HeaderName = HeaderName::from_static("grpc-status-details-bin");
const DROPPED: HeaderName = HeaderName::from_static(DROPPED_DETAILS_KEY);
const STATUS: HeaderName = HeaderName::from_static("grpc-status");
const MESSAGE: HeaderName = HeaderName::from_static("grpc-message");

/// The tower layer that puts a [`DetailsGuard`] around a tonic client's channel; see the
/// [module](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct DetailsGuardLayer;

impl<S> tower_layer::Layer<S> for DetailsGuardLayer {
    type Service = DetailsGuard<S>;

    fn layer(&self, inner: S) -> Self::Service {
        DetailsGuard::new(inner)
    }
}

/// A tonic client's channel whose responses carry no `grpc-status-details-bin` that tonic
/// cannot decode; see the [module](self).
#[derive(Debug, Clone)]
pub struct DetailsGuard<S> {
    inner: S,
}

impl<S> DetailsGuard<S> {
    /// Guards the responses of `inner` (a `tonic::transport::Channel`, or any service a
    /// tonic client can call through).
    pub fn new(inner: S) -> Self {
        DetailsGuard { inner }
    }

    /// The guarded channel.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, ReqBody, ResBody> tower_service::Service<Request<ReqBody>> for DetailsGuard<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: Body,
{
    type Response = Response<GuardedBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        ResponseFuture {
            future: self.inner.call(request),
        }
    }
}

pin_project_lite::pin_project! {
    /// The response of a call through [`DetailsGuard`].
    pub struct ResponseFuture<F> {
        #[pin]
        future: F,
    }
}

impl<F, B: Body, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = Result<Response<GuardedBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.project().future.poll(cx).map_ok(|mut response| {
            // A Trailers-Only answer (an error before any message) has its status here.
            guard(response.headers_mut());
            let early = (!response.body().is_end_stream())
                .then(|| early_status(response.headers_mut()))
                .flatten();
            response.map(|inner| GuardedBody { inner, early })
        })
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

pin_project_lite::pin_project! {
    /// The body of a response through [`DetailsGuard`]: the channel's, with its trailers
    /// guarded.
    pub struct GuardedBody<B> {
        #[pin]
        inner: B,
        // A status the headers gave before a body that goes on: sent as the trailers
        // if the body ends without its own.
        early: Option<HeaderMap>,
    }
}

impl<B: Body> Body for GuardedBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let mut polled = this.inner.poll_frame(cx);
        match &mut polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(trailers) = frame.trailers_mut() {
                    guard(trailers);
                    *this.early = None;
                }
            }
            Poll::Ready(None) => {
                if let Some(early) = this.early.take() {
                    return Poll::Ready(Some(Ok(Frame::trailers(early))));
                }
            }
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream() && self.early.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl<B> fmt::Debug for GuardedBody<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardedBody").finish_non_exhaustive()
    }
}

/// Takes the status out of response `headers` whose body goes on, and gives it back to
/// send as the trailers should the body end without its own.
///
/// A server may send `grpc-status` in the headers of a response that is not
/// Trailers-Only (connect-rust 0.9 does, before the trailers that carry the details);
/// tonic reads such headers as the whole answer and never sees the trailers. Without
/// the status in the headers, tonic reads the body and its trailers, and the headers'
/// status still ends the call when no trailers come.
fn early_status(headers: &mut HeaderMap) -> Option<HeaderMap> {
    let status = headers.remove(&STATUS)?;
    let mut early = HeaderMap::new();
    early.insert(STATUS, status);
    for name in [MESSAGE, DETAILS] {
        for value in headers.get_all(&name) {
            early.append(name.clone(), value.clone());
        }
        headers.remove(&name);
    }
    Some(early)
}

/// Removes every `grpc-status-details-bin` from `headers` when one of them is not base64
/// as tonic decodes it (tonic reads the first; which one the peer meant is anyone's
/// guess), and says why under [`DROPPED_DETAILS_KEY`]; removes a value of that key the
/// peer sent.
fn guard(headers: &mut HeaderMap) {
    headers.remove(&DROPPED);
    let Some(error) = headers
        .get_all(&DETAILS)
        .iter()
        .find_map(|value| BASE64.decode(value.as_bytes()).err())
    else {
        return;
    };
    headers.remove(&DETAILS);
    let reason =
        HeaderValue::try_from(error.to_string()).unwrap_or(HeaderValue::from_static("not base64"));
    headers.insert(DROPPED, reason);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("grpc-status", HeaderValue::from_static("5"));
        for value in values {
            headers.append(&DETAILS, HeaderValue::from_str(value).unwrap());
        }
        guard(&mut headers);
        headers
    }

    #[test]
    fn a_value_tonic_reads_passes_untouched() {
        for value in ["CAUSCm5vIHN1Y2ggaWQ", "CAUSCm5vIHN1Y2ggaWQ=", ""] {
            let headers = guarded(&[value]);
            assert_eq!(
                headers.get_all(&DETAILS).iter().collect::<Vec<_>>(),
                [value]
            );
            assert!(!headers.contains_key(&DROPPED));
        }
    }

    #[test]
    fn a_value_tonic_panics_on_is_dropped_with_the_reason() {
        for (value, reason) in [
            ("!!!not base64!!!", "Invalid symbol 33, offset 0."),
            ("CAUS Cm5v", "Invalid symbol 32, offset 4."),
            ("CAUSCm5vIHN1Y2ggaWQ-_", "Invalid symbol 95, offset 20."),
            ("CAUSAWE==", "Invalid symbol 61, offset 7."),
            ("C", "Invalid input length: 1"),
        ] {
            let headers = guarded(&[value]);
            assert!(!headers.contains_key(&DETAILS), "{value}");
            assert_eq!(headers[&DROPPED], reason, "{value}");
        }
    }

    #[test]
    fn a_bad_value_before_a_good_one_drops_both() {
        let headers = guarded(&["!!!", "CAUSCm5vIHN1Y2ggaWQ"]);
        assert!(!headers.contains_key(&DETAILS));
        assert_eq!(headers[&DROPPED], "Invalid symbol 33, offset 0.");
    }

    #[test]
    fn a_marker_the_peer_sent_is_removed() {
        let mut headers = HeaderMap::new();
        headers.insert(&DROPPED, HeaderValue::from_static("forged"));
        headers.insert(&DETAILS, HeaderValue::from_static("CAUSCm5vIHN1Y2ggaWQ"));
        guard(&mut headers);
        assert!(!headers.contains_key(&DROPPED));
        assert_eq!(headers[&DETAILS], "CAUSCm5vIHN1Y2ggaWQ");
    }
}
