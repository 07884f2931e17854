//! Every mistake of one enum is reported in one pass, and code that uses the enum
//! (`?`, `Status::from`) adds no errors of its own.
use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
enum GreetError {
    #[error("a")]
    #[rich_status(code = NotFund, reason = "bad reason")]
    First { #[rich_status(metadata = "Bad")] id: u32 },
    #[error("b")]
    #[rich_status(message = "{missing}")]
    Second,
}

fn handler() -> Result<(), tonic::Status> {
    Err(GreetError::Second)?;
    Ok(())
}

fn main() {
    let _ = handler();
    let _ = tonic::Status::from(GreetError::Second);
}
