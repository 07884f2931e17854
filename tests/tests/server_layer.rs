//! The server layer (`rich_status::server::RichStatusLayer`): `grpc-message` as the gRPC
//! spec writes it, `DebugInfo` per call for the callers a predicate trusts, and a
//! panicking handler answered as `INTERNAL` while the server goes on serving.

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use rich_status::StatusExt;
use rich_status::server::{PANIC_REASON, RichStatusLayer};
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_examples::proto::greeter_server::GreeterServer;
use rich_status_examples::{GreeterService, OPERATOR_HEADER};
use rich_status_tests::panicky::{
    Bomb, Exploding, PANIC, Panicky, assert_answered_panic, assert_panic_details, quiet_panics,
};
use rich_status_tests::{AWKWARD, spec_encoded, start_server};
use tonic::{Code, Request, Status};
use tower::{Layer, ServiceExt, service_fn};

/// The messages whose `grpc-message` the layer must leave as the spec writes it.
fn messages() -> Vec<String> {
    let mut long = format!("{AWKWARD}\n");
    while long.len() < 2048 {
        long.push_str("Mallory #1? & friends + \"quotes\" <b> `ticks` {braces} 100% ");
    }
    [
        "Mallory #1? is not welcome here.",
        "plain",
        "a & b + c = d; e/f",
        "100% \"sure\" <tag> `tick` {brace} 'single'",
        AWKWARD,
        &long,
    ]
    .map(str::to_owned)
    .into()
}

#[tokio::test]
async fn grpc_message_is_written_as_the_spec_says_in_headers_and_in_trailers() {
    for message in messages() {
        // An error before any message: tonic answers Trailers-Only, all in the headers.
        let status = Status::permission_denied(message.clone());
        let service =
            RichStatusLayer::new("example.com").layer(service_fn(|_: http::Request<()>| {
                let status = status.clone();
                async move { Ok::<_, Infallible>(status.into_http::<tonic::body::Body>()) }
            }));
        let response = service.oneshot(http::Request::new(())).await.unwrap();
        assert_eq!(
            response.headers()["grpc-message"].as_bytes(),
            spec_encoded(&message).as_bytes()
        );
        assert!(
            response
                .into_body()
                .collect()
                .await
                .unwrap()
                .trailers()
                .is_none()
        );

        // An error after the headers: the message is in the trailers.
        let mut trailers = http::HeaderMap::new();
        Status::aborted(message.clone())
            .add_header(&mut trailers)
            .unwrap();
        let service =
            RichStatusLayer::new("example.com").layer(service_fn(|_: http::Request<()>| {
                let frames = [
                    Ok::<_, Infallible>(hyper::body::Frame::data(Bytes::from_static(
                        b"\0\0\0\0\0",
                    ))),
                    Ok(hyper::body::Frame::trailers(trailers.clone())),
                ];
                let body = StreamBody::new(tokio_stream::iter(frames));
                async move { Ok::<_, Infallible>(http::Response::new(body)) }
            }));
        let response = service.oneshot(http::Request::new(())).await.unwrap();
        let collected = response.into_body().collect().await.unwrap();
        let trailers = collected.trailers().unwrap();
        assert_eq!(
            trailers["grpc-message"].as_bytes(),
            spec_encoded(&message).as_bytes()
        );
        assert_eq!(trailers["grpc-status"], "10");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn tonic_reads_the_specs_message_as_the_details_hold_it() {
    let (addr, _server) = start_server(|listener, shutdown| {
        rich_status_examples::serve_with(
            RichStatusLayer::new("greeter.example.com"),
            listener,
            shutdown,
        )
    })
    .await;
    let mut client = GreeterClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    for message in messages() {
        let name = format!("Mallory{message}");
        let status = client
            .say_hello(HelloRequest { name: name.clone() })
            .await
            .unwrap_err();
        assert_eq!(status.message(), format!("{name} is not welcome here."));
        assert_eq!(status.rich_details().unwrap().message(), status.message());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn debug_info_reaches_the_trusted_caller_alone_over_interleaved_calls() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        rich_status_examples::serve_with(layer, listener, shutdown)
    })
    .await;
    let channel = rich_status_tests::connect(addr).await;
    let mut callers = Vec::new();
    for task in 0..20 {
        let trusted = task % 2 == 0;
        let mut client = GreeterClient::new(channel.clone());
        callers.push(tokio::spawn(async move {
            for _ in 0..50 {
                let mut request = Request::new(HelloRequest {
                    name: "Murphy".into(),
                });
                if trusted {
                    request
                        .metadata_mut()
                        .insert(OPERATOR_HEADER, "s3cret".parse().unwrap());
                }
                let status = client.say_hello(request).await.unwrap_err();
                assert_eq!(status.code(), Code::Unavailable);
                let details = status.rich_details().unwrap();
                assert_eq!(
                    details.error_info().unwrap().reason,
                    "GUEST_BOOK_UNAVAILABLE"
                );
                let bytes = status.details();
                let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
                if trusted {
                    let debug = details.debug_info().expect("DebugInfo for the operator");
                    assert_eq!(debug.stack_entries, ["guest book disk is full"]);
                } else {
                    assert!(details.debug_info().is_none());
                    assert!(!has(b"DebugInfo") && !has(b"disk is full"), "{bytes:?}");
                }
            }
        }));
    }
    for caller in callers {
        caller.await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panicking_handler_is_answered_internal_and_the_server_serves_on() {
    quiet_panics();
    let (addr, _server) = start_server(|listener, shutdown| async move {
        tonic::transport::Server::builder()
            .layer(rich_status_examples::layer(Some("s3cret".into())))
            .add_service(GreeterServer::new(Panicky(GreeterService::default())))
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
            .await
    })
    .await;
    let client = GreeterClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    let mut calls = Vec::new();
    for i in 0..100 {
        let mut client = client.clone();
        calls.push(tokio::spawn(async move {
            let name = if i % 2 == 0 {
                "panic".to_owned()
            } else {
                format!("guest {i}")
            };
            let mut request = Request::new(HelloRequest { name: name.clone() });
            let trusted = i % 10 == 0;
            if trusted {
                request
                    .metadata_mut()
                    .insert(OPERATOR_HEADER, "s3cret".parse().unwrap());
            }
            match client.say_hello(request).await {
                Ok(reply) => {
                    assert_ne!(name, "panic");
                    assert_eq!(reply.into_inner().message, format!("Hello, {name}!"));
                }
                Err(status) => {
                    assert_eq!(name, "panic", "{status:?}");
                    assert_eq!(status.code(), Code::Internal);
                    assert_eq!(status.message(), "internal error");
                    let details = status.rich_details().unwrap();
                    assert_panic_details(&details, "greeter.example.com", trusted);
                }
            }
        }));
    }
    for call in calls {
        call.await.unwrap();
    }
}

#[tokio::test]
async fn a_call_gets_the_trailer_budget_the_layer_gives_it() {
    let layer = RichStatusLayer::new("example.com")
        .trailer_budget_for(|request| request.headers.contains_key("x-small").then_some(1024));
    let service = layer.layer(service_fn(|_: http::Request<()>| async {
        // Converted while the call's future is polled, as a handler's `?` does.
        let status = rich_status::status(Code::Internal, "storage failed", |w| {
            w.error_info("STORAGE", "example.com");
            w.request_info("r".repeat(3000));
        });
        Ok::<_, Infallible>(status.into_http::<tonic::body::Body>())
    }));
    for small in [true, false] {
        let mut request = http::Request::new(());
        if small {
            request
                .headers_mut()
                .insert("x-small", "1".parse().unwrap());
        }
        let response = service.clone().oneshot(request).await.unwrap();
        let status = Status::from_header_map(response.headers()).unwrap();
        let details = status.rich_details().unwrap();
        let info = details.error_info().unwrap();
        if small {
            assert!(rich_status_tests::trailer_cost(&status) <= 1024);
            assert_eq!(info.metadata[rich_status::policy::TRUNCATED_KEY], "details");
            assert!(details.request_info().is_none());
        } else {
            assert!(
                !info
                    .metadata
                    .contains_key(rich_status::policy::TRUNCATED_KEY)
            );
            assert_eq!(details.request_info().unwrap().request_id.len(), 3000);
        }
    }
}

#[tokio::test]
async fn a_layer_changed_after_a_clone_keeps_what_it_was_told_before() {
    let layer = RichStatusLayer::new("example.com").trailer_budget_for(|_| Some(1024));
    let clone = layer.clone();
    // Changed while the clone shares its configuration: the budget stays.
    let layer = layer.panic_reason("STILL_BUDGETED");
    for layer in [layer, clone] {
        let service = layer.layer(service_fn(|_: http::Request<()>| async {
            let status = rich_status::status(Code::Internal, "storage failed", |w| {
                w.error_info("STORAGE", "example.com");
                w.request_info("r".repeat(3000));
            });
            Ok::<_, Infallible>(status.into_http::<tonic::body::Body>())
        }));
        let response = service.oneshot(http::Request::new(())).await.unwrap();
        let status = Status::from_header_map(response.headers()).unwrap();
        assert!(rich_status_tests::trailer_cost(&status) <= 1024);
    }
}

/// A request as a gRPC client sends it (the layer answers a panic in the protocol of the
/// request).
fn grpc_request() -> http::Request<()> {
    http::Request::post("/helloworld.Greeter/SayHello")
        .header("content-type", "application/grpc")
        .body(())
        .unwrap()
}

/// The status of an answer, from its headers (Trailers-Only) or its trailers.
async fn answer_status(
    response: http::Response<impl http_body::Body<Error: std::fmt::Debug>>,
) -> Status {
    if response.headers().contains_key("grpc-status") {
        return Status::from_header_map(response.headers()).unwrap();
    }
    let collected = response.into_body().collect().await.unwrap();
    Status::from_header_map(collected.trailers().expect("trailers")).unwrap()
}

#[tokio::test]
async fn a_panic_whose_payload_panics_when_dropped_is_answered_internal() {
    // In the service's `call`, and in its future.
    let in_call = RichStatusLayer::new("example.com").layer(service_fn(
        |_: http::Request<()>| -> std::future::Ready<Result<http::Response<tonic::body::Body>, Infallible>> {
            std::panic::panic_any(Bomb)
        },
    ));
    let response = in_call.oneshot(grpc_request()).await.unwrap();
    assert_answered_panic(&answer_status(response).await);

    let in_future =
        RichStatusLayer::new("example.com").layer(service_fn(|_: http::Request<()>| async {
            std::panic::panic_any(Bomb);
            #[allow(unreachable_code)]
            Ok::<_, Infallible>(http::Response::new(tonic::body::Body::empty()))
        }));
    let response = in_future.oneshot(grpc_request()).await.unwrap();
    assert_answered_panic(&answer_status(response).await);
}

#[tokio::test]
async fn a_body_that_panics_and_panics_again_when_dropped_ends_in_internal_trailers() {
    let service =
        RichStatusLayer::new("example.com").layer(service_fn(|_: http::Request<()>| async {
            Ok::<_, Infallible>(http::Response::new(Exploding::default()))
        }));
    let response = service.oneshot(http::Request::new(())).await.unwrap();
    assert_answered_panic(&answer_status(response).await);
}

#[tokio::test]
async fn a_predicate_that_panics_answers_internal_and_treats_the_call_as_untrusted() {
    let called = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let inner = {
        let called = called.clone();
        service_fn(move |_: http::Request<()>| {
            called.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async { Ok::<_, Infallible>(Status::not_found("no").into_http::<tonic::body::Body>()) }
        })
    };
    // What a careless service writes: `to_str()` fails on a header that is not ASCII.
    let trusting = RichStatusLayer::new("example.com")
        .debug_info_for(|request| request.headers["x-token"].to_str().unwrap() == "s3cret");
    let budgeting = RichStatusLayer::new("example.com").trailer_budget_for(|request| {
        Some(
            request.headers["x-budget"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap(),
        )
    });
    for layer in [trusting, budgeting] {
        let mut request = grpc_request();
        let hostile = http::HeaderValue::from_bytes(b"\xff\xfe").unwrap();
        request.headers_mut().insert("x-token", hostile.clone());
        request.headers_mut().insert("x-budget", hostile);
        let response = layer.layer(inner.clone()).oneshot(request).await.unwrap();
        assert_answered_panic(&answer_status(response).await);
    }
    assert_eq!(called.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn debug_info_in_trailers_is_taken_out_for_an_untrusted_call() {
    let status = rich_status_tests::stream_failure_with_debug_info("stream failed");
    let layer = RichStatusLayer::new("example.com")
        .debug_info_for(|request| request.headers.contains_key("x-operator"));
    for trusted in [false, true] {
        let mut trailers = http::HeaderMap::new();
        status.add_header(&mut trailers).unwrap();
        let service = layer.layer(service_fn(move |_: http::Request<()>| {
            let frames = [
                Ok::<_, Infallible>(hyper::body::Frame::data(Bytes::from_static(b"\0\0\0\0\0"))),
                Ok(hyper::body::Frame::trailers(trailers.clone())),
            ];
            async move {
                Ok::<_, Infallible>(http::Response::new(StreamBody::new(tokio_stream::iter(
                    frames,
                ))))
            }
        }));
        let mut request = http::Request::new(());
        if trusted {
            request
                .headers_mut()
                .insert("x-operator", "1".parse().unwrap());
        }
        let received = answer_status(service.oneshot(request).await.unwrap()).await;
        assert_eq!(
            (received.code(), received.message()),
            (Code::Internal, "stream failed")
        );
        let details = received.rich_details().unwrap();
        let names: Vec<&str> = details.anys().map(|any| any.type_name()).collect();
        if trusted {
            assert_eq!(received.details(), status.details());
        } else {
            assert_eq!(names, ["google.rpc.ErrorInfo", "google.rpc.Help"]);
            assert_eq!(details.help(), status.rich_details().unwrap().help());
        }
    }
}

/// What the layer answers a panic with, for `request`: its status, content type and
/// whole body. The service panics in its future; the layer trusts `x-operator`.
async fn panic_answer(request: http::Request<()>) -> (u16, String, Bytes) {
    quiet_panics();
    let service = RichStatusLayer::new("example.com")
        .debug_info_for(|request| request.headers.contains_key("x-operator"))
        .layer(service_fn(|_: http::Request<()>| async {
            std::panic::panic_any(PANIC);
            #[allow(unreachable_code)]
            Ok::<_, Infallible>(http::Response::new(tonic::body::Body::empty()))
        }));
    let response = service.oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, body)
}

/// A Connect error's details as `connect::details` reads them.
fn connect_details(error: &serde_json::Value) -> rich_status::Details {
    let mut connect = rich_status::connect::ConnectError::internal("internal error");
    connect.details = error["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| rich_status::connect::ErrorDetail {
            type_url: d["type"].as_str().unwrap().into(),
            value: d["value"].as_str().map(Into::into),
            debug: None,
        })
        .collect();
    rich_status::connect::details(&connect).unwrap()
}

#[tokio::test]
async fn a_connect_unary_call_that_panics_gets_a_connect_error() {
    for operator in [false, true] {
        let mut request = http::Request::post("/helloworld.Greeter/SayHello")
            .header("content-type", "application/json")
            .header("connect-protocol-version", "1");
        if operator {
            request = request.header("x-operator", "1");
        }
        let (status, content_type, body) = panic_answer(request.body(()).unwrap()).await;
        assert_eq!((status, content_type.as_str()), (500, "application/json"));
        let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(error["code"], "internal");
        assert_eq!(error["message"], "internal error");
        assert_eq!(error["details"][0]["type"], "google.rpc.ErrorInfo");
        assert_eq!(error["details"][0]["debug"]["reason"], PANIC_REASON);
        assert_panic_details(&connect_details(&error), "example.com", operator);
    }
}

#[tokio::test]
async fn a_connect_streaming_call_that_panics_ends_its_stream_with_the_error() {
    let request = http::Request::post("/helloworld.Greeter/SayHello")
        .header("content-type", "application/connect+proto")
        .body(())
        .unwrap();
    let (status, content_type, body) = panic_answer(request).await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "application/connect+proto")
    );
    // One end-of-stream message: flags 0b10, a big-endian length, `{"error": ...}`.
    assert_eq!(body[0], 0b10);
    let length = u32::from_be_bytes(body[1..5].try_into().unwrap()) as usize;
    assert_eq!(length, body.len() - 5);
    let end: serde_json::Value = serde_json::from_slice(&body[5..]).unwrap();
    assert_eq!(end["error"]["code"], "internal");
    assert_panic_details(&connect_details(&end["error"]), "example.com", false);
}

#[tokio::test]
async fn an_http_request_that_panics_gets_the_json_error() {
    let request = http::Request::get("/v1/greeting?name=Ada")
        .body(())
        .unwrap();
    let (status, content_type, body) = panic_answer(request).await;
    assert_eq!((status, content_type.as_str()), (500, "application/json"));
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"error": {
            "code": 500,
            "message": "internal error",
            "status": "INTERNAL",
            "details": [{
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": PANIC_REASON,
                "domain": "example.com",
            }],
        }})
    );
}
