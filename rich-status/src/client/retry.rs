//! [`retry`]: a unary call made again while its policy says so, waiting what the server's
//! `RetryInfo` asks.

use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use tokio::time::Instant;
use tonic::{Code, Status};

use crate::StatusExt;

/// When [`retry`] makes a call again, how long it waits first, and when it gives up.
///
/// - **Which failures are retried.** `UNAVAILABLE`: the service could not take the call,
///   so it did nothing. `RESOURCE_EXHAUSTED` and `ABORTED` only when the status carries a
///   `RetryInfo`, the server's word that a later attempt can succeed. Every other code
///   ends the call: `INVALID_ARGUMENT`, `NOT_FOUND`, `ALREADY_EXISTS`,
///   `PERMISSION_DENIED`, `UNAUTHENTICATED`, `FAILED_PRECONDITION`, `OUT_OF_RANGE` and
///   `UNIMPLEMENTED` would fail the same way again, and `CANCELLED`, `DEADLINE_EXCEEDED`,
///   `INTERNAL`, `UNKNOWN` and `DATA_LOSS` may come from a call that had its effect. A
///   `RetryInfo` on those changes nothing.
/// - **How long it waits.** The `RetryInfo`'s `retry_delay` when the status has one, as
///   AIP-194 asks (a negative delay counts as none). Otherwise exponential backoff with
///   full jitter, as in gRPC's own retry policy (gRFC A6): after the n-th attempt, a
///   random wait between zero and `initial × 2^(n−1)`, capped at the backoff's maximum.
/// - **When it gives up.** After [`max_attempts`](RetryPolicy::max_attempts) attempts, or
///   as soon as the wait would end at or past the [`deadline`](RetryPolicy::deadline)
///   (counted from the first attempt): the call ends at once with the last status rather
///   than sleep past it. An attempt still running at the deadline is dropped, and the
///   call ends with `DEADLINE_EXCEEDED`; one made with [`Attempt::request`] carries the
///   time left as its `grpc-timeout`, so that the server gives up then too.
///
/// Nothing a server sends can panic the call or make it outlive its deadline: a
/// `RetryInfo` of any seconds and nanos (`i64::MAX` seconds included, which is what
/// `retry_info(Duration::MAX)` writes) is a wait past the deadline, and the call ends
/// with that status at once. Every duration is handled with saturating arithmetic, so
/// any policy values are sound too.
///
/// The default: 4 attempts, a deadline of 20 s, backoff from 100 ms up to 5 s.
///
/// ```
/// use rich_status::client::RetryPolicy;
/// use std::time::Duration;
/// use tonic::Status;
///
/// let policy = RetryPolicy::new().max_attempts(3).deadline(Duration::from_secs(5));
///
/// let slow_down = rich_status::status(tonic::Code::ResourceExhausted, "over quota", |w| {
///     w.retry_info(Duration::from_millis(200));
/// });
/// assert_eq!(policy.wait_after(&slow_down, 1), Some(Duration::from_millis(200)));
/// assert_eq!(policy.wait_after(&slow_down, 3), None); // the third attempt was the last
/// assert_eq!(policy.wait_after(&Status::resource_exhausted("over quota"), 1), None);
/// assert_eq!(policy.wait_after(&Status::not_found("no such user"), 1), None);
/// assert!(policy.wait_after(&Status::unavailable("restarting"), 1) <= Some(Duration::from_millis(100)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    deadline: Duration,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            deadline: Duration::from_secs(20),
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`RetryPolicy`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// At most `attempts` attempts in all, the first included; 1 means no retries (and 0
    /// counts as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The time the whole call may take, every attempt and wait included, counted from
    /// the first attempt; at most [`MAX_DEADLINE`], the longest `grpc-timeout` gRPC can
    /// send (a longer one, `Duration::MAX` say, is lowered to it: in effect no deadline).
    ///
    /// ```
    /// use rich_status::client::{MAX_DEADLINE, RetryPolicy};
    /// use std::time::Duration;
    ///
    /// let forever = RetryPolicy::new().deadline(Duration::MAX);
    /// assert_eq!(forever, RetryPolicy::new().deadline(MAX_DEADLINE));
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline.min(MAX_DEADLINE);
        self
    }

    /// The backoff for failures without `RetryInfo`: the first wait is at most
    /// `initial`, each later one at most twice the one before, none more than `max`.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// The wait before the next attempt when attempt number `attempt` (counted from 1)
    /// ended with `status`, or `None` when the policy makes no other: a code it does not
    /// retry, or the last attempt. The deadline is [`retry`]'s to keep.
    pub fn wait_after(&self, status: &Status, attempt: u32) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        // The details are read only for the codes that may be retried.
        match status.code() {
            Code::Unavailable => {
                Some(retry_delay(status).unwrap_or_else(|| self.backoff_after(attempt)))
            }
            Code::ResourceExhausted | Code::Aborted => retry_delay(status),
            _ => None,
        }
    }

    /// A random wait between zero and the backoff's bound after attempt `attempt`.
    fn backoff_after(&self, attempt: u32) -> Duration {
        let doubled = 2u32.saturating_pow(attempt.saturating_sub(1));
        let bound = self
            .initial_backoff
            .saturating_mul(doubled)
            .min(self.max_backoff);
        Duration::try_from_secs_f64(bound.as_secs_f64() * random_fraction()).unwrap_or(bound)
    }
}

/// The longest deadline a [`RetryPolicy`] keeps: 99,999,999 hours (about 11,400 years),
/// the longest `grpc-timeout` gRPC can send, which [`Attempt::request`] sends.
///
/// ```
/// use std::time::Duration;
/// assert_eq!(rich_status::client::MAX_DEADLINE, Duration::from_secs(99_999_999 * 3600));
/// ```
pub const MAX_DEADLINE: Duration = Duration::from_secs(99_999_999 * 3600);

/// The `retry_delay` of the status's `RetryInfo`, if it has one.
fn retry_delay(status: &Status) -> Option<Duration> {
    let delay = status.rich_details().ok()?.retry_info()?.retry_delay?;
    Some(wait(delay))
}

/// A `google.protobuf.Duration` as a wait, whatever its fields hold: a negative one is
/// none, nanos beyond a second carry over. (prost-types' conversion negates the seconds
/// of a negative duration, which overflows for `i64::MIN`.)
fn wait(delay: prost_types::Duration) -> Duration {
    const NANOS_PER_SECOND: i128 = 1_000_000_000;
    let nanos = i128::from(delay.seconds) * NANOS_PER_SECOND + i128::from(delay.nanos);
    if nanos <= 0 {
        return Duration::ZERO;
    }
    let seconds = u64::try_from(nanos / NANOS_PER_SECOND).unwrap_or(u64::MAX);
    let subsec = u32::try_from(nanos % NANOS_PER_SECOND).unwrap_or(0);
    Duration::new(seconds, subsec)
}

/// A number in [0, 1) that differs from call to call: the hash of nothing under std's
/// randomly keyed `RandomState`, whose keys change with each one made.
fn random_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// One attempt of a call [`retry`] makes: its number, and the time left before the
/// policy's deadline, which the request should carry as its `grpc-timeout` so that the
/// server stops when the client does ([`request`](Attempt::request) does that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    number: u32,
    remaining: Duration,
}

impl Attempt {
    /// Which attempt this is, counted from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The time left before the deadline, as this attempt starts.
    pub fn remaining(&self) -> Duration {
        self.remaining
    }

    /// A request of `message` whose `grpc-timeout` is the time left.
    ///
    /// ```
    /// # let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    /// # runtime.block_on(async {
    /// use rich_status::client::{RetryPolicy, retry};
    /// use std::time::Duration;
    ///
    /// let policy = RetryPolicy::new().deadline(Duration::from_secs(3));
    /// let reply = retry(&policy, |attempt| async move {
    ///     let request = attempt.request("Alice");
    ///     // Microseconds: what is left of the 3 s.
    ///     let timeout = request.metadata().get("grpc-timeout").unwrap().to_str().unwrap();
    ///     let micros: u64 = timeout.strip_suffix('u').unwrap().parse().unwrap();
    ///     assert!((2_000_000..=3_000_000).contains(&micros));
    ///     Ok::<_, tonic::Status>(request.into_inner())
    /// })
    /// .await;
    /// assert_eq!(reply.unwrap(), "Alice");
    /// # });
    /// ```
    pub fn request<T>(&self, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        request.set_timeout(self.remaining);
        request
    }
}

/// Makes the unary call `call` makes, again as long as `policy` says so (see
/// [`RetryPolicy`] for when, how long it waits, and when it gives up), and gives its
/// reply, or the status of the last attempt: decodable as any other, with the details
/// the server sent.
///
/// `call` makes one attempt each time it is called: clone the client into it, and build
/// the request from the [`Attempt`] so that it carries the time left. It needs a tokio
/// runtime with its timer, as tonic's transport does.
///
/// ```
/// # let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
/// # runtime.block_on(async {
/// use rich_status::client::{RetryPolicy, retry};
/// use std::time::Duration;
/// use tonic::{Code, Status};
///
/// // A service that is restarting: its first two answers are UNAVAILABLE.
/// let answers = std::cell::Cell::new(0);
/// let say_hello = |name: &'static str| {
///     answers.set(answers.get() + 1);
///     let answer = if answers.get() <= 2 {
///         Err(Status::unavailable("restarting"))
///     } else {
///         Ok(format!("Hello, {name}!"))
///     };
///     async move { answer }
/// };
///
/// let policy = RetryPolicy::new().backoff(Duration::from_millis(1), Duration::from_millis(10));
/// let reply = retry(&policy, |_attempt| say_hello("Alice")).await;
/// assert_eq!(reply.unwrap(), "Hello, Alice!");
/// assert_eq!(answers.get(), 3);
///
/// // NOT_FOUND is final: one attempt, and its status.
/// let status = retry(&policy, |_attempt| async { Err::<(), _>(Status::not_found("no such user")) })
///     .await
///     .unwrap_err();
/// assert_eq!((status.code(), status.message()), (Code::NotFound, "no such user"));
/// # });
/// ```
pub async fn retry<T, F, Fut>(policy: &RetryPolicy, mut call: F) -> Result<T, Status>
where
    F: FnMut(Attempt) -> Fut,
    Fut: Future<Output = Result<T, Status>>,
{
    // Time is counted from the start rather than as an instant of the deadline: no
    // instant is ever added to, so no duration can overflow the clock.
    let started = Instant::now();
    let remaining = || policy.deadline.saturating_sub(started.elapsed());
    let mut number = 1;
    loop {
        let attempt = Attempt {
            number,
            remaining: remaining(),
        };
        // Cut at the deadline. An attempt whose request carries the time left is ended
        // then by tonic's own timer too (as CANCELLED); whichever notices first, the
        // call has run out of time.
        let status = match tokio::time::timeout(attempt.remaining, call(attempt)).await {
            Ok(Ok(reply)) => return Ok(reply),
            Ok(Err(status)) if !remaining().is_zero() => status,
            _ => {
                return Err(Status::deadline_exceeded(format!(
                    "the retry deadline of {:?} passed during attempt {number}",
                    policy.deadline
                )));
            }
        };
        let Some(wait) = policy.wait_after(&status, number) else {
            return Err(status);
        };
        if wait >= remaining() {
            return Err(status);
        }
        tokio::time::sleep(wait).await;
        number = number.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_maximum() {
        let policy = RetryPolicy::new()
            .max_attempts(100)
            .backoff(Duration::from_millis(10), Duration::from_millis(45));
        let unavailable = Status::unavailable("restarting");
        for (attempt, bound) in [(1, 10), (2, 20), (3, 40), (4, 45), (40, 45)] {
            let waits: Vec<_> = (0..200)
                .map(|_| policy.wait_after(&unavailable, attempt).unwrap())
                .collect();
            let bound = Duration::from_millis(bound);
            assert!(
                waits.iter().all(|wait| *wait <= bound),
                "{attempt}: {waits:?}"
            );
            // Jittered: spread over the range, not one value.
            assert!(waits.iter().any(|wait| *wait < bound / 2), "{attempt}");
            assert!(waits.iter().any(|wait| *wait > bound / 2), "{attempt}");
        }
    }

    #[test]
    fn retry_info_on_a_final_code_changes_nothing() {
        let policy = RetryPolicy::new();
        for code in [
            Code::InvalidArgument,
            Code::NotFound,
            Code::PermissionDenied,
            Code::FailedPrecondition,
            Code::Internal,
            Code::DeadlineExceeded,
        ] {
            let status = crate::status(code, "no", |w| {
                w.retry_info(Duration::from_secs(1));
            });
            assert_eq!(policy.wait_after(&status, 1), None, "{code:?}");
        }
    }

    #[test]
    fn any_protobuf_duration_is_a_wait() {
        let wait = |seconds, nanos| wait(prost_types::Duration { seconds, nanos });
        assert_eq!(wait(1, 500_000_000), Duration::from_millis(1500));
        assert_eq!(
            wait(i64::MAX, i32::MAX),
            Duration::new(i64::MAX as u64 + 2, 147_483_647)
        );
        assert_eq!(wait(i64::MIN, i32::MIN), Duration::ZERO);
        assert_eq!(wait(0, -1), Duration::ZERO);
        assert_eq!(wait(2, -500_000_000), Duration::from_millis(1500));
    }

    #[test]
    fn a_negative_retry_delay_is_no_wait() {
        let status = crate::status(Code::Unavailable, "x", |w| {
            w.detail(&crate::pb::RetryInfo {
                retry_delay: Some(prost_types::Duration {
                    seconds: -5,
                    nanos: 0,
                }),
            });
        });
        assert_eq!(
            RetryPolicy::new().wait_after(&status, 1),
            Some(Duration::ZERO)
        );
    }
}
