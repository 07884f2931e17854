use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
enum GreetError {
    #[error("too many")]
    #[rich_status(code = ResourceExhaused)]
    TooMany,
}

fn main() {}
