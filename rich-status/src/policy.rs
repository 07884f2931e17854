//! Service-wide policy for what rich statuses may carry.
//!
//! `DebugInfo` holds stack entries and `Debug` output meant for the service's own
//! developers, not for untrusted clients, so the derive's `debug_info` attribute sends it
//! only when the service turns it on: with [`set_debug_info`] at start-up, or by starting
//! the process with the environment variable `RICH_STATUS_DEBUG_INFO` set to `1` or
//! `true`. The call wins over the variable.
//!
//! ```
//! // At start-up of a service whose clients are its own developers:
//! rich_status::policy::set_debug_info(true);
//! # rich_status::policy::set_debug_info(false);
//! ```
//!
//! # The trailer budget
//!
//! gRPC C-core (Python, Ruby, C++, ...) drops trailers over its 8 KiB soft metadata limit
//! at random and over 16 KiB always, and hyper (tonic's HTTP/2) refuses header lists over
//! 16 KiB: the client then sees `RESOURCE_EXHAUSTED` or `INTERNAL` instead of the error
//! the server sent. So the encoder measures what it will send, the trailers
//! `grpc-status`, `grpc-message` (percent-encoded, as tonic does or, in a call the
//! [`server`](crate::server) layer serves, as the gRPC spec does),
//! `grpc-status-details-bin` (base64) and, with a `RetryInfo`, `grpc-retry-pushback-ms`,
//! each counted as HTTP/2 counts a header: name, value and 32 bytes, and when that
//! exceeds the budget ([`trailer_budget`]) it leaves things out, in this order, until it
//! fits:
//!
//! 1. `DebugInfo` stack entries, from the last one back;
//! 2. the `DebugInfo` detail text;
//! 3. optional details: everything but `ErrorInfo`, `QuotaFailure`, `BadRequest`,
//!    `PreconditionFailure`, `RetryInfo` and `DebugInfo` (so `Help`,
//!    `LocalizedMessage`, `RequestInfo`, `ResourceInfo` and a service's own messages);
//! 4. violations beyond the first of each `QuotaFailure`, `BadRequest` and
//!    `PreconditionFailure`;
//! 5. text in the details (metadata values, violation subjects and descriptions, ...),
//!    cut to a common length at a character boundary;
//! 6. the message, cut at a character boundary in `grpc-message` and in the details
//!    alike, so they stay equal;
//! 7. every detail but `ErrorInfo`, and its metadata.
//!
//! The code, `ErrorInfo.reason` and `ErrorInfo.domain` always survive. When anything was
//! left out, `ErrorInfo.metadata["richStatusTruncated"]` ([`TRUNCATED_KEY`]) lists what,
//! e.g. `debugInfo.stackEntries,debugInfo.detail`.
//!
//! The budget is at most [`MAX_TRAILER_BUDGET`], and it bounds the work of a conversion
//! too: the message is formatted once, up to the
//! budget ([`RichStatus::to_status`](crate::RichStatus::to_status)), and every detail
//! value at most twice, each time up to the budget: once for a status within the budget,
//! and over it once more, into a store that every size the search for the cut tries and
//! the final write read. So a value of 100 MiB costs what one of a few KiB does, every
//! pass sees the same text whatever a `Display` does, and the heap a conversion takes is
//! a few times the budget, plus at most the budget for each `Display` value the
//! description writes.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// The environment variable that turns `DebugInfo` on when [`set_debug_info`] was not
/// called: `1` or `true` (any case) turns it on, anything else leaves it off.
///
/// ```
/// assert_eq!(rich_status::policy::DEBUG_INFO_ENV, "RICH_STATUS_DEBUG_INFO");
/// ```
pub const DEBUG_INFO_ENV: &str = "RICH_STATUS_DEBUG_INFO";

const UNSET: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

static DEBUG_INFO: AtomicU8 = AtomicU8::new(UNSET);
static DEBUG_INFO_FROM_ENV: OnceLock<bool> = OnceLock::new();

/// Turns `DebugInfo` on or off for every status built after the call.
///
/// ```
/// rich_status::policy::set_debug_info(true);
/// assert!(rich_status::policy::debug_info_enabled());
/// rich_status::policy::set_debug_info(false);
/// assert!(!rich_status::policy::debug_info_enabled());
/// ```
pub fn set_debug_info(enabled: bool) {
    DEBUG_INFO.store(if enabled { ON } else { OFF }, Ordering::Relaxed);
}

/// Whether `DebugInfo` details are sent: within a call that the
/// [`server`](crate::server) layer serves, what the layer decided for that call;
/// otherwise the last [`set_debug_info`], or else the environment variable
/// [`DEBUG_INFO_ENV`], read once; off by default.
///
/// ```
/// // Off unless the service said otherwise.
/// if std::env::var_os(rich_status::policy::DEBUG_INFO_ENV).is_none() {
///     assert!(!rich_status::policy::debug_info_enabled());
/// }
/// ```
pub fn debug_info_enabled() -> bool {
    if let Some(call) = call() {
        return call.debug_info;
    }
    process_debug_info()
}

/// Whether a detail of `type_url` in a status built elsewhere (another service's,
/// passed on) is kept from this caller: a `DebugInfo` while [`debug_info_enabled`] is
/// false. The HTTP answer and a Connect error leave it out, as the server layer does for
/// gRPC.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) fn withholds(type_url: &str) -> bool {
    crate::kind::names::<crate::pb::DebugInfo>(type_url) && !debug_info_enabled()
}

/// The process-wide half of [`debug_info_enabled`].
pub(crate) fn process_debug_info() -> bool {
    match DEBUG_INFO.load(Ordering::Relaxed) {
        ON => true,
        OFF => false,
        _ => *DEBUG_INFO_FROM_ENV.get_or_init(|| {
            std::env::var(DEBUG_INFO_ENV)
                .map(|v| v == "1" || v.eq_ignore_ascii_case("true"))
                .unwrap_or(false)
        }),
    }
}

/// The metadata key of `ErrorInfo` that lists what the trailer budget left out.
///
/// ```
/// assert_eq!(rich_status::policy::TRUNCATED_KEY, "richStatusTruncated");
/// ```
pub const TRUNCATED_KEY: &str = "richStatusTruncated";

/// The default trailer budget: 7 KiB for `grpc-status`, `grpc-message` and
/// `grpc-status-details-bin` together (see [the trailer budget](self#the-trailer-budget)), which keeps a
/// status under gRPC C-core's 8 KiB soft metadata limit with 1 KiB to spare for the
/// service's own trailers.
///
/// ```
/// assert_eq!(rich_status::policy::DEFAULT_TRAILER_BUDGET, 7 * 1024);
/// ```
pub const DEFAULT_TRAILER_BUDGET: usize = 7 * 1024;

/// The largest trailer budget: 7,936 bytes, gRPC C-core's 8 KiB soft limit on a block of
/// metadata less 256 bytes. C-core clients (Python, Ruby, C++, ...) drop a block over
/// the soft limit at random, and an error answered before any response is one block
/// with `:status`, `content-type` and `date` beside the three trailers (167 bytes);
/// tonic's HTTP/2 refuses header lists over 16 KiB. A status within this budget reaches
/// every client the interop tests run; [`set_trailer_budget`] and
/// [`status_with_budget`](crate::status_with_budget) lower any larger budget to it.
///
/// ```
/// assert_eq!(rich_status::policy::MAX_TRAILER_BUDGET, 8 * 1024 - 256);
/// ```
pub const MAX_TRAILER_BUDGET: usize = 8 * 1024 - 256;

static TRAILER_BUDGET: AtomicUsize = AtomicUsize::new(DEFAULT_TRAILER_BUDGET);

/// Sets the trailer budget for statuses built after the call, at most
/// [`MAX_TRAILER_BUDGET`]: a larger budget is lowered to it, since a larger trailer
/// would not arrive. A budget below what the code, reason and domain need is met as
/// nearly as they allow.
///
/// ```
/// use rich_status::policy;
///
/// policy::set_trailer_budget(4096);
/// assert_eq!(policy::trailer_budget(), 4096);
/// policy::set_trailer_budget(1 << 20);
/// assert_eq!(policy::trailer_budget(), policy::MAX_TRAILER_BUDGET);
/// # policy::set_trailer_budget(policy::DEFAULT_TRAILER_BUDGET);
/// ```
pub fn set_trailer_budget(bytes: usize) {
    TRAILER_BUDGET.store(bytes.min(MAX_TRAILER_BUDGET), Ordering::Relaxed);
}

/// The trailer budget in force: within a call that the [`server`](crate::server) layer
/// serves, the call's; otherwise [`DEFAULT_TRAILER_BUDGET`] unless
/// [`set_trailer_budget`] changed it.
///
/// ```
/// assert!(rich_status::policy::trailer_budget() > 0);
/// ```
pub fn trailer_budget() -> usize {
    match call() {
        Some(call) => call.trailer_budget,
        None => process_trailer_budget(),
    }
}

/// The process-wide half of [`trailer_budget`].
pub(crate) fn process_trailer_budget() -> usize {
    TRAILER_BUDGET.load(Ordering::Relaxed)
}

/// What the [`server`](crate::server) layer decided for one call, in force on the
/// thread while the call's handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Call {
    pub(crate) debug_info: bool,
    pub(crate) trailer_budget: usize,
    pub(crate) retry_pushback: bool,
}

thread_local! {
    static CALL: Cell<Option<Call>> = const { Cell::new(None) };
}

/// Whether a `RetryInfo` also sends `grpc-retry-pushback-ms`: unless the server layer
/// serving the call was told not to.
pub(crate) fn retry_pushback() -> bool {
    call().is_none_or(|call| call.retry_pushback)
}

/// The call being served on this thread, if the server layer is serving one.
pub(crate) fn call() -> Option<Call> {
    CALL.try_with(Cell::get).ok().flatten()
}

/// Runs `f` as part of `call`: while it runs (a poll of the call's future or body), the
/// policy answers with the call's choices. The one before is back afterwards, even when
/// `f` panics.
#[cfg(feature = "server")]
pub(crate) fn in_call<R>(call: Call, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Call>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = CALL.try_with(|current| current.set(self.0));
        }
    }
    let _restore = Restore(
        CALL.try_with(|current| current.replace(Some(call)))
            .ok()
            .flatten(),
    );
    f()
}

/// The message clients get from an `Internal`, `Unknown` or `DataLoss` error that gives
/// none of its own: those errors' `Display` is written for the service's logs (paths,
/// queries, host names), not for clients. The derive sends it for such variants unless
/// they say `message = ...`; for any other code it is `"internal error"` too.
///
/// ```
/// use rich_status::policy::generic_message;
/// use tonic::Code;
///
/// assert_eq!(generic_message(Code::Internal), "internal error");
/// assert_eq!(generic_message(Code::Unknown), "unknown error");
/// assert_eq!(generic_message(Code::DataLoss), "data loss");
/// ```
pub const fn generic_message(code: tonic::Code) -> &'static str {
    match code {
        tonic::Code::Unknown => "unknown error",
        tonic::Code::DataLoss => "data loss",
        _ => "internal error",
    }
}

/// The default [`decode_limit`]: 12 KiB, the `google.rpc.Status` in 16 KiB of base64,
/// the most that tonic's HTTP/2 (hyper) takes in a header list by default.
///
/// ```
/// assert_eq!(rich_status::policy::DEFAULT_DECODE_LIMIT, 12 * 1024);
/// ```
pub const DEFAULT_DECODE_LIMIT: usize = 12 * 1024;

static DECODE_LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_DECODE_LIMIT);

/// Sets the most bytes of `google.rpc.Status` that [`Details::decode`],
/// [`Details::from_trailer`] (the same in base64 characters, rounded up) and
/// [`DetailsView::decode`] read; a longer input is
/// [`DecodeErrorKind::TooLarge`](crate::decode::DecodeErrorKind::TooLarge). Statuses read from a
/// `tonic::Status` are bounded by the transport instead.
///
/// Decoding keeps one copy of the input and its message, so a decoded status takes at
/// most about twice the limit, whatever its bytes hold.
///
/// [`Details::decode`]: crate::Details::decode
/// [`Details::from_trailer`]: crate::Details::from_trailer
/// [`DetailsView::decode`]: crate::decode::DetailsView::decode
///
/// ```
/// use rich_status::{Details, decode::DecodeErrorKind};
///
/// rich_status::policy::set_decode_limit(4);
/// let bytes = rich_status::encode_status(tonic::Code::NotFound, "gone", |_| {});
/// let err = Details::decode(&bytes).unwrap_err();
/// assert!(matches!(err.kind(), DecodeErrorKind::TooLarge { len: 8, limit: 4 }));
/// # rich_status::policy::set_decode_limit(rich_status::policy::DEFAULT_DECODE_LIMIT);
/// ```
pub fn set_decode_limit(bytes: usize) {
    DECODE_LIMIT.store(bytes, Ordering::Relaxed);
}

/// The decode limit in force: [`DEFAULT_DECODE_LIMIT`] unless [`set_decode_limit`]
/// changed it.
///
/// ```
/// assert!(rich_status::policy::decode_limit() > 0);
/// ```
pub fn decode_limit() -> usize {
    DECODE_LIMIT.load(Ordering::Relaxed)
}
