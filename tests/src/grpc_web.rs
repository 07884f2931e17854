//! A gRPC-Web call made by hand over hyper, as the gRPC-Web protocol writes it: a POST of
//! `application/grpc-web+proto` whose body is the length-prefixed request, answered by
//! length-prefixed messages and a last frame (flag 0x80) that holds the trailers as HTTP/1
//! header lines, or by a Trailers-Only answer whose status is in the headers.

use bytes::{Buf, Bytes};
use http::{HeaderMap, HeaderName, HeaderValue};
use http_body_util::BodyExt as _;

/// The HTTP version a call goes over: HTTP/1.1, or HTTP/2 with prior knowledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Http1,
    Http2,
}

/// What a gRPC-Web call got back.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub http_status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The messages, each a length-prefixed frame's payload.
    pub messages: Vec<Bytes>,
    /// The trailers frame's headers, when the body had one.
    pub trailers: Option<HeaderMap>,
}

impl Answer {
    /// The `content-type` of the answer.
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Where the status is: the trailers frame, or the headers of a Trailers-Only answer.
    pub fn status_headers(&self) -> &HeaderMap {
        self.trailers.as_ref().unwrap_or(&self.headers)
    }

    /// The call's status as tonic reads it from those headers; `None` for an OK call.
    pub fn status(&self) -> Option<tonic::Status> {
        tonic::Status::from_header_map(self.status_headers())
            .filter(|status| status.code() != tonic::Code::Ok)
    }
}

/// Calls `path` at `addr` over gRPC-Web with `request` and the extra `headers`.
pub async fn call(
    addr: std::net::SocketAddr,
    version: Version,
    path: &str,
    request: &impl prost::Message,
    headers: &[(&str, &str)],
) -> Answer {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let io = hyper_util::rt::TokioIo::new(stream);
    let mut body = vec![0u8];
    let encoded = request.encode_to_vec();
    body.extend_from_slice(&(encoded.len() as u32).to_be_bytes());
    body.extend_from_slice(&encoded);
    let mut builder = http::Request::post(format!("http://{addr}{path}"))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1");
    if version == Version::Http1 {
        builder = builder.header("host", addr.to_string());
    }
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = builder
        .body(http_body_util::Full::new(Bytes::from(body)))
        .unwrap();
    let response = match version {
        Version::Http1 => {
            let (mut sender, connection) = hyper::client::conn::http1::handshake(io).await.unwrap();
            tokio::spawn(connection);
            sender.send_request(request).await.unwrap()
        }
        Version::Http2 => {
            let (mut sender, connection) =
                hyper::client::conn::http2::handshake(hyper_util::rt::TokioExecutor::new(), io)
                    .await
                    .unwrap();
            tokio::spawn(connection);
            sender.send_request(request).await.unwrap()
        }
    };
    let http_status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let (messages, trailers) = frames(body);
    Answer {
        http_status,
        headers,
        messages,
        trailers,
    }
}

/// A gRPC-Web response body read into its messages and its trailers frame.
pub fn frames(mut body: Bytes) -> (Vec<Bytes>, Option<HeaderMap>) {
    let mut messages = Vec::new();
    let mut trailers = None;
    while body.len() >= 5 {
        let flag = body.get_u8();
        let len = body.get_u32() as usize;
        assert!(body.len() >= len, "a frame of {len} bytes is cut short");
        let payload = body.split_to(len);
        if flag & 0x80 != 0 {
            trailers = Some(parse_trailers(&payload));
        } else {
            messages.push(payload);
        }
    }
    assert!(body.is_empty(), "{} bytes after the last frame", body.len());
    (messages, trailers)
}

/// The trailers frame's `name: value\r\n` lines.
fn parse_trailers(payload: &[u8]) -> HeaderMap {
    let text = std::str::from_utf8(payload).expect("trailers are text");
    let mut map = HeaderMap::new();
    for line in text.split("\r\n").filter(|line| !line.is_empty()) {
        let (name, value) = line.split_once(':').expect("a trailer line has a colon");
        map.append(
            HeaderName::from_bytes(name.trim().to_ascii_lowercase().as_bytes()).unwrap(),
            HeaderValue::from_str(value.trim()).unwrap(),
        );
    }
    map
}
