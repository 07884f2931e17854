use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
enum GreetError {
    #[error("long")]
    #[rich_status(reason = "A_REASON_THAT_GOES_ON_AND_ON_FAR_PAST_THE_SIXTY_THREE_CHARACTER_LIMIT")]
    Long,
}

fn main() {}
