use rich_status::RichStatus;

// One reason, sent twice alike, is fine; sent with another code or other metadata keys,
// a client cannot tell the two apart.
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "orders.example.com")]
enum OrderError {
    #[error("order {id} not found")]
    #[rich_status(code = NotFound, reason = "ORDER_UNKNOWN")]
    NotFound {
        #[rich_status(metadata)]
        id: u64,
    },

    #[error("order {id} was archived")]
    #[rich_status(code = NotFound, reason = "ORDER_UNKNOWN")]
    Archived {
        #[rich_status(metadata)]
        id: u64,
    },

    #[error("order {id} is someone else's")]
    #[rich_status(code = PermissionDenied, reason = "ORDER_UNKNOWN")]
    NotYours {
        #[rich_status(metadata)]
        id: u64,
    },

    #[error("order not found")]
    #[rich_status(code = NotFound, reason = "ORDER_UNKNOWN")]
    Gone {
        #[rich_status(metadata = "orderName")]
        name: String,
    },
}

fn main() {}
