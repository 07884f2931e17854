use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Ok)]
enum GreetError {
    #[error("fine")]
    Fine,
}

fn main() {}
