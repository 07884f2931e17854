use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", log = warning)]
enum GreetError {
    #[error("x")]
    #[rich_status(code = Internal, log = "error")]
    Quoted,

    #[error("y")]
    #[rich_status(code = Internal, log = loud)]
    Unknown,

    #[error("z")]
    #[rich_status(code = NotFound, log = off, log = info)]
    Twice,
}

fn main() {}
