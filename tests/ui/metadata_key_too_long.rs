use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = NotFound)]
enum GreetError {
    #[error("user not found")]
    NotFound {
        #[rich_status(metadata = "aKeyThatIsLongerThanSixtyFourCharactersWhichAip193DoesNotAllowAtAll")]
        user: String,
    },
}

fn main() {}
