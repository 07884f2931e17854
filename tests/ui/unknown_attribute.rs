use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", reason = "ON_THE_ENUM")]
enum GreetError {
    #[error("x")]
    #[rich_status(code = Internal, severity = "high", quota_failure(subjet = "x"))]
    Broken {
        #[rich_status(metdata)]
        field: String,
    },
}

fn main() {}
