//! RPCs per second over one loopback channel, rich status vs bare status, same server,
//! and through the client's details guard vs a bare channel:
//! `cargo bench -p rich-status-benches --bench e2e`.
//!
//! The server answers the name `rich` with the greeter's derived error (ErrorInfo with a
//! metadata pair and a QuotaFailure), `bare` with `Status::new` of the same code and
//! message, and `ok` with a greeting; `rich_layer` is the rich error from a second server
//! behind `rich_status::server::RichStatusLayer`, `*_guarded` the same calls through
//! `rich_status::client::DetailsGuard`. Each measured batch sends its calls 32 at a time
//! over one HTTP/2 channel.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rich_status::client::DetailsGuard;
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
        if name == "ok" {
            return Ok(Response::new(HelloReply {
                message: "Hello, ok!".into(),
            }));
        }
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

/// Makes `calls` calls of `name`, `IN_FLIGHT` at a time, and checks each answer's code.
async fn batch<T>(client: &GreeterClient<T>, name: &'static str, calls: u64)
where
    T: tonic::client::GrpcService<tonic::body::Body> + Clone + Send + 'static,
    T::Future: Send,
    T::Error: Into<tonic::codegen::StdError>,
    T::ResponseBody: tonic::codegen::Body<Data = bytes::Bytes> + Send + 'static,
    <T::ResponseBody as tonic::codegen::Body>::Error: Into<tonic::codegen::StdError> + Send,
{
    let expected = match name {
        "ok" => tonic::Code::Ok,
        _ => tonic::Code::ResourceExhausted,
    };
    let mut pending = tokio::task::JoinSet::new();
    for _ in 0..calls {
        if pending.len() >= IN_FLIGHT {
            pending.join_next().await;
        }
        let mut client = client.clone();
        pending.spawn(async move {
            let code = match client.say_hello(HelloRequest { name: name.into() }).await {
                Ok(_) => tonic::Code::Ok,
                Err(status) => status.code(),
            };
            assert_eq!(code, expected);
        });
    }
    while pending.join_next().await.is_some() {}
}

/// Serves `Errors` on a loopback port, behind the server layer when `layered`, and
/// gives a channel to it.
async fn serve(layered: bool) -> tonic::transport::Channel {
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
    tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

fn e2e(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (plain, layered) = runtime.block_on(async { (serve(false).await, serve(true).await) });
    let guarded = GreeterClient::new(DetailsGuard::new(plain.clone()));
    let layered = GreeterClient::new(layered);
    let plain = GreeterClient::new(plain);

    let mut group = c.benchmark_group("e2e/error_rpcs");
    group.throughput(Throughput::Elements(1000));
    group.bench_function("rich", |b| {
        b.to_async(&runtime).iter(|| batch(&plain, "rich", 1000))
    });
    group.bench_function("rich_layer", |b| {
        b.to_async(&runtime).iter(|| batch(&layered, "rich", 1000))
    });
    group.bench_function("rich_guarded", |b| {
        b.to_async(&runtime).iter(|| batch(&guarded, "rich", 1000))
    });
    group.bench_function("bare", |b| {
        b.to_async(&runtime).iter(|| batch(&plain, "bare", 1000))
    });
    group.bench_function("bare_guarded", |b| {
        b.to_async(&runtime).iter(|| batch(&guarded, "bare", 1000))
    });
    group.finish();

    // Answers without grpc-status-details-bin: what the guard costs every call.
    let mut group = c.benchmark_group("e2e/ok_rpcs");
    group.throughput(Throughput::Elements(1000));
    group.bench_function("ok", |b| {
        b.to_async(&runtime).iter(|| batch(&plain, "ok", 1000))
    });
    group.bench_function("ok_guarded", |b| {
        b.to_async(&runtime).iter(|| batch(&guarded, "ok", 1000))
    });
    group.finish();
}

criterion_group!(benches, e2e);
criterion_main!(benches);
