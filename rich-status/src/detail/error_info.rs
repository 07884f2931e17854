use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.ErrorInfo` from borrowed parts: the reason, its domain, and metadata pairs.
///
/// ```
/// use rich_status::{ErrorInfoRef, StatusExt, Text};
///
/// let user_id = 7u32;
/// let metadata = [("userId", Text::display(&user_id))];
/// let info = ErrorInfoRef::new("USER_UNKNOWN", "users.example.com").with_metadata(&metadata);
/// let status = rich_status::status(tonic::Code::NotFound, "user 7 not found", &[&info]);
///
/// let decoded = status.rich_details().unwrap();
/// let info = decoded.error_info().unwrap();
/// assert_eq!(info.reason, "USER_UNKNOWN");
/// assert_eq!(info.domain, "users.example.com");
/// assert_eq!(info.metadata["userId"], "7");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ErrorInfoRef<'a> {
    reason: Text<'a>,
    domain: Text<'a>,
    metadata: &'a [(&'a str, Text<'a>)],
}

impl<'a> ErrorInfoRef<'a> {
    /// An `ErrorInfo` with `reason` and `domain` and no metadata.
    ///
    /// ```
    /// let _ = rich_status::ErrorInfoRef::new("API_DISABLED", "pubsub.example.com");
    /// ```
    pub fn new(reason: impl Into<Text<'a>>, domain: impl Into<Text<'a>>) -> Self {
        ErrorInfoRef {
            reason: reason.into(),
            domain: domain.into(),
            metadata: &[],
        }
    }

    /// Sets the metadata pairs, written in the order given.
    ///
    /// ```
    /// use rich_status::{ErrorInfoRef, Text};
    /// let metadata = [("service", Text::str("pubsub.example.com"))];
    /// let _ = ErrorInfoRef::new("API_DISABLED", "example.com").with_metadata(&metadata);
    /// ```
    pub fn with_metadata(mut self, metadata: &'a [(&'a str, Text<'a>)]) -> Self {
        self.metadata = metadata;
        self
    }
}

impl EncodeDetail for ErrorInfoRef<'_> {
    fn type_url(&self) -> &str {
        type_url::ERROR_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        fields.string(1, self.reason);
        fields.string(2, self.domain);
        for (key, value) in self.metadata {
            fields.map_entry(3, Text::str(key), *value);
        }
    }
}
