//! Python's grpcio reads every standard detail the derive writes, each unpacked with the
//! official `google.rpc` classes. (Its own binary: it turns the DebugInfo policy on.)

use rich_status::RichStatus;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_tests::python::python;
use serde_json::json;
use tonic::{Request, Response, Status};

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "details.example.com")]
pub enum CatalogueError {
    #[error("everything at once for {name}")]
    #[rich_status(
        code = FailedPrecondition,
        quota_failure(subject = "name: {name}", description = "one per person"),
        precondition_failure(type = "TOS", subject = "terms/{name}", description = "accept the terms"),
        bad_request(field = "name", description = "{name} is taken", reason = "TAKEN"),
        help(description = "docs", url = "https://docs.example.com/{name}"),
        resource_info(resource_type = "person", resource_name = "people/{name}", owner = "user:{name}", description = "held"),
        request_info(request_id = "req-{name}", serving_data = "shard=1"),
        localized_message(locale = "de-DE", message = "Alles auf einmal für {name}"),
        retry_info(delay = "1.5s"),
        debug_info,
    )]
    Everything {
        #[rich_status(metadata)]
        name: String,
        #[source]
        cause: std::io::Error,
    },
}

struct Catalogue;

#[tonic::async_trait]
impl Greeter for Catalogue {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let name = request.into_inner().name;
        let cause = std::io::Error::other("disk full");
        Err(CatalogueError::Everything { name, cause }.into())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn python_unpacks_every_standard_detail_the_derive_writes() {
    rich_status::policy::set_debug_info(true);
    let (addr, _server) = rich_status_tests::start_server(|listener, shutdown| {
        tonic::transport::Server::builder()
            .add_service(GreeterServer::new(Catalogue))
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
    })
    .await;
    let out = tokio::task::spawn_blocking(move || {
        let port = format!("127.0.0.1:{}", addr.port());
        python().run("greeter_client.py", &[&port, "dump", "\"Zoë\""])
    })
    .await
    .unwrap();
    let got: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(got["code"], 9);
    assert_eq!(got["message"], "everything at once for Zoë");
    let details = got["details"].as_array().unwrap();
    let expected = [
        json!({"type": "ErrorInfo", "reason": "EVERYTHING", "domain": "details.example.com",
               "metadata": {"name": "Zoë"}}),
        json!({"type": "QuotaFailure", "violations": [{"subject": "name: Zoë", "description": "one per person"}]}),
        json!({"type": "PreconditionFailure", "violations": [
            {"type": "TOS", "subject": "terms/Zoë", "description": "accept the terms"}]}),
        json!({"type": "BadRequest", "field_violations": [
            {"field": "name", "description": "Zoë is taken", "reason": "TAKEN"}]}),
        json!({"type": "Help", "links": [{"description": "docs", "url": "https://docs.example.com/Zoë"}]}),
        json!({"type": "ResourceInfo", "resource_type": "person", "resource_name": "people/Zoë",
               "owner": "user:Zoë", "description": "held"}),
        json!({"type": "RequestInfo", "request_id": "req-Zoë", "serving_data": "shard=1"}),
        json!({"type": "LocalizedMessage", "locale": "de-DE", "message": "Alles auf einmal für Zoë"}),
        json!({"type": "RetryInfo", "retry_delay": "1.500s"}),
        json!({"type": "DebugInfo", "stack_entries": ["disk full"],
               "detail": "Everything { name: \"Zoë\", cause: Custom { kind: Other, error: \"disk full\" } }"}),
    ];
    assert_eq!(details.len(), expected.len(), "{got}");
    for (detail, want) in details.iter().zip(&expected) {
        assert_eq!(detail, want);
    }
}
