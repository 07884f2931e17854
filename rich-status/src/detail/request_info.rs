use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.RequestInfo`: identifies the request for bug reports.
///
/// ```
/// use rich_status::{RequestInfoRef, StatusExt};
///
/// let info = RequestInfoRef::new("req-42").with_serving_data("shard=3");
/// let status = rich_status::status(tonic::Code::Internal, "internal error", &[&info]);
///
/// let decoded = status.rich_details().unwrap();
/// assert_eq!(decoded.request_info().unwrap().request_id, "req-42");
/// assert_eq!(decoded.request_info().unwrap().serving_data, "shard=3");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RequestInfoRef<'a> {
    request_id: Text<'a>,
    serving_data: Text<'a>,
}

impl<'a> RequestInfoRef<'a> {
    /// A `RequestInfo` for the request `request_id`.
    ///
    /// ```
    /// let _ = rich_status::RequestInfoRef::new("req-7f3a");
    /// ```
    pub fn new(request_id: impl Into<Text<'a>>) -> Self {
        RequestInfoRef {
            request_id: request_id.into(),
            serving_data: Text::EMPTY,
        }
    }

    /// Sets data the service used to serve the request.
    ///
    /// ```
    /// let _ = rich_status::RequestInfoRef::new("req-7f3a").with_serving_data("replica=3");
    /// ```
    pub fn with_serving_data(mut self, serving_data: impl Into<Text<'a>>) -> Self {
        self.serving_data = serving_data.into();
        self
    }
}

impl EncodeDetail for RequestInfoRef<'_> {
    fn type_url(&self) -> &str {
        type_url::REQUEST_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        fields.string(1, self.request_id);
        fields.string(2, self.serving_data);
    }
}
