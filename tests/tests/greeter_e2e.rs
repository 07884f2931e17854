//! The example greeter over a real loopback connection with a tonic client: every
//! variant of its error enum, 1,000 error RPCs at once over one channel, each status
//! decoded intact.

use rich_status::StatusExt;
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_tests::start_greeter;
use tonic::Code;

/// What each kind of failing name must come back as.
fn expected(name: &str) -> (Code, String, &'static str) {
    match name {
        "" => (
            Code::InvalidArgument,
            "A name is required.".into(),
            "EMPTY_NAME",
        ),
        "Murphy" => (
            Code::Unavailable,
            "The guest book is unavailable.".into(),
            "GUEST_BOOK_UNAVAILABLE",
        ),
        n if n.starts_with("Mallory") => (
            Code::PermissionDenied,
            format!("{n} is not welcome here."),
            "NAME_BLOCKED",
        ),
        _ => (
            Code::ResourceExhausted,
            "Request limit exceeded.".into(),
            "TOO_MANY_GREETINGS",
        ),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_concurrent_error_rpcs_over_one_channel_all_arrive_intact() {
    let (addr, _server) = start_greeter().await;
    let channel = rich_status_tests::connect(addr).await;
    let client = GreeterClient::new(channel);

    // 250 repeat greetings (each name greeted once first), 250 empty names, 250 Mallorys,
    // 250 Murphys.
    let repeats: Vec<String> = (0..250).map(|i| format!("guest-{i}")).collect();
    for name in &repeats {
        let mut c = client.clone();
        c.say_hello(HelloRequest { name: name.clone() })
            .await
            .unwrap();
    }
    let mut names = repeats;
    names.extend((0..250).map(|_| String::new()));
    names.extend((0..250).map(|i| format!("Mallory-{i}")));
    names.extend((0..250).map(|_| "Murphy".to_string()));
    assert_eq!(names.len(), 1000);

    let calls = names.into_iter().map(|name| {
        let mut c = client.clone();
        tokio::spawn(async move {
            let status = c
                .say_hello(HelloRequest { name: name.clone() })
                .await
                .expect_err("every call fails");
            (name, status)
        })
    });
    let results = futures_join_all(calls.collect()).await;

    let mut by_code = std::collections::BTreeMap::new();
    for (name, status) in results {
        let (code, message, reason) = expected(&name);
        assert_eq!(status.code(), code, "{name:?}");
        assert_eq!(status.message(), message, "{name:?}");
        let details = status.rich_details().expect("details decode");
        assert_eq!(details.code(), code);
        assert_eq!(details.message(), message);
        let info = details.error_info().unwrap();
        assert_eq!(info.reason, reason);
        assert_eq!(info.domain, "greeter.example.com");
        match code {
            Code::ResourceExhausted => {
                assert_eq!(info.metadata["name"], name);
                let v = &details.quota_failure().unwrap().violations;
                assert_eq!(v[0].subject, format!("name: {name}"));
                assert_eq!(details.len(), 2);
            }
            Code::InvalidArgument => {
                let v = &details.bad_request().unwrap().field_violations;
                assert_eq!(
                    (v[0].field.as_str(), v[0].reason.as_str()),
                    ("name", "EMPTY_NAME")
                );
                assert_eq!(details.len(), 2);
            }
            _ => assert_eq!(details.len(), 1),
        }
        *by_code.entry(format!("{code:?}")).or_insert(0) += 1;
    }
    assert_eq!(
        by_code.into_iter().collect::<Vec<_>>(),
        [
            ("InvalidArgument".to_string(), 250),
            ("PermissionDenied".to_string(), 250),
            ("ResourceExhausted".to_string(), 250),
            ("Unavailable".to_string(), 250),
        ]
    );
}

/// Awaits every task, in order.
async fn futures_join_all<T: Send + 'static>(tasks: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await.expect("the call task completes"));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn every_variant_of_the_example_enum_round_trips_to_a_rust_client() {
    use rich_status_examples::{GreetError, GuestBookFailure};
    let (addr, _server) = start_greeter().await;
    let mut client = GreeterClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    client
        .say_hello(HelloRequest { name: "Ada".into() })
        .await
        .unwrap();
    let expected = [
        ("Ada", GreetError::TooManyGreetings { name: "Ada".into() }),
        (
            "",
            // validator's report does not cross the wire: decoded, it is empty.
            GreetError::EmptyName {
                report: validator::ValidationErrors::new(),
            },
        ),
        (
            "Mallory the 2nd",
            GreetError::Unwelcome {
                name: "Mallory the 2nd".into(),
            },
        ),
        ("Murphy", GreetError::GuestBook(GuestBookFailure::DiskFull)),
    ];
    for (name, error) in expected {
        let status = client
            .say_hello(HelloRequest { name: name.into() })
            .await
            .unwrap_err();
        assert_eq!(GreetError::try_from(&status).unwrap(), error, "{name:?}");
    }
}
