//! The `axum` feature: derived errors answer HTTP requests with the status mapped from
//! their gRPC code and the AIP-193 JSON error, from a real axum server on loopback. The
//! JSON of every standard detail is checked against protobuf's own proto3 JSON mapping
//! (Python's `json_format`) of the same `google.rpc.Status`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use base64::Engine as _;
use http_body_util::BodyExt as _;
use prost::Message as _;
use rich_status::{RichStatus, pb};
use rich_status_examples::{GreeterService, rest_router};
use rich_status_tests::python::python;
use rich_status_tests::{self as fixtures, Balance};
use serde_json::{Value, json};

/// Serves `router` on a loopback port until the test's runtime ends.
async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

struct Answer {
    status: u16,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        assert_eq!(self.headers["content-type"], "application/json");
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }
}

/// `GET path` over a fresh HTTP/1.1 connection, with hyper's client.
async fn get_path(addr: SocketAddr, path: &str) -> Answer {
    get_with(addr, path, &[]).await
}

/// `GET path` with `headers` besides `host`, as [`get_path`].
async fn get_with(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Answer {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let mut request = http::Request::get(path).header("host", addr.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(http_body_util::Empty::<bytes::Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: body.to_vec(),
    }
}

#[tokio::test]
async fn the_greeter_answers_over_http_with_the_errors_it_sends_over_grpc() {
    let addr = serve(rest_router(Arc::new(GreeterService::default()))).await;

    let hello = get_path(addr, "/v1/greet/Ada").await;
    assert_eq!(
        (hello.status, hello.body.as_slice()),
        (200, &b"Hello, Ada!"[..])
    );

    let again = get_path(addr, "/v1/greet/Ada").await;
    assert_eq!(again.status, 429);
    assert_eq!(
        again.json(),
        json!({"error": {
            "code": 429,
            "message": "Request limit exceeded.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "TOO_MANY_GREETINGS",
                    "domain": "greeter.example.com",
                    "metadata": {"name": "Ada"},
                },
                {
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [{
                        "subject": "name: Ada",
                        "description": "Limit one greeting per person.",
                    }],
                },
            ],
        }})
    );

    let empty = get_path(addr, "/v1/greet/").await;
    assert_eq!(empty.status, 400);
    assert_eq!(
        empty.json()["error"]["details"][1],
        json!({
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{
                "field": "name",
                "description": "The name must not be empty.",
                "reason": "EMPTY_NAME",
            }],
        })
    );

    let mallory = get_path(addr, "/v1/greet/Mallory").await;
    assert_eq!(mallory.status, 403);
    let body = mallory.json();
    assert_eq!(body["error"]["status"], "PERMISSION_DENIED");
    assert_eq!(body["error"]["message"], "Mallory is not welcome here.");
    assert_eq!(body["error"]["details"][0]["reason"], "NAME_BLOCKED");

    // DebugInfo stays behind the policy (off here) over HTTP too.
    let murphy = get_path(addr, "/v1/greet/Murphy").await;
    assert_eq!(murphy.status, 503);
    let details = murphy.json()["error"]["details"].clone();
    assert_eq!(details.as_array().unwrap().len(), 1, "{details}");
    assert_eq!(details[0]["reason"], "GUEST_BOOK_UNAVAILABLE");
}

/// Every standard detail, with the fixtures' awkward values, and a service's own message.
/// (One large variant is the point here, not a cost.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "details.example.com", into_response)]
enum CatalogueError {
    #[error("Request limit exceeded. (100% — naïve)")]
    #[rich_status(code = ResourceExhausted)]
    Everything {
        #[rich_status(metadata)]
        name: String,
        #[rich_status(detail)]
        retry: pb::RetryInfo,
        #[rich_status(detail)]
        debug: pb::DebugInfo,
        #[rich_status(detail)]
        quota: pb::QuotaFailure,
        #[rich_status(detail)]
        precondition: pb::PreconditionFailure,
        #[rich_status(detail)]
        bad_request: pb::BadRequest,
        #[rich_status(detail)]
        request: pb::RequestInfo,
        #[rich_status(detail)]
        resource: pb::ResourceInfo,
        #[rich_status(detail)]
        help: pb::Help,
        #[rich_status(detail)]
        localized: pb::LocalizedMessage,
    },

    #[error("balance too low")]
    #[rich_status(code = FailedPrecondition)]
    Overdrawn {
        #[rich_status(detail)]
        balance: Balance,
    },

    #[error("query on db-7.internal failed")]
    #[rich_status(code = Internal)]
    Query,
}

fn everything() -> CatalogueError {
    CatalogueError::Everything {
        name: fixtures::AWKWARD.into(),
        retry: fixtures::retry_info(),
        debug: fixtures::debug_info(),
        quota: fixtures::quota_failure(),
        precondition: fixtures::precondition_failure(),
        bad_request: fixtures::bad_request(),
        request: fixtures::request_info(),
        resource: fixtures::resource_info(),
        help: fixtures::help(),
        localized: fixtures::localized_message(),
    }
}

async fn every_detail_answer(path: &str) -> Answer {
    let router = Router::new()
        .route("/everything", get(|| async { Err::<(), _>(everything()) }))
        .route(
            "/overdrawn",
            get(|| async {
                Err::<(), _>(CatalogueError::Overdrawn {
                    balance: Balance { cents: -1250 },
                })
            }),
        )
        .route(
            "/query",
            get(|| async { Err::<(), _>(CatalogueError::Query) }),
        )
        // Every call trusted, so that the `DebugInfo` among the details is answered too.
        .layer(rich_status::server::RichStatusLayer::new("example.com").debug_info_for(|_| true));
    let addr = serve(router).await;
    get_path(addr, path).await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_standard_detail_is_json_as_protobuf_writes_it() {
    let answer = every_detail_answer("/everything").await;
    assert_eq!(answer.status, 429);
    // `retry-after`: the RetryInfo's 30.25 s, rounded up.
    assert_eq!(answer.headers["retry-after"], "31");
    let body = answer.json();
    let error = &body["error"];
    assert_eq!(error["code"], 429);
    assert_eq!(error["status"], "RESOURCE_EXHAUSTED");
    assert_eq!(error["message"], fixtures::MESSAGE);

    // protobuf's own mapping of the same google.rpc.Status the gRPC client gets.
    let status = everything().to_status();
    let encoded = base64::engine::general_purpose::STANDARD.encode(status.details());
    let out = tokio::task::spawn_blocking(move || python().run("status_json.py", &[&encoded]))
        .await
        .unwrap();
    let reference: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(reference["message"], fixtures::MESSAGE);
    assert_eq!(reference["details"].as_array().unwrap().len(), 10);
    assert_eq!(error["details"], reference["details"]);

    // Spot checks of what the mapping means, independent of either implementation.
    let quota = &error["details"][3]["violations"][0];
    assert_eq!(quota["quotaValue"], "1");
    assert_eq!(quota["futureQuotaValue"], "0");
    assert_eq!(quota["quotaDimensions"]["region"], "eu-west1");
    assert_eq!(error["details"][1]["retryDelay"], "30.250s");
    assert_eq!(
        error["details"][3]["violations"][1]["quotaValue"],
        i64::MIN.to_string()
    );
}

#[tokio::test]
async fn a_services_own_message_keeps_its_bytes() {
    let answer = every_detail_answer("/overdrawn").await;
    assert_eq!(answer.status, 400);
    assert!(!answer.headers.contains_key("retry-after"));
    let body = answer.json();
    let value = Balance { cents: -1250 }.encode_to_vec();
    assert_eq!(
        body["error"]["details"][1],
        json!({
            "@type": "type.googleapis.com/bank.v1.Balance",
            "value": base64::engine::general_purpose::STANDARD.encode(value),
        })
    );
}

#[tokio::test]
async fn internal_errors_answer_500_with_the_generic_message() {
    let answer = every_detail_answer("/query").await;
    assert_eq!(answer.status, 500);
    let body = answer.json();
    assert_eq!(body["error"]["message"], "internal error");
    assert!(!String::from_utf8_lossy(&answer.body).contains("db-7"));
}

#[test]
fn any_status_answers_even_with_unreadable_details() {
    let status = tonic::Status::with_details(
        tonic::Code::Aborted,
        "conflict",
        bytes::Bytes::from_static(&[0x12, 0x40, b'x']),
    );
    let response = rich_status::rest::response(&status);
    assert_eq!(response.status(), 409);
    let body = rich_status::rest::json_body(&status);
    assert_eq!(
        body,
        json!({"error": {"code": 409, "message": "conflict", "status": "ABORTED", "details": []}})
    );
    let packed = rich_status::status(tonic::Code::Unavailable, "closed", |w| {
        w.detail(&pb::RetryInfo {
            retry_delay: Some(prost_types::Duration {
                seconds: 2,
                nanos: 0,
            }),
        });
    });
    assert_eq!(
        rich_status::rest::response(&packed).headers()["retry-after"],
        "2"
    );
}

#[test]
fn the_code_table() {
    use rich_status::rest::http_status;
    use tonic::Code::*;
    let table = [
        (Ok, 200),
        (Cancelled, 499),
        (Unknown, 500),
        (InvalidArgument, 400),
        (DeadlineExceeded, 504),
        (NotFound, 404),
        (AlreadyExists, 409),
        (PermissionDenied, 403),
        (ResourceExhausted, 429),
        (FailedPrecondition, 400),
        (Aborted, 409),
        (OutOfRange, 400),
        (Unimplemented, 501),
        (Internal, 500),
        (Unavailable, 503),
        (DataLoss, 500),
        (Unauthenticated, 401),
    ];
    for (code, http) in table {
        assert_eq!(http_status(code), http, "{code:?}");
    }
}

/// A type that answers HTTP its own way keeps doing so: without `into_response` the
/// derive writes no `IntoResponse`, even with the `axum` feature on in the build.
#[derive(Debug, thiserror::Error, RichStatus)]
#[error("teapot")]
#[rich_status(code = Unimplemented, domain = "tea.example.com")]
struct Teapot;

impl axum::response::IntoResponse for Teapot {
    fn into_response(self) -> axum::response::Response {
        (http::StatusCode::IM_A_TEAPOT, "short and stout").into_response()
    }
}

#[test]
fn a_type_that_does_not_ask_keeps_its_own_into_response() {
    use axum::response::IntoResponse as _;
    assert_eq!(Teapot.into_response().status(), 418);
    assert_eq!(
        tonic::Status::from(Teapot).code(),
        tonic::Code::Unimplemented
    );
}

/// A status built elsewhere (another service's, passed on) with a `DebugInfo`, answered
/// as JSON under the server layer: the caller it trusts gets the `DebugInfo`, any other
/// gets the rest.
#[tokio::test]
async fn a_passed_on_debug_info_reaches_only_the_json_callers_the_layer_trusts() {
    let status = rich_status::status(tonic::Code::Internal, "boom", |w| {
        w.error_info("BOOM", "store.example.com");
        w.detail(&fixtures::debug_info());
    });
    let layer = rich_status::server::RichStatusLayer::new("example.com")
        .debug_info_for(|request| request.headers.contains_key("x-operator"));
    let router = Router::new()
        .route(
            "/",
            get(move || {
                let status = status.clone();
                async move { rich_status::rest::response(&status) }
            }),
        )
        .layer(layer);
    let addr = serve(router).await;
    for (operator, types) in [
        (false, vec!["type.googleapis.com/google.rpc.ErrorInfo"]),
        (
            true,
            vec![
                "type.googleapis.com/google.rpc.ErrorInfo",
                "type.googleapis.com/google.rpc.DebugInfo",
            ],
        ),
    ] {
        let headers: &[(&str, &str)] = if operator {
            &[("x-operator", "1")]
        } else {
            &[]
        };
        let answer = get_with(addr, "/", headers).await;
        assert_eq!(answer.status, 500);
        let body = answer.json();
        let sent: Vec<&str> = body["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["@type"].as_str().unwrap())
            .collect();
        assert_eq!(sent, types, "operator: {operator}");
    }
}
