use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = NotFound)]
enum GreetError {
    #[error("user {0} not found")]
    NotFound(#[rich_status(metadata = "User Id")] String),
}

fn main() {}
