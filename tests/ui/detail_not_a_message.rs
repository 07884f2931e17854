use rich_status::RichStatus;

#[derive(Debug)]
struct Plain {
    value: u32,
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum GreetError {
    #[error("x")]
    Broken {
        #[rich_status(detail)]
        plain: Plain,
    },
    #[error("y")]
    Maybe(#[rich_status(detail)] Option<Plain>),
}

fn main() {}
