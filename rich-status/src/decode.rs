//! Reading rich statuses: a status's details owned ([`Details`]) or borrowed in place
//! ([`DetailsView`]), each packed detail ([`AnyRef`], [`StandardDetail`]), why they could
//! not be read ([`DecodeError`]), and reading a status back into the error enum that
//! produced it ([`StatusReader`], which a `TryFrom<&tonic::Status>` calls, by hand or
//! derived with `#[rich_status(decode)]`).
//!
//! ```
//! use rich_status::StatusExt;
//! use rich_status::decode::StandardDetail;
//!
//! let status = rich_status::status(tonic::Code::NotFound, "no such book", |w| {
//!     w.error_info("BOOK_UNKNOWN", "library.example.com");
//! });
//! let details = status.rich_details().unwrap();
//! assert!(matches!(details.standard().next(), Some(StandardDetail::ErrorInfo(_))));
//! assert_eq!(status.rich_view().unwrap().error_info().unwrap().reason(), "BOOK_UNKNOWN");
//! ```

pub use crate::any::AnyRef;
pub use crate::details::Details;
pub use crate::error::{DecodeError, DecodeErrorKind};
pub use crate::from_status::{FromStatusError, FromStatusErrorKind, StatusReader, Unsent};
pub use crate::standard::StandardDetail;
pub use crate::view::{DetailsView, ErrorInfoView};
