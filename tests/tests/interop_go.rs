//! Proof against a client nobody here wrote: grpc-go, with the details read by
//! `status.Convert(err).Details()` and genproto's `errdetails` (see `tests/src/go.rs`),
//! against the greeter behind the server layer.

use rich_status_tests::interop::{arg, greeter_client};
use rich_status_tests::{AWKWARD, go::go_client, start_greeter};
use serde_json::{Value, json};

/// Runs the client against `addr`: one JSON value per line it prints.
async fn go(addr: std::net::SocketAddr, args: Vec<String>) -> Vec<Value> {
    greeter_client(addr, args, |args| go_client().run(args)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn grpc_go_reads_every_variant_of_the_greeter_error() {
    let (addr, _server) = start_greeter().await;
    let mut args = vec!["dump".to_owned()];
    args.extend(["Bob", "Bob", "", "Mallory", "Murphy"].map(arg));
    let out = go(addr, args).await;
    assert_eq!(out[0], json!({"reply": "Hello, Bob!"}));
    assert_eq!(
        out[1],
        json!({"code": 8, "message": "Request limit exceeded.", "details": [
            {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
             "domain": "greeter.example.com", "metadata": {"name": "Bob"}},
            {"type": "QuotaFailure", "violations": [
                {"subject": "name: Bob", "description": "Limit one greeting per person."}]},
        ]})
    );
    assert_eq!(
        out[2],
        json!({"code": 3, "message": "A name is required.", "details": [
            {"type": "ErrorInfo", "reason": "EMPTY_NAME", "domain": "greeter.example.com"},
            {"type": "BadRequest", "field_violations": [
                {"field": "name", "description": "The name must not be empty."}]},
        ]})
    );
    assert_eq!(
        out[3],
        json!({"code": 7, "message": "Mallory is not welcome here.", "details": [
            {"type": "ErrorInfo", "reason": "NAME_BLOCKED", "domain": "greeter.example.com",
             "metadata": {"name": "Mallory"}},
        ]})
    );
    assert_eq!(
        out[4],
        json!({"code": 14, "message": "The guest book is unavailable.", "details": [
            {"type": "ErrorInfo", "reason": "GUEST_BOOK_UNAVAILABLE", "domain": "greeter.example.com"},
        ]})
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn grpc_go_reads_awkward_messages_and_100_concurrent_errors_intact() {
    let (addr, _server) = start_greeter().await;
    let names = [
        "Mallory #1?".to_owned(),
        "Mallory 100% sure & + 'q' \"qq\"".to_owned(),
        format!("Mallory {AWKWARD}"),
    ];
    let mut args = vec!["dump".to_owned()];
    args.extend(names.iter().map(|n| arg(n)));
    let out = go(addr, args).await;
    for (name, out) in names.iter().zip(&out) {
        assert_eq!(out["message"], format!("{name} is not welcome here."));
        assert_eq!(out["details"][0]["metadata"]["name"], name.as_str());
    }
    let out = go(
        addr,
        vec!["concurrent".into(), "100".into(), arg("Mallory #1?")],
    )
    .await;
    assert_eq!(out.len(), 100);
    for out in &out {
        assert_eq!(out["message"], "Mallory #1? is not welcome here.");
        assert_eq!(out["details"][0]["reason"], "NAME_BLOCKED");
    }
}
