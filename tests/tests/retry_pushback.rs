//! `RetryInfo` understood by gRPC's native retries: a status with a `RetryInfo` also
//! carries `grpc-retry-pushback-ms`, which grpcio's retry policy honours (it reads no
//! `RetryInfo`), within the trailer budget; the server layer can turn it off.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rich_status::server::RichStatusLayer;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_tests::{python::python, start_server, trailer_cost};
use tonic::{Code, Request, Response, Status};

const DELAY: Duration = Duration::from_millis(300);

fn busy() -> Status {
    rich_status::status(Code::ResourceExhausted, "busy, retry later", |w| {
        w.error_info("BUSY", "retry.example.com");
        w.retry_info(DELAY);
    })
}

#[test]
fn retry_info_sends_its_delay_as_pushback_in_whole_milliseconds_rounded_up() {
    assert_eq!(
        busy().metadata().get("grpc-retry-pushback-ms").unwrap(),
        "300"
    );
    let status = rich_status::status(Code::Unavailable, "busy", |w| {
        w.retry_info(Duration::from_micros(1_500_001));
    });
    assert_eq!(
        status.metadata().get("grpc-retry-pushback-ms").unwrap(),
        "1501"
    );
    let status = rich_status::status(Code::Unavailable, "busy", |_| {});
    assert!(status.metadata().get("grpc-retry-pushback-ms").is_none());
}

#[test]
fn the_pushback_is_counted_in_the_budget() {
    // At every budget the trailers, pushback included, stay within it; the RetryInfo
    // (and so the pushback) goes only with everything but ErrorInfo.
    let long = "x".repeat(3000);
    let least = trailer_cost(&rich_status::status_with_budget(
        Code::Unavailable,
        "busy",
        0,
        |w| {
            w.error_info("BUSY", "retry.example.com");
            w.retry_info(DELAY);
            w.request_info(&long);
        },
    ));
    for budget in 0..=rich_status::policy::MAX_TRAILER_BUDGET {
        let status = rich_status::status_with_budget(Code::Unavailable, "busy", budget, |w| {
            w.error_info("BUSY", "retry.example.com");
            w.retry_info(DELAY);
            w.request_info(&long);
        });
        assert!(
            trailer_cost(&status) <= budget.max(least),
            "budget {budget}"
        );
        let details = rich_status::StatusExt::rich_details(&status).unwrap();
        let pushback = status.metadata().get("grpc-retry-pushback-ms");
        assert_eq!(
            pushback.is_some(),
            details.retry_info().is_some(),
            "budget {budget}: the pushback goes with the RetryInfo"
        );
    }
}

/// Answers each name's first greeting with `busy()`, the next with a reply, and notes
/// when each attempt came.
#[derive(Clone, Default)]
struct Busy {
    attempts: std::sync::Arc<Mutex<Vec<Instant>>>,
}

#[tonic::async_trait]
impl Greeter for Busy {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let mut attempts = self.attempts.lock().unwrap();
        attempts.push(Instant::now());
        if attempts.len() == 1 {
            return Err(busy());
        }
        let name = request.into_inner().name;
        Ok(Response::new(HelloReply {
            message: format!("Hello, {name}!"),
        }))
    }
}

/// The time between the first attempt and its retry, as grpcio made them, against a
/// server behind `layer`.
async fn retry_gap(layer: RichStatusLayer) -> Duration {
    let busy = Busy::default();
    let service = busy.clone();
    let (addr, _server) = start_server(|listener, shutdown| async move {
        tonic::transport::Server::builder()
            .layer(layer)
            .add_service(GreeterServer::new(service))
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
            .await
    })
    .await;
    let out = tokio::task::spawn_blocking(move || {
        python().run(
            "retry_client.py",
            &[&format!("127.0.0.1:{}", addr.port()), "Ada"],
        )
    })
    .await
    .unwrap();
    assert_eq!(out.trim(), r#"{"reply": "Hello, Ada!"}"#);
    let attempts = busy.attempts.lock().unwrap();
    assert_eq!(attempts.len(), 2, "one attempt and one retry");
    attempts[1] - attempts[0]
}

#[tokio::test(flavor = "multi_thread")]
async fn grpcio_retries_no_sooner_than_the_pushback_and_soon_without_it() {
    let with = retry_gap(RichStatusLayer::new("retry.example.com")).await;
    let without = retry_gap(RichStatusLayer::new("retry.example.com").retry_pushback(false)).await;
    println!("retry after {with:?} with the pushback, {without:?} without");
    assert!(with >= DELAY, "retried after {with:?}");
    // The policy's own backoff is 10 ms, with jitter (about 50 ms here, with the round trips).
    assert!(without < DELAY, "retried after {without:?}");
}
