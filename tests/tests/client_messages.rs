//! What clients read in `grpc-message`: `Display` for the codes that describe the
//! client's request, a generic text for `Internal`, `Unknown` and `DataLoss` unless the
//! variant opts in, or the text a `message = ...` names. `Display` itself never changes:
//! it stays the service's own, for its logs.

use rich_status::{RichStatus, StatusExt};
use tonic::{Code, Status};

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "orders.example.com")]
enum OrderError {
    #[error("query `SELECT * FROM orders WHERE id = {id}` failed on db-7.internal")]
    #[rich_status(code = Internal)]
    Query { id: u64 },

    #[error("decoder state corrupt at /var/lib/orders/{0}")]
    #[rich_status(code = DataLoss)]
    Corrupt(String),

    #[error("upstream said {0:?}")]
    #[rich_status(code = Unknown)]
    Upstream(String),

    #[error("disk quota of {volume} exceeded")]
    #[rich_status(code = Internal, message = Display)]
    Disclosed { volume: String },

    #[error("pricing service at 10.0.0.7 answered 503")]
    #[rich_status(code = Internal, message = public)]
    Pricing {
        public: String,
        internal_host: String,
    },

    #[error("shard {0} unreachable")]
    #[rich_status(code = Unavailable, message = 1)]
    Shard(u32, &'static str),

    #[error("order {0} not found")]
    #[rich_status(code = NotFound)]
    NotFound(u64),

    #[error("inventory table locked by {holder}")]
    #[rich_status(code = Internal, message = "inventory is busy, try again")]
    Locked { holder: String },

    #[error(transparent)]
    #[rich_status(transparent)]
    Payment(#[from] PaymentError),
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[error("card processor returned {code}")]
#[rich_status(code = Internal, domain = "payments.example.com")]
struct PaymentError {
    code: u16,
}

fn sent(error: OrderError) -> (Code, String, String) {
    let display = error.to_string();
    let status = Status::from(error);
    let details = status.rich_details().expect("code and message agree");
    // The google.rpc.Status inside the trailer says the same as grpc-message.
    assert_eq!(details.message(), status.message());
    (status.code(), status.message().to_owned(), display)
}

#[test]
fn internal_unknown_and_data_loss_send_a_generic_message() {
    let (code, message, display) = sent(OrderError::Query { id: 7 });
    assert_eq!((code, message.as_str()), (Code::Internal, "internal error"));
    assert_eq!(
        display,
        "query `SELECT * FROM orders WHERE id = 7` failed on db-7.internal"
    );

    let (code, message, _) = sent(OrderError::Corrupt("wal-3".into()));
    assert_eq!((code, message.as_str()), (Code::DataLoss, "data loss"));

    let (code, message, _) = sent(OrderError::Upstream("segfault".into()));
    assert_eq!((code, message.as_str()), (Code::Unknown, "unknown error"));
}

#[test]
fn message_display_opts_in_to_sending_display() {
    let (code, message, display) = sent(OrderError::Disclosed {
        volume: "orders".into(),
    });
    assert_eq!(code, Code::Internal);
    assert_eq!(message, "disk quota of orders exceeded");
    assert_eq!(message, display);
}

#[test]
fn message_from_a_named_or_tuple_field() {
    let (code, message, display) = sent(OrderError::Pricing {
        public: "prices are being updated".into(),
        internal_host: "10.0.0.7".into(),
    });
    assert_eq!(code, Code::Internal);
    assert_eq!(message, "prices are being updated");
    assert_eq!(display, "pricing service at 10.0.0.7 answered 503");

    let (code, message, display) = sent(OrderError::Shard(3, "orders are read-only for now"));
    assert_eq!(code, Code::Unavailable);
    assert_eq!(message, "orders are read-only for now");
    assert_eq!(display, "shard 3 unreachable");
}

#[test]
fn client_errors_keep_display_and_templates_win() {
    let (code, message, _) = sent(OrderError::NotFound(12));
    assert_eq!(
        (code, message.as_str()),
        (Code::NotFound, "order 12 not found")
    );

    let (code, message, display) = sent(OrderError::Locked {
        holder: "batch-job@db-7".into(),
    });
    assert_eq!(code, Code::Internal);
    assert_eq!(message, "inventory is busy, try again");
    assert_eq!(display, "inventory table locked by batch-job@db-7");
}

#[test]
fn transparent_variants_follow_the_inner_error() {
    let (code, message, display) = sent(OrderError::Payment(PaymentError { code: 402 }));
    assert_eq!((code, message.as_str()), (Code::Internal, "internal error"));
    assert_eq!(display, "card processor returned 402");
    let inner = PaymentError { code: 402 };
    assert_eq!(inner.message(), "internal error");
}

#[test]
fn nothing_internal_reaches_the_wire() {
    // Neither grpc-message nor any byte of the details trailer holds the internal text.
    let status = Status::from(OrderError::Pricing {
        public: "prices are being updated".into(),
        internal_host: "10.0.0.7".into(),
    });
    let status2 = Status::from(OrderError::Query { id: 7 });
    for status in [status, status2] {
        let wire = [status.message().as_bytes(), status.details()].concat();
        for secret in [&b"10.0.0.7"[..], b"SELECT", b"db-7"] {
            assert!(
                !wire.windows(secret.len()).any(|w| w == secret),
                "{:?} leaked",
                String::from_utf8_lossy(secret)
            );
        }
    }
}

#[derive(Debug, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "orders.example.com", decode)]
enum Decodable {
    #[error("pricing at {host} answered 503")]
    #[rich_status(code = Unavailable, message = public)]
    Pricing { public: String, host: String },
}

#[test]
fn decode_rebuilds_the_message_field_from_the_message() {
    let status = Status::from(Decodable::Pricing {
        public: "prices are being updated".into(),
        host: "10.0.0.7".into(),
    });
    assert_eq!(
        Decodable::try_from(&status).unwrap(),
        // The host never crossed the wire: its `Default`.
        Decodable::Pricing {
            public: "prices are being updated".into(),
            host: String::new(),
        }
    );
}
