//! The `tracing` feature (on by default): each conversion of a derived error into a
//! `tonic::Status` emits exactly one event, target `rich_status`, at the variant's level,
//! with the code, reason, domain, the error's `Display` and its source chain.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rich_status::{LogLevel, RichStatus};
use tonic::Status;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// One captured event: its level, target and every field as text.
#[derive(Debug, Clone, PartialEq)]
struct Captured {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

/// A subscriber that keeps every event up to `max`.
struct Recorder {
    max: Level,
    events: Arc<Mutex<Vec<Captured>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= self.max
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// The events `f` emits under a subscriber that takes everything up to `max`.
fn capture_up_to(max: Level, f: impl FnOnce()) -> Vec<Captured> {
    let events = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder {
        max,
        events: events.clone(),
    };
    tracing::subscriber::with_default(recorder, f);
    events.lock().unwrap().clone()
}

fn capture(f: impl FnOnce()) -> Vec<Captured> {
    capture_up_to(Level::TRACE, f)
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "orders.example.com", into_response, connect)]
enum OrderError {
    #[error("order store failed")]
    #[rich_status(code = Internal)]
    Store(#[source] StoreError),

    #[error("order {0} not found")]
    #[rich_status(code = NotFound, reason = "ORDER_UNKNOWN")]
    NotFound(#[rich_status(metadata = "orderId")] u64),

    #[error("order {0} is being edited")]
    #[rich_status(code = Aborted, log = warn)]
    Conflict(u64),

    #[error("client went away")]
    #[rich_status(code = Cancelled, log = off)]
    Gone,

    #[error(transparent)]
    #[rich_status(transparent)]
    Payment(#[from] PaymentError),

    #[error(transparent)]
    #[rich_status(transparent, log = info)]
    Quieter(PaymentError),
}

#[derive(Debug, thiserror::Error)]
#[error("write to /var/lib/orders failed")]
struct StoreError(#[source] std::io::Error);

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "payments.example.com", code = FailedPrecondition, log = warn)]
enum PaymentError {
    #[error("card declined")]
    Declined,
    #[error("card processor timed out")]
    #[rich_status(code = Unavailable, log = error)]
    Timeout,
}

#[test]
fn internal_errors_log_at_error_with_display_and_source_chain() {
    let events = capture(|| {
        let error = OrderError::Store(StoreError(std::io::Error::other("disk full")));
        let status = Status::from(error);
        assert_eq!(status.message(), "internal error");
    });
    assert_eq!(
        events,
        [Captured {
            level: Level::ERROR,
            target: "rich_status".into(),
            fields: fields(&[
                ("message", "error converted to a gRPC status"),
                ("code", "INTERNAL"),
                ("reason", "STORE"),
                ("domain", "orders.example.com"),
                ("error", "order store failed"),
                ("sources", "write to /var/lib/orders failed: disk full"),
                ("grpc_message", "internal error"),
            ]),
        }]
    );
}

#[test]
fn client_errors_log_at_debug_without_sources() {
    let events = capture(|| drop(Status::from(OrderError::NotFound(42))));
    assert_eq!(
        events,
        [Captured {
            level: Level::DEBUG,
            target: "rich_status".into(),
            fields: fields(&[
                ("message", "error converted to a gRPC status"),
                ("code", "NOT_FOUND"),
                ("reason", "ORDER_UNKNOWN"),
                ("domain", "orders.example.com"),
                ("error", "order 42 not found"),
                ("grpc_message", "order 42 not found"),
            ]),
        }]
    );
}

#[test]
fn levels_set_per_variant_and_per_enum() {
    let levels = |error: OrderError| -> Vec<Level> {
        capture(|| drop(Status::from(error)))
            .iter()
            .map(|e| e.level)
            .collect()
    };
    assert_eq!(levels(OrderError::Conflict(1)), [Level::WARN]);
    // The enum's `log = warn`, then a variant's own `log = error`, through `transparent`.
    assert_eq!(levels(PaymentError::Declined.into()), [Level::WARN]);
    assert_eq!(levels(PaymentError::Timeout.into()), [Level::ERROR]);
    // A transparent variant's own `log` wins over the inner error's.
    assert_eq!(
        levels(OrderError::Quieter(PaymentError::Timeout)),
        [Level::INFO]
    );
    // `log = off` is silent.
    assert_eq!(levels(OrderError::Gone), Vec::<Level>::new());

    assert_eq!(OrderError::Gone.log_level(), LogLevel::Off);
    assert_eq!(
        OrderError::Payment(PaymentError::Declined).log_level(),
        LogLevel::Warn
    );
    assert_eq!(OrderError::NotFound(1).log_level(), LogLevel::Debug);
}

#[test]
fn the_transparent_event_names_the_inner_error() {
    let events = capture(|| drop(Status::from(OrderError::Payment(PaymentError::Declined))));
    assert_eq!(events.len(), 1);
    let f = &events[0].fields;
    assert_eq!(f["code"], "FAILED_PRECONDITION");
    assert_eq!(f["reason"], "DECLINED");
    assert_eq!(f["domain"], "payments.example.com");
    assert_eq!(f["error"], "card declined");
}

#[test]
fn a_subscriber_above_the_level_gets_nothing() {
    let events = capture_up_to(Level::INFO, || {
        drop(Status::from(OrderError::NotFound(1)));
        drop(Status::from(OrderError::Conflict(1)));
    });
    let levels: Vec<Level> = events.iter().map(|e| e.level).collect();
    assert_eq!(levels, [Level::WARN]);
}

#[test]
fn one_event_per_conversion_through_question_mark() {
    fn handler(id: u64) -> Result<(), Status> {
        lookup(id)?;
        Ok(())
    }
    fn lookup(id: u64) -> Result<(), OrderError> {
        Err(OrderError::NotFound(id))
    }
    let events = capture(|| {
        for id in 0..3 {
            assert!(handler(id).is_err());
        }
    });
    let errors: Vec<&str> = events.iter().map(|e| e.fields["error"].as_str()).collect();
    assert_eq!(
        errors,
        [
            "order 0 not found",
            "order 1 not found",
            "order 2 not found"
        ]
    );
}

#[test]
fn to_status_builds_without_logging() {
    // `to_status` is the plain encoder (for interceptors, tests, re-encoding); the
    // conversion a handler's `?` makes is what logs.
    let events = capture(|| drop(OrderError::NotFound(1).to_status()));
    assert_eq!(events, Vec::<Captured>::new());
}

#[test]
fn an_http_answer_is_logged_like_a_grpc_one() {
    use axum::response::IntoResponse as _;
    let events = capture(|| {
        let response = OrderError::Conflict(9).into_response();
        assert_eq!(response.status(), 409);
    });
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].level, Level::WARN);
    assert_eq!(events[0].fields["code"], "ABORTED");
    assert_eq!(events[0].fields["error"], "order 9 is being edited");
}

use rich_status_tests::Loop;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "loop.example.com", code = Internal)]
enum Cyclic {
    #[error("looped")]
    Looped(#[source] Loop),
}

#[test]
fn a_cyclic_source_chain_is_logged_once_around() {
    let events = capture(|| {
        let _ = Status::from(Cyclic::Looped(Loop));
    });
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fields["error"], "looped");
    // The sources after the error itself: `Loop`, seen to repeat at its second return
    // from `source()` at the latest (each coercion site may give it a vtable of its own).
    let sources = &events[0].fields["sources"];
    let cut = rich_status::detail::SOURCE_CHAIN_REPEATS;
    assert!(
        *sources == format!("loops {cut}") || *sources == format!("loops: loops {cut}"),
        "{sources}"
    );
}

/// The one event a call logs through `layer` when `handler` answers it (or panics):
/// an error at `rich_status`, answered INTERNAL, with `message` and `panic`.
fn assert_panic_logged(
    layer: rich_status::server::RichStatusLayer,
    handler: fn() -> http::Response<tonic::body::Body>,
    message: &str,
    panic: &str,
) {
    use tower::{Layer, ServiceExt, service_fn};
    let events = capture(|| {
        let service = layer.layer(service_fn(move |_: http::Request<()>| async move {
            Ok::<_, std::convert::Infallible>(handler())
        }));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        // A gRPC call: the layer answers a panic in the call's protocol.
        let request = http::Request::post("/helloworld.Greeter/SayHello")
            .header("content-type", "application/grpc")
            .body(())
            .unwrap();
        let response = runtime.block_on(service.oneshot(request)).unwrap();
        assert_eq!(response.headers()["grpc-status"], "13");
    });
    assert_eq!(
        events,
        [Captured {
            level: Level::ERROR,
            target: "rich_status".into(),
            fields: fields(&[
                ("message", message),
                ("panic", panic),
                ("reason", "HANDLER_PANICKED"),
                ("domain", "panic.example.com"),
            ]),
        }]
    );
}

#[test]
fn a_panicking_handler_is_logged_at_error_by_the_server_layer() {
    assert_panic_logged(
        rich_status::server::RichStatusLayer::new("panic.example.com"),
        || std::panic::panic_any("the handler gave up"),
        "a handler panicked; the call is answered INTERNAL",
        "the handler gave up",
    );
}

#[test]
fn a_predicate_that_panics_is_logged_at_error_by_the_server_layer() {
    assert_panic_logged(
        rich_status::server::RichStatusLayer::new("panic.example.com")
            .debug_info_for(|_| panic!("the predicate gave up")),
        || http::Response::new(tonic::body::Body::empty()),
        "a debug_info_for or trailer_budget_for predicate panicked; the call is answered \
         INTERNAL, untrusted",
        "the predicate gave up",
    );
}

#[test]
fn a_connect_error_logs_as_a_tonic_status_does() {
    let make = || OrderError::Store(StoreError(std::io::Error::other("disk full")));
    let tonic = capture(|| {
        let _ = Status::from(make());
    });
    let connect = capture(|| {
        let error = rich_status::connect::ConnectError::from(make());
        assert_eq!(error.message.as_deref(), Some("internal error"));
    });
    assert_eq!(connect.len(), 1);
    assert_eq!(connect, tonic);
}
