//! `google.rpc.RetryInfo`: how long a client should wait before it retries.

use std::time::Duration;

use crate::DetailWriter;
use crate::kind;
use crate::writer::Nested;

impl DetailWriter<'_> {
    /// Writes a `RetryInfo`: clients should wait at least `delay` before they try again
    /// (AIP-194). The status also carries gRPC's native `grpc-retry-pushback-ms` trailer
    /// with the same delay in whole milliseconds, rounded up, which the retry policies
    /// of C-core (Python, C++, Ruby), Java and Go clients honour and none of them reads
    /// from `RetryInfo`; the trailer budget counts it. A server layer built with
    /// [`retry_pushback(false)`](crate::server::RichStatusLayer::retry_pushback) leaves
    /// it out of its calls.
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
    /// assert_eq!(status.metadata().get("grpc-retry-pushback-ms").unwrap(), "1500");
    /// ```
    pub fn retry_info(&mut self, delay: Duration) {
        let opened = self.open_detail(&kind::RETRY_INFO);
        let mut info = Nested::new(self, opened);
        let Some(fields) = info.fields() else { return };
        if crate::policy::retry_pushback() {
            let milliseconds = delay.as_nanos().div_ceil(1_000_000);
            fields.pushback(u64::try_from(milliseconds).unwrap_or(u64::MAX));
        }
        // A `google.protobuf.Duration`; a delay beyond its range is its largest.
        let seconds = i64::try_from(delay.as_secs()).unwrap_or(i64::MAX);
        fields.message(1, |d| {
            d.int64(1, seconds);
            d.int32(2, delay.subsec_nanos() as i32);
        });
    }
}

impl crate::Details {
    /// The first `RetryInfo`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::retry_info`](crate::DetailWriter::retry_info) for an example.
    pub fn retry_info(&self) -> Option<crate::pb::RetryInfo> {
        self.first()
    }
}

/// The `RetryInfo`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[Field::new(1, "retryDelay", Form::Duration)]
};
