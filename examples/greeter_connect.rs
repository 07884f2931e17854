//! The greeter on connect-rust: `cargo run --example greeter_connect [-- --addr 127.0.0.1:50052]`.
//!
//! The same `Greeter` service and the same `GreetError` as `greeter_server`, served by
//! connect-rust over the Connect protocol (JSON and binary), gRPC and gRPC-Web on one
//! address: `127.0.0.1:50052` unless `--addr` says otherwise. Set
//! `GREETER_OPERATOR_TOKEN` to send `DebugInfo` to the calls whose
//! `x-greeter-operator-token` header carries it.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let addr = match (args.next().as_deref(), args.next()) {
        (Some("--addr"), Some(addr)) => addr,
        (None, _) => "127.0.0.1:50052".to_owned(),
        _ => return Err("usage: greeter_connect [--addr HOST:PORT]".into()),
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "greeter (connect-rust) listening on {}",
        listener.local_addr()?
    );
    let token = std::env::var(rich_status_examples::OPERATOR_TOKEN_ENV).ok();
    rich_status_examples::connect_greeter::serve_with(
        rich_status_examples::layer(token),
        listener,
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    )
    .await?;
    Ok(())
}
