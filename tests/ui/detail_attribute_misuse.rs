use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Unavailable)]
enum GreetError {
    #[error("busy")]
    #[rich_status(retry_info(delay = "soon"))]
    BadDelay,

    #[error("busy")]
    #[rich_status(retry_info(delay = wait))]
    NoSuchField { after: std::time::Duration },

    #[error("x")]
    #[rich_status(resource_info(resource_type = "a"), resource_info(resource_type = "b"))]
    TwoResources,

    #[error("x")]
    #[rich_status(help(), bad_request(field = name, description = "bad"))]
    EmptyAndUnquoted { name: String },

    #[error("x")]
    #[rich_status(precondition_failure(type = "TOS", type = "AGE"))]
    DuplicateKey,
}

fn main() {}
