//! `google.rpc.RetryInfo`: how long a client should wait before it retries.

use std::time::Duration;

use super::type_url;
use crate::DetailWriter;
use crate::writer::Nested;

impl DetailWriter<'_> {
    /// Writes a `RetryInfo`: clients should wait at least `delay` before they try again
    /// (AIP-194).
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// use std::time::Duration;
    ///
    /// let status = rich_status::status(tonic::Code::Unavailable, "busy", |w| {
    ///     w.retry_info(Duration::from_millis(1500));
    /// });
    /// let delay = status.rich_details().unwrap().retry_info().unwrap().retry_delay.unwrap();
    /// assert_eq!((delay.seconds, delay.nanos), (1, 500_000_000));
    /// ```
    pub fn retry_info(&mut self, delay: Duration) {
        let opened = self.open_detail(type_url::RETRY_INFO);
        let mut info = Nested::new(self, opened);
        let Some(fields) = info.fields() else { return };
        // A `google.protobuf.Duration`; a delay beyond its range is its largest.
        let seconds = i64::try_from(delay.as_secs()).unwrap_or(i64::MAX);
        fields.delimited(1, true, |d| {
            d.int64(1, seconds);
            d.int32(2, delay.subsec_nanos() as i32);
        });
    }
}
