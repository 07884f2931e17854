//! `Box<E>` is the error `E` is: every method of `RichStatus` forwarded, each checked
//! against an error that overrides every one of them; a boxed `dyn RichStatus` forwards
//! what an erased type has (its catalogue is empty: no type names its reasons); and a
//! `transparent` variant over a `Box` lists its inner type's reasons.

use std::fmt;

use rich_status::catalog::{Catalog, Entry, Message};
use rich_status::{DetailWriter, LogLevel, RichStatus, StatusExt};
use tonic::{Code, Status};

/// An error whose every method, provided ones included, does something of its own.
#[derive(Debug)]
struct Peculiar;

impl RichStatus for Peculiar {
    fn code(&self) -> Code {
        Code::DataLoss
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("written")
    }

    fn details(&self, w: &mut DetailWriter<'_>) {
        w.error_info("PECULIAR", "peculiar.example.com");
    }

    fn log_level(&self) -> LogLevel {
        LogLevel::Trace
    }

    fn catalog() -> Catalog {
        let mut catalog = Catalog::new();
        catalog.push(
            Entry::new(
                "Peculiar",
                "peculiar.example.com",
                "PECULIAR",
                Code::DataLoss,
            )
            .with_message(Message::Display)
            .with_log_level(LogLevel::Trace),
        );
        catalog
    }

    fn message(&self) -> String {
        "its own message".into()
    }

    fn to_status(&self) -> Status {
        Status::new(Code::DataLoss, "its own status")
    }
}

/// What each method of `E` gives.
fn methods<E: RichStatus>(error: &E) -> (Code, String, String, LogLevel, Catalog, String, Status) {
    struct Written<'a, E>(&'a E);
    impl<E: RichStatus> fmt::Display for Written<'_, E> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.write_message(f)
        }
    }
    let details = rich_status::status(Code::Internal, "", |w| error.details(w));
    let reason = details.rich_details().unwrap().error_info().unwrap().reason;
    (
        error.code(),
        Written(error).to_string(),
        reason,
        error.log_level(),
        E::catalog(),
        error.message(),
        error.to_status(),
    )
}

#[test]
fn a_box_forwards_every_method() {
    let (code, written, reason, level, catalog, message, status) = methods(&Box::new(Peculiar));
    assert_eq!(code, Code::DataLoss);
    assert_eq!(written, "written");
    assert_eq!(reason, "PECULIAR");
    assert_eq!(level, LogLevel::Trace);
    assert_eq!(catalog, Peculiar::catalog());
    assert_eq!(message, "its own message");
    assert_eq!(status.message(), "its own status");
}

#[test]
fn a_boxed_dyn_forwards_every_method_an_erased_type_has() {
    let boxed: Box<dyn RichStatus + Send + Sync> = Box::new(Peculiar);
    let (code, written, reason, level, catalog, message, status) = methods(&boxed);
    assert_eq!(
        (code, written.as_str(), reason.as_str(), level),
        (Code::DataLoss, "written", "PECULIAR", LogLevel::Trace)
    );
    assert_eq!(catalog, Catalog::new());
    assert_eq!(message, "its own message");
    assert_eq!(status.message(), "its own status");
    let plain: Box<dyn RichStatus> = Box::new(Peculiar);
    assert_eq!(plain.message(), "its own message");
    let sent: Box<dyn RichStatus + Send> = Box::new(Peculiar);
    assert_eq!(sent.to_status().message(), "its own status");
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "inner.example.com", code = NotFound)]
pub enum Inner {
    #[error("gone")]
    Gone,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "outer.example.com", code = Internal)]
pub enum Outer {
    #[error(transparent)]
    #[rich_status(transparent)]
    Boxed(Box<Inner>),
}

#[test]
fn a_transparent_variant_over_a_box_lists_the_inner_reasons() {
    let reasons: Vec<&str> = Outer::catalog()
        .entries()
        .iter()
        .map(|e| e.reason)
        .collect();
    assert_eq!(reasons, ["GONE"]);
    let status = Status::from(Outer::Boxed(Box::new(Inner::Gone)));
    assert_eq!(status.code(), Code::NotFound);
}
