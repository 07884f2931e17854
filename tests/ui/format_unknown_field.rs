use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = ResourceExhausted)]
enum GreetError {
    #[error("too many")]
    #[rich_status(
        message = "too many greetings for {nmae}",
        quota_failure(subject = "name: {1}", description = "{}"),
    )]
    TooMany { name: String },
}

fn main() {}
