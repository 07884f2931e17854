//! The greeter on connect-rust (`greeter_connect`), the same `GreetError` as the tonic
//! greeter's, read by `@connectrpc/connect-node` over the Connect protocol (JSON and
//! binary), gRPC-Web and gRPC: every variant's code, message and every detail field,
//! `DebugInfo` for the operator alone, awkward and 2 KiB names, and 100 concurrent
//! errors (see `tests/node/connect_client.js`).

use rich_status_tests::node::{
    assert_a_hundred_concurrent_errors, assert_connect_node_reads_the_greeter, connect_client,
};
use rich_status_tests::start_server;

/// Every protocol connect-rust serves, and the HTTP versions each is read over.
const PROTOCOLS: [(&str, &str); 5] = [
    ("connect-json", "1.1"),
    ("connect-binary", "2"),
    ("grpc-web", "1.1"),
    ("grpc-web", "2"),
    ("grpc", "2"),
];

#[tokio::test(flavor = "multi_thread")]
async fn connect_node_reads_every_greeter_error_from_connect_rust_over_every_protocol() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        rich_status_examples::connect_greeter::serve_with(layer, listener, shutdown)
    })
    .await;
    for (protocol, version) in PROTOCOLS {
        let guest = format!("Ada over {protocol} HTTP/{version}");
        assert_connect_node_reads_the_greeter(addr, protocol, version, &guest, "s3cret").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_concurrent_errors_arrive_intact_from_connect_rust() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(None);
        rich_status_examples::connect_greeter::serve_with(layer, listener, shutdown)
    })
    .await;
    for (protocol, version) in PROTOCOLS {
        assert_a_hundred_concurrent_errors(addr, protocol, version).await;
    }
}

/// A connect-rust handler that panics, under the server layer: every protocol's client
/// reads `INTERNAL`, the generic message and the layer's `ErrorInfo`, as its protocol
/// writes them (a Connect error for the Connect protocol, a status for gRPC and
/// gRPC-Web).
#[tokio::test(flavor = "multi_thread")]
async fn connect_node_reads_a_panicking_connect_rust_handlers_answer_over_every_protocol() {
    use rich_status_tests::panicky::{PanickyConnect, quiet_panics};
    use tower::Layer as _;
    quiet_panics();
    let (addr, _server) = start_server(|listener, shutdown| {
        let router =
            connectrpc::Router::new().add_service(std::sync::Arc::new(PanickyConnect::default()));
        let layer = rich_status_examples::layer(None);
        let app = axum::Router::new().fallback_service(layer.layer(router.into_axum_service()));
        std::future::IntoFuture::into_future(
            axum::serve(listener, app).with_graceful_shutdown(shutdown),
        )
    })
    .await;
    for (protocol, version) in PROTOCOLS {
        let out = connect_client(addr, protocol, version, &["panic".into()], None).await;
        assert_eq!(
            out,
            [
                serde_json::json!({"code": 13, "message": "internal error", "details": [
                    {"type": "ErrorInfo", "reason": rich_status::server::PANIC_REASON,
                     "domain": "greeter.example.com"},
                ]})
            ],
            "{protocol} over HTTP/{version}"
        );
    }
}
