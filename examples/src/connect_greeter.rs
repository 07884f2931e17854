//! The greeter on connect-rust: the same [`GreeterService`] and the same [`GreetError`](crate::GreetError)
//! (which says `#[rich_status(connect)]`, so the handler's `?` makes a `ConnectError`),
//! over the Connect protocol, gRPC and gRPC-Web from one handler.

use std::sync::Arc;

use connectrpc::{RequestContext, Response, ServiceRequest, ServiceResult};

use crate::GreeterService;
use crate::connect_proto::helloworld::{Greeter, HelloReply, HelloRequest};

/// The greeter as connect-rust's `Greeter` service.
#[derive(Debug, Default)]
pub struct ConnectGreeter(pub Arc<GreeterService>);

impl Greeter for ConnectGreeter {
    // The trait allows any encodable reply; this one is the owned message.
    #[allow(refining_impl_trait)]
    async fn say_hello(
        &self,
        _ctx: RequestContext,
        request: ServiceRequest<'_, HelloRequest>,
    ) -> ServiceResult<HelloReply> {
        let request = crate::proto::HelloRequest {
            name: request.name.to_owned(),
        };
        let message = self.0.greet(&request)?; // GreetError -> rich ConnectError
        Response::ok(HelloReply {
            message,
            ..Default::default()
        })
    }
}

/// The connect-rust greeter's whole server: the Connect protocol, gRPC and gRPC-Web
/// from connect-rust, and the REST route and the web page as the tonic greeter
/// serves them, one guest book for all, with `layer` on every call: what the layer
/// decides per call (`DebugInfo` for the operator) holds while the handler converts
/// its error.
pub fn app(layer: rich_status::server::RichStatusLayer) -> axum::Router {
    use tower::Layer as _;
    let service = Arc::new(GreeterService::default());
    let greeter = Arc::new(ConnectGreeter(service.clone()));
    let router = connectrpc::Router::new().add_service(greeter);
    let connect = layer.clone().layer(router.into_axum_service());
    crate::rest_and_page(service, layer).fallback_service(connect)
}

/// Serves [`app`] with `layer` on `listener` until `shutdown` completes.
pub async fn serve_with(
    layer: rich_status::server::RichStatusLayer,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    crate::serve_app(app(layer), listener, shutdown).await
}
