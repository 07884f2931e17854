use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "repo.example.com", code = Unavailable)]
pub enum RepoError {
    #[error("replica {replica} is lagging")]
    Lagging {
        #[rich_status(metadata)]
        replica: u32,
    },
}

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
pub enum GreetError {
    #[error("Request limit exceeded.")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(subject = "name: {name}", description = "Limit one greeting per person."),
    )]
    TooManyGreetings {
        #[rich_status(metadata)]
        name: String,
    },

    #[error("user {0} not found")]
    #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
    NotFound(#[rich_status(metadata = "userId")] String),

    #[error("storage failed")]
    #[rich_status(code = Internal, debug_info)]
    Storage(#[source] std::io::Error),

    #[error(transparent)]
    #[rich_status(transparent)]
    Repo(#[from] RepoError),
}
