use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.LocalizedMessage`: an error message safe to show to an end user.
///
/// ```
/// use rich_status::{LocalizedMessageRef, StatusExt};
///
/// let msg = LocalizedMessageRef::new("ja-JP", "リクエストが多すぎます");
/// let status = rich_status::status(tonic::Code::ResourceExhausted, "too many requests", &[&msg]);
///
/// let decoded = status.rich_details().unwrap();
/// assert_eq!(decoded.localized_message().unwrap().locale, "ja-JP");
/// assert_eq!(decoded.localized_message().unwrap().message, "リクエストが多すぎます");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LocalizedMessageRef<'a> {
    locale: Text<'a>,
    message: Text<'a>,
}

impl<'a> LocalizedMessageRef<'a> {
    /// `message` in the BCP 47 `locale`.
    ///
    /// ```
    /// let _ = rich_status::LocalizedMessageRef::new("es-MX", "Demasiadas solicitudes");
    /// ```
    pub fn new(locale: impl Into<Text<'a>>, message: impl Into<Text<'a>>) -> Self {
        LocalizedMessageRef {
            locale: locale.into(),
            message: message.into(),
        }
    }

    pub(crate) fn encode_fields(&self, fields: &mut Fields<'_>) {
        fields.string(1, self.locale);
        fields.string(2, self.message);
    }
}

impl EncodeDetail for LocalizedMessageRef<'_> {
    fn type_url(&self) -> &str {
        type_url::LOCALIZED_MESSAGE
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        LocalizedMessageRef::encode_fields(self, fields);
    }
}
