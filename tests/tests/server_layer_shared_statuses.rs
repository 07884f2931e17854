//! `DebugInfo` goes to trusted calls and to no one else, whatever built the status: the
//! server layer takes it out of the answers of every other call at the door. Services
//! share statuses between calls (request coalescing, a cache of failures, a gateway
//! passing an upstream's details on), so a status built for a trusted call, or by
//! another service, reaches calls it was not built for.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use prost::Message as _;
use rich_status::{StatusExt, detail::type_url, pb};
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_examples::proto::greeter_server::{Greeter, GreeterServer};
use rich_status_examples::proto::{HelloReply, HelloRequest};
use rich_status_examples::{GreetError, GuestBookFailure, OPERATOR_HEADER};
use rich_status_tests::start_server;
use tokio::sync::OnceCell;
use tonic::transport::Channel;
use tonic::{Code, Request, Response, Status};

/// A greeter that shares its failures between calls, by the name it is given:
/// `coalesced N` awaits the one lookup of round N that every call of that round shares,
/// `cached N` reads the failure an earlier call of round N left in a cache, `forwarded`
/// passes on an upstream's status with its `DebugInfo`.
#[derive(Default)]
struct Sharing {
    lookups: Mutex<HashMap<String, Arc<OnceCell<Status>>>>,
    cache: Mutex<HashMap<String, Status>>,
}

/// The guest book's failure, built (with `DebugInfo` when the call that builds it is
/// trusted) in the call that converts it.
fn guest_book_failure() -> Status {
    GreetError::GuestBook(GuestBookFailure::DiskFull).into()
}

/// What an upstream service sent: its `ErrorInfo`, its `DebugInfo` twice (as a typed
/// detail and as a raw `Any`), and a `RequestInfo`.
fn upstream(debug_info: bool) -> Status {
    let debug = pb::DebugInfo {
        stack_entries: vec!["upstream frame 1".into()],
        detail: "upstream internals".into(),
    };
    rich_status::status(Code::Unavailable, "upstream failed", |w| {
        w.error_info("UPSTREAM_FAILED", "gateway.example.com");
        if debug_info {
            w.detail(&debug);
        }
        w.request_info("r-1");
        if debug_info {
            w.any(type_url::DEBUG_INFO, &debug.encode_to_vec());
        }
    })
}

#[tonic::async_trait]
impl Greeter for Sharing {
    async fn say_hello(
        &self,
        request: Request<HelloRequest>,
    ) -> Result<Response<HelloReply>, Status> {
        let name = request.into_inner().name;
        if name.starts_with("coalesced") {
            let lookup = self
                .lookups
                .lock()
                .unwrap()
                .entry(name)
                .or_default()
                .clone();
            let status = lookup
                .get_or_init(|| async {
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    guest_book_failure()
                })
                .await;
            return Err(status.clone());
        }
        if name.starts_with("cached") {
            let mut cache = self.cache.lock().unwrap();
            return Err(cache.entry(name).or_insert_with(guest_book_failure).clone());
        }
        Err(upstream(true))
    }
}

async fn serve() -> (GreeterClient<Channel>, rich_status_tests::GreeterGuard) {
    let (addr, guard) = start_server(|listener, shutdown| async move {
        tonic::transport::Server::builder()
            .layer(rich_status_examples::layer(Some("s3cret".into())))
            .add_service(GreeterServer::new(Sharing::default()))
            .serve_with_incoming_shutdown(
                tokio_stream::wrappers::TcpListenerStream::new(listener),
                shutdown,
            )
            .await
    })
    .await;
    let channel = rich_status_tests::connect(addr).await;
    (GreeterClient::new(channel), guard)
}

/// Greets `name` as a trusted caller (with the operator token) or not.
async fn greet(client: &GreeterClient<Channel>, name: String, trusted: bool) -> Status {
    let mut request = Request::new(HelloRequest { name });
    if trusted {
        request
            .metadata_mut()
            .insert(OPERATOR_HEADER, "s3cret".parse().unwrap());
    }
    client.clone().say_hello(request).await.unwrap_err()
}

/// Whether any byte of a `DebugInfo` is in the status's details.
fn carries_debug_info(status: &Status) -> bool {
    let bytes = status.details();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"google.rpc.DebugInfo")
        || has(b"disk is full")
        || has(b"upstream frame")
        || has(b"upstream internals")
}

/// The guest book's failure with the code, message and `ErrorInfo` it always has.
fn assert_guest_book_failure(status: &Status) {
    assert_eq!(status.code(), Code::Unavailable);
    assert_eq!(status.message(), "The guest book is unavailable.");
    let details = status.rich_details().unwrap();
    let info = details.error_info().unwrap();
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        ("GUEST_BOOK_UNAVAILABLE", "greeter.example.com")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn calls_that_await_one_shared_lookup_get_debug_info_only_when_trusted() {
    let (client, _server) = serve().await;
    let mut leaked = 0;
    let mut trusted_got_it = 0;
    for round in 0..40 {
        let name = format!("coalesced {round}");
        // Whoever comes first builds the status; the other awaits the same one.
        let trusted_first = round % 2 == 0;
        let first = greet(&client, name.clone(), trusted_first);
        let second = async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            greet(&client, name.clone(), !trusted_first).await
        };
        let (first, second) = tokio::join!(first, second);
        let (trusted, untrusted) = if trusted_first {
            (first, second)
        } else {
            (second, first)
        };
        assert_guest_book_failure(&trusted);
        assert_guest_book_failure(&untrusted);
        leaked += usize::from(carries_debug_info(&untrusted));
        if trusted_first {
            let debug = trusted.rich_details().unwrap().debug_info().unwrap();
            assert_eq!(debug.stack_entries, ["guest book disk is full"]);
            trusted_got_it += 1;
        }
    }
    assert_eq!(leaked, 0, "untrusted calls that received DebugInfo");
    assert_eq!(trusted_got_it, 20);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failure_cached_by_a_trusted_call_reaches_an_untrusted_one_without_debug_info() {
    let (client, _server) = serve().await;
    for round in 0..50 {
        let name = format!("cached {round}");
        let trusted = greet(&client, name.clone(), true).await;
        let untrusted = greet(&client, name, false).await;
        assert_guest_book_failure(&trusted);
        assert_guest_book_failure(&untrusted);
        assert!(trusted.rich_details().unwrap().debug_info().is_some());
        assert!(!carries_debug_info(&untrusted), "{untrusted:?}");
        // Everything but the DebugInfo, byte for byte.
        let kept: Vec<_> = trusted
            .rich_details()
            .unwrap()
            .anys()
            .filter(|any| !any.is::<pb::DebugInfo>())
            .map(|any| any.to_any())
            .collect();
        let untrusted_details = untrusted.rich_details().unwrap().to_proto();
        assert_eq!(untrusted_details.details, kept);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_gateway_passing_an_upstreams_debug_info_on_passes_it_to_trusted_calls_alone() {
    let (client, _server) = serve().await;
    let untrusted = greet(&client, "forwarded".into(), false).await;
    assert_eq!(untrusted.code(), Code::Unavailable);
    assert_eq!(untrusted.message(), "upstream failed");
    assert!(!carries_debug_info(&untrusted), "{untrusted:?}");
    // The status the upstream would have sent without DebugInfo, byte for byte.
    assert_eq!(untrusted.details(), upstream(false).details());

    let trusted = greet(&client, "forwarded".into(), true).await;
    assert_eq!(trusted.details(), upstream(true).details());
    assert_eq!(trusted.rich_details().unwrap().len(), 4);
}
