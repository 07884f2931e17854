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
        write_error_info(
            fields,
            self.reason,
            self.domain,
            self.metadata.iter().map(|(k, v)| (Text::str(k), *v)),
        );
    }
}

/// `ErrorInfo`'s fields: reason and domain always whole; metadata unless the budget
/// keeps ErrorInfo alone; then the budget's mark of what it left out.
pub(crate) fn write_error_info<'t>(
    fields: &mut Fields<'_>,
    reason: Text<'_>,
    domain: Text<'_>,
    mut metadata: impl Iterator<Item = (Text<'t>, Text<'t>)>,
) {
    fields.string_whole(1, reason);
    fields.string_whole(2, domain);
    if !fields.cut().only_error_info {
        for (key, value) in metadata {
            fields.map_entry(3, key, value);
        }
    } else if metadata.next().is_some() {
        fields.note(crate::budget::effect::ALL_BUT_ERROR_INFO);
    }
    if fields.is_whole() {
        return;
    }
    if let Some(marker) = fields.cut().marker() {
        fields.message(3, |entry| {
            entry.string_whole(1, Text::str(crate::budget::TRUNCATED_KEY));
            entry.string_whole(2, Text::display(&marker));
        });
    }
}

impl EncodeDetail for crate::pb::ErrorInfo {
    fn type_url(&self) -> &str {
        type_url::ERROR_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        write_error_info(
            fields,
            Text::from(&self.reason),
            Text::from(&self.domain),
            self.metadata
                .iter()
                .map(|(k, v)| (Text::from(k), Text::from(v))),
        );
    }
}
