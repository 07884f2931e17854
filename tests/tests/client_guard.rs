//! The client's details guard against a raw HTTP/2 server on loopback that answers every
//! call with a `grpc-status-details-bin` tonic cannot decode: in a Trailers-Only answer
//! and in trailers after headers (and a message), to unary and server-streaming calls.
//! A plain tonic client panics on each of them; through `DetailsGuardLayer` every call
//! ends with the server's code and message, and `rich_details()` says the details were
//! dropped.

use std::net::SocketAddr;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response};
use prost::Message as _;
use rich_status::client::{DROPPED_DETAILS_KEY, DetailsGuard, DetailsGuardLayer};
use rich_status::{StatusExt, decode::DecodeErrorKind};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use tonic::Code;
use tonic::transport::Channel;
use tower::Layer as _;

/// Each malformed form, with what base64 reports of it.
const MALFORMED: [(&[&str], &str); 6] = [
    (&["!!!not base64!!!"], "Invalid symbol 33, offset 0."),
    (&["CAUS Cm5v"], "Invalid symbol 32, offset 4."),
    (&["CAUSCm5vIHN1Y2ggaWQ-_"], "Invalid symbol 95, offset 20."),
    (&["CAUSAWE=="], "Invalid symbol 61, offset 7."),
    (&["C"], "Invalid input length: 1"),
    (
        &["!!!not base64!!!", "CAUSDG5vIHN1Y2ggdXNlcg"],
        "Invalid symbol 33, offset 0.",
    ),
];

/// How the server answers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// The status in the response headers, nothing else.
    TrailersOnly,
    /// Headers, one `HelloReply`, then the status in trailers.
    HeadersThenTrailers,
}

/// The status every answer carries: `NOT_FOUND`, "no such user", and `details`.
fn status_headers(details: &[&str]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("grpc-status", HeaderValue::from_static("5"));
    headers.insert("grpc-message", HeaderValue::from_static("no%20such%20user"));
    for value in details {
        headers.append(
            "grpc-status-details-bin",
            HeaderValue::from_str(value).unwrap(),
        );
    }
    headers
}

/// A raw h2 server on loopback answering every call in `shape` with `status`.
async fn raw_server(status: HeaderMap, shape: Shape) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let status = status.clone();
            tokio::spawn(async move {
                let mut connection = h2::server::handshake(socket).await.unwrap();
                while let Some(Ok((request, respond))) = connection.accept().await {
                    tokio::spawn(answer(request, respond, status.clone(), shape));
                }
            });
        }
    });
    addr
}

async fn answer(
    request: http::Request<h2::RecvStream>,
    mut respond: h2::server::SendResponse<Bytes>,
    status: HeaderMap,
    shape: Shape,
) {
    let mut body = request.into_body();
    while let Some(Ok(data)) = body.data().await {
        let _ = body.flow_control().release_capacity(data.len());
    }
    let mut headers = Response::builder()
        .status(200)
        .header("content-type", "application/grpc");
    if shape == Shape::TrailersOnly {
        for (name, value) in &status {
            headers = headers.header(name, value);
        }
        respond
            .send_response(headers.body(()).unwrap(), true)
            .unwrap();
        return;
    }
    let mut stream = respond
        .send_response(headers.body(()).unwrap(), false)
        .unwrap();
    let reply = HelloReply {
        message: "Hello, Alice!".into(),
    }
    .encode_to_vec();
    let mut frame = vec![0];
    frame.extend_from_slice(&(reply.len() as u32).to_be_bytes());
    frame.extend_from_slice(&reply);
    stream.send_data(frame.into(), false).unwrap();
    stream.send_trailers(status).unwrap();
}

fn request() -> tonic::Request<HelloRequest> {
    tonic::Request::new(HelloRequest {
        name: "Alice".into(),
    })
}

/// Greets Alice with a unary call or a server-streaming one, and gives the replies
/// before the status it ended with.
async fn call<T>(channel: T, streaming: bool) -> (Vec<String>, tonic::Status)
where
    T: tonic::client::GrpcService<tonic::body::Body>,
    T::Error: Into<tonic::codegen::StdError>,
    T::ResponseBody: http_body::Body<Data = Bytes> + Send + 'static,
    <T::ResponseBody as http_body::Body>::Error: Into<tonic::codegen::StdError> + Send,
{
    let mut grpc = tonic::client::Grpc::new(channel);
    assert!(grpc.ready().await.is_ok(), "the channel is not ready");
    let codec = tonic_prost::ProstCodec::<HelloRequest, HelloReply>::default();
    if !streaming {
        let path = http::uri::PathAndQuery::from_static("/helloworld.Greeter/SayHello");
        return (
            Vec::new(),
            grpc.unary(request(), path, codec).await.unwrap_err(),
        );
    }
    let path = http::uri::PathAndQuery::from_static("/helloworld.Greeter/SayHellos");
    let mut stream = match grpc.server_streaming(request(), path, codec).await {
        Ok(response) => response.into_inner(),
        Err(status) => return (Vec::new(), status),
    };
    let mut replies = Vec::new();
    loop {
        match stream.message().await {
            Ok(Some(reply)) => replies.push(reply.message),
            Ok(None) => panic!("the stream ended without the server's status"),
            Err(status) => return (replies, status),
        }
    }
}

fn guarded(channel: Channel) -> DetailsGuard<Channel> {
    DetailsGuardLayer.layer(channel)
}

/// The status the server sent, with the dropped details named.
fn assert_dropped(status: &tonic::Status, reason: &str, case: &str) {
    assert_eq!(status.code(), Code::NotFound, "{case}");
    assert_eq!(status.message(), "no such user", "{case}");
    assert!(status.details().is_empty(), "{case}");
    let error = status.rich_details().unwrap_err();
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::DetailsDropped {
            reason: reason.into()
        },
        "{case}"
    );
    assert_eq!(
        error.to_string(),
        format!("grpc-status-details-bin was malformed and dropped before tonic read it: {reason}"),
        "{case}"
    );
    assert!(status.rich_view().is_err(), "{case}");
}

#[tokio::test]
async fn every_malformed_form_ends_with_the_servers_code_and_message() {
    for (details, reason) in MALFORMED {
        for shape in [Shape::TrailersOnly, Shape::HeadersThenTrailers] {
            let case = format!("{details:?} in {shape:?}");
            let channel =
                rich_status_tests::connect(raw_server(status_headers(details), shape).await).await;

            let status = call(guarded(channel.clone()), false).await.1;
            assert_dropped(&status, reason, &format!("unary, {case}"));

            let (replies, status) = call(guarded(channel), true).await;
            assert_dropped(&status, reason, &format!("server-streaming, {case}"));
            let sent = match shape {
                Shape::TrailersOnly => Vec::<String>::new(),
                Shape::HeadersThenTrailers => vec!["Hello, Alice!".into()],
            };
            assert_eq!(replies, sent, "{case}");
        }
    }
}

#[tokio::test]
async fn valid_details_pass_untouched() {
    let bytes = rich_status::encode_status(Code::NotFound, "no such user", |w| {
        w.error_info("USER_UNKNOWN", "users.example.com")
            .metadata("user", "alice");
    });
    let value = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes)
    };
    for shape in [Shape::TrailersOnly, Shape::HeadersThenTrailers] {
        let channel =
            rich_status_tests::connect(raw_server(status_headers(&[&value]), shape).await).await;
        for status in [
            call(guarded(channel.clone()), false).await.1,
            call(guarded(channel), true).await.1,
        ] {
            assert_eq!(status.details(), &bytes[..], "{shape:?}");
            assert!(status.metadata().get(DROPPED_DETAILS_KEY).is_none());
            let details = status.rich_details().unwrap();
            let info = details.error_info().unwrap();
            assert_eq!(info.reason, "USER_UNKNOWN");
            assert_eq!(info.metadata["user"], "alice");
        }
    }
}

#[tokio::test]
async fn a_marker_the_server_forges_is_removed() {
    let mut forged = status_headers(&[]);
    forged.insert(DROPPED_DETAILS_KEY, HeaderValue::from_static("forged"));
    for shape in [Shape::TrailersOnly, Shape::HeadersThenTrailers] {
        let channel = rich_status_tests::connect(raw_server(forged.clone(), shape).await).await;
        // Unguarded, the marker reads as the guard's.
        let plain = call(channel.clone(), false).await.1;
        assert!(matches!(
            plain.rich_details().unwrap_err().kind(),
            DecodeErrorKind::DetailsDropped { reason } if reason == "forged"
        ));
        // The guard removes it: a status without details.
        let status = call(guarded(channel), false).await.1;
        assert!(status.metadata().get(DROPPED_DETAILS_KEY).is_none());
        let details = status.rich_details().unwrap();
        assert_eq!(
            (details.code(), details.len()),
            (Code::NotFound, 0),
            "{shape:?}"
        );
    }
}

/// The raw server does crash a plain tonic client, with each malformed form in each
/// shape: the guard's tests above test something.
#[tokio::test]
async fn without_the_guard_each_form_panics_tonic() {
    for (details, _) in MALFORMED {
        for shape in [Shape::TrailersOnly, Shape::HeadersThenTrailers] {
            let channel =
                rich_status_tests::connect(raw_server(status_headers(details), shape).await).await;
            let task = tokio::spawn(async move { call(channel, false).await.1 });
            let error = task.await.unwrap_err();
            let panic = error.into_panic();
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or_default();
            assert!(
                message.starts_with("Invalid status header, expected base64 encoded value"),
                "{details:?} in {shape:?}: {message}"
            );
        }
    }
}

/// One frame of [`early_status_peer`]'s answers.
type PeerFrame = Result<http_body::Frame<bytes::Bytes>, std::convert::Infallible>;

/// The body of [`early_status_peer`]'s answers.
type PeerBody = http_body_util::StreamBody<tokio_stream::Iter<std::vec::IntoIter<PeerFrame>>>;

/// A peer that sends `grpc-status` in its headers and then goes on: one message, and
/// the trailers `trailers` if given.
fn early_status_peer(
    trailers: Option<http::HeaderMap>,
) -> impl tower::Service<
    http::Request<()>,
    Response = http::Response<PeerBody>,
    Error = std::convert::Infallible,
> + Clone {
    tower::service_fn(move |_: http::Request<()>| {
        let mut frames = vec![Ok(http_body::Frame::data(bytes::Bytes::from_static(
            b"\0\0\0\0\0",
        )))];
        frames.extend(trailers.clone().map(|t| Ok(http_body::Frame::trailers(t))));
        let response = http::Response::builder()
            .header("grpc-status", "7")
            .header("grpc-message", "early")
            .body(http_body_util::StreamBody::new(tokio_stream::iter(frames)))
            .unwrap();
        async move { Ok(response) }
    })
}

#[tokio::test]
async fn an_early_status_waits_for_the_trailers_and_stands_in_when_none_come() {
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;

    // The trailers come: they carry the status, as tonic then reads it.
    let mut trailers = http::HeaderMap::new();
    rich_status::status(tonic::Code::PermissionDenied, "late", |w| {
        w.error_info("BLOCKED", "example.com");
    })
    .add_header(&mut trailers)
    .unwrap();
    let guarded = DetailsGuardLayer.layer(early_status_peer(Some(trailers)));
    let response = guarded.oneshot(http::Request::new(())).await.unwrap();
    assert!(!response.headers().contains_key("grpc-status"));
    let collected = response.into_body().collect().await.unwrap();
    let status = tonic::Status::from_header_map(collected.trailers().unwrap()).unwrap();
    assert_eq!(status.message(), "late");
    assert_eq!(
        status.rich_details().unwrap().error_info().unwrap().reason,
        "BLOCKED"
    );

    // No trailers: the headers' status ends the call.
    let guarded = DetailsGuardLayer.layer(early_status_peer(None));
    let response = guarded.oneshot(http::Request::new(())).await.unwrap();
    let collected = response.into_body().collect().await.unwrap();
    let status = tonic::Status::from_header_map(collected.trailers().unwrap()).unwrap();
    assert_eq!(
        (status.code(), status.message()),
        (tonic::Code::PermissionDenied, "early")
    );
}
