use std::error::Error;

use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.DebugInfo` from borrowed parts: stack entries, an error's source chain
/// (one entry per source, outermost first, after the given entries), and a detail text.
///
/// Stack traces are for the service's own developers; whether a service sends them to
/// clients is its own choice.
///
/// ```
/// use rich_status::{DebugInfoRef, StatusExt, Text};
///
/// let io = std::io::Error::other("disk full");
/// let entries = [Text::str("storage::write (src/storage.rs:42)")];
/// let io_debug = DebugOf(&io);
/// let debug = DebugInfoRef::new(&entries)
///     .with_source_chain(&io)
///     .with_detail(Text::display(&io_debug));
/// let status = rich_status::status(tonic::Code::Internal, "storage failed", &[&debug]);
///
/// let decoded = status.rich_details().unwrap();
/// let debug = decoded.debug_info().unwrap();
/// assert_eq!(debug.stack_entries, ["storage::write (src/storage.rs:42)", "disk full"]);
/// assert_eq!(debug.detail, r#"Custom { kind: Other, error: "disk full" }"#);
///
/// /// Shows a value's `Debug` through `Display`.
/// struct DebugOf<'a, T>(&'a T);
/// impl<T: std::fmt::Debug> std::fmt::Display for DebugOf<'_, T> {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         std::fmt::Debug::fmt(self.0, f)
///     }
/// }
/// ```
#[derive(Clone, Copy)]
pub struct DebugInfoRef<'a> {
    stack_entries: &'a [Text<'a>],
    source_chain: Option<&'a (dyn Error + 'a)>,
    detail: Text<'a>,
}

impl<'a> DebugInfoRef<'a> {
    /// A `DebugInfo` with `stack_entries`.
    ///
    /// ```
    /// use rich_status::{DebugInfoRef, Text};
    /// let entries = [Text::str("main.rs:10"), Text::str("lib.rs:20")];
    /// let _ = DebugInfoRef::new(&entries);
    /// ```
    pub fn new(stack_entries: &'a [Text<'a>]) -> Self {
        DebugInfoRef {
            stack_entries,
            source_chain: None,
            detail: Text::EMPTY,
        }
    }

    /// Appends `error` and each of its sources, by `Display`, as stack entries.
    ///
    /// ```
    /// let err = std::io::Error::other("disk full");
    /// let _ = rich_status::DebugInfoRef::new(&[]).with_source_chain(&err);
    /// ```
    pub fn with_source_chain(mut self, error: &'a (dyn Error + 'a)) -> Self {
        self.source_chain = Some(error);
        self
    }

    /// Sets the detail text.
    ///
    /// ```
    /// let _ = rich_status::DebugInfoRef::new(&[]).with_detail("retries exhausted after 3 attempts");
    /// ```
    pub fn with_detail(mut self, detail: impl Into<Text<'a>>) -> Self {
        self.detail = detail.into();
        self
    }
}

impl EncodeDetail for DebugInfoRef<'_> {
    fn type_url(&self) -> &str {
        type_url::DEBUG_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let keep = fields.cut().stack_entries;
        for entry in self.stack_entries.iter().take(keep) {
            fields.repeated_string(1, *entry);
        }
        let mut next = self.source_chain;
        let mut kept = self.stack_entries.len().min(keep);
        while let Some(error) = next.filter(|_| kept < keep) {
            fields.repeated_string(1, Text::display(&error));
            next = error.source();
            kept += 1;
        }
        if self.stack_entries.len() > keep || next.is_some() {
            fields.note(crate::budget::effect::STACK_ENTRIES);
        }
        if fields.cut().debug_detail {
            fields.string(2, self.detail);
        } else if self.detail.as_str() != Some("") {
            fields.note(crate::budget::effect::DEBUG_DETAIL);
        }
    }
}

impl EncodeDetail for crate::pb::DebugInfo {
    fn type_url(&self) -> &str {
        type_url::DEBUG_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let keep = fields.cut().stack_entries;
        for entry in self.stack_entries.iter().take(keep) {
            fields.repeated_string(1, Text::from(entry));
        }
        if self.stack_entries.len() > keep {
            fields.note(crate::budget::effect::STACK_ENTRIES);
        }
        if fields.cut().debug_detail {
            fields.string(2, Text::from(&self.detail));
        } else if !self.detail.is_empty() {
            fields.note(crate::budget::effect::DEBUG_DETAIL);
        }
    }
}

impl std::fmt::Debug for DebugInfoRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DebugInfoRef")
            .field("stack_entries", &self.stack_entries)
            .field("source_chain", &self.source_chain.map(|e| e.to_string()))
            .field("detail", &self.detail)
            .finish()
    }
}
