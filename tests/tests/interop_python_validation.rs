//! Python's grpcio (`rpc_status.from_call`) reads the `BadRequest` that validator's and
//! garde's reports become: every violation's field, reason and description, in order.

use std::collections::HashMap;

use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_tests::python::python;
use serde_json::{Value, json};
use tonic::{Request, Response, Status};
use validator::Validate as _;

#[derive(validator::Validate)]
struct Signup {
    #[validate(length(min = 3, code = "too_short", message = "At least 3 letters."))]
    name: String,
    #[validate(nested)]
    pets: Vec<Pet>,
}

#[derive(validator::Validate)]
struct Pet {
    #[validate(range(min = 0, max = 30))]
    age_years: i32,
}

#[derive(garde::Validate)]
struct Tags {
    #[garde(dive)]
    by_key: HashMap<String, Tag>,
}

#[derive(garde::Validate)]
struct Tag {
    #[garde(length(max = 2))]
    text: String,
}

/// Answers `validator` and `garde` with the status of a report of that library.
struct Validating;

#[tonic::async_trait]
impl Greeter for Validating {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let which = request.into_inner().name;
        let status = if which == "validator" {
            let signup = Signup {
                name: "Zo".into(),
                pets: vec![Pet { age_years: 3 }, Pet { age_years: -1 }],
            };
            let report = signup.validate().unwrap_err();
            rich_status::validation::invalid_request(&report, "signup.example.com")
        } else {
            let tags = Tags {
                by_key: HashMap::from([
                    (
                        "a.b".to_string(),
                        Tag {
                            text: "long".into(),
                        },
                    ),
                    ("ok".to_string(), Tag { text: "ok".into() }),
                ]),
            };
            let report = garde::Validate::validate(&tags).unwrap_err();
            rich_status::validation::invalid_request(&report, "tags.example.com")
        };
        Err(status)
    }
}

fn python_dump(port: &str, which: &str) -> Value {
    let out = python().run("greeter_client.py", &[port, "dump", which]);
    serde_json::from_str(out.trim()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn python_reads_each_reports_violations() {
    let (addr, _server) = rich_status_tests::start_server(|listener, shutdown| {
        tonic::transport::Server::builder()
            .add_service(GreeterServer::new(Validating))
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
    })
    .await;
    let port = format!("127.0.0.1:{}", addr.port());
    let (validator, garde) = tokio::task::spawn_blocking(move || {
        (python_dump(&port, "validator"), python_dump(&port, "garde"))
    })
    .await
    .unwrap();

    assert_eq!(validator["code"], 3);
    assert_eq!(validator["message"], "The request is invalid.");
    assert_eq!(
        validator["details"],
        json!([
            {"type": "ErrorInfo", "reason": "INVALID_REQUEST", "domain": "signup.example.com", "metadata": {}},
            {"type": "BadRequest", "field_violations": [
                {"field": "name", "description": "At least 3 letters.", "reason": "TOO_SHORT"},
                {"field": "pets[1].age_years", "description": "Must be at least 0 and at most 30.",
                 "reason": "RANGE"},
            ]},
        ])
    );

    assert_eq!(garde["code"], 3);
    assert_eq!(
        garde["details"][1],
        json!({"type": "BadRequest", "field_violations": [
            {"field": "by_key.`a.b`.text", "description": "length is greater than 2", "reason": ""},
        ]})
    );
}
