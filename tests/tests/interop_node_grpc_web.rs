//! Proof over gRPC-Web against a client nobody here wrote: `@connectrpc/connect-node`'s
//! gRPC-Web transport (over HTTP/1.1 and HTTP/2) reads every greeter error from the
//! tonic greeter, its details decoded by protobuf-es from a descriptor set of `proto/`,
//! and 100 concurrent errors intact (see `tests/node/connect_client.js`).

use rich_status_tests::node::{
    assert_a_hundred_concurrent_errors, assert_connect_node_reads_the_greeter,
};
use rich_status_tests::start_server;

#[tokio::test(flavor = "multi_thread")]
async fn connect_node_reads_every_greeter_error_over_grpc_web() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        rich_status_examples::serve_with(layer, listener, shutdown)
    })
    .await;
    for version in ["1.1", "2"] {
        let guest = format!("Ada over HTTP/{version}");
        assert_connect_node_reads_the_greeter(addr, "grpc-web", version, &guest, "s3cret").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_concurrent_errors_arrive_intact_over_grpc_web() {
    let (addr, _server) = rich_status_tests::start_greeter().await;
    for version in ["1.1", "2"] {
        assert_a_hundred_concurrent_errors(addr, "grpc-web", version).await;
    }
}
