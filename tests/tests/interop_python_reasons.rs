//! The greeter's catalogue as a `.proto` file, compiled by Python's `grpc_tools.protoc`,
//! gives a Python client constants that equal the `ErrorInfo.reason` of every error the
//! greeter sends.

use rich_status_tests::python::python;

#[tokio::test(flavor = "multi_thread")]
async fn a_python_client_compares_every_reason_with_the_generated_enum() {
    let proto = rich_status_tests::catalog_example("proto");
    let dir = rich_status_tests::scratch_dir("interop-python-reasons");
    let file = dir.join("greeter_reasons.proto");
    std::fs::write(&file, &proto).unwrap();

    let (addr, _server) = rich_status_tests::start_greeter().await;
    let out = tokio::task::spawn_blocking(move || {
        let port = format!("127.0.0.1:{}", addr.port());
        let file = file.to_str().unwrap().to_owned();
        let out_dir = dir.to_str().unwrap().to_owned();
        python().run("reasons_client.py", &[&port, &file, &out_dir])
    })
    .await
    .unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let expected = [
        serde_json::json!({"reason": "TOO_MANY_GREETINGS", "value": 1}),
        serde_json::json!({"reason": "EMPTY_NAME", "value": 2}),
        serde_json::json!({"reason": "NAME_BLOCKED", "value": 3}),
        serde_json::json!({"reason": "GUEST_BOOK_UNAVAILABLE", "value": 4}),
        serde_json::json!({"values": [
            "GREETER_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED",
            "TOO_MANY_GREETINGS",
            "EMPTY_NAME",
            "NAME_BLOCKED",
            "GUEST_BOOK_UNAVAILABLE",
        ]}),
    ];
    assert_eq!(lines, expected, "{out}");
}
