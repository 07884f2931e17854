//! Proof against a client nobody here wrote: Node's `@grpc/grpc-js`, reading the greeter
//! (behind the server layer) with the details decoded by protobufjs from `proto/` (see
//! `tests/src/node.rs`).

use rich_status_tests::interop::{arg, greeter_client};
use rich_status_tests::{AWKWARD, node::node, start_greeter};
use serde_json::{Value, json};

/// Runs the client against `addr`: one JSON value per line it prints.
async fn node_client(addr: std::net::SocketAddr, args: Vec<String>) -> Vec<Value> {
    greeter_client(addr, args, |args| node().run("greeter_client.js", args)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn grpc_js_reads_every_variant_of_the_greeter_error() {
    let (addr, _server) = start_greeter().await;
    let out = node_client(
        addr,
        ["dump", "Bob", "Bob", "", "Mallory", "Murphy"]
            .map(|a| if a == "dump" { a.into() } else { arg(a) })
            .into(),
    )
    .await;
    assert_eq!(out[0], json!({"reply": "Hello, Bob!"}));
    assert_eq!(
        out[1],
        json!({"code": 8, "message": "Request limit exceeded.", "inner_code": 8,
               "inner_message": "Request limit exceeded.", "details": [
            {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
             "domain": "greeter.example.com", "metadata": {"name": "Bob"}},
            {"type": "QuotaFailure", "violations": [
                {"subject": "name: Bob", "description": "Limit one greeting per person."}]},
        ]})
    );
    assert_eq!(
        out[2],
        json!({"code": 3, "message": "A name is required.", "inner_code": 3,
               "inner_message": "A name is required.", "details": [
            {"type": "ErrorInfo", "reason": "EMPTY_NAME", "domain": "greeter.example.com"},
            {"type": "BadRequest", "field_violations": [
                {"field": "name", "description": "The name must not be empty.", "reason": "EMPTY_NAME"}]},
        ]})
    );
    assert_eq!(
        out[3],
        json!({"code": 7, "message": "Mallory is not welcome here.", "inner_code": 7,
               "inner_message": "Mallory is not welcome here.", "details": [
            {"type": "ErrorInfo", "reason": "NAME_BLOCKED", "domain": "greeter.example.com",
             "metadata": {"name": "Mallory"}},
        ]})
    );
    assert_eq!(
        out[4],
        json!({"code": 14, "message": "The guest book is unavailable.", "inner_code": 14,
               "inner_message": "The guest book is unavailable.", "details": [
            {"type": "ErrorInfo", "reason": "GUEST_BOOK_UNAVAILABLE", "domain": "greeter.example.com"},
        ]})
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn grpc_js_reads_the_message_exactly_as_the_details_hold_it() {
    let (addr, _server) = start_greeter().await;
    let mut long = format!("{AWKWARD}\n");
    while long.len() < 2048 {
        long.push_str("#1? & + \"quotes\" <b> `t` {b} 100% ");
    }
    let names = [
        "Mallory #1?",
        "Mallory 100% sure & + 'q' \"qq\"",
        &format!("Mallory {AWKWARD}"),
        &format!("Mallory {long}"),
    ];
    let mut args = vec!["dump".to_owned()];
    args.extend(names.iter().map(|n| arg(n)));
    let out = node_client(addr, args).await;
    for (name, out) in names.iter().zip(&out) {
        let expected = format!("{name} is not welcome here.");
        assert_eq!(out["code"], 7);
        assert_eq!(out["message"], expected.as_str(), "err.details");
        assert_eq!(
            out["inner_message"],
            expected.as_str(),
            "the details' message"
        );
        // The 2 KiB name twice, mostly escapes, is over the budget: its metadata value
        // is cut, and marked; the message is whole.
        let metadata = &out["details"][0]["metadata"];
        if metadata.get("richStatusTruncated").is_none() {
            assert_eq!(metadata["name"], *name);
        } else {
            assert_eq!(metadata["richStatusTruncated"], "text");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn grpc_js_reads_100_concurrent_errors_intact() {
    let (addr, _server) = start_greeter().await;
    let out = node_client(
        addr,
        vec!["concurrent".into(), "100".into(), arg("Mallory #1?")],
    )
    .await;
    assert_eq!(out.len(), 100);
    for out in &out {
        assert_eq!(out["message"], "Mallory #1? is not welcome here.");
        assert_eq!(out["inner_message"], "Mallory #1? is not welcome here.");
        assert_eq!(out["details"][0]["reason"], "NAME_BLOCKED");
    }
}
