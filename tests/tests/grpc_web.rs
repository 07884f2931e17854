//! The greeter over gRPC-Web (tonic-web), over HTTP/1.1 and HTTP/2, on the address that
//! serves gRPC and REST: the server layer's guarantees hold when the trailers travel in
//! the body, each test beside its gRPC one in `server_layer.rs`.

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{BodyExt as _, StreamBody};
use rich_status::StatusExt;
use rich_status::server::RichStatusLayer;
use rich_status_examples::proto::greeter_server::GreeterServer;
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_examples::{GreetError, GreeterService, GuestBookFailure, OPERATOR_HEADER};
use rich_status_tests::grpc_web::{self, Answer, Version};
use rich_status_tests::panicky::{
    Bomb, Exploding, Panicky, assert_answered_panic, assert_panic_details, quiet_panics,
};
use rich_status_tests::{AWKWARD, spec_encoded, start_server};
use tonic::{Code, Status};
use tower::{Layer, ServiceExt, service_fn};

const SAY_HELLO: &str = "/helloworld.Greeter/SayHello";
const VERSIONS: [Version; 2] = [Version::Http1, Version::Http2];

async fn say_hello(
    addr: std::net::SocketAddr,
    version: Version,
    name: &str,
    headers: &[(&str, &str)],
) -> Answer {
    let request = HelloRequest { name: name.into() };
    grpc_web::call(addr, version, SAY_HELLO, &request, headers).await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_greeter_error_reads_over_grpc_web_as_over_grpc() {
    let (addr, _server) = rich_status_tests::start_greeter().await;
    for version in VERSIONS {
        let ada = format!("Ada {version:?}");
        let ok = say_hello(addr, version, &ada, &[]).await;
        assert_eq!(ok.http_status, 200);
        assert_eq!(ok.content_type(), "application/grpc-web+proto");
        assert!(ok.status().is_none(), "{ok:?}");
        assert_eq!(
            <HelloReply as prost::Message>::decode(ok.messages[0].clone())
                .unwrap()
                .message,
            format!("Hello, {ada}!")
        );

        let mallory = format!("Mallory{AWKWARD}");
        let cases = [
            (
                ada.clone(),
                GreetError::TooManyGreetings { name: ada.clone() },
            ),
            (
                String::new(),
                GreetError::EmptyName {
                    report: validator::ValidationErrors::new(),
                },
            ),
            (
                mallory.clone(),
                GreetError::Unwelcome {
                    name: mallory.clone(),
                },
            ),
            (
                "Murphy".into(),
                GreetError::GuestBook(GuestBookFailure::DiskFull),
            ),
        ];
        for (name, expected) in cases {
            let answer = say_hello(addr, version, &name, &[]).await;
            assert_eq!(answer.content_type(), "application/grpc-web+proto");
            let status = answer.status().expect("an error");
            assert_eq!(
                answer.status_headers()["grpc-message"].as_bytes(),
                spec_encoded(status.message()).as_bytes(),
                "{name}"
            );
            assert_eq!(status.rich_details().unwrap().message(), status.message());
            assert_eq!(GreetError::try_from(&status).unwrap(), expected);
        }
        // The BadRequest validator made, as it reads.
        let status = say_hello(addr, version, "", &[]).await.status().unwrap();
        let bad = status.rich_details().unwrap().bad_request().unwrap();
        assert_eq!(bad.field_violations[0].field, "name");
        assert_eq!(bad.field_violations[0].reason, "EMPTY_NAME");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn debug_info_reaches_the_operator_alone_over_grpc_web() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        rich_status_examples::serve_with(layer, listener, shutdown)
    })
    .await;
    let mut calls = Vec::new();
    for i in 0..40 {
        calls.push(tokio::spawn(async move {
            let version = VERSIONS[i % 2];
            let trusted = i % 4 < 2;
            let headers: &[(&str, &str)] = if trusted {
                &[(OPERATOR_HEADER, "s3cret")]
            } else {
                &[(OPERATOR_HEADER, "guess")]
            };
            let answer = say_hello(addr, version, "Murphy", headers).await;
            let status = answer.status().unwrap();
            assert_eq!(status.code(), Code::Unavailable);
            let details = status.rich_details().unwrap();
            match details.debug_info() {
                Some(debug) => {
                    assert!(trusted, "DebugInfo for an untrusted call over {version:?}");
                    assert_eq!(debug.stack_entries, ["guest book disk is full"]);
                }
                None => assert!(!trusted, "no DebugInfo for the operator over {version:?}"),
            }
        }));
    }
    for call in calls {
        call.await.unwrap();
    }
}

/// Serves `Panicky` over gRPC-Web: as the greeter does (`grpc_and_grpc_web`), or with
/// the two layers the other way round.
async fn start_panicky(as_the_greeter_does: bool) -> (std::net::SocketAddr, impl Sized) {
    start_server(move |listener, shutdown| async move {
        let greeter =
            tonic::service::Routes::new(GreeterServer::new(Panicky(GreeterService::default())));
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        let app = if as_the_greeter_does {
            let service = rich_status_examples::grpc_and_grpc_web(layer, greeter);
            axum::Router::new().fallback_service(service)
        } else {
            let service = layer.layer(tonic_web::GrpcWebLayer::new().layer(greeter));
            axum::Router::new().fallback_service(service)
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panicking_handler_is_answered_internal_over_grpc_web_and_the_server_serves_on() {
    quiet_panics();
    let (addr, _server) = start_panicky(true).await;
    for version in VERSIONS {
        for trusted in [false, true] {
            let headers: &[(&str, &str)] = if trusted {
                &[(OPERATOR_HEADER, "s3cret")]
            } else {
                &[]
            };
            let answer = say_hello(addr, version, "panic", headers).await;
            assert_eq!(answer.content_type(), "application/grpc-web+proto");
            let status = answer.status().unwrap();
            assert_eq!(
                (status.code(), status.message()),
                (Code::Internal, "internal error")
            );
            assert_panic_details(
                &status.rich_details().unwrap(),
                "greeter.example.com",
                trusted,
            );
            let ok = say_hello(addr, version, &format!("guest {version:?} {trusted}"), &[]).await;
            assert!(ok.status().is_none());
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_layer_outside_tonic_web_answers_a_panic_as_grpc_web_but_misses_trailers_in_the_body() {
    quiet_panics();
    // The wrong order (the order `rich_status_examples::app` documents is the other): a
    // panic is still answered in the call's gRPC-Web type...
    let (addr, _server) = start_panicky(false).await;
    let answer = say_hello(addr, Version::Http1, "panic", &[]).await;
    assert_eq!(answer.content_type(), "application/grpc-web+proto");
    assert_eq!(answer.status().unwrap().code(), Code::Internal);

    // ...but trailers after a message are body bytes when they pass the layer: the
    // untrusted caller gets the DebugInfo the right order takes out.
    let status = rich_status_tests::stream_failure_with_debug_info("stream failed");
    let service = RichStatusLayer::new("example.com")
        .layer(tonic_web::GrpcWebLayer::new().layer(streaming(status.clone())));
    let response = service.oneshot(grpc_web_request(&[])).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let (_, trailers) = grpc_web::frames(body);
    let received = Status::from_header_map(&trailers.unwrap()).unwrap();
    assert_eq!(received.details(), status.details());
    assert!(received.rich_details().unwrap().debug_info().is_some());
}

/// A service that sends one message, then fails with `status` in the trailers, through
/// tonic-web outside the layer.
fn streaming_failure(
    status: Status,
    layer: RichStatusLayer,
) -> impl tower::Service<
    http::Request<tonic::body::Body>,
    Response = http::Response<tonic::body::Body>,
    Error = Infallible,
> + Clone {
    tonic_web::GrpcWebLayer::new().layer(layer.layer(streaming(status)))
}

/// A gRPC service that sends one message, then fails with `status` in the trailers.
fn streaming(
    status: Status,
) -> impl tower::Service<
    http::Request<tonic::body::Body>,
    Response = http::Response<tonic::body::Body>,
    Error = Infallible,
> + Clone {
    let mut trailers = http::HeaderMap::new();
    status.add_header(&mut trailers).unwrap();
    service_fn(move |_: http::Request<tonic::body::Body>| {
        let frames = [
            Ok::<_, Infallible>(hyper::body::Frame::data(Bytes::from_static(b"\0\0\0\0\0"))),
            Ok(hyper::body::Frame::trailers(trailers.clone())),
        ];
        async move {
            Ok::<_, Infallible>(http::Response::new(tonic::body::Body::new(
                StreamBody::new(tokio_stream::iter(frames)),
            )))
        }
    })
}

/// The status of `service`'s Trailers-Only gRPC-Web answer to a call with `headers`.
async fn trailers_only_status<S>(service: S, headers: &[(&str, &str)]) -> Status
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
            Error = Infallible,
        >,
{
    let response = service.oneshot(grpc_web_request(headers)).await.unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "application/grpc-web+proto"
    );
    Status::from_header_map(response.headers()).unwrap()
}

fn grpc_web_request(headers: &[(&str, &str)]) -> http::Request<tonic::body::Body> {
    let mut request = http::Request::post(SAY_HELLO)
        .header("content-type", "application/grpc-web+proto")
        .body(tonic::body::Body::new(http_body_util::Full::new(
            Bytes::from_static(b"\0\0\0\0\0"),
        )))
        .unwrap();
    for (name, value) in headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).unwrap();
        request.headers_mut().insert(name, value.parse().unwrap());
    }
    request
}

#[tokio::test]
async fn trailers_in_the_body_carry_the_specs_message_and_no_debug_info_for_the_untrusted() {
    let message = format!("stream failed for Mallory #1? {AWKWARD}");
    let status = rich_status_tests::stream_failure_with_debug_info(&message);
    let layer = RichStatusLayer::new("example.com")
        .debug_info_for(|request| request.headers.contains_key("x-operator"));
    for trusted in [false, true] {
        let service = streaming_failure(status.clone(), layer.clone());
        let headers: &[(&str, &str)] = if trusted { &[("x-operator", "1")] } else { &[] };
        let response = service.oneshot(grpc_web_request(headers)).await.unwrap();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let (_, trailers) = grpc_web::frames(body);
        let trailers = trailers.unwrap();
        assert_eq!(
            trailers["grpc-message"].as_bytes(),
            spec_encoded(&message).as_bytes()
        );
        let received = Status::from_header_map(&trailers).unwrap();
        assert_eq!(received.message(), message);
        let details = received.rich_details().unwrap();
        if trusted {
            assert_eq!(received.details(), status.details());
        } else {
            let names: Vec<&str> = details.anys().map(|any| any.type_name()).collect();
            assert_eq!(names, ["google.rpc.ErrorInfo", "google.rpc.Help"]);
        }
    }
}

#[tokio::test]
async fn a_call_gets_the_trailer_budget_the_layer_gives_it_over_grpc_web() {
    let layer = RichStatusLayer::new("example.com")
        .trailer_budget_for(|request| request.headers.contains_key("x-small").then_some(1024));
    // Converted while the call's body is polled, as a streaming handler's error is.
    let service = tonic_web::GrpcWebLayer::new().layer(layer.layer(service_fn(
        |_: http::Request<tonic::body::Body>| async {
            let status = rich_status::status(Code::Internal, "storage failed", |w| {
                w.error_info("STORAGE", "example.com");
                w.request_info("r".repeat(3000));
            });
            Ok::<_, Infallible>(status.into_http::<tonic::body::Body>())
        },
    )));
    for small in [true, false] {
        let headers: &[(&str, &str)] = if small { &[("x-small", "1")] } else { &[] };
        let status = trailers_only_status(service.clone(), headers).await;
        let details = status.rich_details().unwrap();
        let info = details.error_info().unwrap();
        if small {
            assert!(rich_status_tests::trailer_cost(&status) <= 1024);
            assert_eq!(info.metadata[rich_status::policy::TRUNCATED_KEY], "details");
        } else {
            assert_eq!(details.request_info().unwrap().request_id.len(), 3000);
        }
    }
}

#[tokio::test]
async fn pages_of_the_allowed_origin_alone_may_call_across_origins() {
    let preflight = |origin: &str| {
        http::Request::options(SAY_HELLO)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                format!("content-type,x-grpc-web,{OPERATOR_HEADER}"),
            )
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let layer = || rich_status_examples::layer(None);
    let cors = rich_status_examples::cors("https://app.example.com").unwrap();
    let app = rich_status_examples::app(layer()).layer(cors);

    let allowed = app
        .clone()
        .oneshot(preflight("https://app.example.com"))
        .await
        .unwrap();
    let headers = allowed.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://app.example.com"
    );
    let allowed_headers = headers["access-control-allow-headers"].to_str().unwrap();
    for header in ["content-type", "x-grpc-web", OPERATOR_HEADER] {
        assert!(allowed_headers.contains(header), "{allowed_headers}");
    }

    // The call itself: the page may read the status headers.
    let mut call =
        grpc_web_request(&[("origin", "https://app.example.com")]).map(axum::body::Body::new);
    *call.uri_mut() = SAY_HELLO.parse().unwrap();
    let answer = app.clone().oneshot(call).await.unwrap();
    assert_eq!(
        answer.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );
    let exposed = answer.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    for header in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        assert!(exposed.contains(header), "{exposed}");
    }

    let other = app
        .oneshot(preflight("https://evil.example"))
        .await
        .unwrap();
    // The answer names the allowed origin, never the asking one: the browser refuses.
    assert_eq!(
        other.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );

    // Without an origin configured (pages of the greeter's own origin), no CORS at all.
    let plain = rich_status_examples::app(layer())
        .oneshot(preflight("https://app.example.com"))
        .await
        .unwrap();
    assert!(!plain.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn a_body_that_panics_ends_in_internal_trailers_in_the_grpc_web_body() {
    quiet_panics();
    let service = tonic_web::GrpcWebLayer::new().layer(RichStatusLayer::new("example.com").layer(
        service_fn(|_: http::Request<tonic::body::Body>| async {
            Ok::<_, Infallible>(http::Response::new(tonic::body::Body::new(
                Exploding::default(),
            )))
        }),
    ));
    let response = service.oneshot(grpc_web_request(&[])).await.unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "application/grpc-web+proto"
    );
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let (messages, trailers) = grpc_web::frames(body);
    assert_eq!(messages.len(), 1);
    assert_answered_panic(&Status::from_header_map(&trailers.expect("trailers")).unwrap());
}

#[tokio::test]
async fn a_predicate_that_panics_answers_internal_over_grpc_web() {
    let trusting = RichStatusLayer::new("example.com")
        .debug_info_for(|request| request.headers["x-token"].to_str().unwrap() == "s3cret");
    let service = tonic_web::GrpcWebLayer::new().layer(trusting.layer(service_fn(
        |_: http::Request<tonic::body::Body>| async {
            Ok::<_, Infallible>(Status::not_found("no").into_http::<tonic::body::Body>())
        },
    )));
    let mut request = grpc_web_request(&[]);
    let hostile = http::HeaderValue::from_bytes(b"\xff\xfe").unwrap();
    request.headers_mut().insert("x-token", hostile);
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "application/grpc-web+proto"
    );
    assert_answered_panic(&Status::from_header_map(response.headers()).unwrap());
}

#[tokio::test]
async fn a_panic_whose_payload_panics_when_dropped_is_answered_internal_over_grpc_web() {
    let service = tonic_web::GrpcWebLayer::new().layer(RichStatusLayer::new("example.com").layer(
        service_fn(|_: http::Request<tonic::body::Body>| async {
            std::panic::panic_any(Bomb);
            #[allow(unreachable_code)]
            Ok::<_, Infallible>(http::Response::new(tonic::body::Body::empty()))
        }),
    ));
    assert_answered_panic(&trailers_only_status(service, &[]).await);
}

#[tokio::test]
async fn a_status_built_once_reaches_each_grpc_web_call_with_its_own_debug_info() {
    // One status with DebugInfo, as a cache of failures or a coalesced lookup keeps it,
    // answered to a trusted call and an untrusted one.
    let shared = rich_status::status(Code::Unavailable, "The guest book is unavailable.", |w| {
        w.error_info("GUEST_BOOK_UNAVAILABLE", "greeter.example.com");
        w.detail(&rich_status::pb::DebugInfo {
            stack_entries: vec!["guest book disk is full".into()],
            detail: "GuestBook(DiskFull)".into(),
        });
    });
    let layer = RichStatusLayer::new("greeter.example.com")
        .debug_info_for(|request| request.headers.contains_key("x-operator"));
    let service = tonic_web::GrpcWebLayer::new().layer(layer.layer(service_fn(
        move |_: http::Request<tonic::body::Body>| {
            let status = shared.clone();
            async move { Ok::<_, Infallible>(status.into_http::<tonic::body::Body>()) }
        },
    )));
    for trusted in [false, true, false] {
        let headers: &[(&str, &str)] = if trusted { &[("x-operator", "1")] } else { &[] };
        let status = trailers_only_status(service.clone(), headers).await;
        let details = status.rich_details().unwrap();
        assert_eq!(
            details.error_info().unwrap().reason,
            "GUEST_BOOK_UNAVAILABLE"
        );
        assert_eq!(details.debug_info().is_some(), trusted);
    }
}
