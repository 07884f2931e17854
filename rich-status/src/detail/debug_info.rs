//! `google.rpc.DebugInfo`: stack entries and a detail text for the service's own
//! developers, sent only while the [`policy`](crate::policy) allows.

use std::backtrace::{Backtrace, BacktraceStatus};
use std::error::Error;
use std::fmt;

use crate::kind;
use crate::writer::Nested;
use crate::{DetailWriter, Text};

/// The most `source()` errors a `DebugInfo` lists: a chain that goes on longer, or comes
/// back to an error it listed already (the same value of the same type), is cut there,
/// and its last stack entry says so ([`SOURCE_CHAIN_REPEATS`] or
/// [`SOURCE_CHAIN_TOO_LONG`]), as does the log event's `sources` field.
pub const MAX_SOURCE_CHAIN: usize = 32;

/// The stack entry after a `source()` chain that came back to an error listed already.
pub const SOURCE_CHAIN_REPEATS: &str = "[source chain cut: it comes back to an error above]";

/// The stack entry after the first [`MAX_SOURCE_CHAIN`] errors of a longer `source()`
/// chain.
pub const SOURCE_CHAIN_TOO_LONG: &str = "[source chain cut: longer than 32 errors]";

/// Views an error as `&dyn Error`, the start of its source chain, for
/// [`DetailWriter::debug_info`]'s `source`: a sized error as it is, a boxed `dyn Error`
/// (which does not implement `Error` itself) through auto-deref to the trait object. The
/// derive passes a `#[source]` field through it whatever its type.
///
/// ```
/// use rich_status::detail::AsDynError as _;
///
/// let sized = std::io::Error::other("disk full");
/// let boxed: Box<dyn std::error::Error + Send + Sync> = "disk full".into();
/// assert_eq!(sized.as_dyn_error().to_string(), boxed.as_dyn_error().to_string());
/// ```
pub trait AsDynError<'a> {
    /// The error as a trait object.
    fn as_dyn_error(&self) -> &(dyn Error + 'a);
}

impl<'a, E: Error + 'a> AsDynError<'a> for E {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl DetailWriter<'_> {
    /// Writes a `DebugInfo` while the [`policy`](crate::policy) sends them (off by
    /// default: stack traces are not for untrusted clients), and nothing otherwise. Its
    /// stack entries are the frames of `backtrace` (when captured), then `source` and
    /// each error of its `source()` chain by `Display`, at most [`MAX_SOURCE_CHAIN`] (a
    /// chain cut there, or at an error it comes back to, ends with an entry that says
    /// so); its detail is the `Debug` of `error`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let io = std::io::Error::other("disk full");
    /// rich_status::policy::set_debug_info(true);
    /// let status = rich_status::status(tonic::Code::Internal, "internal error", |w| {
    ///     w.error_info("STORAGE", "db.example.com");
    ///     w.debug_info(&io, Some(&io), None);
    /// });
    /// rich_status::policy::set_debug_info(false);
    ///
    /// let details = status.rich_details().unwrap();
    /// let debug = details.debug_info().unwrap();
    /// assert_eq!(debug.stack_entries, ["disk full"]);
    /// assert_eq!(debug.detail, r#"Custom { kind: Other, error: "disk full" }"#);
    /// ```
    pub fn debug_info(
        &mut self,
        error: &dyn fmt::Debug,
        source: Option<&(dyn Error + '_)>,
        backtrace: Option<&Backtrace>,
    ) {
        if !crate::policy::debug_info_enabled() {
            return;
        }
        let backtrace = backtrace.filter(|b| b.status() == BacktraceStatus::Captured);
        let mut chain = SourceChain::new(source);
        let mut sources = std::iter::from_fn(|| match chain.next() {
            Some(error) => Some(Text::display(error)),
            // Once, after the last error.
            None => chain.take_mark().map(Text::str),
        });
        self.write_debug_info(backtrace, &mut sources, &DebugText(error));
    }

    /// Writes a `DebugInfo` of the service's own making while the
    /// [`policy`](crate::policy) sends them: `stack_entries` in order, then `detail`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// rich_status::policy::set_debug_info(true);
    /// let status = rich_status::status(tonic::Code::Internal, "internal error", |w| {
    ///     w.debug_info_entries(["handler.rs:10", "main.rs:3"], "retries exhausted");
    /// });
    /// rich_status::policy::set_debug_info(false);
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.debug_info().unwrap().stack_entries, ["handler.rs:10", "main.rs:3"]);
    /// ```
    pub fn debug_info_entries<I>(&mut self, stack_entries: I, detail: impl fmt::Display)
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        if !crate::policy::debug_info_enabled() {
            return;
        }
        let entries: Vec<I::Item> = stack_entries.into_iter().collect();
        let mut texts = entries.iter().map(|entry| Text::display(entry));
        self.write_debug_info(None, &mut texts, &detail);
    }

    /// Writes the `DebugInfo`: the frames of `backtrace`, one stack entry a line, then
    /// `entries`, then `detail`. The writer keeps the budget's cuts: stack entries from
    /// the last, then the detail.
    fn write_debug_info(
        &mut self,
        backtrace: Option<&Backtrace>,
        entries: &mut dyn Iterator<Item = Text<'_>>,
        detail: &dyn fmt::Display,
    ) {
        let opened = self.open_detail(&kind::DEBUG_INFO);
        let mut debug = Nested::new(self, opened);
        let frames = match backtrace {
            Some(backtrace) => debug.backtrace_lines(1, backtrace),
            None => String::new(),
        };
        let frames = frames
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(Text::str);
        let mut index = 0;
        for entry in frames {
            debug.stack_entry(1, index, entry);
            index += 1;
        }
        for entry in entries {
            debug.stack_entry(1, index, entry);
            index += 1;
        }
        debug.debug_detail(2, detail);
    }
}

/// An error and its `source()` chain, at most [`MAX_SOURCE_CHAIN`] errors, ending where
/// the chain comes back to an error it has given already.
pub(crate) struct SourceChain<'a> {
    next: Option<&'a (dyn Error + 'a)>,
    seen: [Option<&'a (dyn Error + 'a)>; MAX_SOURCE_CHAIN],
    given: usize,
    /// Why the chain was cut, once it was, until [`take_mark`](Self::take_mark).
    mark: Option<&'static str>,
}

impl<'a> SourceChain<'a> {
    pub(crate) fn new(first: Option<&'a (dyn Error + 'a)>) -> Self {
        SourceChain {
            next: first,
            seen: [None; MAX_SOURCE_CHAIN],
            given: 0,
            mark: None,
        }
    }

    /// After the last error: what says the chain was cut, if it was ([`SOURCE_CHAIN_REPEATS`]
    /// or [`SOURCE_CHAIN_TOO_LONG`]), once.
    pub(crate) fn take_mark(&mut self) -> Option<&'static str> {
        self.mark.take()
    }
}

impl<'a> Iterator for SourceChain<'a> {
    type Item = &'a (dyn Error + 'a);

    fn next(&mut self) -> Option<Self::Item> {
        let error = self.next?;
        // The same error is at the same address with the same type: a wrapper whose
        // source is its first field shares the address, not the type.
        let repeated = self.seen[..self.given]
            .iter()
            .flatten()
            .any(|seen| std::ptr::eq(*seen, error));
        if repeated || self.given == MAX_SOURCE_CHAIN {
            self.mark = Some(if repeated {
                SOURCE_CHAIN_REPEATS
            } else {
                SOURCE_CHAIN_TOO_LONG
            });
            self.next = None;
            return None;
        }
        self.seen[self.given] = Some(error);
        self.given += 1;
        self.next = error.source();
        Some(error)
    }
}

/// Shows a value's `Debug` through `Display`: the `DebugInfo` detail text.
struct DebugText<'a>(&'a dyn fmt::Debug);

impl fmt::Display for DebugText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl crate::Details {
    /// The first `DebugInfo`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::debug_info`](crate::DetailWriter::debug_info) for an example.
    pub fn debug_info(&self) -> Option<crate::pb::DebugInfo> {
        self.first()
    }
}

/// The `DebugInfo`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[
        Field::new(1, "stackEntries", Form::Strings),
        Field::new(2, "detail", Form::String),
    ]
};
