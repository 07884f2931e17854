//! [`RichStatusLayer`]: the tower layer for tonic servers, and for the axum and
//! connect-rust routers served beside them.
//!
//! Put it on the server (`Server::builder().layer(...)`, or around a router) and every
//! call it serves gets three things:
//!
//! - **`grpc-message` as the gRPC spec writes it.** tonic percent-encodes space, `#`,
//!   `?`, `"`, `<`, `>`, `` ` ``, `{` and `}` in `grpc-message`, which clients that
//!   decode it with `decodeURI` (grpc-js) leave as they are, so they read `Mallory
//!   %231%3F` where the details say `Mallory #1?`. The layer rewrites the header, in
//!   the trailers and in a Trailers-Only answer, with only what the spec encodes (bytes
//!   outside 0x20–0x7E, and `%`), and the trailer budget counts what it writes.
//! - **`DebugInfo` and the trailer budget per call.** A predicate over the request (its
//!   metadata, the extensions an authentication layer set, the peer address) turns
//!   `DebugInfo` on for the errors of that call alone
//!   ([`debug_info_for`](RichStatusLayer::debug_info_for)), and a function may give
//!   the call a trailer budget of its own
//!   ([`trailer_budget_for`](RichStatusLayer::trailer_budget_for)); the process-wide
//!   [`policy`] stays the default. Errors converted while the call's future or body is
//!   polled see the call's choices, which covers every handler that returns its error
//!   with `?`; a task the handler spawns runs outside the call and sees the
//!   process-wide policy.
//! - **`DebugInfo` reaches trusted calls and no one else**, whatever built the status.
//!   A status is built once and may be shared: two calls awaiting one lookup, a cache
//!   of failures, a gateway passing an upstream's details on. So the layer also looks at
//!   the answer as it leaves: for a call that does not get `DebugInfo`, every
//!   `google.rpc.DebugInfo` is taken out of its `grpc-status-details-bin` (in a
//!   Trailers-Only answer and in the trailers), the rest kept byte for byte, code and
//!   message included; a value that is not a `google.rpc.Status` in base64 is removed.
//! - **A panic is an error, not a reset.** A handler that panics would drop the stream,
//!   and its client would see a transport error with no code of the service's. The layer
//!   catches the panic and answers `INTERNAL` with the generic message
//!   ([`policy::generic_message`]) and an `ErrorInfo` of the layer's reason and domain,
//!   logs the panic at `error` (with the `tracing` feature), and puts the panic's
//!   message in a `DebugInfo` only when the call's policy sends `DebugInfo`. It answers
//!   in the protocol of the request: a gRPC status for `application/grpc`; for the
//!   Connect protocol a Connect error (HTTP 500 and its JSON for a unary call, which
//!   says `connect-protocol-version` or `?connect=v1`; the end-of-stream message for
//!   `application/connect+*`), with its details under the `connect` feature and its
//!   code and message without; for any other request the AIP-193 JSON error of
//!   [`rest`](crate::rest) (feature `axum`; without it, a gRPC status). The server
//!   goes on serving. So it goes for a panic in the service's `call`, its future or its
//!   body; a payload, future or body whose own `Drop` panics as well is dropped where
//!   that panic is caught too. A [`debug_info_for`](RichStatusLayer::debug_info_for) or
//!   [`trailer_budget_for`](RichStatusLayer::trailer_budget_for) predicate that panics
//!   (a `to_str().unwrap()` on a header a client filled with bytes that are not ASCII)
//!   is answered the same way, as a call no predicate trusted, without calling the
//!   service.
//!
//! With gRPC-Web (tonic-web's `GrpcWebLayer`), put this layer inside tonic-web's:
//! `.layer(GrpcWebLayer::new()).layer(rich_status_layer)` on a tonic `Server::builder()`
//! or a tower `ServiceBuilder`, the first named outermost. So the layer sees each
//! gRPC-Web call as the gRPC call tonic-web makes of it, trailers as trailers, and
//! tonic-web puts what the layer wrote into the body as gRPC-Web sends trailers. The
//! other way round, trailers after a message are body bytes by the time they pass the
//! layer: their `grpc-message` stays as tonic wrote it and their `DebugInfo` reaches
//! every caller. (A server that serves gRPC-Web itself, as connect-rust does, has the
//! layer outside: its panics are answered in the call's `application/grpc-web` type.)
//!
//! ```
//! use rich_status::server::RichStatusLayer;
//! use tower::{Layer, ServiceExt, service_fn};
//!
//! let layer = RichStatusLayer::new("greeter.example.com")
//!     .debug_info_for(|request| request.headers.contains_key("x-internal-caller"));
//! let service = layer.layer(service_fn(|_: http::Request<()>| async {
//!     let status = tonic::Status::permission_denied("Mallory #1? is not welcome here.");
//!     Ok::<_, std::convert::Infallible>(status.into_http::<tonic::body::Body>())
//! }));
//!
//! let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let response = runtime.block_on(service.oneshot(http::Request::new(()))).unwrap();
//! // tonic wrote `Mallory%20%231%3F%20is%20not%20welcome%20here.`
//! assert_eq!(response.headers()["grpc-message"], "Mallory #1? is not welcome here.");
//! ```

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::request::Parts;
use http::{Request, Response};
use http_body::{Body, Frame, SizeHint};
use tonic::{Code, Status};

use crate::policy::{self, Call};

mod protocol;

use protocol::Protocol;

/// The `ErrorInfo` reason of the status that answers a panicking handler, unless
/// [`panic_reason`](RichStatusLayer::panic_reason) gives another.
///
/// ```
/// assert_eq!(rich_status::server::PANIC_REASON, "HANDLER_PANICKED");
/// ```
pub const PANIC_REASON: &str = "HANDLER_PANICKED";

const GRPC_MESSAGE: HeaderName = HeaderName::from_static("grpc-message");
const GRPC_STATUS_DETAILS: HeaderName = HeaderName::from_static("grpc-status-details-bin");

type DebugInfoFor = Arc<dyn Fn(&Parts) -> bool + Send + Sync>;
type TrailerBudgetFor = Arc<dyn Fn(&Parts) -> Option<usize> + Send + Sync>;

/// The tower layer for tonic servers: `grpc-message` as the spec writes it, `DebugInfo`
/// and the trailer budget per call, panics answered as `INTERNAL`. See the
/// [module](self) for what each does.
///
/// ```
/// use rich_status::server::RichStatusLayer;
///
/// let layer = RichStatusLayer::new("greeter.example.com")
///     .panic_reason("GREETER_PANICKED")
///     .debug_info_for(|request| request.headers.contains_key("x-internal-caller"))
///     .trailer_budget_for(|request| request.headers.contains_key("x-small").then_some(2048));
/// # let _ = layer;
/// ```
#[derive(Clone)]
pub struct RichStatusLayer {
    config: Arc<Config>,
}

#[derive(Clone)]
struct Config {
    domain: String,
    panic_reason: String,
    debug_info_for: Option<DebugInfoFor>,
    trailer_budget_for: Option<TrailerBudgetFor>,
    retry_pushback: bool,
}

impl Config {
    /// What the layer decides for the call `request` begins; the panic of a predicate
    /// that panics (on a header a client filled with bytes it did not expect, say).
    fn call(&self, request: &Parts) -> Result<Call, Box<dyn Any + Send>> {
        catch_unwind(AssertUnwindSafe(|| {
            let trusted = self
                .debug_info_for
                .as_ref()
                .is_some_and(|trusted| trusted(request));
            let budget = self
                .trailer_budget_for
                .as_ref()
                .and_then(|budget| budget(request));
            self.call_with(trusted, budget)
        }))
    }

    /// The call's policy: `DebugInfo` when the process sends it to every call or the call
    /// is `trusted`, and the trailer `budget` if it has one of its own.
    fn call_with(&self, trusted: bool, budget: Option<usize>) -> Call {
        let trailer_budget = budget.map_or_else(policy::process_trailer_budget, |budget| {
            budget.min(policy::MAX_TRAILER_BUDGET)
        });
        Call {
            debug_info: policy::process_debug_info() || trusted,
            trailer_budget,
            retry_pushback: self.retry_pushback,
        }
    }
}

/// What the log says of a panic the layer answered, by where it happened.
const HANDLER_PANICKED: &str = "a handler panicked; the call is answered INTERNAL";
const PREDICATE_PANICKED: &str = "a debug_info_for or trailer_budget_for predicate panicked; \
     the call is answered INTERNAL, untrusted";

impl RichStatusLayer {
    /// A layer whose answer to a panic carries an `ErrorInfo` of `domain` (the
    /// service's, as its errors give it) and [`PANIC_REASON`]; `DebugInfo` and the
    /// trailer budget follow the process-wide [`policy`].
    pub fn new(domain: impl Into<String>) -> Self {
        RichStatusLayer {
            config: Arc::new(Config {
                domain: domain.into(),
                panic_reason: PANIC_REASON.to_owned(),
                debug_info_for: None,
                trailer_budget_for: None,
                retry_pushback: true,
            }),
        }
    }

    /// The `ErrorInfo` reason of the answer to a panic.
    pub fn panic_reason(self, reason: impl Into<String>) -> Self {
        self.with(|config| config.panic_reason = reason.into())
    }

    /// Sends `DebugInfo` in the errors of the calls `trusted` accepts (when the
    /// process-wide policy does not already send it in every call): for the service's
    /// operators and its trusted internal callers, never for the public.
    ///
    /// ```
    /// use rich_status::server::RichStatusLayer;
    ///
    /// // Trust what the authentication layer in front of this one decided.
    /// #[derive(Clone)]
    /// struct Operator;
    /// let layer = RichStatusLayer::new("greeter.example.com")
    ///     .debug_info_for(|request| request.extensions.get::<Operator>().is_some());
    /// # let _ = layer;
    /// ```
    pub fn debug_info_for(self, trusted: impl Fn(&Parts) -> bool + Send + Sync + 'static) -> Self {
        self.with(|config| config.debug_info_for = Some(Arc::new(trusted)))
    }

    /// Gives the calls for which `budget` returns `Some` that trailer budget (at most
    /// [`MAX_TRAILER_BUDGET`](policy::MAX_TRAILER_BUDGET)), instead of the process-wide
    /// one: for calls whose other trailers leave more or less room.
    pub fn trailer_budget_for(
        self,
        budget: impl Fn(&Parts) -> Option<usize> + Send + Sync + 'static,
    ) -> Self {
        self.with(|config| config.trailer_budget_for = Some(Arc::new(budget)))
    }

    /// Whether a status with a `RetryInfo` also sends gRPC's native
    /// `grpc-retry-pushback-ms` trailer (see
    /// [`DetailWriter::retry_info`](crate::DetailWriter::retry_info)); on unless
    /// turned off here, for clients whose retry policy should not wait as long as the
    /// `RetryInfo` asks.
    ///
    /// ```
    /// let layer = rich_status::server::RichStatusLayer::new("greeter.example.com")
    ///     .retry_pushback(false);
    /// # let _ = layer;
    /// ```
    pub fn retry_pushback(self, send: bool) -> Self {
        self.with(|config| config.retry_pushback = send)
    }

    /// Changes the configuration (a copy of it, when a clone of the layer or its
    /// services shares it).
    fn with(mut self, change: impl FnOnce(&mut Config)) -> Self {
        change(Arc::make_mut(&mut self.config));
        self
    }
}

impl fmt::Debug for RichStatusLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RichStatusLayer")
            .field("domain", &self.config.domain)
            .field("panic_reason", &self.config.panic_reason)
            .field("debug_info_for", &self.config.debug_info_for.is_some())
            .field(
                "trailer_budget_for",
                &self.config.trailer_budget_for.is_some(),
            )
            .field("retry_pushback", &self.config.retry_pushback)
            .finish()
    }
}

impl<S> tower_layer::Layer<S> for RichStatusLayer {
    type Service = RichStatusService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RichStatusService {
            inner,
            config: self.config.clone(),
        }
    }
}

/// The service [`RichStatusLayer`] wraps around a tonic server's.
#[derive(Clone)]
pub struct RichStatusService<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S: fmt::Debug> fmt::Debug for RichStatusService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RichStatusService")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl<S, ReqBody, ResBody> tower_service::Service<Request<ReqBody>> for RichStatusService<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<ResponseBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let (parts, body) = request.into_parts();
        let protocol = Protocol::of(&parts);
        let (call, state) = match self.config.call(&parts) {
            Ok(call) => {
                let request = Request::from_parts(parts, body);
                // Some services run handler code in `call` itself: in the call's policy
                // too, and a panic there is answered as well.
                let inner = &mut self.inner;
                let state = match catch_unwind(AssertUnwindSafe(|| {
                    policy::in_call(call, || inner.call(request))
                })) {
                    Ok(future) => State::Running { future },
                    Err(panic) => State::Panicked {
                        panic: Some((panic, HANDLER_PANICKED)),
                    },
                };
                (call, state)
            }
            // The inner service is not called: answered INTERNAL, as a call no predicate
            // trusted.
            Err(panic) => {
                let call = self.config.call_with(false, None);
                let state = State::Panicked {
                    panic: Some((panic, PREDICATE_PANICKED)),
                };
                (call, state)
            }
        };
        ResponseFuture {
            state,
            call,
            config: self.config.clone(),
            protocol,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response of a call [`RichStatusService`] serves.
    pub struct ResponseFuture<F> {
        #[pin]
        state: State<F>,
        call: Call,
        config: Arc<Config>,
        // What a panic is answered in.
        protocol: Protocol,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<F> {
        Running { #[pin] future: F },
        /// A panic to answer (its payload and what the log says of it), until it is.
        Panicked { panic: Option<(Box<dyn Any + Send>, &'static str)> },
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = Result<Response<ResponseBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let call = *this.call;
        let polled = match this.state.as_mut().project() {
            StateProj::Running { future } => catch_unwind(AssertUnwindSafe(|| {
                policy::in_call(call, || future.poll(cx))
            }))
            .map_err(|panic| (panic, HANDLER_PANICKED)),
            StateProj::Panicked { panic } => Err(panic
                .take()
                .unwrap_or_else(|| (Box::new("a panic answered before"), HANDLER_PANICKED))),
        };
        match polled {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(Err(error))) => Poll::Ready(Err(error)),
            Ok(Poll::Ready(Ok(response))) => {
                let (mut parts, body) = response.into_parts();
                // A Trailers-Only answer (an error before any message) has them here.
                answer_headers(&mut parts.headers, call);
                let body = ResponseBody {
                    state: BodyState::Streaming {
                        body,
                        call,
                        config: this.config.clone(),
                    },
                };
                Poll::Ready(Ok(Response::from_parts(parts, body)))
            }
            Err((panic, what)) => {
                // The future that panicked is dropped here, where a panic in its `Drop`
                // is caught too.
                quietly(|| this.state.set(State::Panicked { panic: None }));
                let status = answer_panic(panic, what, call, this.config);
                let answer = policy::in_call(call, || protocol::answer(this.protocol, &status));
                let response = match answer {
                    Some(answer) => answer.map(|data| ResponseBody {
                        state: BodyState::Whole { data: Some(data) },
                    }),
                    None => {
                        let mut response = status.into_http();
                        respec_message(response.headers_mut());
                        if let Protocol::GrpcWeb(content_type) = this.protocol {
                            response
                                .headers_mut()
                                .insert(http::header::CONTENT_TYPE, content_type.clone());
                        }
                        response
                    }
                };
                Poll::Ready(Ok(response))
            }
        }
    }
}

pin_project_lite::pin_project! {
    /// The body of a call [`RichStatusService`] serves: the inner service's, with its
    /// trailers' `grpc-message` as the spec writes it, and a panic while it streams
    /// answered in its trailers.
    pub struct ResponseBody<B> {
        #[pin]
        state: BodyState<B>,
    }
}

pin_project_lite::pin_project! {
    #[project = BodyProj]
    enum BodyState<B> {
        Streaming { #[pin] body: B, call: Call, config: Arc<Config> },
        /// After a panic: the trailers that answer it, until they are sent.
        Panicked { trailers: Option<HeaderMap> },
        /// The body of an answer that is all headers.
        Empty,
        /// The whole body of the layer's answer to a panic in a protocol other than
        /// gRPC (a Connect or JSON error), until it is sent.
        Whole { data: Option<Bytes> },
    }
}

impl<B> Default for ResponseBody<B> {
    /// An empty body, for an answer that is all headers.
    fn default() -> Self {
        ResponseBody {
            state: BodyState::Empty,
        }
    }
}

impl<B: Body<Data: From<Bytes>>> Body for ResponseBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let mut state = self.project().state;
        let trailers = match state.as_mut().project() {
            BodyProj::Streaming { body, call, config } => {
                let call = *call;
                match catch_unwind(AssertUnwindSafe(|| {
                    policy::in_call(call, || body.poll_frame(cx))
                })) {
                    Ok(Poll::Ready(Some(Ok(frame)))) => {
                        return Poll::Ready(Some(Ok(answer_frame(frame, call))));
                    }
                    Ok(polled) => return polled,
                    Err(panic) => {
                        status_trailers(&answer_panic(panic, HANDLER_PANICKED, call, config))
                    }
                }
            }
            BodyProj::Panicked { trailers } => {
                return Poll::Ready(
                    trailers
                        .take()
                        .map(|trailers| Ok(Frame::trailers(trailers))),
                );
            }
            BodyProj::Empty => return Poll::Ready(None),
            BodyProj::Whole { data } => {
                return Poll::Ready(data.take().map(|data| Ok(Frame::data(data.into()))));
            }
        };
        // The body that panicked is dropped here, where a panic in its `Drop` is caught
        // too.
        quietly(|| state.set(BodyState::Panicked { trailers: None }));
        Poll::Ready(Some(Ok(Frame::trailers(trailers))))
    }

    fn is_end_stream(&self) -> bool {
        match &self.state {
            BodyState::Streaming { body, .. } => body.is_end_stream(),
            BodyState::Panicked { trailers } => trailers.is_none(),
            BodyState::Empty => true,
            BodyState::Whole { data } => data.is_none(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.state {
            BodyState::Streaming { body, .. } => body.size_hint(),
            BodyState::Panicked { .. } | BodyState::Empty => SizeHint::with_exact(0),
            BodyState::Whole { data } => {
                SizeHint::with_exact(data.as_ref().map_or(0, |data| data.len() as u64))
            }
        }
    }
}

impl<B> fmt::Debug for ResponseBody<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseBody").finish_non_exhaustive()
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// The status that answers a panic, built (and logged, `what` saying where it happened)
/// in the call's policy. The payload is dropped where a panic in its own `Drop` is
/// caught too.
fn answer_panic(panic: Box<dyn Any + Send>, what: &str, call: Call, config: &Config) -> Status {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    #[cfg(feature = "tracing")]
    tracing::error!(
        target: "rich_status",
        panic = message,
        reason = config.panic_reason.as_str(),
        domain = config.domain.as_str(),
        "{what}"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = what;
    let status = policy::in_call(call, || {
        crate::status(
            Code::Internal,
            policy::generic_message(Code::Internal),
            |w| {
                w.error_info(&config.panic_reason, &config.domain);
                w.debug_info_entries(
                    std::iter::empty::<&str>(),
                    format_args!("panicked: {message}"),
                );
            },
        )
    });
    quietly(move || drop(panic));
    status
}

/// The trailers of `status`, for a body that was streaming when its handler panicked.
fn status_trailers(status: &Status) -> HeaderMap {
    let mut trailers = HeaderMap::new();
    if status.add_header(&mut trailers).is_err() {
        trailers.insert("grpc-status", HeaderValue::from(Code::Internal as i32));
    }
    respec_message(&mut trailers);
    trailers
}

/// Runs `f`, which drops what a panic left behind (a payload, the future or body that
/// panicked), catching a panic of a `Drop` too; that second panic's payload is leaked,
/// since its own `Drop` could panic again.
fn quietly(f: impl FnOnce()) {
    if let Err(again) = catch_unwind(AssertUnwindSafe(f)) {
        std::mem::forget(again);
    }
}

/// `frame`, when it holds trailers, as [`answer_headers`] leaves them.
fn answer_frame<D>(frame: Frame<D>, call: Call) -> Frame<D> {
    match frame.into_trailers() {
        Ok(mut trailers) => {
            answer_headers(&mut trailers, call);
            Frame::trailers(trailers)
        }
        Err(frame) => frame,
    }
}

/// The headers (Trailers-Only) or trailers that end the call: `grpc-message` as the
/// spec writes it, and no `DebugInfo` for a call that does not get it.
fn answer_headers(headers: &mut HeaderMap, call: Call) {
    respec_message(headers);
    if !call.debug_info {
        withhold_debug_info(headers);
    }
}

/// Takes every `google.rpc.DebugInfo` out of the `grpc-status-details-bin` values in
/// `headers`, whatever built the status (a call that was trusted, another service whose
/// details a gateway passes on): the rest stays as it was, byte for byte, so the status
/// keeps its code, message and other details, and stays within the budget it was built
/// for. A value that is not a `google.rpc.Status` in base64 is removed whole, since what
/// it holds cannot be told.
fn withhold_debug_info(headers: &mut HeaderMap) {
    let mut changed = false;
    let mut kept = Vec::new();
    for value in headers.get_all(GRPC_STATUS_DETAILS) {
        match without_debug_info(value.as_bytes()) {
            Ok(None) => kept.push(value.clone()),
            Ok(Some(value)) => {
                changed = true;
                kept.push(value);
            }
            Err(()) => changed = true,
        }
    }
    if changed {
        headers.remove(GRPC_STATUS_DETAILS);
        for value in kept {
            headers.append(GRPC_STATUS_DETAILS, value);
        }
    }
}

/// One `grpc-status-details-bin` value without its `DebugInfo` details, in base64 as
/// tonic writes it; `None` when it has none.
fn without_debug_info(value: &[u8]) -> Result<Option<HeaderValue>, ()> {
    use crate::details::decoding::BASE64;
    use base64::Engine as _;
    let bytes = BASE64.decode(value).map_err(drop)?;
    let is_debug_info =
        |any: crate::reader::Packed<'_>| crate::kind::names::<crate::pb::DebugInfo>(any.type_url);
    let Some(kept) = crate::reader::without(&bytes, is_debug_info).map_err(drop)? else {
        return Ok(None);
    };
    let encoded = BASE64.encode(kept);
    HeaderValue::try_from(encoded).map(Some).map_err(drop)
}

/// Rewrites tonic's `grpc-message` in `headers` with the spec's encoding.
fn respec_message(headers: &mut HeaderMap) {
    if let Some(value) = headers.get(GRPC_MESSAGE)
        && let Some(spec) = crate::grpc_message::respec(value.as_bytes())
        && let Ok(value) = HeaderValue::from_bytes(&spec)
    {
        headers.insert(GRPC_MESSAGE, value);
    }
}
