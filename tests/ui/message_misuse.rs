use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
enum GreetError {
    #[error("query {query} failed")]
    #[rich_status(code = Internal, message = public_text)]
    Named { query: String, public: String },

    #[error("lookup failed")]
    #[rich_status(code = Internal, message = 1)]
    Tuple(String),

    #[error("z")]
    #[rich_status(code = Internal, message = 'x')]
    Char,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", message = Display)]
enum OnTheEnum {
    #[error("x")]
    #[rich_status(code = Internal)]
    Only,
}

fn main() {}
