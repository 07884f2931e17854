use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum OnVariant {
    #[error("x")]
    #[rich_status(decode)]
    Misplaced,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal, decode)]
enum SameReason {
    #[error("a")]
    #[rich_status(reason = "SAME")]
    A,
    #[error("b")]
    #[rich_status(reason = "SAME")]
    B,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal, decode)]
enum Generic<T: std::fmt::Debug + std::fmt::Display> {
    #[error("{0}")]
    Wrapped(T),
}

fn main() {}
