//! The greeter's page in a real browser: Debian's Chromium, driven by playwright-core,
//! greets over gRPC-Web (connect-web) and over the REST route, and each error is drawn
//! from its details: the violation beside the field it names, the quota's subject, the
//! ErrorInfo reason, DebugInfo for the operator alone. Screenshots of every case go to
//! `target/browser-screenshots/`.

use rich_status_tests::{node::node, start_server, web};
use serde_json::{Value, json};

const TOKEN: &str = "s3cret";

/// One greeting the page makes.
fn case(label: &str, name: &str, protocol: &str, token: Option<&str>) -> Value {
    json!({"label": label, "name": name, "protocol": protocol, "token": token.unwrap_or("")})
}

/// Which greeter serves the page.
#[derive(Clone, Copy)]
enum Server {
    Tonic,
    ConnectRust,
}

/// What the page showed for each case, in order.
async fn greet_in_the_browser(server: Server, cases: Vec<Value>) -> Vec<Value> {
    web::built_page();
    let chromium = web::chromium();
    let (addr, _server) = start_server(move |listener, shutdown| async move {
        let layer = rich_status_examples::layer(Some(TOKEN.into()));
        match server {
            Server::Tonic => rich_status_examples::serve_with(layer, listener, shutdown).await,
            Server::ConnectRust => {
                rich_status_examples::connect_greeter::serve_with(layer, listener, shutdown).await
            }
        }
    })
    .await;
    let out = tokio::task::spawn_blocking(move || {
        let url = format!("http://{addr}/");
        let screenshots = web::screenshot_dir();
        let cases = serde_json::to_string(&cases).unwrap();
        node().run_with_env(
            "browser.js",
            &[&url, screenshots.to_str().unwrap(), &cases],
            &[("CHROMIUM", chromium.to_str().unwrap())],
        )
    })
    .await
    .unwrap();
    serde_json::from_str(out.trim()).unwrap()
}

/// What the page shows for an error: its code, message and reason, and nothing else
/// unless given.
fn error(code: &str, message: &str, reason: &str) -> Value {
    json!({
        "code": code,
        "reason": reason,
        "texts": {
            "code": code,
            "message": message,
            "reason": format!("{reason} (greeter.example.com)"),
            "reply": null,
            "quota": [],
            "debug": null,
        },
        "violations": [],
        "button_disabled": false,
    })
}

fn without_label(mut shown: Value) -> Value {
    shown.as_object_mut().unwrap().remove("label");
    shown
}

/// Greets over each of `protocols` (each with its own guest) on `server`, and checks
/// what the page shows for every greeter error.
async fn every_greeter_error_drawn(server: Server, protocols: &[(&str, &str)]) {
    let awkward = "Mallory #1? 100% \"sûr\" 'naïve' 名前 🦀 a/b&c=d";
    let mut long = String::from("Mallory ");
    while long.len() < 2048 {
        long.push_str("#?% \"ü\" / ");
    }
    let server_name = match server {
        Server::Tonic => "tonic",
        Server::ConnectRust => "connect-rust",
    };
    let mut cases = Vec::new();
    for (protocol, guest) in protocols {
        let label = |what: &str| format!("{server_name}-{protocol}-{what}");
        cases.extend([
            case(&label("ok"), guest, protocol, None),
            case(&label("quota"), guest, protocol, None),
            case(&label("empty-name"), "", protocol, None),
            case(&label("awkward"), awkward, protocol, None),
            case(&label("long"), &long, protocol, None),
            case(&label("murphy"), "Murphy", protocol, None),
            case(
                &label("murphy-wrong-token"),
                "Murphy",
                protocol,
                Some("guess"),
            ),
            case(&label("murphy-operator"), "Murphy", protocol, Some(TOKEN)),
        ]);
    }
    let shown = greet_in_the_browser(server, cases).await;
    assert_eq!(shown.len(), 8 * protocols.len());
    for ((protocol, guest), page) in protocols.iter().zip(shown.chunks(8)) {
        let label = |i: usize| page[i]["label"].as_str().unwrap().to_owned();
        let mut ok = error("OK", "", "");
        ok["reason"] = json!("");
        ok["texts"] = json!({"code": null, "message": null, "reason": null,
                             "reply": format!("Hello, {guest}!"), "quota": [], "debug": null});
        assert_eq!(without_label(page[0].clone()), ok, "{}", label(0));

        let mut quota = error(
            "RESOURCE_EXHAUSTED",
            "Request limit exceeded.",
            "TOO_MANY_GREETINGS",
        );
        quota["texts"]["quota"] = json!([format!("name: {guest}: Limit one greeting per person.")]);
        assert_eq!(without_label(page[1].clone()), quota, "{}", label(1));

        let mut empty = error("INVALID_ARGUMENT", "A name is required.", "EMPTY_NAME");
        empty["violations"] =
            json!([{"for": "name", "text": "The name must not be empty.", "beside_field": true}]);
        assert_eq!(without_label(page[2].clone()), empty, "{}", label(2));

        for (i, name) in [(3, awkward), (4, long.as_str())] {
            let blocked = error(
                "PERMISSION_DENIED",
                &format!("{name} is not welcome here."),
                "NAME_BLOCKED",
            );
            assert_eq!(without_label(page[i].clone()), blocked, "{}", label(i));
        }

        let murphy = error(
            "UNAVAILABLE",
            "The guest book is unavailable.",
            "GUEST_BOOK_UNAVAILABLE",
        );
        assert_eq!(
            without_label(page[5].clone()),
            murphy,
            "{protocol}: untrusted"
        );
        assert_eq!(
            without_label(page[6].clone()),
            murphy,
            "{protocol}: a wrong token"
        );
        let mut operator = murphy.clone();
        operator["texts"]["debug"] = json!("GuestBook(DiskFull)\nguest book disk is full");
        assert_eq!(
            without_label(page[7].clone()),
            operator,
            "{protocol}: the operator"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_draws_every_greeter_error_from_its_details_over_grpc_web_and_rest() {
    every_greeter_error_drawn(Server::Tonic, &[("grpc-web", "Ada"), ("rest", "Bob")]).await;
    for label in ["tonic-grpc-web-empty-name", "tonic-rest-murphy-operator"] {
        let shot = web::screenshot_dir().join(format!("{label}.png"));
        let png = std::fs::read(&shot).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", shot.display());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_draws_the_connect_rust_greeters_errors_over_the_connect_protocol_too() {
    every_greeter_error_drawn(
        Server::ConnectRust,
        &[("connect", "Cy"), ("grpc-web", "Di"), ("rest", "Ed")],
    )
    .await;
}
