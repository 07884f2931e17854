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

impl crate::Details {
    /// The first `RetryInfo`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::retry_info`](crate::DetailWriter::retry_info) for an example.
    pub fn retry_info(&self) -> Option<crate::pb::RetryInfo> {
        self.first()
    }
}

/// How the trailer budget treats a `RetryInfo`: left out only when every detail but `ErrorInfo` is.
pub(crate) const BUDGET: crate::budget::Class = crate::budget::Class::Kept;

/// The `RetryInfo`'s fields in the proto3 JSON mapping, for an HTTP answer.
#[cfg(feature = "axum")]
pub(crate) fn json(d: &crate::pb::RetryInfo, o: &mut crate::rest::json::Object) {
    use serde_json::Value;
    if let Some(delay) = &d.retry_delay {
        o.insert(
            "retryDelay",
            Value::String(crate::rest::json::duration(delay)),
        );
    }
}
