//! `rich_status::client::retry` against a tonic server on loopback whose answers are
//! scripted per attempt, and which notes when each attempt arrived and the
//! `grpc-timeout` it carried.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rich_status::StatusExt;
use rich_status::client::{DetailsGuard, DetailsGuardLayer, RetryPolicy, retry};
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_tests::{GreeterGuard, start_server};
use tonic::{Code, Request, Response, Status};
use tower::Layer as _;

/// The answer to the attempt of a number (counted from 1).
type Script = Arc<dyn Fn(usize) -> Result<String, Status> + Send + Sync>;

/// When an attempt arrived, and its `grpc-timeout`.
type Arrivals = Arc<Mutex<Vec<(Instant, Option<String>)>>>;

struct Scripted {
    script: Script,
    arrivals: Arrivals,
}

#[tonic::async_trait]
impl Greeter for Scripted {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let timeout = request
            .metadata()
            .get("grpc-timeout")
            .map(|value| value.to_str().unwrap().to_owned());
        let number = {
            let mut arrivals = self.arrivals.lock().unwrap();
            arrivals.push((Instant::now(), timeout));
            arrivals.len()
        };
        let answer = (self.script)(number);
        if answer.as_ref().is_ok_and(|message| message == "hang") {
            std::future::pending::<()>().await;
        }
        answer.map(|message| Response::new(HelloReply { message }))
    }
}

struct Server {
    client: GreeterClient<DetailsGuard<tonic::transport::Channel>>,
    arrivals: Arrivals,
    _guard: GreeterGuard,
}

impl Server {
    fn attempts(&self) -> usize {
        self.arrivals.lock().unwrap().len()
    }

    /// Greets Alice through `retry` with `policy`.
    async fn greet(&self, policy: &RetryPolicy) -> Result<String, Status> {
        retry(policy, |attempt| {
            let mut client = self.client.clone();
            async move {
                let request = attempt.request(HelloRequest {
                    name: "Alice".into(),
                });
                Ok(client.say_hello(request).await?.into_inner().message)
            }
        })
        .await
    }
}

async fn serve(script: impl Fn(usize) -> Result<String, Status> + Send + Sync + 'static) -> Server {
    let arrivals = Arrivals::default();
    let service = GreeterServer::new(Scripted {
        script: Arc::new(script),
        arrivals: arrivals.clone(),
    });
    let (addr, guard) = start_server(|listener, shutdown| {
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
    })
    .await;
    let channel = rich_status_tests::connect(addr).await;
    Server {
        client: GreeterClient::new(DetailsGuardLayer.layer(channel)),
        arrivals,
        _guard: guard,
    }
}

/// `code` with a `RetryInfo` of `delay`, the attempt's number in its message and in its
/// `ErrorInfo`.
fn retry_later(code: Code, delay: Duration, attempt: usize) -> Status {
    rich_status::status(code, format!("try again later ({attempt})"), |w| {
        w.error_info("BUSY", "retry.example.com")
            .metadata("attempt", attempt);
        w.retry_info(delay);
    })
}

#[tokio::test]
async fn a_retry_info_of_200_ms_is_honoured() {
    for code in [Code::ResourceExhausted, Code::Aborted, Code::Unavailable] {
        let server = serve(move |attempt| match attempt {
            1 => Err(retry_later(code, Duration::from_millis(200), attempt)),
            _ => Ok("Hello, Alice!".into()),
        })
        .await;
        let reply = server.greet(&RetryPolicy::new()).await;
        assert_eq!(reply.unwrap(), "Hello, Alice!", "{code:?}");
        let arrivals = server.arrivals.lock().unwrap();
        assert_eq!(arrivals.len(), 2, "{code:?}");
        let waited = arrivals[1].0 - arrivals[0].0;
        assert!(waited >= Duration::from_millis(200), "{code:?}: {waited:?}");
        assert!(waited < Duration::from_millis(1200), "{code:?}: {waited:?}");
    }
}

#[tokio::test]
async fn a_delay_beyond_the_deadline_ends_at_once_with_the_servers_status() {
    let server = serve(|attempt| {
        Err(retry_later(
            Code::Unavailable,
            Duration::from_secs(10),
            attempt,
        ))
    })
    .await;
    let started = Instant::now();
    let policy = RetryPolicy::new().deadline(Duration::from_secs(2));
    let status = server.greet(&policy).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.attempts(), 1);
    assert_eq!(status.code(), Code::Unavailable);
    assert_eq!(status.message(), "try again later (1)");
    let details = status.rich_details().unwrap();
    assert_eq!(
        details.retry_info().unwrap().retry_delay.unwrap().seconds,
        10
    );
}

#[tokio::test]
async fn final_codes_are_tried_once_even_with_retry_info() {
    for code in [
        Code::InvalidArgument,
        Code::NotFound,
        Code::PermissionDenied,
        Code::Unauthenticated,
        Code::FailedPrecondition,
        Code::Internal,
        Code::DeadlineExceeded,
    ] {
        let server =
            serve(move |attempt| Err(retry_later(code, Duration::from_millis(1), attempt))).await;
        let status = server.greet(&RetryPolicy::new()).await.unwrap_err();
        assert_eq!(server.attempts(), 1, "{code:?}");
        assert_eq!(
            (status.code(), status.message()),
            (code, "try again later (1)")
        );
    }
    // RESOURCE_EXHAUSTED and ABORTED without RetryInfo are final too.
    for code in [Code::ResourceExhausted, Code::Aborted] {
        let server = serve(move |_| Err(Status::new(code, "no retry info"))).await;
        let status = server.greet(&RetryPolicy::new()).await.unwrap_err();
        assert_eq!(server.attempts(), 1, "{code:?}");
        assert_eq!(status.code(), code);
    }
}

#[tokio::test]
async fn the_attempt_count_is_respected_and_the_last_status_returned() {
    for max_attempts in [1, 3, 5] {
        // UNAVAILABLE without RetryInfo: backoff.
        let server = serve(|attempt| {
            Err(rich_status::status(
                Code::Unavailable,
                format!("restarting ({attempt})"),
                |w| {
                    w.error_info("RESTARTING", "retry.example.com")
                        .metadata("attempt", attempt);
                },
            ))
        })
        .await;
        let policy = RetryPolicy::new()
            .max_attempts(max_attempts)
            .backoff(Duration::from_millis(5), Duration::from_millis(20));
        let status = server.greet(&policy).await.unwrap_err();
        assert_eq!(server.attempts(), max_attempts as usize);
        assert_eq!(status.code(), Code::Unavailable);
        assert_eq!(status.message(), format!("restarting ({max_attempts})"));
        let info = status.rich_details().unwrap().error_info().unwrap();
        assert_eq!(info.metadata["attempt"], max_attempts.to_string());
    }
}

#[tokio::test]
async fn each_attempt_carries_the_time_left_and_none_outlives_the_deadline() {
    let server = serve(|attempt| match attempt {
        1 => Err(retry_later(
            Code::Unavailable,
            Duration::from_millis(300),
            attempt,
        )),
        _ => Ok("hang".into()),
    })
    .await;
    let started = Instant::now();
    let policy = RetryPolicy::new().deadline(Duration::from_secs(1));
    let status = server.greet(&policy).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert_eq!(server.attempts(), 2);
    // The second attempt hung until its grpc-timeout, the time left, passed. tonic's
    // client ends a call at its grpc-timeout (as CANCELLED "Timeout expired") at the
    // same moment as the retry's deadline; the call ends DEADLINE_EXCEEDED either way.
    assert_eq!(
        (status.code(), status.message()),
        (
            Code::DeadlineExceeded,
            "the retry deadline of 1s passed during attempt 2"
        )
    );
    let arrivals = server.arrivals.lock().unwrap();
    let micros = |timeout: &Option<String>| -> u64 {
        timeout
            .as_deref()
            .unwrap()
            .strip_suffix('u')
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!((900_000..=1_000_000).contains(&micros(&arrivals[0].1)));
    assert!((500_000..=700_000).contains(&micros(&arrivals[1].1)));
}

#[tokio::test]
async fn an_attempt_without_a_timeout_is_cut_at_the_deadline() {
    let server = serve(|_| Ok("hang".into())).await;
    let started = Instant::now();
    let policy = RetryPolicy::new().deadline(Duration::from_millis(300));
    let status = retry(&policy, |_attempt| {
        let mut client = server.client.clone();
        async move {
            let request = HelloRequest {
                name: "Alice".into(),
            };
            Ok(client.say_hello(request).await?.into_inner().message)
        }
    })
    .await
    .unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(800), "{elapsed:?}");
    assert_eq!(status.code(), Code::DeadlineExceeded);
    assert_eq!(
        status.message(),
        "the retry deadline of 300ms passed during attempt 1"
    );
    assert_eq!(server.arrivals.lock().unwrap()[0].1, None);
}

#[test]
fn the_readme_shows_the_greeter_client_as_it_is() {
    let source = include_str!("../../examples/greeter_client.rs");
    let readme = include_str!("../../README.md");
    let start = source.find("    let channel = ").unwrap();
    let end = source.find("    Ok(())\n}").unwrap();
    let shown: String = source[start..end]
        .lines()
        .map(|line| format!("{}\n", line.strip_prefix("    ").unwrap_or(line)))
        .collect();
    assert!(
        readme.contains(&shown),
        "README.md's \"Calling services\" differs from examples/greeter_client.rs:\n{shown}"
    );
}

/// `code` with a `RetryInfo` whose `retry_delay` is `seconds` and `nanos` as sent,
/// whatever they are.
fn retry_info_of(code: Code, seconds: i64, nanos: i32) -> Status {
    rich_status::status(code, "slow down", |w| {
        w.error_info("BUSY", "retry.example.com");
        w.detail(&rich_status::pb::RetryInfo {
            retry_delay: Some(prost_types::Duration { seconds, nanos }),
        });
    })
}

#[tokio::test]
async fn a_retry_info_past_any_clock_ends_the_call_with_the_servers_status() {
    // i64::MAX seconds is also what `w.retry_info(Duration::MAX)` sends.
    let answers: [fn() -> Status; 3] = [
        || retry_info_of(Code::ResourceExhausted, i64::MAX, 999_999_999),
        || retry_info_of(Code::Aborted, i64::MAX, 0),
        || {
            rich_status::status(Code::Unavailable, "slow down", |w| {
                w.retry_info(Duration::MAX);
            })
        },
    ];
    for answer in answers {
        let server = serve(move |_| Err(answer())).await;
        let started = Instant::now();
        let status = server.greet(&RetryPolicy::new()).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(server.attempts(), 1);
        assert_eq!(answer().code(), status.code());
        assert_eq!(status.message(), "slow down");
    }
}

#[tokio::test]
async fn a_retry_info_of_i64_min_seconds_is_no_wait() {
    let server = serve(|attempt| match attempt {
        1 => Err(retry_info_of(
            Code::ResourceExhausted,
            i64::MIN,
            -999_999_999,
        )),
        2 => Err(retry_info_of(Code::ResourceExhausted, -1, i32::MIN)),
        _ => Ok("Hello, Alice!".into()),
    })
    .await;
    let started = Instant::now();
    assert_eq!(
        server.greet(&RetryPolicy::new()).await.unwrap(),
        "Hello, Alice!"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.attempts(), 3);
}

#[tokio::test]
async fn a_deadline_of_duration_max_is_no_deadline() {
    let server = serve(|attempt| match attempt {
        1 => Err(retry_later(
            Code::Unavailable,
            Duration::from_millis(10),
            attempt,
        )),
        _ => Ok("Hello, Alice!".into()),
    })
    .await;
    let policy = RetryPolicy::new().deadline(Duration::MAX);
    assert_eq!(server.greet(&policy).await.unwrap(), "Hello, Alice!");
    // The longest grpc-timeout gRPC can send: 8 digits of hours.
    let arrivals = server.arrivals.lock().unwrap();
    for (_, timeout) in arrivals.iter() {
        let timeout = timeout.as_deref().unwrap();
        assert!(timeout.ends_with('H') && timeout.len() == 9, "{timeout}");
    }
}

mod any_retry_info_and_any_policy {
    use super::*;
    use proptest::prelude::*;

    /// The policy, made of any values at all.
    fn policy(
        max_attempts: u32,
        deadline: Duration,
        initial: Duration,
        max: Duration,
    ) -> RetryPolicy {
        RetryPolicy::new()
            .max_attempts(max_attempts)
            .deadline(deadline)
            .backoff(initial, max)
    }

    fn duration() -> impl Strategy<Value = Duration> {
        prop_oneof![
            Just(Duration::ZERO),
            Just(Duration::MAX),
            (0..10_000u64).prop_map(Duration::from_millis),
            (any::<u64>(), 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
        ]
    }

    fn seconds() -> impl Strategy<Value = i64> {
        prop_oneof![
            Just(i64::MAX),
            Just(i64::MIN),
            Just(0),
            -5..5i64,
            any::<i64>()
        ]
    }

    fn nanos() -> impl Strategy<Value = i32> {
        prop_oneof![Just(i32::MAX), Just(i32::MIN), Just(0), any::<i32>()]
    }

    fn code() -> impl Strategy<Value = Code> {
        prop_oneof![
            Just(Code::Unavailable),
            Just(Code::ResourceExhausted),
            Just(Code::Aborted)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the server sends and whatever the policy says: no panic, at most the
        /// policy's attempts, within its deadline (on tokio's paused clock, which jumps
        /// over every wait, so that the test itself takes no time).
        #[test]
        fn no_panic_and_bounded_time(
            code in code(),
            seconds in seconds(),
            nanos in nanos(),
            failures in 1..4usize,
            max_attempts in prop_oneof![Just(0u32), Just(u32::MAX), 1..6u32],
            deadline in duration(),
            initial in duration(),
            max in duration(),
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .unwrap();
            let policy = policy(max_attempts, deadline, initial, max);
            let attempts = std::cell::Cell::new(0usize);
            let (result, elapsed) = runtime.block_on(async {
                let started = tokio::time::Instant::now();
                let result = retry(&policy, |attempt| {
                    attempts.set(attempts.get() + 1);
                    let _ = attempt.request(());
                    let answer = if attempts.get() <= failures {
                        Err(retry_info_of(code, seconds, nanos))
                    } else {
                        Ok(())
                    };
                    async move { answer }
                })
                .await;
                (result, started.elapsed())
            });
            prop_assert!(attempts.get() >= 1);
            prop_assert!(attempts.get() <= max_attempts.max(1) as usize);
            prop_assert!(attempts.get() <= failures + 1);
            prop_assert!(elapsed <= deadline, "{elapsed:?} past {deadline:?}");
            if let Err(status) = result {
                prop_assert!(
                    status.code() == code || status.code() == Code::DeadlineExceeded,
                    "{status:?}"
                );
            }
        }
    }
}
