//! Proof against clients and servers nobody here wrote: Python's grpcio with
//! grpcio-status, in a virtualenv the harness makes (see `tests/src/python.rs`).

use rich_status::StatusExt;
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_tests::interop::{arg, greeter_client};
use rich_status_tests::{AWKWARD, python::python, start_greeter};
use serde_json::{Value, json};

/// Runs the client against `addr`: one JSON value per line it prints.
async fn python_client(addr: std::net::SocketAddr, args: Vec<String>) -> Vec<Value> {
    greeter_client(addr, args, |args| python().run("greeter_client.py", args)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn python_client_reads_the_greeters_quota_failure_as_in_grpcs_example() {
    let (addr, _server) = start_greeter().await;
    // The script asserts every field in Python and prints what it read.
    let out = python_client(addr, vec!["example".into(), arg("Alice")]).await;
    assert_eq!(
        out,
        [json!({
            "code": 8,
            "message": "Request limit exceeded.",
            "details": [
                {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
                 "domain": "greeter.example.com", "metadata": {"name": "Alice"}},
                {"type": "QuotaFailure", "violations": [
                    {"subject": "name: Alice", "description": "Limit one greeting per person."}]},
            ],
        })]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn python_client_reads_every_variant_of_the_greeter_error() {
    let (addr, _server) = start_greeter().await;
    let out = python_client(
        addr,
        vec![
            "dump".into(),
            arg("Bob"),
            arg(""),
            arg("Mallory"),
            arg("Murphy"),
        ],
    )
    .await;
    assert_eq!(out[0], json!({"reply": "Hello, Bob!"}));
    assert_eq!(
        out[1],
        json!({"code": 3, "message": "A name is required.", "details": [
            {"type": "ErrorInfo", "reason": "EMPTY_NAME", "domain": "greeter.example.com", "metadata": {}},
            {"type": "BadRequest", "field_violations": [
                {"field": "name", "description": "The name must not be empty.", "reason": "EMPTY_NAME"}]},
        ]})
    );
    assert_eq!(
        out[2],
        json!({"code": 7, "message": "Mallory is not welcome here.", "details": [
            {"type": "ErrorInfo", "reason": "NAME_BLOCKED", "domain": "greeter.example.com",
             "metadata": {"name": "Mallory"}},
        ]})
    );
    // DebugInfo is off by default: the Python client sees ErrorInfo only.
    assert_eq!(
        out[3],
        json!({"code": 14, "message": "The guest book is unavailable.", "details": [
            {"type": "ErrorInfo", "reason": "GUEST_BOOK_UNAVAILABLE", "domain": "greeter.example.com", "metadata": {}},
        ]})
    );
}

/// 2 KiB of text with `%`, newlines and non-ASCII in it. (Two KiB made only of such
/// characters would not fit C-core's 8 KiB trailer limit once percent-encoded and
/// base64-encoded; the budget tests cover that.)
fn awkward_2k() -> String {
    let mut text = format!("{AWKWARD}\n");
    while text.len() < 2048 {
        text.push_str("The quick brown fox jumps over the lazy dog. ");
    }
    text.push_str(AWKWARD);
    text
}

#[tokio::test(flavor = "multi_thread")]
async fn awkward_text_reaches_python_intact_in_message_and_metadata() {
    let (addr, _server) = start_greeter().await;
    let long = awkward_2k();
    // In the message: Unwelcome puts the name into it.
    let blocked = format!("Mallory {long}");
    // In metadata values: TooManyGreetings puts the name into ErrorInfo and QuotaFailure.
    let out = python_client(
        addr,
        vec![
            "dump".into(),
            arg(&blocked),
            arg(&long),
            arg(&long),
            arg(AWKWARD),
            arg(AWKWARD),
        ],
    )
    .await;
    assert_eq!(out[0]["code"], 7);
    assert_eq!(out[0]["message"], format!("{blocked} is not welcome here."));
    assert_eq!(out[1], json!({"reply": format!("Hello, {long}!")}));
    assert_eq!(out[2]["code"], 8);
    assert_eq!(out[2]["details"][0]["metadata"]["name"], long.as_str());
    assert_eq!(
        out[2]["details"][1]["violations"][0]["subject"],
        format!("name: {long}")
    );
    assert_eq!(out[4]["details"][0]["metadata"]["name"], AWKWARD);
}

#[tokio::test(flavor = "multi_thread")]
async fn rust_client_reads_every_detail_from_a_python_server() {
    let server = tokio::task::spawn_blocking(|| python().start_server("rich_server.py"))
        .await
        .unwrap();
    let mut client = GreeterClient::connect(format!("http://127.0.0.1:{}", server.port))
        .await
        .unwrap();
    for name in ["Ada".to_string(), AWKWARD.to_string(), awkward_2k()] {
        let status = client
            .say_hello(HelloRequest { name: name.clone() })
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::ResourceExhausted);
        assert_eq!(status.message(), format!("Too many greetings for {name}"));
        let details = status.rich_details().expect("Python's details decode");
        assert_eq!(details.message(), status.message());
        let info = details.error_info().unwrap();
        assert_eq!(info.reason, "TOO_MANY_GREETINGS");
        assert_eq!(info.domain, "greeter.python.example.com");
        assert_eq!(info.metadata["name"], name);
        assert_eq!(info.metadata["limit"], "1");
        let quota = &details.quota_failure().unwrap().violations;
        assert_eq!(quota.len(), 1);
        assert_eq!(quota[0].subject, format!("name: {name}"));
        assert_eq!(quota[0].description, "Limit one greeting per person.");
        let debug = details.debug_info().unwrap();
        assert_eq!(
            debug.stack_entries,
            ["greeter.py:42 SayHello", "server.py:7 handle"]
        );
        assert_eq!(debug.detail, "served by the Python greeter");
        let bad = &details.bad_request().unwrap().field_violations;
        assert_eq!(bad.len(), 1);
        assert_eq!(
            (bad[0].field.as_str(), bad[0].reason.as_str()),
            ("name", "ALREADY_GREETED")
        );
        assert_eq!(bad[0].description, format!("{name} was greeted already"));
        let order: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
        assert_eq!(
            order,
            [
                "google.rpc.ErrorInfo",
                "google.rpc.QuotaFailure",
                "google.rpc.DebugInfo",
                "google.rpc.BadRequest"
            ]
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn grpcio_reads_the_layers_grpc_message_exactly_as_the_details_hold_it() {
    let (addr, _server) = start_greeter().await;
    let names = [
        "Mallory #1?".to_owned(),
        "Mallory 100% sure & + 'q' \"qq\" <b> `t` {b}".to_owned(),
        format!("Mallory {AWKWARD}"),
    ];
    let mut args = vec!["dump".to_owned()];
    args.extend(names.iter().map(|n| arg(n)));
    // The script asserts that `err.details()` equals the details' message.
    let out = python_client(addr, args).await;
    for (name, out) in names.iter().zip(&out) {
        assert_eq!(out["code"], 7);
        assert_eq!(out["message"], format!("{name} is not welcome here."));
    }
}
