use rich_status::RichStatus;

#[derive(Debug)]
pub struct Opaque;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "shop.example.com")]
pub enum ShopError {
    #[error("out of stock")]
    #[rich_status(
        code = FailedPrecondition,
        quota_failure(subject = "item {item}", description = "none left"),
    )]
    OutOfStock { item: Opaque },
}

fn main() {}
