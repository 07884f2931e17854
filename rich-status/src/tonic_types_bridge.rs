//! Conversions between [`Details`] and tonic-types' `ErrorDetails` (feature
//! `tonic-types`), for code bases that already use it. Both read and write the same
//! `google.rpc.Status`, so the conversions go through those bytes and keep every field
//! of every standard detail. `ErrorDetails` holds one detail of each kind: where
//! `Details` has several, tonic-types keeps one of them.

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt as _};

use crate::Details;

/// ```
/// use rich_status::StatusExt;
///
/// let status = rich_status::status(tonic::Code::NotFound, "gone", |w| {
///     w.error_info("GONE", "example.com");
/// });
/// let details = status.rich_details().unwrap();
/// let theirs = tonic_types::ErrorDetails::from(&details);
/// assert_eq!(theirs.error_info().unwrap().reason, "GONE");
/// ```
impl From<&Details> for ErrorDetails {
    fn from(details: &Details) -> Self {
        let status = Status::with_details(
            details.code(),
            details.message().to_owned(),
            details.raw_bytes(),
        );
        status.get_error_details()
    }
}

/// ```
/// # use rich_status::StatusExt;
/// # let status = rich_status::status(tonic::Code::NotFound, "gone", |w| { w.error_info("GONE", "example.com"); });
/// let theirs: tonic_types::ErrorDetails = status.rich_details().unwrap().into();
/// assert_eq!(theirs.error_info().unwrap().domain, "example.com");
/// ```
impl From<Details> for ErrorDetails {
    fn from(details: Details) -> Self {
        ErrorDetails::from(&details)
    }
}

/// `ErrorDetails` carries no code or message: the `Details` have code `Ok` and an empty
/// message.
///
/// ```
/// let mut theirs = tonic_types::ErrorDetails::new();
/// theirs.set_request_info("req-1", "shard=2");
/// let ours = rich_status::Details::from(theirs);
/// assert_eq!(ours.request_info().unwrap().serving_data, "shard=2");
/// assert_eq!(ours.code(), tonic::Code::Ok);
/// ```
impl From<ErrorDetails> for Details {
    fn from(details: ErrorDetails) -> Self {
        let status = Status::with_error_details(Code::Ok, "", details);
        // tonic-types writes what rich-status reads (the interop tests hold both to it);
        // should it ever not, the details that did decode are kept.
        Details::decode(status.details())
            .or_else(|error| error.into_details().ok_or(()))
            .unwrap_or_else(|()| Details::empty(Code::Ok, String::new()))
    }
}
