//! A tonic client against the greeter on connect-rust, over gRPC. connect-rust 0.9
//! sends `grpc-status` in the response headers without ending the stream, then the
//! trailers with the details: tonic reads the headers as a Trailers-Only answer and
//! never sees the details. Through `rich_status::client::DetailsGuard`, which holds such
//! an early status back until the trailers come (and sends it if they do not), the
//! same client gets every detail and the server's own `GreetError` back.

use rich_status::StatusExt;
use rich_status::client::DetailsGuard;
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_examples::{GreetError, GuestBookFailure};
use rich_status_tests::start_server;

async fn start_connect_greeter() -> (std::net::SocketAddr, impl Sized) {
    start_server(|listener, shutdown| {
        let layer = rich_status_examples::layer(None);
        rich_status_examples::connect_greeter::serve_with(layer, listener, shutdown)
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bare_tonic_client_gets_code_and_message_but_no_details() {
    let (addr, _server) = start_connect_greeter().await;
    let mut client = GreeterClient::new(rich_status_tests::connect(addr).await);
    let status = client
        .say_hello(HelloRequest {
            name: "Mallory".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::PermissionDenied);
    assert_eq!(status.message(), "Mallory is not welcome here.");
    assert!(status.details().is_empty(), "the details arrived after all");
}

#[tokio::test(flavor = "multi_thread")]
async fn through_the_details_guard_a_tonic_client_gets_every_detail() {
    let (addr, _server) = start_connect_greeter().await;
    let channel = DetailsGuard::new(rich_status_tests::connect(addr).await);
    let mut client = GreeterClient::new(channel);
    let reply = client
        .say_hello(HelloRequest { name: "Ada".into() })
        .await
        .unwrap();
    assert_eq!(reply.into_inner().message, "Hello, Ada!");
    let cases = [
        ("Ada", GreetError::TooManyGreetings { name: "Ada".into() }),
        (
            "",
            GreetError::EmptyName {
                report: validator::ValidationErrors::new(),
            },
        ),
        (
            "Mallory #1?",
            GreetError::Unwelcome {
                name: "Mallory #1?".into(),
            },
        ),
        ("Murphy", GreetError::GuestBook(GuestBookFailure::DiskFull)),
    ];
    for (name, expected) in cases {
        let status = client
            .say_hello(HelloRequest { name: name.into() })
            .await
            .unwrap_err();
        assert_eq!(GreetError::try_from(&status).unwrap(), expected, "{name:?}");
    }
    let status = client
        .say_hello(HelloRequest { name: "Ada".into() })
        .await
        .unwrap_err();
    let details = status.rich_details().unwrap();
    assert_eq!(
        details.quota_failure().unwrap().violations[0].subject,
        "name: Ada"
    );
}
