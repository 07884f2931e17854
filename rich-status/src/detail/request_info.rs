//! `google.rpc.RequestInfo`: which request failed, for a bug report or a log search.

use std::fmt;

use crate::DetailWriter;
use crate::kind;
use crate::writer::Nested;

impl<'e> DetailWriter<'e> {
    /// Writes a `RequestInfo` with the request's identifier; data for the service's own
    /// debugging follows through [`RequestInfoWriter::serving_data`].
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::Internal, "internal error", |w| {
    ///     w.request_info("req-7").serving_data("shard 3");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.request_info().unwrap().serving_data, "shard 3");
    /// ```
    pub fn request_info(&mut self, request_id: impl fmt::Display) -> RequestInfoWriter<'_, 'e> {
        self.request_info_dyn(&request_id)
    }

    fn request_info_dyn(&mut self, request_id: &dyn fmt::Display) -> RequestInfoWriter<'_, 'e> {
        let opened = self.open_detail(&kind::REQUEST_INFO);
        let mut info = Nested::new(self, opened);
        info.string(1, request_id);
        RequestInfoWriter(info)
    }
}

/// The `RequestInfo` that [`DetailWriter::request_info`] opened; each call writes its field.
#[derive(Debug)]
pub struct RequestInfoWriter<'w, 'e>(Nested<'w, 'e>);

impl RequestInfoWriter<'_, '_> {
    /// Data the service needs to trace the request (a shard, a stack trace id).
    pub fn serving_data(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(2, &value);
        self
    }
}

impl crate::Details {
    /// The first `RequestInfo`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::request_info`](crate::DetailWriter::request_info) for an example.
    pub fn request_info(&self) -> Option<crate::pb::RequestInfo> {
        self.first()
    }
}

/// The `RequestInfo`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[
        Field::new(1, "requestId", Form::String),
        Field::new(2, "servingData", Form::String),
    ]
};
