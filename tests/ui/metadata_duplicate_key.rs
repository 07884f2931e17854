use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = NotFound)]
enum GreetError {
    #[error("user not found")]
    NotFound {
        #[rich_status(metadata)]
        user_id: String,
        #[rich_status(metadata = "userId")]
        legacy_id: String,
    },
}

fn main() {}
