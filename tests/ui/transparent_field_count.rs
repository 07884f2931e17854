use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum Inner {
    #[error("inner")]
    Inner,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
enum GreetError {
    #[error("none")]
    #[rich_status(transparent)]
    NoField,
    #[error("two")]
    #[rich_status(transparent)]
    TwoFields(Inner, Inner),
    #[error(transparent)]
    #[rich_status(transparent, code = Internal)]
    WithCode(Inner),
}

fn main() {}
