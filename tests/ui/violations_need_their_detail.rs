use rich_status::{RichStatus, pb};

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "bank.example.com", code = InvalidArgument)]
enum BankError {
    #[error("invalid transfer")]
    Invalid {
        #[rich_status(detail)]
        violations: Vec<pb::bad_request::FieldViolation>,
        #[rich_status(detail)]
        limits: Vec<pb::quota_failure::Violation>,
        #[rich_status(detail, help)]
        links: Vec<pb::help::Link>,
    },
}

fn main() {}
