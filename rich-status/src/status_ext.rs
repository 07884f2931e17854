//! [`StatusExt`]: the ways to read the details of a `tonic::Status`.

use tonic::Status;

use crate::{DecodeError, Details, view::DetailsView};

/// Reads rich details from a [`tonic::Status`].
///
/// ```
/// use rich_status::StatusExt;
///
/// fn reason(status: &tonic::Status) -> Option<String> {
///     let details = status.rich_details().ok()?;
///     Some(details.error_info()?.reason.clone())
/// }
///
/// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
///     w.error_info("GONE", "example.com");
/// });
/// assert_eq!(reason(&status).as_deref(), Some("GONE"));
/// assert_eq!(reason(&tonic::Status::not_found("plain")), None);
/// ```
pub trait StatusExt: sealed::Sealed {
    /// Decodes the `grpc-status-details-bin` details; see [`Details::from_status`].
    fn rich_details(&self) -> Result<Details, DecodeError>;

    /// Reads the details in place, without copying or allocating; see
    /// [`DetailsView::from_status`].
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// fn is_retryable(status: &tonic::Status) -> bool {
    ///     let Ok(view) = status.rich_view() else { return false };
    ///     view.error_info().is_some_and(|info| info.reason() == "SHARD_RESTARTING")
    /// }
    ///
    /// let status = rich_status::status(tonic::Code::Unavailable, "x", |w| {
    ///     w.error_info("SHARD_RESTARTING", "kv.example.com");
    /// });
    /// assert!(is_retryable(&status));
    /// assert!(!is_retryable(&tonic::Status::unavailable("plain")));
    /// ```
    fn rich_view(&self) -> Result<DetailsView<'_>, DecodeError>;
}

impl StatusExt for Status {
    fn rich_details(&self) -> Result<Details, DecodeError> {
        Details::from_status(self)
    }

    fn rich_view(&self) -> Result<DetailsView<'_>, DecodeError> {
        DetailsView::from_status(self)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for tonic::Status {}
}
