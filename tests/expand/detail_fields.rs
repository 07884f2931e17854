use rich_status::{RichStatus, pb};

#[derive(Debug, RichStatus)]
#[rich_status(domain = "bank.example.com", code = ResourceExhausted, decode)]
#[rich_status(message = "rate limited", quota_failure(subject = "account: {account}"))]
pub struct RateLimited {
    pub account: String,
    #[rich_status(quota_failure)]
    pub more: Vec<pb::quota_failure::Violation>,
    #[rich_status(detail)]
    pub retry: Option<pb::RetryInfo>,
}

/// A validation library's report joins the `BadRequest` after the attribute's violation;
/// decoded, it is its `Default` (the report does not cross the wire).
#[derive(Debug, RichStatus)]
#[rich_status(domain = "bank.example.com", code = InvalidArgument, decode)]
#[rich_status(message = "invalid transfer", bad_request(field = "terms", description = "must be accepted"))]
pub struct InvalidTransfer {
    #[rich_status(bad_request)]
    pub report: validator::ValidationErrors,
}
