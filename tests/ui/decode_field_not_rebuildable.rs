use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal, decode)]
enum StorageError {
    #[error("storage failed")]
    Storage(#[source] std::io::Error),
}

fn main() {}
