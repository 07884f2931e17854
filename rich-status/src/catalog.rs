//! [`Catalog`]: every reason a service's errors can send, as documented API.
//!
//! AIP-193 makes `ErrorInfo.reason` and `domain` part of an API's contract: clients switch
//! on them, so they must be documented, unique and stable. A derived error type knows all
//! of it, and gives it without an error being made: [`RichStatus::catalog`] lists, for
//! every variant (and, through `transparent`, the inner type's), its domain and reason,
//! code, message template, metadata keys with their fields' Rust types, detail kinds,
//! whether it sends `DebugInfo`, its log level and its doc comment. Nothing of it is on
//! the error path.
//!
//! The catalogue renders as a Markdown table for API docs ([`to_markdown`]), JSON for
//! tooling ([`to_json`]), and a `.proto` file with one enum of reasons per domain, in the
//! style of googleapis' `google/api/error_reason.proto`, so that clients in any language
//! get constants to compare `ErrorInfo.reason` with ([`to_proto`]). A service's own tests
//! can check it ([`problems`]).
//!
//! ```
//! use rich_status::RichStatus;
//! use rich_status::catalog::Message;
//!
//! #[derive(Debug, thiserror::Error, RichStatus)]
//! #[rich_status(domain = "users.example.com")]
//! enum UserError {
//!     /// No user has this id.
//!     #[error("user {id} not found")]
//!     #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
//!     NotFound {
//!         #[rich_status(metadata = "userId")]
//!         id: u64,
//!     },
//! }
//!
//! let catalog = UserError::catalog();
//! let entry = &catalog.entries()[0];
//! assert_eq!((entry.domain, entry.reason), ("users.example.com", "USER_UNKNOWN"));
//! assert_eq!(entry.code, tonic::Code::NotFound);
//! assert_eq!(entry.message, Message::Template("user {id} not found"));
//! assert_eq!((entry.metadata[0].key, entry.metadata[0].rust_type), ("userId", "u64"));
//! assert_eq!(entry.description, "No user has this id.");
//! assert!(catalog.problems().is_empty());
//! ```
//!
//! [`RichStatus::catalog`]: crate::RichStatus::catalog
//! [`to_markdown`]: Catalog::to_markdown
//! [`to_json`]: Catalog::to_json
//! [`to_proto`]: Catalog::to_proto
//! [`problems`]: Catalog::problems

use std::fmt;

use tonic::Code;

use crate::LogLevel;
use crate::rest::{http_status, status_name};

mod proto;
mod render;

/// Every reason one or more error types can send, in the order they are declared; see
/// the [module](self).
///
/// ```
/// use rich_status::RichStatus;
/// use rich_status::catalog::Catalog;
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[rich_status(domain = "orders.example.com")]
/// enum OrderError {
///     #[error("order is being edited")]
///     #[rich_status(code = Aborted)]
///     Conflict,
/// }
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[rich_status(domain = "billing.example.com")]
/// enum BillingError {
///     #[error("card declined")]
///     #[rich_status(code = FailedPrecondition)]
///     Declined,
/// }
///
/// // A service's whole catalogue: every error type its handlers return.
/// let catalog = Catalog::new().with::<OrderError>().with::<BillingError>();
/// let reasons: Vec<_> = catalog.entries().iter().map(|e| e.reason).collect();
/// assert_eq!(reasons, ["CONFLICT", "DECLINED"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    entries: Vec<Entry>,
}

/// One reason: what a variant sends, and its documentation. Constant data: the derive
/// writes each type's entries as one `const` slice, each entry made with
/// [`Entry::new`] and a `with_*` call for each thing that differs from the defaults.
///
/// A hand-written [`RichStatus`](crate::RichStatus) that wants a catalogue builds them
/// the same way, in its `catalog()`.
///
/// ```
/// use rich_status::catalog::{Catalog, Entry, MetadataKey};
/// use rich_status::{DetailWriter, RichStatus};
/// use tonic::Code;
///
/// struct Gone { id: u64 }
///
/// impl RichStatus for Gone {
///     fn code(&self) -> Code { Code::NotFound }
///     fn write_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         write!(f, "order {} is gone", self.id)
///     }
///     fn details(&self, w: &mut DetailWriter<'_>) {
///         w.error_info("ORDER_GONE", "orders.example.com").metadata("orderId", self.id);
///     }
///     fn catalog() -> Catalog {
///         const ENTRIES: &[Entry] = &[
///             Entry::new("Gone", "orders.example.com", "ORDER_GONE", Code::NotFound)
///                 .with_metadata(&[MetadataKey { key: "orderId", field: "id", rust_type: "u64" }])
///                 .with_description("The order was deleted."),
///         ];
///         let mut catalog = Catalog::new();
///         catalog.push_all(ENTRIES);
///         catalog
///     }
/// }
///
/// let catalog = Gone::catalog();
/// assert_eq!(catalog.entries()[0].http_status(), 404);
/// assert!(catalog.problems().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Entry {
    /// The Rust variant (or struct) that sends it, e.g. `GreetError::TooManyGreetings`.
    pub rust_name: &'static str,
    /// `ErrorInfo.domain`.
    pub domain: &'static str,
    /// `ErrorInfo.reason`.
    pub reason: &'static str,
    /// The status code.
    pub code: Code,
    /// The client-facing message.
    pub message: Message,
    /// The `ErrorInfo.metadata` keys, in the order they are written.
    pub metadata: &'static [MetadataKey],
    /// The protobuf messages of the details it attaches after the `ErrorInfo`
    /// (`google.rpc.QuotaFailure`, a service's own `shop.v1.Basket`), in order; details
    /// that a `details = fn` hook writes are known only at run time and not listed, and
    /// `DebugInfo` is [`debug_info`](Entry::debug_info).
    pub details: &'static [DetailName],
    /// Whether it sends a `DebugInfo` (when the [`policy`](crate::policy) allows).
    pub debug_info: bool,
    /// The level its conversion is logged at.
    pub log_level: LogLevel,
    /// The variant's doc comment, its lines joined by spaces.
    pub description: &'static str,
}

/// Where an [`Entry`]'s message comes from.
///
/// ```
/// use rich_status::RichStatus;
/// use rich_status::catalog::Message;
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[rich_status(domain = "orders.example.com")]
/// enum OrderError {
///     #[error("order {0} not found")]
///     #[rich_status(code = NotFound)]
///     Unknown(u64),
///     #[error("query on db-7 failed")]
///     #[rich_status(code = Internal)]
///     Query,
///     #[error("pricing answered 503")]
///     #[rich_status(code = Unavailable, message = public)]
///     Pricing { public: String },
/// }
///
/// let messages: Vec<Message> = OrderError::catalog().into_iter().map(|e| e.message).collect();
/// assert_eq!(messages, [
///     Message::Template("order {0} not found"),
///     Message::Generic,
///     Message::Template("{public}"),
/// ]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// A template over the error's fields, as written: `message = "..."`, `message =
    /// field` as `{field}`, or the format string of thiserror's `#[error("...")]` when
    /// the message is the error's `Display`.
    Template(&'static str),
    /// The error's `Display`, with no format string the derive could read.
    Display,
    /// The generic text of the code ([`policy::generic_message`](crate::policy::generic_message)),
    /// as `Internal`, `Unknown` and `DataLoss` send by default.
    Generic,
}

/// One `ErrorInfo.metadata` key of an [`Entry`].
///
/// ```
/// use rich_status::RichStatus;
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[rich_status(domain = "users.example.com", code = NotFound)]
/// enum UserError {
///     #[error("user not found")]
///     Unknown {
///         #[rich_status(metadata)]
///         user_id: std::num::NonZeroU64,
///     },
/// }
///
/// let key = UserError::catalog().entries()[0].metadata[0];
/// assert_eq!((key.key, key.field, key.rust_type), ("userId", "user_id", "std::num::NonZeroU64"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetadataKey {
    /// The key, e.g. `userId`.
    pub key: &'static str,
    /// The field it comes from, as written: `user_id`, or `0` in a tuple variant.
    pub field: &'static str,
    /// The field's Rust type, as written.
    pub rust_type: &'static str,
}

/// Something a service's own tests should hear about its catalogue; see
/// [`Catalog::problems`].
///
/// ```
/// use rich_status::RichStatus;
/// use rich_status::catalog::Problem;
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[rich_status(domain = "users.example.com")]
/// enum UserError {
///     #[error("user {name} not found")]
///     #[rich_status(code = NotFound)]
///     Unknown { name: String },
/// }
///
/// let problems = UserError::catalog().problems();
/// assert!(matches!(&problems[..], [Problem::NotInMetadata { field, .. }] if field == "name"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// Two entries have the same domain and reason, but different codes or metadata
    /// keys: a client that switches on the reason cannot tell them apart.
    Conflict {
        /// The shared domain.
        domain: &'static str,
        /// The shared reason.
        reason: &'static str,
        /// The first entry's Rust name.
        first: &'static str,
        /// The second entry's Rust name.
        second: &'static str,
        /// What differs.
        difference: String,
    },
    /// A message template names a field that is not in the metadata: AIP-193 asks that
    /// the dynamic parts of a message also be in `ErrorInfo.metadata`, where clients
    /// read them without parsing the message.
    NotInMetadata {
        /// The entry's Rust name.
        rust_name: &'static str,
        /// The entry's reason.
        reason: &'static str,
        /// The field the template names.
        field: String,
    },
    /// The reason cannot be a value of its domain's enum in the `.proto` rendering
    /// ([`Catalog::to_proto`]), even with the domain in a file of its own: it is not a
    /// proto identifier, or protoc reads it as the same name as another value of the
    /// enum (`ABC1` and `ABC_1`, or `UNSPECIFIED` and the enum's zero value), or the
    /// domain gives no enum name.
    NotInProto {
        /// The entry's Rust name.
        rust_name: &'static str,
        /// The entry's reason.
        reason: &'static str,
        /// Why, as [`Catalog::to_proto`] would say.
        problem: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Conflict {
                domain,
                reason,
                first,
                second,
                difference,
            } => write!(
                f,
                "{first} and {second} both send reason {reason} of domain {domain}, with {difference}"
            ),
            Problem::NotInMetadata {
                rust_name,
                reason,
                field,
            } => write!(
                f,
                "the message of {rust_name} ({reason}) names `{field}`, which is not in its metadata"
            ),
            Problem::NotInProto { problem, .. } => f.write_str(problem),
        }
    }
}

/// Why [`Catalog::to_proto`] could not write a `.proto` file.
///
/// ```
/// use rich_status::catalog::{Catalog, Entry};
///
/// let mut catalog = Catalog::new();
/// catalog.push(Entry::new("Legacy", "legacy.example.com", "not-an-identifier", tonic::Code::Internal));
/// let error = catalog.to_proto("legacy.v1").unwrap_err();
/// assert_eq!(error.to_string(), "reason `not-an-identifier` of Legacy is not a proto identifier");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtoError {
    message: String,
}

impl fmt::Display for ProtoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProtoError {}

impl Catalog {
    /// An empty catalogue.
    ///
    /// ```
    /// assert!(rich_status::catalog::Catalog::new().entries().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// This catalogue and every entry of `E`'s (see [`Catalog`] for an example).
    pub fn with<E: crate::RichStatus>(mut self) -> Self {
        self.extend(E::catalog());
        self
    }

    /// Adds one entry (see [`Entry`] for an example).
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// Adds `entries`, in order: what the derive does with a type's own.
    ///
    /// ```
    /// use rich_status::catalog::{Catalog, Entry};
    ///
    /// const ENTRIES: &[Entry] = &[Entry::new(
    ///     "Gone",
    ///     "orders.example.com",
    ///     "ORDER_GONE",
    ///     tonic::Code::NotFound,
    /// )];
    /// let mut catalog = Catalog::new();
    /// catalog.push_all(ENTRIES);
    /// assert_eq!(catalog.entries(), ENTRIES);
    /// ```
    pub fn push_all(&mut self, entries: &[Entry]) {
        self.entries.extend_from_slice(entries);
    }

    /// Adds every entry of `other`, as a `transparent` variant adds its inner type's.
    ///
    /// ```
    /// use rich_status::RichStatus;
    /// use rich_status::catalog::Catalog;
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "users.example.com", code = NotFound)]
    /// enum UserError {
    ///     #[error("no such user")]
    ///     Unknown,
    /// }
    ///
    /// let mut catalog = Catalog::new();
    /// catalog.extend(UserError::catalog());
    /// assert_eq!(catalog, Catalog::new().with::<UserError>());
    /// ```
    pub fn extend(&mut self, other: Catalog) {
        self.entries.extend(other.entries);
    }

    /// The same entries, each logged at `level`: what a `transparent` variant with its
    /// own `log = ...` makes of its inner type's.
    ///
    /// ```
    /// use rich_status::{LogLevel, RichStatus};
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "users.example.com", code = NotFound)]
    /// enum UserError {
    ///     #[error("no such user")]
    ///     Unknown,
    /// }
    ///
    /// let catalog = UserError::catalog().logged_at(LogLevel::Warn);
    /// assert_eq!(catalog.entries()[0].log_level, LogLevel::Warn);
    /// ```
    pub fn logged_at(mut self, level: LogLevel) -> Self {
        for entry in &mut self.entries {
            entry.log_level = level;
        }
        self
    }

    /// Every entry, in the order declared (a `transparent` variant's inner entries at
    /// its place); see the [module](self) for an example.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries of one domain.
    ///
    /// ```
    /// use rich_status::RichStatus;
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "users.example.com", code = NotFound)]
    /// enum UserError {
    ///     #[error("no such user")]
    ///     Unknown,
    ///     #[error("no such group")]
    ///     #[rich_status(domain = "groups.example.com")]
    ///     NoGroup,
    /// }
    ///
    /// let groups = UserError::catalog().domain("groups.example.com");
    /// assert_eq!(groups.entries()[0].reason, "NO_GROUP");
    /// assert_eq!(groups.entries().len(), 1);
    /// ```
    pub fn domain(&self, domain: &str) -> Catalog {
        Catalog {
            entries: self
                .entries
                .iter()
                .filter(|entry| entry.domain == domain)
                .cloned()
                .collect(),
        }
    }

    /// The distinct reasons: the first entry of each domain and reason.
    fn reasons(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().enumerate().filter_map(|(i, entry)| {
            let first = self.entries[..i]
                .iter()
                .all(|e| (e.domain, e.reason) != (entry.domain, entry.reason));
            first.then_some(entry)
        })
    }

    /// What a service's tests should hear about: two entries of the same domain and
    /// reason with different codes or metadata keys ([`Problem::Conflict`]; within one
    /// derived type that is a compile error), message templates that name fields not in
    /// the metadata ([`Problem::NotInMetadata`]), and reasons that protoc would refuse in
    /// the `.proto` rendering of their domain ([`Problem::NotInProto`]).
    ///
    /// ```
    /// use rich_status::RichStatus;
    /// use rich_status::catalog::{Catalog, Problem};
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "shop.example.com")]
    /// enum CartError {
    ///     #[error("item {sku} is sold out")]
    ///     #[rich_status(code = FailedPrecondition)]
    ///     SoldOut { sku: String },
    /// }
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "shop.example.com")]
    /// enum StockError {
    ///     #[error("sold out")]
    ///     #[rich_status(code = NotFound)]
    ///     SoldOut,
    /// }
    ///
    /// let problems = Catalog::new().with::<CartError>().with::<StockError>().problems();
    /// let problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(problems, [
    ///     "CartError::SoldOut and StockError::SoldOut both send reason SOLD_OUT of domain \
    ///      shop.example.com, with codes FAILED_PRECONDITION and NOT_FOUND",
    ///     "the message of CartError::SoldOut (SOLD_OUT) names `sku`, which is not in its metadata",
    /// ]);
    /// ```
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (i, second) in self.entries.iter().enumerate() {
            let Some(first) = self.entries[..i]
                .iter()
                .find(|e| (e.domain, e.reason) == (second.domain, second.reason))
            else {
                continue;
            };
            if let Some(difference) = difference(first, second) {
                problems.push(Problem::Conflict {
                    domain: second.domain,
                    reason: second.reason,
                    first: first.rust_name,
                    second: second.rust_name,
                    difference,
                });
            }
        }
        for entry in &self.entries {
            let Message::Template(template) = entry.message else {
                continue;
            };
            for field in template_fields(template) {
                let listed = entry.metadata.iter().any(|m| m.field == field);
                let reported = problems.iter().any(|p| {
                    matches!(p, Problem::NotInMetadata { rust_name, field: f, .. }
                        if *rust_name == entry.rust_name && *f == field)
                });
                if !listed && !reported {
                    problems.push(Problem::NotInMetadata {
                        rust_name: entry.rust_name,
                        reason: entry.reason,
                        field,
                    });
                }
            }
        }
        // Each domain as if in a file of its own: what no choice of package mends.
        let reasons: Vec<&Entry> = self.reasons().collect();
        for domain in proto::domain_enums(&reasons) {
            for clash in proto::clashes(std::slice::from_ref(&domain)) {
                problems.push(Problem::NotInProto {
                    rust_name: clash.entry.rust_name,
                    reason: clash.entry.reason,
                    problem: clash.problem,
                });
            }
        }
        problems
    }
}

impl IntoIterator for Catalog {
    type Item = Entry;
    type IntoIter = std::vec::IntoIter<Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// The protobuf name of a detail message, as [`Entry::details`] lists it: its package
/// and its name, displayed as the full name.
///
/// ```
/// use rich_status::catalog::DetailName;
///
/// const QUOTA: DetailName = DetailName::of::<rich_status::pb::QuotaFailure>();
/// assert_eq!((QUOTA.package, QUOTA.name), ("google.rpc", "QuotaFailure"));
/// assert_eq!(QUOTA.to_string(), "google.rpc.QuotaFailure");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailName {
    /// The protobuf package, e.g. `google.rpc`; empty for a message outside any.
    pub package: &'static str,
    /// The message's name, e.g. `QuotaFailure`.
    pub name: &'static str,
}

impl DetailName {
    /// The name of `M`, from its `prost::Name`.
    pub const fn of<M: crate::writer::DetailMessage>() -> Self {
        DetailName {
            package: M::PACKAGE,
            name: M::NAME,
        }
    }
}

impl fmt::Display for DetailName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.package.is_empty() {
            write!(f, "{}.", self.package)?;
        }
        f.write_str(self.name)
    }
}

const DEBUG_INFO: &str = "google.rpc.DebugInfo";

impl Entry {
    /// The entry of the variant (or struct) `rust_name`, which sends `reason` of `domain`
    /// with `code`, as the derive's defaults have it: its message the error's
    /// `Display` (for `Internal`, `Unknown` and `DataLoss`, the generic text), no
    /// metadata, no details after the `ErrorInfo`, no `DebugInfo`, logged at
    /// [`LogLevel::for_code`], no description. The `with_*` calls say what differs.
    ///
    /// ```
    /// use rich_status::catalog::{Entry, Message};
    /// use rich_status::LogLevel;
    /// use tonic::Code;
    ///
    /// const ENTRY: Entry = Entry::new("Query", "db.example.com", "QUERY_FAILED", Code::Internal);
    /// assert_eq!(ENTRY.message, Message::Generic);
    /// assert_eq!(ENTRY.log_level, LogLevel::Error);
    /// assert!(ENTRY.metadata.is_empty() && ENTRY.details.is_empty() && !ENTRY.debug_info);
    /// ```
    pub const fn new(
        rust_name: &'static str,
        domain: &'static str,
        reason: &'static str,
        code: Code,
    ) -> Entry {
        let message = match code {
            Code::Internal | Code::Unknown | Code::DataLoss => Message::Generic,
            _ => Message::Display,
        };
        Entry {
            rust_name,
            domain,
            reason,
            code,
            message,
            metadata: &[],
            details: &[],
            debug_info: false,
            log_level: LogLevel::for_code(code),
            description: "",
        }
    }

    /// The same entry with `message` (see [`Message`] for where it comes from).
    ///
    /// ```
    /// use rich_status::catalog::{Entry, Message};
    ///
    /// let entry = Entry::new("Gone", "a.example.com", "GONE", tonic::Code::NotFound)
    ///     .with_message(Message::Template("order {id} is gone"));
    /// assert_eq!(entry.message, Message::Template("order {id} is gone"));
    /// ```
    pub const fn with_message(mut self, message: Message) -> Entry {
        self.message = message;
        self
    }

    /// The same entry with these `ErrorInfo.metadata` keys (see [`Entry`] for an example).
    pub const fn with_metadata(mut self, metadata: &'static [MetadataKey]) -> Entry {
        self.metadata = metadata;
        self
    }

    /// The same entry with these details after the `ErrorInfo`, in wire order.
    ///
    /// ```
    /// use rich_status::catalog::{DetailName, Entry};
    ///
    /// let entry = Entry::new("Limited", "a.example.com", "LIMITED", tonic::Code::ResourceExhausted)
    ///     .with_details(const { &[DetailName::of::<rich_status::pb::QuotaFailure>()] });
    /// assert_eq!(entry.details[0].to_string(), "google.rpc.QuotaFailure");
    /// ```
    pub const fn with_details(mut self, details: &'static [DetailName]) -> Entry {
        self.details = details;
        self
    }

    /// The same entry, sending a `DebugInfo` (when the [`policy`](crate::policy) allows).
    ///
    /// ```
    /// let entry = rich_status::catalog::Entry::new("Store", "a.example.com", "STORE", tonic::Code::Internal)
    ///     .with_debug_info();
    /// assert!(entry.debug_info);
    /// ```
    pub const fn with_debug_info(mut self) -> Entry {
        self.debug_info = true;
        self
    }

    /// The same entry, logged at `level`.
    ///
    /// ```
    /// use rich_status::LogLevel;
    ///
    /// let entry = rich_status::catalog::Entry::new("Busy", "a.example.com", "BUSY", tonic::Code::Unavailable)
    ///     .with_log_level(LogLevel::Warn);
    /// assert_eq!(entry.log_level, LogLevel::Warn);
    /// ```
    pub const fn with_log_level(mut self, level: LogLevel) -> Entry {
        self.log_level = level;
        self
    }

    /// The same entry with `description`, the variant's doc comment (see [`Entry`] for
    /// an example).
    pub const fn with_description(mut self, description: &'static str) -> Entry {
        self.description = description;
        self
    }

    /// The HTTP status of its code, as [`rest::http_status`](crate::rest::http_status)
    /// maps it (see [`Entry`] for an example).
    pub fn http_status(&self) -> u16 {
        http_status(self.code)
    }

    /// The detail type names, `DebugInfo` last where it may be sent.
    fn all_details(&self) -> Vec<String> {
        let debug_info = self.debug_info.then(|| DEBUG_INFO.to_owned());
        let details = self.details.iter().map(DetailName::to_string);
        details.chain(debug_info).collect()
    }
}

/// What differs between two entries of one reason, if anything a client sees.
fn difference(first: &Entry, second: &Entry) -> Option<String> {
    if first.code != second.code {
        return Some(format!(
            "codes {} and {}",
            status_name(first.code),
            status_name(second.code)
        ));
    }
    let keys = |entry: &Entry| {
        let mut keys: Vec<&str> = entry.metadata.iter().map(|m| m.key).collect();
        keys.sort_unstable();
        keys
    };
    let (a, b) = (keys(first), keys(second));
    (a != b).then(|| format!("metadata keys [{}] and [{}]", a.join(", "), b.join(", ")))
}

/// The fields a format string names: `{name}`, `{0}`, `{name:?}`; `{{` is text.
fn template_fields(template: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            rest = after;
            continue;
        }
        let Some(close) = rest.find('}') else { break };
        let name = rest[..close].split(':').next().unwrap_or("").trim();
        if !name.is_empty() && !fields.iter().any(|f| f == name) {
            fields.push(name.to_owned());
        }
        rest = &rest[close + 1..];
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_fields_skip_escapes_and_formats() {
        assert_eq!(
            template_fields("{{literal}} {name} {0:?} {name} {id:>5}"),
            ["name", "0", "id"]
        );
        assert!(template_fields("no fields {").is_empty());
    }
}
