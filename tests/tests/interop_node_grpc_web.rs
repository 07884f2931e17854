//! Proof over gRPC-Web against a client nobody here wrote: `@connectrpc/connect-node`'s
//! gRPC-Web transport (over HTTP/1.1 and HTTP/2) reads every greeter error, its details
//! decoded by protobuf-es from a descriptor set of `proto/`, and 100 concurrent errors
//! intact (see `tests/node/grpc_web_client.js`).

use prost::Message as _;
use rich_status_tests::{AWKWARD, node::node, scratch_dir, start_server};
use serde_json::{Value, json};

/// The descriptor set of `proto/` that the client reads its message types from,
/// compiled by protox.
fn descriptors() -> std::path::PathBuf {
    let root = rich_status_tests::interop::workspace_root().join("proto");
    let set = protox::compile(
        [
            "helloworld/helloworld.proto",
            "google/rpc/status.proto",
            "google/rpc/error_details.proto",
        ],
        [&root],
    )
    .unwrap();
    let path = scratch_dir("grpc-web-node").join("proto.binpb");
    std::fs::write(&path, set.encode_to_vec()).unwrap();
    path
}

/// Calls the greeter at `addr` once per name, all at once, over gRPC-Web.
async fn call(
    addr: std::net::SocketAddr,
    http_version: &'static str,
    names: &[String],
    token: Option<&'static str>,
) -> Vec<Value> {
    let descriptors = descriptors();
    let names = serde_json::to_string(names).unwrap();
    let out = tokio::task::spawn_blocking(move || {
        let url = format!("http://{addr}");
        let mut args = vec![descriptors.to_str().unwrap(), &url, http_version, &names];
        args.extend(token);
        node().run("grpc_web_client.js", &args)
    })
    .await
    .unwrap();
    serde_json::from_str(out.trim()).unwrap()
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_node_reads_every_greeter_error_over_grpc_web() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        rich_status_examples::serve_with(layer, listener, shutdown)
    })
    .await;
    for version in ["1.1", "2"] {
        let ada = format!("Ada over HTTP/{version}");
        assert_eq!(
            call(addr, version, std::slice::from_ref(&ada), None).await,
            [json!({"reply": format!("Hello, {ada}!")})]
        );
        let mallory = format!("Mallory{AWKWARD}");
        let long = format!("Mallory {}", "#?% \"ü\" ".repeat(2048 / 9));
        let out = call(
            addr,
            version,
            &[
                ada.clone(),
                String::new(),
                mallory.clone(),
                "Murphy".into(),
                long.clone(),
            ],
            None,
        )
        .await;
        assert_eq!(
            out[0],
            json!({"code": 8, "message": "Request limit exceeded.", "details": [
                {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
                 "domain": "greeter.example.com", "metadata": {"name": ada}},
                {"type": "QuotaFailure", "violations": [
                    {"subject": format!("name: {ada}"), "description": "Limit one greeting per person."}]},
            ]})
        );
        assert_eq!(
            out[1],
            json!({"code": 3, "message": "A name is required.", "details": [
                {"type": "ErrorInfo", "reason": "EMPTY_NAME", "domain": "greeter.example.com"},
                {"type": "BadRequest", "field_violations": [
                    {"field": "name", "description": "The name must not be empty.",
                     "reason": "EMPTY_NAME"}]},
            ]})
        );
        assert_eq!(
            out[2],
            json!({"code": 7, "message": format!("{mallory} is not welcome here."), "details": [
                {"type": "ErrorInfo", "reason": "NAME_BLOCKED",
                 "domain": "greeter.example.com", "metadata": {"name": mallory}},
            ]})
        );
        // 2 KiB of characters the spec percent-encodes (three bytes each in
        // `grpc-message`): the message arrives whole, the metadata's copy is cut to the
        // trailer budget and the cut marked.
        assert_eq!(out[4]["code"], 7);
        assert_eq!(out[4]["message"], format!("{long} is not welcome here."));
        let info = &out[4]["details"][0];
        assert_eq!(info["reason"], "NAME_BLOCKED");
        assert_eq!(info["metadata"]["richStatusTruncated"], "text");
        let kept = info["metadata"]["name"].as_str().unwrap();
        assert!(
            long.starts_with(kept) && !kept.is_empty(),
            "{} bytes kept",
            kept.len()
        );
        let murphy = json!({"code": 14, "message": "The guest book is unavailable.", "details": [
            {"type": "ErrorInfo", "reason": "GUEST_BOOK_UNAVAILABLE", "domain": "greeter.example.com"},
        ]});
        assert_eq!(out[3], murphy);

        // The operator's call alone gets DebugInfo.
        let trusted = call(addr, version, &names(&["Murphy"]), Some("s3cret")).await;
        let mut with_debug = murphy.clone();
        with_debug["details"].as_array_mut().unwrap().push(
            json!({"type": "DebugInfo", "stack_entries": ["guest book disk is full"],
                         "detail": "GuestBook(DiskFull)"}),
        );
        assert_eq!(trusted, [with_debug]);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_concurrent_errors_arrive_intact_over_grpc_web() {
    let (addr, _server) = rich_status_tests::start_greeter().await;
    let names: Vec<String> = (0..100)
        .map(|i| format!("Mallory #{i}? {AWKWARD}"))
        .collect();
    for version in ["1.1", "2"] {
        let out = call(addr, version, &names, None).await;
        assert_eq!(out.len(), 100);
        for (name, got) in names.iter().zip(&out) {
            assert_eq!(got["code"], 7, "{got}");
            assert_eq!(got["message"], format!("{name} is not welcome here."));
            assert_eq!(got["details"][0]["metadata"]["name"], name.as_str());
        }
    }
}
