//! gRPC's richer error model for [tonic]: a `tonic::Status` whose
//! `grpc-status-details-bin` trailer carries a `google.rpc.Status` with typed details
//! (`ErrorInfo`, `QuotaFailure`, `DebugInfo`, the rest of the standard catalogue, and a
//! service's own prost messages), readable by any gRPC client in any language.
//!
//! # Server side: encode
//!
//! [`status`] builds a `tonic::Status` from a code, a message and details. Details are
//! borrowed views such as [`ErrorInfoRef`] that write straight from the error's fields
//! ([`Text`] takes a `&str` or any `Display`), the owned prost types in [`pb`], or a
//! service's own message through [`Packed`]. The `google.rpc.Status` is measured first and
//! written into one buffer of exactly that size; its code and message are the outer ones,
//! byte for byte.
//!
//! ```
//! use rich_status::{ErrorInfoRef, QuotaFailureRef, QuotaViolationRef, Text};
//! use tonic::Code;
//!
//! fn too_many_greetings(name: &str) -> tonic::Status {
//!     let subject = format!("name: {name}");
//!     rich_status::status(
//!         Code::ResourceExhausted,
//!         "Request limit exceeded.",
//!         &[
//!             &ErrorInfoRef::new("RESOURCE_EXHAUSTED", "greeter.example.com")
//!                 .with_metadata(&[("name", Text::str(name))]),
//!             &QuotaFailureRef::new(&[QuotaViolationRef::new(
//!                 Text::str(&subject),
//!                 "Limit one greeting per person.",
//!             )]),
//!         ],
//!     )
//! }
//! # let status = too_many_greetings("Ada");
//! # assert_eq!(status.code(), Code::ResourceExhausted);
//! ```
//!
//! # Client side: decode
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
//! # let status = rich_status::status(
//! #     tonic::Code::ResourceExhausted, "Request limit exceeded.",
//! #     &[&rich_status::QuotaFailureRef::new(&[rich_status::QuotaViolationRef::new("name: Ada", "")])],
//! # );
//! assert_eq!(explain(&status), "over quota: name: Ada");
//! ```

#![warn(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod decode;
mod detail;
mod encode;
mod error;
mod fields;
pub mod pb;
pub mod policy;
mod reader;
mod rich_status;
mod standard;
mod text;

pub use decode::{AnyRef, Details, StatusExt};
pub use detail::{
    BadRequestRef, DebugInfoRef, ErrorInfoRef, FieldViolationRef, HelpLinkRef, HelpRef,
    LocalizedMessageRef, PreconditionFailureRef, PreconditionViolationRef, QuotaFailureRef,
    QuotaViolationRef, RequestInfoRef, ResourceInfoRef, RetryInfoRef, type_url,
};
pub use encode::{EncodeDetail, Packed, encode_status, status};
pub use error::{DecodeError, DecodeErrorKind};
pub use fields::Fields;
pub use rich_status::RichStatus;
pub use rich_status_derive::RichStatus;
pub use standard::StandardDetail;
pub use text::Text;

/// The README's examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
