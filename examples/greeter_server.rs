//! The greeter server: `cargo run --example greeter_server [-- --addr 127.0.0.1:50051]`.
//!
//! Serves gRPC (HTTP/2), gRPC-Web (HTTP/1.1 and HTTP/2) and the REST route
//! (`GET /v1/greet/{name}`) on one address: `127.0.0.1:50051` unless `--addr` or the
//! environment variable `GREETER_ADDR` says otherwise. Set `GREETER_OPERATOR_TOKEN` to
//! send `DebugInfo` to the calls whose `x-greeter-operator-token` metadata carries it, or
//! `RICH_STATUS_DEBUG_INFO=1` to send it to every call; set `GREETER_CORS_ORIGIN` to let
//! the pages of one other origin call it from the browser.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = address(std::env::args().skip(1), std::env::var("GREETER_ADDR").ok())?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let addr = listener.local_addr()?;
    println!("greeter listening on {addr}; its page: http://{addr}/");
    rich_status_examples::serve(listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

fn address(mut args: impl Iterator<Item = String>, env: Option<String>) -> Result<String, String> {
    match (args.next().as_deref(), args.next()) {
        (Some("--addr"), Some(addr)) => Ok(addr),
        (None, _) => Ok(env.unwrap_or_else(|| "127.0.0.1:50051".into())),
        _ => Err("usage: greeter_server [--addr HOST:PORT]".into()),
    }
}
