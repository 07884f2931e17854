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
