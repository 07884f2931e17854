//! Python's `connectrpc` (ConnectRPC's own client, from PyPI) reads the greeter on
//! connect-rust over the Connect protocol, JSON and binary: every variant's code,
//! message and detail fields (unpacked with the official `google.rpc` classes), the
//! operator's `DebugInfo`, awkward and 2 KiB names.

use rich_status_tests::python::python;
use rich_status_tests::{AWKWARD, start_server};
use serde_json::{Value, json};

fn call(
    addr: std::net::SocketAddr,
    codec: &str,
    names: &[&str],
    token: Option<&str>,
) -> Vec<Value> {
    let url = format!("http://{addr}");
    let names: Vec<String> = names
        .iter()
        .map(|n| serde_json::to_string(n).unwrap())
        .collect();
    let mut args = vec![url.as_str(), codec];
    args.extend(names.iter().map(String::as_str));
    if let Some(token) = token {
        args.extend(["--token", token]);
    }
    python()
        .run("connect_client.py", &args)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn python_connectrpc_reads_every_greeter_error_from_connect_rust() {
    let (addr, _server) = start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(Some("s3cret".into()));
        rich_status_examples::connect_greeter::serve_with(layer, listener, shutdown)
    })
    .await;
    let mallory = format!("Mallory{AWKWARD}");
    let long = format!("Mallory {}", "#?% \"ü\" ".repeat(2048 / 9));
    for (codec, guest) in [("json", "Ada"), ("binary", "Bob")] {
        let names = [guest, guest, "", mallory.as_str(), long.as_str(), "Murphy"];
        let out = tokio::task::spawn_blocking({
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            move || {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                (
                    call(addr, codec, &names, None),
                    call(addr, codec, &["Murphy"], Some("s3cret")),
                )
            }
        })
        .await
        .unwrap();
        let (out, trusted) = out;
        assert_eq!(
            out[0],
            json!({"reply": format!("Hello, {guest}!")}),
            "{codec}"
        );
        assert_eq!(
            out[1],
            json!({"code": "RESOURCE_EXHAUSTED", "message": "Request limit exceeded.", "details": [
                {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
                 "domain": "greeter.example.com", "metadata": {"name": guest}},
                {"type": "QuotaFailure", "violations": [
                    {"subject": format!("name: {guest}"), "description": "Limit one greeting per person."}]},
            ]}),
            "{codec}"
        );
        assert_eq!(
            out[2],
            json!({"code": "INVALID_ARGUMENT", "message": "A name is required.", "details": [
                {"type": "ErrorInfo", "reason": "EMPTY_NAME", "domain": "greeter.example.com",
                 "metadata": {}},
                {"type": "BadRequest", "field_violations": [
                    {"field": "name", "description": "The name must not be empty.",
                     "reason": "EMPTY_NAME"}]},
            ]}),
            "{codec}"
        );
        assert_eq!(
            out[3],
            json!({"code": "PERMISSION_DENIED", "message": format!("{mallory} is not welcome here."),
                   "details": [{"type": "ErrorInfo", "reason": "NAME_BLOCKED",
                                "domain": "greeter.example.com", "metadata": {"name": mallory}}]}),
            "{codec}"
        );
        // The 2 KiB name: the message whole, the metadata cut to the trailer budget.
        assert_eq!(
            out[4]["message"],
            format!("{long} is not welcome here."),
            "{codec}"
        );
        assert_eq!(
            out[4]["details"][0]["metadata"]["richStatusTruncated"],
            "text"
        );
        let murphy = json!({"code": "UNAVAILABLE", "message": "The guest book is unavailable.",
            "details": [{"type": "ErrorInfo", "reason": "GUEST_BOOK_UNAVAILABLE",
                         "domain": "greeter.example.com", "metadata": {}}]});
        assert_eq!(out[5], murphy, "{codec}");
        let mut with_debug = murphy;
        with_debug["details"]
            .as_array_mut()
            .unwrap()
            .push(json!({"type": "DebugInfo",
            "stack_entries": ["guest book disk is full"], "detail": "GuestBook(DiskFull)"}));
        assert_eq!(trusted, [with_debug], "{codec}");
    }
}
