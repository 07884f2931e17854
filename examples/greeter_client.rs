//! The greeter client: `cargo run --example greeter_client [-- --addr http://127.0.0.1:50051] [NAME]`.
//!
//! Greets NAME (default "Alice") twice and prints the rich error of the second greeting:
//! code, message and every detail, decoded, and the server's `GreetError` it stands for.

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
    let mut client = GreeterClient::connect(addr).await?;
    for _ in 0..2 {
        let request = HelloRequest { name: name.clone() };
        match client.say_hello(request).await {
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
