//! A greeter whose handler panics, for the tests of the server layer's answer to a
//! panic over each protocol.

use rich_status_examples::GreeterService;
use rich_status_examples::proto::greeter_server::Greeter;
use rich_status_examples::proto::{HelloReply, HelloRequest};
use tonic::{Request, Response, Status};

/// The payload of the handler's panic, which [`quiet_panics`] keeps out of the output.
pub const PANIC: &str = "the greeter cannot greet a panic";

/// The greeter, but its handler panics on the name `panic`.
#[derive(Debug, Default)]
pub struct Panicky(pub GreeterService);

#[tonic::async_trait]
impl Greeter for Panicky {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        if request.get_ref().name == "panic" {
            std::panic::panic_any(PANIC);
        }
        self.0.say_hello(request).await
    }
}

/// Keeps the panics whose payload is [`PANIC`] from printing; others print as before.
pub fn quiet_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.payload().downcast_ref::<&str>() != Some(&PANIC) {
            default_hook(info);
        }
    }));
}
