use std::time::Duration;

use super::type_url;
use crate::{EncodeDetail, Fields};

/// `google.rpc.RetryInfo`: how long the client should wait before retrying.
///
/// ```
/// use std::time::Duration;
/// use rich_status::{RetryInfoRef, StatusExt};
///
/// let retry = RetryInfoRef::new(Duration::from_millis(1500));
/// let status = rich_status::status(tonic::Code::Unavailable, "try later", &[&retry]);
///
/// let delay = status.rich_details().unwrap().retry_info().unwrap().retry_delay.unwrap();
/// assert_eq!((delay.seconds, delay.nanos), (1, 500_000_000));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RetryInfoRef {
    delay: Duration,
}

impl RetryInfoRef {
    /// Retry after `delay`. Delays beyond `i64::MAX` seconds are written as that maximum.
    ///
    /// ```
    /// let _ = rich_status::RetryInfoRef::new(std::time::Duration::from_secs(30));
    /// ```
    pub fn new(delay: Duration) -> Self {
        RetryInfoRef { delay }
    }
}

impl EncodeDetail for RetryInfoRef {
    fn type_url(&self) -> &str {
        type_url::RETRY_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let seconds = i64::try_from(self.delay.as_secs()).unwrap_or(i64::MAX);
        let nanos = self.delay.subsec_nanos() as i32;
        fields.message(1, |duration| {
            duration.int64(1, seconds);
            duration.int32(2, nanos);
        });
    }
}
