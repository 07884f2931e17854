//! Error RPCs per second over one loopback channel, rich status vs bare status, same
//! server: `cargo bench -p rich-status-benches --bench e2e`.
//!
//! The server answers the name `rich` with the greeter's derived error (ErrorInfo with a
//! metadata pair and a QuotaFailure) and `bare` with `Status::new` of the same code and
//! message; `rich_layer` is the rich error from a second server behind
//! `rich_status::server::RichStatusLayer`. Each measured batch sends its calls 32 at a
//! time over one HTTP/2 channel.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use tonic::{Request, Response, Status};

struct Errors;

#[tonic::async_trait]
impl Greeter for Errors {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let name = request.into_inner().name;
        let error = rich_status_examples::GreetError::TooManyGreetings {
            name: "Alice".into(),
        };
        Err(if name == "rich" {
            error.into()
        } else {
            Status::new(tonic::Code::ResourceExhausted, error.to_string())
        })
    }
}

const IN_FLIGHT: usize = 32;

async fn batch(client: &GreeterClient<tonic::transport::Channel>, name: &'static str, calls: u64) {
    let mut pending = tokio::task::JoinSet::new();
    for _ in 0..calls {
        if pending.len() >= IN_FLIGHT {
            pending.join_next().await;
        }
        let mut client = client.clone();
        pending.spawn(async move {
            let status = client
                .say_hello(HelloRequest { name: name.into() })
                .await
                .unwrap_err();
            assert_eq!(status.code(), tonic::Code::ResourceExhausted);
        });
    }
    while pending.join_next().await.is_some() {}
}

/// Serves `Errors` on a loopback port, behind the server layer when `layered`, and
/// gives a client of it.
async fn serve(layered: bool) -> GreeterClient<tonic::transport::Channel> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    let service = GreeterServer::new(Errors);
    if layered {
        let layer = rich_status::server::RichStatusLayer::new("greeter.example.com");
        tokio::spawn(
            tonic::transport::Server::builder()
                .layer(layer)
                .add_service(service)
                .serve_with_incoming(incoming),
        );
    } else {
        tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(service)
                .serve_with_incoming(incoming),
        );
    }
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    GreeterClient::new(channel)
}

fn e2e(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (plain, layered) = runtime.block_on(async { (serve(false).await, serve(true).await) });
    let mut group = c.benchmark_group("e2e/error_rpcs");
    group.throughput(Throughput::Elements(1000));
    for (row, client, name) in [
        ("rich", &plain, "rich"),
        ("rich_layer", &layered, "rich"),
        ("bare", &plain, "bare"),
    ] {
        group.bench_function(row, |b| {
            b.to_async(&runtime).iter(|| batch(client, name, 1000))
        });
    }
    group.finish();
}

criterion_group!(benches, e2e);
criterion_main!(benches);
