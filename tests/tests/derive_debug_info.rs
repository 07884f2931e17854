//! `debug_info` obeys `rich_status::policy`: off by default, on by one call or by the
//! `RICH_STATUS_DEBUG_INFO` environment variable. The policy is process-wide, so these
//! tests live in their own binary and run one at a time behind a lock.

use std::backtrace::Backtrace;
use std::sync::Mutex;

use rich_status::{RichStatus, StatusExt, policy};
use tonic::{Code, Status};

static POLICY: Mutex<()> = Mutex::new(());

/// Display and Error by hand (thiserror wants nightly for a backtrace beside a source):
/// the derive needs nothing from thiserror.
#[derive(Debug, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum StorageError {
    #[rich_status(debug_info)]
    Disk {
        source: std::io::Error,
    },

    #[rich_status(reason = "QUERY_FAILED", debug_info)]
    Query {
        source: Box<dyn std::error::Error + Send + Sync>,
        backtrace: Backtrace,
    },

    Plain,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StorageError::Disk { .. } => "storage failed",
            StorageError::Query { .. } => "query failed",
            StorageError::Plain => "plain",
        })
    }
}

impl std::error::Error for StorageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StorageError::Disk { source } => Some(source),
            StorageError::Query { source, .. } => Some(&**source),
            StorageError::Plain => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("connection reset")]
struct Reset(#[source] std::io::Error);

/// `debug_info` between other details, with metadata, and without a source.
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
enum Placed {
    #[error("quota for {user}")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(subject = "user:{user}"),
        debug_info,
        help(url = "https://example.com/{user}"),
    )]
    Quota {
        #[rich_status(metadata)]
        user: String,
    },
}

#[test]
fn off_by_default_so_no_debug_info_byte_is_sent() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    if std::env::var_os(policy::DEBUG_INFO_ENV).is_some() {
        panic!("run the tests without {} set", policy::DEBUG_INFO_ENV);
    }
    let status = Status::from(StorageError::Disk {
        source: std::io::Error::other("disk full"),
    });
    let details = status.rich_details().unwrap();
    assert_eq!(details.debug_info(), None);
    assert_eq!(details.len(), 1);
    let needle = b"DebugInfo";
    assert!(!status.details().windows(needle.len()).any(|w| w == needle));
}

#[test]
fn on_sends_the_source_chain_and_the_debug_text() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let status = Status::from(StorageError::Disk {
        source: std::io::Error::other("disk full"),
    });
    policy::set_debug_info(false);

    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "internal error");
    let details = status.rich_details().unwrap();
    let order: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
    assert_eq!(order, ["google.rpc.ErrorInfo", "google.rpc.DebugInfo"]);
    let debug = details.debug_info().unwrap();
    assert_eq!(debug.stack_entries, ["disk full"]);
    assert_eq!(
        debug.detail,
        r#"Disk { source: Custom { kind: Other, error: "disk full" } }"#
    );
}

#[test]
fn boxed_sources_chain_through_and_backtrace_frames_come_first() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    // A debug build's backtrace (twice: as frames, and in the error's Debug) is far over
    // any trailer budget, which would leave DebugInfo out (tests/tests/budget.rs); this
    // test is about what DebugInfo holds, so it encodes the details with no budget.
    let err = StorageError::Query {
        source: Box::new(Reset(std::io::Error::other("peer closed"))),
        backtrace: Backtrace::force_capture(),
    };
    let bytes = rich_status::encode_status(err.code(), &err.message(), |w| err.details(w));
    let status = Status::with_details(err.code(), err.message(), bytes);
    policy::set_debug_info(false);

    let details = status.rich_details().unwrap();
    assert_eq!(details.error_info().unwrap().reason, "QUERY_FAILED");
    let entries = &details.debug_info().unwrap().stack_entries;
    assert!(entries.len() > 2, "frames and the chain: {entries:?}");
    assert_eq!(
        &entries[entries.len() - 2..],
        ["connection reset", "peer closed"]
    );
    let frames = &entries[..entries.len() - 2];
    assert!(
        frames
            .iter()
            .any(|f| f.contains("boxed_sources_chain_through")),
        "the captured frames name this test: {frames:?}"
    );
}

#[test]
fn a_variant_without_debug_info_never_sends_it() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let status = Status::from(StorageError::Plain);
    policy::set_debug_info(false);
    assert_eq!(status.rich_details().unwrap().debug_info(), None);
}

/// Run by `the_environment_variable_turns_it_on` in a child process with the variable set.
#[test]
#[ignore = "runs in a child process with RICH_STATUS_DEBUG_INFO=1"]
fn child_with_environment_variable() {
    assert_eq!(std::env::var(policy::DEBUG_INFO_ENV).as_deref(), Ok("1"));
    assert!(policy::debug_info_enabled());
    let status = Status::from(StorageError::Disk {
        source: std::io::Error::other("disk full"),
    });
    assert_eq!(
        status
            .rich_details()
            .unwrap()
            .debug_info()
            .unwrap()
            .stack_entries,
        ["disk full"]
    );
}

#[test]
fn the_environment_variable_turns_it_on() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_with_environment_variable",
            "--ignored",
            "--test-threads=1",
        ])
        .env(policy::DEBUG_INFO_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("1 passed"),
        "the child ran its test:\n{stdout}"
    );
}

#[test]
fn debug_info_goes_where_the_attribute_puts_it() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    let error = || Placed::Quota { user: "ada".into() };
    policy::set_debug_info(true);
    let on = Status::from(error());
    policy::set_debug_info(false);
    let off = Status::from(error());

    let details = on.rich_details().unwrap();
    let order: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
    assert_eq!(
        order,
        [
            "google.rpc.ErrorInfo",
            "google.rpc.QuotaFailure",
            "google.rpc.DebugInfo",
            "google.rpc.Help"
        ]
    );
    assert_eq!(details.error_info().unwrap().metadata["user"], "ada");
    assert_eq!(
        details.quota_failure().unwrap().violations[0].subject,
        "user:ada"
    );
    let debug = details.debug_info().unwrap();
    assert!(debug.stack_entries.is_empty(), "{:?}", debug.stack_entries);
    assert_eq!(debug.detail, r#"Quota { user: "ada" }"#);
    assert_eq!(
        details.help().unwrap().links[0].url,
        "https://example.com/ada"
    );

    let details = off.rich_details().unwrap();
    let order: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
    assert_eq!(
        order,
        [
            "google.rpc.ErrorInfo",
            "google.rpc.QuotaFailure",
            "google.rpc.Help"
        ]
    );
}

use rich_status::detail::{MAX_SOURCE_CHAIN, SOURCE_CHAIN_REPEATS, SOURCE_CHAIN_TOO_LONG};
use rich_status_tests::Loop;

/// Two errors, each the other's source.
#[derive(Debug)]
struct Ping;
#[derive(Debug)]
struct Pong;
static PING: Ping = Ping;
static PONG: Pong = Pong;

impl std::fmt::Display for Ping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ping")
    }
}
impl std::fmt::Display for Pong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("pong")
    }
}
impl std::error::Error for Ping {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&PONG)
    }
}
impl std::error::Error for Pong {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&PING)
    }
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "loop.example.com", code = Internal)]
enum Cyclic {
    #[error("looped")]
    #[rich_status(debug_info)]
    Looped(#[source] Loop),
    #[error("ping-pong")]
    #[rich_status(debug_info)]
    PingPong(#[source] Ping),
}

#[test]
fn a_cyclic_source_chain_is_listed_once_around() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let entries = |error: Cyclic| {
        let status = error.to_status();
        let details = status.rich_details().unwrap();
        details.debug_info().unwrap().stack_entries.clone()
    };
    let (looped, ping_pong) = (
        entries(Cyclic::Looped(Loop)),
        entries(Cyclic::PingPong(Ping)),
    );
    policy::set_debug_info(false);
    // Seen again at its first return from `source()` at the latest (the same error
    // can come with another vtable from the variant's field than from `source()`), and
    // the cut said.
    assert!(
        looped == ["loops", SOURCE_CHAIN_REPEATS]
            || looped == ["loops", "loops", SOURCE_CHAIN_REPEATS],
        "{looped:?}"
    );
    // The field's own `Ping`, then the two statics until one comes back.
    assert_eq!(ping_pong, ["ping", "pong", "ping", SOURCE_CHAIN_REPEATS]);
}

/// A chain of `n` errors, each the source of the one before.
#[derive(Debug)]
struct Link(usize);

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "link {}", self.0)
    }
}

static LINKS: [Link; 40] = {
    let mut links = [const { Link(0) }; 40];
    let mut i = 0;
    while i < 40 {
        links[i] = Link(i);
        i += 1;
    }
    links
};

impl std::error::Error for Link {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        LINKS.get(self.0 + 1).map(|link| link as _)
    }
}

#[test]
fn a_long_source_chain_is_cut_after_the_most_and_says_so() {
    let _lock = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let status = rich_status::status(Code::Internal, "internal error", |w| {
        w.debug_info(&"long", Some(&LINKS[0]), None);
    });
    let short = rich_status::status(Code::Internal, "internal error", |w| {
        w.debug_info(&"short", Some(&LINKS[40 - MAX_SOURCE_CHAIN]), None);
    });
    policy::set_debug_info(false);
    let entries = status
        .rich_details()
        .unwrap()
        .debug_info()
        .unwrap()
        .stack_entries;
    assert_eq!(entries.len(), MAX_SOURCE_CHAIN + 1);
    assert_eq!(entries[MAX_SOURCE_CHAIN - 1], "link 31");
    assert_eq!(entries[MAX_SOURCE_CHAIN], SOURCE_CHAIN_TOO_LONG);
    assert!(SOURCE_CHAIN_TOO_LONG.contains(&MAX_SOURCE_CHAIN.to_string()));
    // A chain of exactly the most is whole, and unmarked.
    let entries = short
        .rich_details()
        .unwrap()
        .debug_info()
        .unwrap()
        .stack_entries;
    assert_eq!(entries.len(), MAX_SOURCE_CHAIN);
    assert_eq!(entries.last().unwrap(), "link 39");
}
