use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum GreetError {
    #[error("x")]
    Broken {
        #[rich_status(detail, metadata)]
        both: String,
    },
}

fn main() {}
