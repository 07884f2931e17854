//! `#[rich_status(decode)]`: a status read back into the enum that produced it, after
//! crossing tonic's trailer encoding; and the typed errors when it cannot be.

use rich_status::{RichStatus, decode::FromStatusErrorKind, pb};
use tonic::Status;

use rich_status_tests::Balance;

#[derive(Debug, Clone, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "bank.example.com", code = FailedPrecondition, decode)]
pub enum BankError {
    #[error("account {account} is frozen")]
    Frozen {
        #[rich_status(metadata)]
        account: String,
        #[rich_status(metadata = "since")]
        frozen_since: u64,
        /// Not sent: rebuilt as its default.
        internal_note: String,
    },

    #[error("rate limited")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(subject = "account: {0}", description = "one per second"),
    )]
    Limited(
        #[rich_status(metadata = "account")] String,
        #[rich_status(quota_failure)] Vec<pb::quota_failure::Violation>,
    ),

    #[error("insufficient funds")]
    Insufficient {
        #[rich_status(detail)]
        balance: Balance,
        #[rich_status(detail)]
        retry: Option<pb::RetryInfo>,
        #[rich_status(detail)]
        history: Vec<Balance>,
    },

    #[error("closed")]
    #[rich_status(reason = "ACCOUNT_CLOSED")]
    Closed,

    #[error(transparent)]
    #[rich_status(transparent)]
    Ledger(#[from] LedgerError),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error, RichStatus)]
#[rich_status(domain = "ledger.example.com", code = Aborted, decode)]
pub enum LedgerError {
    #[error("ledger entry {0} conflicts")]
    Conflict(#[rich_status(metadata = "entry")] u32),
}

/// Sends the error through tonic's trailers, as a client receives it.
fn over_the_wire(error: &BankError) -> Status {
    let mut headers = http::HeaderMap::new();
    error.to_status().add_header(&mut headers).unwrap();
    Status::from_header_map(&headers).unwrap()
}

#[test]
fn every_variant_round_trips() {
    let violation = |s: &str| pb::quota_failure::Violation {
        subject: s.into(),
        description: "d".into(),
        ..Default::default()
    };
    let cases = [
        BankError::Frozen {
            account: "acc-7".into(),
            frozen_since: 1_700_000_000,
            internal_note: String::new(),
        },
        BankError::Limited(
            "acc-8".into(),
            vec![violation("ip: 192.0.2.1"), violation("region: eu")],
        ),
        BankError::Limited("acc-9".into(), vec![]),
        BankError::Insufficient {
            balance: Balance { cents: -5 },
            retry: Some(pb::RetryInfo {
                retry_delay: Some(prost_types::Duration {
                    seconds: 3,
                    nanos: 0,
                }),
            }),
            history: vec![Balance { cents: 1 }, Balance { cents: 2 }],
        },
        BankError::Insufficient {
            balance: Balance { cents: 0 },
            retry: None,
            history: vec![],
        },
        BankError::Closed,
        BankError::Ledger(LedgerError::Conflict(12)),
    ];
    for error in cases {
        let status = over_the_wire(&error);
        assert_eq!(BankError::try_from(&status).unwrap(), error);
    }
}

#[test]
fn fields_not_sent_come_back_as_their_default() {
    let error = BankError::Frozen {
        account: "a".into(),
        frozen_since: 1,
        internal_note: "secret".into(),
    };
    let back = BankError::try_from(&over_the_wire(&error)).unwrap();
    assert_eq!(
        back,
        BankError::Frozen {
            account: "a".into(),
            frozen_since: 1,
            internal_note: String::new()
        }
    );
}

#[test]
fn a_status_of_another_kind_is_a_typed_error_that_keeps_the_status() {
    let plain = Status::not_found("nothing rich here");
    let err = BankError::try_from(&plain).unwrap_err();
    assert!(matches!(err.kind(), FromStatusErrorKind::NoErrorInfo));
    assert_eq!(err.status().message(), "nothing rich here");

    let other = rich_status::status(tonic::Code::NotFound, "gone", |w| {
        w.error_info("GONE", "elsewhere.example.com");
    });
    let err = BankError::try_from(&other).unwrap_err();
    match err.kind() {
        FromStatusErrorKind::NoMatch { domain, reason } => {
            assert_eq!(
                (domain.as_str(), reason.as_str()),
                ("elsewhere.example.com", "GONE")
            );
        }
        kind => panic!("{kind:?}"),
    }
    assert_eq!(
        err.to_string(),
        "no variant has domain \"elsewhere.example.com\" and reason \"GONE\""
    );
    assert_eq!(err.into_status().message(), "gone");
}

#[test]
fn a_field_that_does_not_parse_is_reported_by_name() {
    let status = rich_status::status(tonic::Code::FailedPrecondition, "frozen", |w| {
        w.error_info("FROZEN", "bank.example.com")
            .metadata("account", "a")
            .metadata("since", "yesterday");
    });
    let err = BankError::try_from(&status).unwrap_err();
    match err.kind() {
        FromStatusErrorKind::Field { field, problem } => {
            assert_eq!(*field, "frozen_since");
            assert!(problem.contains("\"yesterday\""), "{problem}");
        }
        kind => panic!("{kind:?}"),
    }
    // A required detail that is missing.
    let status = rich_status::status(tonic::Code::FailedPrecondition, "x", |w| {
        w.error_info("INSUFFICIENT", "bank.example.com");
    });
    let err = BankError::try_from(&status).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `balance` could not be rebuilt: no bank.v1.Balance detail"
    );
}

#[test]
fn a_malformed_error_info_is_reported_even_when_a_valid_one_follows() {
    use prost::Message as _;
    let valid = pb::ErrorInfo {
        reason: "ACCOUNT_CLOSED".into(),
        domain: "bank.example.com".into(),
        ..Default::default()
    };
    let status = rich_status::status(tonic::Code::FailedPrecondition, "closed", |w| {
        // A string field whose length runs past the end.
        w.any(rich_status::detail::type_url::ERROR_INFO, b"\x0a\x40x");
        w.any(
            rich_status::detail::type_url::ERROR_INFO,
            &valid.encode_to_vec(),
        );
    });
    let err = BankError::try_from(&status).unwrap_err();
    assert!(
        matches!(err.kind(), FromStatusErrorKind::Details(_)),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "the status details do not decode: \
         detail 0 (type.googleapis.com/google.rpc.ErrorInfo) does not decode"
    );
}

#[test]
fn the_status_code_must_be_the_variants() {
    // ACCOUNT_CLOSED is a FAILED_PRECONDITION.
    for code in [
        tonic::Code::Internal,
        tonic::Code::NotFound,
        tonic::Code::Ok,
    ] {
        let status = rich_status::status(code, "closed", |w| {
            w.error_info("ACCOUNT_CLOSED", "bank.example.com");
        });
        let err = BankError::try_from(&status).unwrap_err();
        match err.kind() {
            FromStatusErrorKind::Code { expected, found } => {
                assert_eq!((*expected, *found), (tonic::Code::FailedPrecondition, code));
            }
            kind => panic!("{code:?}: {kind:?}"),
        }
    }
    let status = rich_status::status(tonic::Code::Internal, "closed", |w| {
        w.error_info("ACCOUNT_CLOSED", "bank.example.com");
    });
    assert_eq!(
        BankError::try_from(&status).unwrap_err().to_string(),
        "the status code is INTERNAL, but reason \"ACCOUNT_CLOSED\" of domain \
         \"bank.example.com\" is sent with FAILED_PRECONDITION"
    );
    // A transparent variant's inner type checks its own code.
    let status = rich_status::status(tonic::Code::NotFound, "conflict", |w| {
        w.error_info("CONFLICT", "ledger.example.com")
            .metadata("entry", 1);
    });
    assert!(BankError::try_from(&status).is_err());
    assert!(LedgerError::try_from(&status).is_err());
}

#[test]
fn errors_quote_at_most_a_little_of_what_a_peer_sent() {
    // A peer's status, with no trailer budget of ours to cut it.
    let huge = "7".repeat(1 << 20) + "x";
    let code = tonic::Code::FailedPrecondition;
    let details = rich_status::encode_status(code, "frozen", |w| {
        w.error_info("FROZEN", "bank.example.com")
            .metadata("account", "a")
            .metadata("since", &huge);
    });
    let status = Status::with_details(code, "frozen", details);
    let err = BankError::try_from(&status).unwrap_err();
    let text = err.to_string();
    assert!(text.len() < 400, "{} bytes: {}", text.len(), &text[..200]);
    assert!(
        text.starts_with("field `frozen_since` could not be rebuilt: metadata \"since\" = \"7777")
    );
    assert!(text.contains("(1048577 bytes)"), "{text}");

    let code = tonic::Code::NotFound;
    let details = rich_status::encode_status(code, "gone", |w| {
        w.error_info(&huge, &huge);
    });
    let status = Status::with_details(code, "gone", details);
    let text = BankError::try_from(&status).unwrap_err().to_string();
    assert!(text.len() < 400, "{} bytes", text.len());
}
