use rich_status::RichStatus;

/// A struct is its own single variant.
#[derive(Debug, RichStatus)]
#[rich_status(
    code = InvalidArgument,
    domain = "accounts.example.com",
    message = "account {id} is locked until {until:?}",
)]
pub struct AccountLocked {
    #[rich_status(metadata = "accountId")]
    pub id: u64,
    pub until: std::time::Duration,
}

/// Generic over what it failed to find, borrowing its name.
#[derive(Debug, RichStatus)]
#[rich_status(domain = "store.example.com", code = NotFound)]
pub enum Missing<'a, K>
where
    K: Clone,
{
    #[rich_status(message = "no {kind} named {name}")]
    Named {
        kind: K,
        #[rich_status(metadata)]
        name: &'a str,
    },
    #[rich_status(code = Unimplemented, message = "lookups are switched off")]
    Disabled,
}
