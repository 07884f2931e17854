//! The greeter client: `cargo run --example greeter_client [-- --addr http://127.0.0.1:50051] [NAME]`.
//!
//! Greets NAME (default "Alice") twice and prints the rich error of the second greeting:
//! code, message and every detail, decoded, and the server's `GreetError` it stands for.
//! It calls through `rich_status::client`: the details guard, so that no answer can
//! panic it, and `retry`, so that a greeter that is restarting gets another try.

use std::time::Duration;

use rich_status::client::{DetailsGuard, RetryPolicy, retry};
use rich_status_examples::GreetError;
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut addr = std::env::var("GREETER_ADDR")
        .map(|a| format!("http://{a}"))
        .unwrap_or_else(|_| "http://127.0.0.1:50051".into());
    let mut name = String::from("Alice");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => addr = args.next().ok_or("--addr needs a value")?,
            _ => name = arg,
        }
    }
    let channel = tonic::transport::Endpoint::from_shared(addr)?
        .connect()
        .await?;
    // The details guard: no answer of the server's can panic this client.
    let client = GreeterClient::new(DetailsGuard::new(channel));
    // UNAVAILABLE, and RESOURCE_EXHAUSTED or ABORTED with a RetryInfo, get another try.
    let policy = RetryPolicy::new()
        .max_attempts(3)
        .deadline(Duration::from_secs(5));
    for _ in 0..2 {
        let greeting = retry(&policy, |attempt| {
            let mut client = client.clone();
            let request = attempt.request(HelloRequest { name: name.clone() });
            async move { client.say_hello(request).await }
        })
        .await;
        match greeting {
            Ok(reply) => println!("{}", reply.into_inner().message),
            Err(status) => {
                print!("{}", rich_status_examples::describe(&status));
                match GreetError::try_from(&status) {
                    Ok(error) => println!("as the server's error: {error:?}\n"),
                    Err(error) => println!("not a GreetError: {error}\n"),
                }
            }
        }
    }
    Ok(())
}
