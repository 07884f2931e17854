use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
enum GreetError {
    #[error("x")]
    #[rich_status(code = Internal, code = Unknown)]
    #[rich_status(debug_info, debug_info)]
    Twice {
        #[rich_status(metadata, metadata = "again")]
        field: String,
    },
}

fn main() {}
