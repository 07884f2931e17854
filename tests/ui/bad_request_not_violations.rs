use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "signup.example.com", decode)]
enum SignupError {
    #[error("The request is invalid.")]
    #[rich_status(code = InvalidArgument)]
    Invalid {
        // A report's text is not its violations.
        #[rich_status(bad_request)]
        report: String,
    },
}

fn main() {}
