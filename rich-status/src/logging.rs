//! One `tracing` event per conversion of an error into a status, at the error's
//! [`LogLevel`].

use std::error::Error;
#[cfg(feature = "tracing")]
use std::fmt;

use tonic::{Code, Status};

/// The level at which converting an error into a `tonic::Status` is logged (with the
/// `tracing` feature, on by default).
///
/// The derive takes it from `#[rich_status(log = warn)]` on the variant, or on the enum
/// for every variant that gives none; without either, from the code
/// ([`LogLevel::for_code`]). `off` silences a conversion.
///
/// ```
/// use rich_status::LogLevel;
/// use tonic::Code;
///
/// assert_eq!(LogLevel::for_code(Code::Internal), LogLevel::Error);
/// assert_eq!(LogLevel::for_code(Code::NotFound), LogLevel::Debug);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogLevel {
    /// Not logged.
    Off,
    /// `tracing::Level::ERROR`.
    Error,
    /// `tracing::Level::WARN`.
    Warn,
    /// `tracing::Level::INFO`.
    Info,
    /// `tracing::Level::DEBUG`.
    Debug,
    /// `tracing::Level::TRACE`.
    Trace,
}

impl LogLevel {
    /// The default level for a code: `Error` for `Internal`, `Unknown` and `DataLoss`
    /// (the server failed, someone should look), `Debug` for every other code (the
    /// client's request was refused, or the failure is one callers retry).
    pub const fn for_code(code: Code) -> LogLevel {
        match code {
            Code::Internal | Code::Unknown | Code::DataLoss => LogLevel::Error,
            _ => LogLevel::Debug,
        }
    }
}

/// The `source()` chain after the error itself, joined with `": "`, as far as a
/// `DebugInfo` lists it (see [`MAX_SOURCE_CHAIN`](crate::detail::MAX_SOURCE_CHAIN)), and
/// the same mark when it was cut.
#[cfg(feature = "tracing")]
struct Sources<'a>(&'a (dyn Error + 'a));

#[cfg(feature = "tracing")]
impl fmt::Display for Sources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chain = crate::detail::debug_info::SourceChain::new(self.0.source());
        for (n, source) in chain.by_ref().enumerate() {
            if n > 0 {
                f.write_str(": ")?;
            }
            fmt::Display::fmt(source, f)?;
        }
        match chain.take_mark() {
            Some(mark) => write!(f, " {mark}"),
            None => Ok(()),
        }
    }
}

/// What a conversion sends the client: a `tonic::Status`, or connect-rust's error.
#[derive(Clone, Copy)]
pub enum Sent<'a> {
    Status(&'a Status),
    #[cfg(feature = "connect")]
    Connect(&'a connectrpc::ConnectError),
}

impl<'a> From<&'a Status> for Sent<'a> {
    fn from(status: &'a Status) -> Self {
        Sent::Status(status)
    }
}

#[cfg(feature = "connect")]
impl<'a> From<&'a connectrpc::ConnectError> for Sent<'a> {
    fn from(error: &'a connectrpc::ConnectError) -> Self {
        Sent::Connect(error)
    }
}

/// Emits the conversion's event, if a subscriber wants it at `level`. `sent` is what the
/// client gets; `ErrorInfo`'s reason and domain are read back from it only when the
/// event is enabled, so a silenced conversion costs a level check.
#[cfg(feature = "tracing")]
pub(crate) fn conversion(level: LogLevel, sent: Sent<'_>, error: Option<&dyn Error>) {
    use tracing::Level;

    macro_rules! at {
        ($level:expr) => {
            if tracing::enabled!(target: "rich_status", $level) {
                let view;
                let (code, message, reason, domain) = match sent {
                    Sent::Status(status) => {
                        view = crate::view::DetailsView::from_status(status).ok();
                        let info = view.as_ref().and_then(crate::view::DetailsView::error_info);
                        let (reason, domain) = (info.map(|i| i.reason()), info.map(|i| i.domain()));
                        (status.code(), status.message(), reason, domain)
                    }
                    #[cfg(feature = "connect")]
                    Sent::Connect(error) => {
                        // The first `ErrorInfo`'s JSON form, which it carries as `debug`.
                        let info = error
                            .details
                            .iter()
                            .find(|d| d.type_url == "google.rpc.ErrorInfo")
                            .and_then(|d| d.debug.as_ref());
                        let field = |name| info.and_then(|i| i.get(name)?.as_str());
                        let code = Code::from_i32(error.code.grpc_code() as i32);
                        let message = error.message.as_deref().unwrap_or_default();
                        (code, message, field("reason"), field("domain"))
                    }
                };
                let sources = error.filter(|e| e.source().is_some()).map(Sources);
                tracing::event!(
                    target: "rich_status",
                    $level,
                    code = crate::rest::status_name(code),
                    reason,
                    domain,
                    error = error.map(tracing::field::display),
                    sources = sources.map(tracing::field::display),
                    grpc_message = message,
                    "error converted to a gRPC status",
                );
            }
        };
    }

    match level {
        LogLevel::Off => {}
        LogLevel::Error => at!(Level::ERROR),
        LogLevel::Warn => at!(Level::WARN),
        LogLevel::Info => at!(Level::INFO),
        LogLevel::Debug => at!(Level::DEBUG),
        LogLevel::Trace => at!(Level::TRACE),
    }
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn conversion(_: LogLevel, _: Sent<'_>, _: Option<&dyn Error>) {}
