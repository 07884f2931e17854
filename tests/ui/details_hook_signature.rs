use rich_status::RichStatus;

fn wrong(_: &str) {}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum GreetError {
    #[error("x")]
    #[rich_status(details = wrong)]
    Hooked,
}

fn main() {}
