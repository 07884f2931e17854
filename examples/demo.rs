//! The whole story in one process: `cargo run --example demo`.
//!
//! Starts the greeter on an ephemeral loopback port, then greets as a client would and
//! prints each rich error, decoded: the second greeting of a name (gRPC's own example),
//! an empty name, Mallory, and Murphy (whose `DebugInfo` is sent only once the service
//! turns it on).

use rich_status::client::DetailsGuard;
use rich_status_examples::GreetError;
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(rich_status_examples::serve(listener, async {
        let _ = stopped.await;
    }));
    println!("greeter listening on {addr}\n");

    // Through the details guard: nothing the server answers can panic the client.
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))?
        .connect()
        .await?;
    let mut client = GreeterClient::new(DetailsGuard::new(channel));
    let mut greet = async |name: &str| {
        let shown = if name.is_empty() { "\"\"" } else { name };
        println!("> SayHello({shown})");
        match client.say_hello(HelloRequest { name: name.into() }).await {
            Ok(reply) => println!("{}\n", reply.into_inner().message),
            Err(status) => {
                print!("{}", rich_status_examples::describe(&status));
                // A Rust client gets the server's own error back.
                match GreetError::try_from(&status) {
                    Ok(error) => println!("as the server's error: {error:?}\n"),
                    Err(error) => println!("not a GreetError: {error}\n"),
                }
            }
        }
    };

    greet("Alice").await;
    greet("Alice").await;
    greet("").await;
    greet("Mallory").await;
    greet("Murphy").await;
    println!("(the service turns DebugInfo on: rich_status::policy::set_debug_info(true))\n");
    rich_status::policy::set_debug_info(true);
    greet("Murphy").await;

    let _ = stop.send(());
    server.await??;
    Ok(())
}
