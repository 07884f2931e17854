//! The standard `google.rpc` detail messages, one module each (the only module its field
//! numbers appear in): the [`DetailWriter`] methods that write it and their typed
//! writers, its accessor on [`Details`](crate::Details), and the table of its proto3
//! JSON form, which both reads it from bytes and follows the writer's calls. What
//! the rest of the crate asks of a kind (its type URL, how the trailer budget treats it,
//! whether it is a list) is its row in the crate's table of kinds, which also says what
//! adding a kind touches.
//!
//! [`DetailWriter`]: crate::DetailWriter

pub(crate) mod bad_request;
pub(crate) mod debug_info;
pub(crate) mod error_info;
pub(crate) mod help;
pub(crate) mod localized_message;
pub(crate) mod precondition_failure;
pub(crate) mod quota_failure;
pub(crate) mod request_info;
pub(crate) mod resource_info;
pub(crate) mod retry_info;

pub use bad_request::FieldViolationWriter;
pub use debug_info::{AsDynError, MAX_SOURCE_CHAIN, SOURCE_CHAIN_REPEATS, SOURCE_CHAIN_TOO_LONG};
pub use error_info::ErrorInfoWriter;
pub use quota_failure::QuotaViolationWriter;
pub use request_info::RequestInfoWriter;
pub use resource_info::ResourceInfoWriter;

pub use crate::kind::type_url;
pub use crate::text::Concat;
pub use crate::writer::DetailMessage;
