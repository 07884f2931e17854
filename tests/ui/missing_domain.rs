use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(code = Internal)]
enum GreetError {
    #[error("has one")]
    #[rich_status(domain = "greeter.example.com")]
    HasDomain,
    #[error("has none")]
    NoDomain,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[error("struct without domain")]
#[rich_status(code = Internal, domain = "")]
struct EmptyDomain;

fn main() {}
