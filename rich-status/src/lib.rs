//! gRPC's richer error model for [tonic]: a `tonic::Status` whose
//! `grpc-status-details-bin` trailer carries a `google.rpc.Status` with typed details
//! (`ErrorInfo`, `QuotaFailure`, `DebugInfo`, the rest of the standard `google.rpc` set, and a
//! service's own prost messages), readable by any gRPC client in any language.
//!
//! # Deriving
//!
//! Describe failures once, as an error enum; every handler returns them with `?`.
//!
//! ```
//! use rich_status::{RichStatus, StatusExt};
//! use tonic::{Code, Status};
//!
//! #[derive(Debug, thiserror::Error, RichStatus)]
//! #[rich_status(domain = "greeter.example.com")]
//! pub enum GreetError {
//!     #[error("Request limit exceeded.")]
//!     #[rich_status(
//!         code = ResourceExhausted,
//!         quota_failure(subject = "name: {name}", description = "Limit one greeting per person."),
//!     )]
//!     TooManyGreetings {
//!         #[rich_status(metadata)]
//!         name: String,
//!     },
//!
//!     #[error("user {0} not found")]
//!     #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
//!     NotFound(#[rich_status(metadata = "userId")] String),
//! }
//!
//! fn check(name: &str) -> Result<(), GreetError> {
//!     Err(GreetError::TooManyGreetings { name: name.into() })
//! }
//!
//! fn say_hello(name: &str) -> Result<String, Status> {
//!     check(name)?; // GreetError -> tonic::Status
//!     Ok(format!("Hello {name}!"))
//! }
//!
//! let status = say_hello("Ada").unwrap_err();
//! assert_eq!(status.code(), Code::ResourceExhausted);
//! assert_eq!(status.message(), "Request limit exceeded.");
//! let details = status.rich_details().unwrap();
//! let info = details.error_info().unwrap();
//! assert_eq!((info.reason.as_str(), info.domain.as_str()), ("TOO_MANY_GREETINGS", "greeter.example.com"));
//! assert_eq!(info.metadata["name"], "Ada");
//! assert_eq!(details.quota_failure().unwrap().violations[0].subject, "name: Ada");
//! ```
//!
//! The derive generates `impl RichStatus for E` and `impl From<E> for tonic::Status`.
//! It works on enums (unit, tuple and struct variants) and on structs, with generics and
//! lifetimes. Its attributes:
//!
//! | where | attribute | meaning |
//! | --- | --- | --- |
//! | enum | `domain = "..."` | `ErrorInfo.domain` of every variant (required here or on each variant) |
//! | enum | `code = X` | the default `tonic::Code` variant for variants that give none |
//! | enum, struct | `decode` | also `impl TryFrom<&tonic::Status>`, through the public [`decode::StatusReader`]: the variant by `ErrorInfo` domain and reason (the status must have its code), `metadata` fields parsed with `FromStr`, the `message = field` field parsed from the message, `detail` fields unpacked in field order, a field that joins a list detail (`bad_request`, ...) from every violation or link after those the attributes wrote (a validation report as its `Default`), other fields as their `Default` (a type without one is a compile error at the field), `transparent` variants through their inner type; a status that fits no variant is a [`decode::FromStatusError`] that keeps it |
//! | variant, struct | `code = X` | the status code; `Ok` is rejected, a misspelt code names the closest |
//! | variant, struct | `reason = "..."` | `ErrorInfo.reason`; default: the name in UPPER_SNAKE_CASE. Must match `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters |
//! | variant, struct | `domain = "..."` | overrides the enum's domain |
//! | variant, struct | `message = "..."` | the client-facing message, a template over the fields (`{name}`, `{0}`, `{id:?}`); default: `Display`, except for `Internal`, `Unknown` and `DataLoss` (see [below](#client-safe-messages)) |
//! | variant, struct | `message = field` / `message = 0` | the client-facing message is that field's `Display`; the error's own `Display` stays for logs |
//! | variant, struct | `message = Display` | send `Display` also for `Internal`, `Unknown` and `DataLoss` |
//! | enum, struct | `into_response` | also axum's `IntoResponse` (needs the `axum` feature): the HTTP status mapped from the code and the AIP-193 JSON error; see [`rest`] |
//! | enum, struct | `connect` | also `From<E> for connectrpc::ConnectError` (needs the `connect` feature), and with `decode` `TryFrom<&ConnectError>`: the same code, message and details as the `tonic::Status` |
//! | enum, variant, struct | `log = warn` | the level of the conversion's `tracing` event: `error`, `warn`, `info`, `debug`, `trace` or `off`; on the enum, for every variant that gives none; default: [`LogLevel::for_code`] |
//! | variant, struct | `quota_failure(subject = "...", description = "...")` | one `QuotaFailure` violation (also `api_service`, `quota_metric`, `quota_id`); repeat it for more |
//! | variant, struct | `bad_request(field = "...", description = "...", reason = "...")` | one `BadRequest` field violation; repeatable |
//! | variant, struct | `precondition_failure(type = "...", subject = "...", description = "...")` | one `PreconditionFailure` violation; repeatable |
//! | variant, struct | `help(description = "...", url = "...")` | one `Help` link; repeatable |
//! | variant, struct | `resource_info(resource_type = "...", resource_name = "...", owner = "...", description = "...")` | a `ResourceInfo` |
//! | variant, struct | `request_info(request_id = "...", serving_data = "...")` | a `RequestInfo` |
//! | variant, struct | `localized_message(locale = "...", message = "...")` | a `LocalizedMessage` |
//! | variant, struct | `retry_info(delay = "30s")` or `retry_info(delay = field)` | a `RetryInfo`; the delay is a literal (`ns`, `us`, `ms`, `s`, `m`, `h`) or a `Duration` field |
//! | variant, struct | `debug_info` | a `DebugInfo` with the backtrace field's frames, the source chain, and the error's `Debug`; sent only when [`policy`] allows |
//! | variant, struct | `details = path::to::fn` | details computed at run time: `fn(&E, &mut rich_status::DetailWriter<'_>)` writes them, after the attribute details (it may run twice for one status, so it must write the same both times) |
//! | variant | `transparent` | code, message and details all come from the single field's own `RichStatus` |
//! | field | `metadata` / `metadata = "key"` | `ErrorInfo.metadata[key] = field.to_string()`; key defaults to the field name in lowerCamelCase |
//! | field | `detail` | a prost message with `prost::Name` (from [`pb`] or the service's own) packed as an `Any`; a field written `Option<M>` or `Vec<M>` packs zero or more |
//! | field | `quota_failure`, `precondition_failure`, `bad_request`, `help` | a `Vec` of that detail's violations or links (`Vec<pb::bad_request::FieldViolation>`, ...), written into the variant's detail of that kind; for `bad_request`, any [`validation::FieldViolations`]: validator's or garde's report (features `validator`, `garde`) |
//!
//! Every string of these attributes is a template over the variant's fields, as in
//! thiserror (`"name: {name}"`, `"{0}"`, `"{id:?}"`). Every variant gets an `ErrorInfo`,
//! first among its details; the attribute details follow in the order written (the
//! repeated ones as one detail, at the place of the first), a field's violations or
//! links joining the attribute detail of their kind; then the details of the kinds only
//! fields' violations or links make, in field order; then what `detail` fields hold, in
//! field order. The catalogue lists them in the same order. Nothing from a field reaches the wire unless the field is named in the
//! message, a template, or marked: a password field never leaks by default. Every
//! mistake in the attributes is a compile error at its span, all reported at once.
//!
//! # Client-safe messages
//!
//! An error's `Display` is written for the people who run the service: it may name
//! paths, queries, host names. For the codes that describe the client's request
//! (`NotFound`, `InvalidArgument`, ...) `Display` is the message clients get. For
//! `Internal`, `Unknown` and `DataLoss` the default is a generic text instead ("internal
//! error", "unknown error", "data loss"), so that nothing internal reaches a client by
//! accident; a variant sends something else with `message = "..."`, a field's text with
//! `message = field`, or its `Display` after all with `message = Display`.
//!
//! ```
//! use rich_status::RichStatus;
//! use tonic::{Code, Status};
//!
//! #[derive(Debug, thiserror::Error, RichStatus)]
//! #[rich_status(domain = "orders.example.com")]
//! enum OrderError {
//!     #[error("query on db-7.internal failed: {0}")]
//!     #[rich_status(code = Internal)]
//!     Query(String),
//!
//!     #[error("pricing at 10.0.0.7 answered 503")]
//!     #[rich_status(code = Unavailable, message = public)]
//!     Pricing { public: String },
//! }
//!
//! let status = Status::from(OrderError::Query("deadlock".into()));
//! assert_eq!((status.code(), status.message()), (Code::Internal, "internal error"));
//!
//! let error = OrderError::Pricing { public: "prices are being updated".into() };
//! assert_eq!(error.to_string(), "pricing at 10.0.0.7 answered 503");
//! assert_eq!(Status::from(error).message(), "prices are being updated");
//! ```
//!
//! # Logging
//!
//! With the `tracing` feature (on by default), each conversion `Status::from(error)`
//! (what `?` does in a handler) emits one event with target `rich_status` and the fields
//! `code` (`"NOT_FOUND"`), `reason`, `domain`, `error` (the error's `Display`), `sources`
//! (its `source()` chain joined with `": "`, when it has one, at most
//! [`detail::MAX_SOURCE_CHAIN`] errors and never round a cycle twice) and
//! `grpc_message` (what the client got); `error` and `sources` for types that implement
//! `std::error::Error`. Its level is the variant's `log = ...`, else the enum's, else
//! [`LogLevel::for_code`]: `error` for `Internal`, `Unknown` and `DataLoss`, `debug` for
//! the rest; `log = off` silences one. A `transparent` variant logs at its inner error's
//! level unless it sets one. [`RichStatus::to_status`] builds the status without logging.
//!
//! ```
//! use rich_status::{LogLevel, RichStatus};
//!
//! #[derive(Debug, thiserror::Error, RichStatus)]
//! #[rich_status(domain = "orders.example.com", log = info)]
//! enum OrderError {
//!     #[error("order {0} is being edited")]
//!     #[rich_status(code = Aborted)]
//!     Conflict(u64),
//!
//!     #[error("client went away")]
//!     #[rich_status(code = Cancelled, log = off)]
//!     Gone,
//! }
//!
//! assert_eq!(OrderError::Conflict(7).log_level(), LogLevel::Info);
//! assert_eq!(OrderError::Gone.log_level(), LogLevel::Off);
//! ```
//!
//! # Features
//!
//! | feature | default | what it adds |
//! | --- | --- | --- |
//! | `tracing` | on | the conversion event above |
//! | `server` | on | [`server::RichStatusLayer`], the tower layer for tonic servers: `grpc-message` as the spec writes it, `DebugInfo` and the trailer budget per call, panics answered as `INTERNAL` |
//! | `client` | on | [`client::DetailsGuardLayer`], which keeps a `grpc-status-details-bin` tonic would panic on away from tonic's client, and [`client::retry`], unary calls retried as the server's `RetryInfo` asks |
//! | `axum` | off | axum's `IntoResponse` for derived errors that say `#[rich_status(into_response)]`, answering with the HTTP status mapped from the code and the AIP-193 JSON error; see [`rest`] |
//! | `validator` | off | `validator::ValidationErrors` as `BadRequest` field violations ([`validation`]): a `#[rich_status(bad_request)]` field may hold one |
//! | `garde` | off | the same for `garde::Report` |
//! | `protovalidate` | off | the same for `prost_protovalidate::ValidationError` (buf.validate rules over prost messages) |
//! | `connect` | off | connect-rust's `ConnectError` for derived errors that say `#[rich_status(connect)]`, built by hand with `connect::error`, and read back with `connect::details`; see `connect` |
//! | `tonic-types` | off | conversions between [`Details`] and `tonic_types::ErrorDetails` |
//!
//! # Building statuses by hand
//!
//! [`status`] builds a `tonic::Status` from a code, a message and a closure that writes
//! the details through a [`DetailWriter`]: one typed call per detail, the same calls a
//! derived or hand-written [`RichStatus::details`] makes. Text values are any `Display`
//! (a `&str`, a field, a `format_args!`), written straight into the status; a service's
//! own prost message goes in with [`DetailWriter::detail`]. The `google.rpc.Status` is
//! written once and kept in one allocation of exactly its size; its code and message
//! are the outer ones, byte for byte.
//!
//! ```
//! use tonic::Code;
//!
//! fn too_many_greetings(name: &str) -> tonic::Status {
//!     rich_status::status(Code::ResourceExhausted, "Request limit exceeded.", |w| {
//!         w.error_info("RESOURCE_EXHAUSTED", "greeter.example.com").metadata("name", name);
//!         w.quota_violation(format_args!("name: {name}"), "Limit one greeting per person.");
//!     })
//! }
//! # let status = too_many_greetings("Ada");
//! # assert_eq!(status.code(), Code::ResourceExhausted);
//! ```
//!
//! # Reading rich statuses
//!
//! [`StatusExt::rich_details`] reads the trailer back into [`Details`], with an accessor
//! per standard detail and [`Details::get`] for a service's own messages. Malformed
//! bytes, unknown type URLs and a trailer whose code or message disagrees with the outer
//! status come back as [`DecodeError`] values; decoding never panics.
//!
//! ```
//! use rich_status::StatusExt;
//!
//! fn explain(status: &tonic::Status) -> String {
//!     match status.rich_details() {
//!         Ok(details) => match details.quota_failure() {
//!             Some(quota) => format!("over quota: {}", quota.violations[0].subject),
//!             None => format!("{:?}: {}", details.code(), details.message()),
//!         },
//!         Err(err) => format!("unreadable details: {err}"),
//!     }
//! }
//! # let status = rich_status::status(tonic::Code::ResourceExhausted, "Request limit exceeded.", |w| {
//! #     w.quota_violation("name: Ada", "");
//! # });
//! assert_eq!(explain(&status), "over quota: name: Ada");
//! ```
//!
//! # The error catalogue
//!
//! Every derived type lists the reasons it can send, without an error being made:
//! [`RichStatus::catalog`] gives a [`catalog::Catalog`] with the domain, reason, code,
//! message template, metadata keys, details and doc comment of each, rendered as a
//! Markdown table, JSON, or a `.proto` enum of reasons per domain for clients in other
//! languages, and checked with [`catalog::Catalog::problems`] in a service's tests.
//!
//! ```
//! use rich_status::RichStatus;
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
//! assert!(catalog.problems().is_empty());
//! assert!(catalog.to_markdown().contains("| `USER_UNKNOWN` | `users.example.com` | `NOT_FOUND` | 404 |"));
//! assert!(catalog.to_proto("users.v1").unwrap().contains("  USER_UNKNOWN = 1;"));
//! ```
//!
//! # Calling services
//!
//! tonic's client panics on a `grpc-status-details-bin` that is not base64; a client of
//! a peer it does not control calls through [`client::DetailsGuard`], which drops such a
//! value before tonic reads it (the status keeps its code and message, and
//! `rich_details()` says [`DecodeErrorKind::DetailsDropped`](decode::DecodeErrorKind::DetailsDropped)). [`client::retry`] makes a
//! unary call again as the server's `RetryInfo` asks, within a deadline.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod any;
mod budget;
pub mod catalog;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "connect")]
pub mod connect;
pub mod decode;
pub mod detail;
mod details;
mod encode;
mod error;
mod fields;
mod from_status;
mod grpc_message;
#[cfg(any(feature = "axum", feature = "connect"))]
mod json;
mod kind;
mod logging;
pub mod pb;
pub mod policy;
mod reader;
pub mod rest;
mod rich_status;
#[cfg(feature = "server")]
pub mod server;
mod slots;
mod standard;
mod status_ext;
mod text;
#[cfg(feature = "tonic-types")]
mod tonic_types_bridge;
pub mod validation;
mod view;
mod wire;
mod writer;

pub use details::Details;
pub use encode::{encode_status, status, status_with_budget};
pub use error::DecodeError;
pub use logging::LogLevel;
pub use rich_status::RichStatus;
pub use rich_status_derive::RichStatus;
pub use status_ext::StatusExt;
pub use writer::DetailWriter;

/// The tonic this crate builds statuses for, so that derived code names `tonic::Code`
/// and `tonic::Status` whatever the user's crate calls its own dependency.
pub use tonic;

pub(crate) use text::Text;

/// The README's examples, compiled and run as doctests so they stay true (with the
/// features they use: the greeter's error holds validator's report).
#[cfg(all(doctest, feature = "validator", feature = "garde"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
