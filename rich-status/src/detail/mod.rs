//! The standard `google.rpc` detail messages, one module each: the [`DetailWriter`]
//! methods that write it (the only place its field numbers appear) and their typed
//! writers, its accessor on [`Details`](crate::Details), how the trailer budget treats
//! it, and its proto3 JSON form. Adding a detail kind is a module here and a line in
//! each list: [`type_url`], [`StandardDetail`](crate::StandardDetail), `budget_class`
//! and the JSON answer's dispatch.
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
pub use debug_info::{MAX_SOURCE_CHAIN, SOURCE_CHAIN_REPEATS, SOURCE_CHAIN_TOO_LONG};
pub use error_info::ErrorInfoWriter;
pub use quota_failure::QuotaViolationWriter;
pub use request_info::RequestInfoWriter;
pub use resource_info::ResourceInfoWriter;

pub use crate::writer::DetailMessage;

/// How the trailer budget treats a detail of `type_url`: its module's class for a
/// standard detail, optional for anything else.
pub(crate) fn budget_class(type_url: &str) -> crate::budget::Class {
    match type_url {
        type_url::ERROR_INFO => error_info::BUDGET,
        type_url::RETRY_INFO => retry_info::BUDGET,
        type_url::DEBUG_INFO => debug_info::BUDGET,
        type_url::QUOTA_FAILURE => quota_failure::BUDGET,
        type_url::PRECONDITION_FAILURE => precondition_failure::BUDGET,
        type_url::BAD_REQUEST => bad_request::BUDGET,
        type_url::REQUEST_INFO => request_info::BUDGET,
        type_url::RESOURCE_INFO => resource_info::BUDGET,
        type_url::HELP => help::BUDGET,
        type_url::LOCALIZED_MESSAGE => localized_message::BUDGET,
        _ => crate::budget::Class::Optional,
    }
}

/// The type URLs of the standard detail messages, as other gRPC stacks write them.
///
/// ```
/// use prost::Name;
/// assert_eq!(rich_status::type_url::ERROR_INFO, rich_status::pb::ErrorInfo::type_url());
/// ```
pub mod type_url {
    /// `google.rpc.ErrorInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::ERROR_INFO, "type.googleapis.com/google.rpc.ErrorInfo");
    /// ```
    pub const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
    /// `google.rpc.RetryInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::RETRY_INFO, "type.googleapis.com/google.rpc.RetryInfo");
    /// ```
    pub const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
    /// `google.rpc.DebugInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::DEBUG_INFO, "type.googleapis.com/google.rpc.DebugInfo");
    /// ```
    pub const DEBUG_INFO: &str = "type.googleapis.com/google.rpc.DebugInfo";
    /// `google.rpc.QuotaFailure`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::QUOTA_FAILURE, "type.googleapis.com/google.rpc.QuotaFailure");
    /// ```
    pub const QUOTA_FAILURE: &str = "type.googleapis.com/google.rpc.QuotaFailure";
    /// `google.rpc.PreconditionFailure`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::PRECONDITION_FAILURE, "type.googleapis.com/google.rpc.PreconditionFailure");
    /// ```
    pub const PRECONDITION_FAILURE: &str = "type.googleapis.com/google.rpc.PreconditionFailure";
    /// `google.rpc.BadRequest`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::BAD_REQUEST, "type.googleapis.com/google.rpc.BadRequest");
    /// ```
    pub const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
    /// `google.rpc.RequestInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::REQUEST_INFO, "type.googleapis.com/google.rpc.RequestInfo");
    /// ```
    pub const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";
    /// `google.rpc.ResourceInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::RESOURCE_INFO, "type.googleapis.com/google.rpc.ResourceInfo");
    /// ```
    pub const RESOURCE_INFO: &str = "type.googleapis.com/google.rpc.ResourceInfo";
    /// `google.rpc.Help`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::HELP, "type.googleapis.com/google.rpc.Help");
    /// ```
    pub const HELP: &str = "type.googleapis.com/google.rpc.Help";
    /// `google.rpc.LocalizedMessage`
    ///
    /// ```
    /// assert_eq!(rich_status::type_url::LOCALIZED_MESSAGE, "type.googleapis.com/google.rpc.LocalizedMessage");
    /// ```
    pub const LOCALIZED_MESSAGE: &str = "type.googleapis.com/google.rpc.LocalizedMessage";
}

#[cfg(test)]
mod tests {
    use super::type_url;
    use crate::pb;
    use prost::Name;

    #[test]
    fn type_url_constants_match_the_generated_names() {
        let pairs = [
            (type_url::ERROR_INFO, pb::ErrorInfo::type_url()),
            (type_url::RETRY_INFO, pb::RetryInfo::type_url()),
            (type_url::DEBUG_INFO, pb::DebugInfo::type_url()),
            (type_url::QUOTA_FAILURE, pb::QuotaFailure::type_url()),
            (
                type_url::PRECONDITION_FAILURE,
                pb::PreconditionFailure::type_url(),
            ),
            (type_url::BAD_REQUEST, pb::BadRequest::type_url()),
            (type_url::REQUEST_INFO, pb::RequestInfo::type_url()),
            (type_url::RESOURCE_INFO, pb::ResourceInfo::type_url()),
            (type_url::HELP, pb::Help::type_url()),
            (
                type_url::LOCALIZED_MESSAGE,
                pb::LocalizedMessage::type_url(),
            ),
        ];
        for (constant, generated) in pairs {
            assert_eq!(constant, generated);
        }
    }
}
