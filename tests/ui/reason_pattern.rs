use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum GreetError {
    #[error("lowercase")]
    #[rich_status(reason = "not_found")]
    Lower,
    #[error("derived from a two-letter name")]
    Io,
}

fn main() {}
