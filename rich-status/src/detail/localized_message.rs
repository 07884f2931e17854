//! `google.rpc.LocalizedMessage`: the error in words for an end user, in one locale.

use std::fmt;

use crate::DetailWriter;
use crate::kind;
use crate::writer::Nested;

impl DetailWriter<'_> {
    /// Writes a `LocalizedMessage`: a message that is safe to show to an end user, in
    /// `locale` (such as `en-US`).
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::NotFound, "no such user", |w| {
    ///     w.localized_message("de-DE", "Unbekannter Benutzer");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.localized_message().unwrap().message, "Unbekannter Benutzer");
    /// ```
    pub fn localized_message(&mut self, locale: impl fmt::Display, message: impl fmt::Display) {
        self.localized_message_dyn(&locale, &message);
    }

    fn localized_message_dyn(&mut self, locale: &dyn fmt::Display, message: &dyn fmt::Display) {
        let opened = self.open_detail(&kind::LOCALIZED_MESSAGE);
        let mut localized = Nested::new(self, opened);
        localized.string(1, locale);
        localized.string(2, message);
    }
}

impl crate::Details {
    /// The first `LocalizedMessage`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::localized_message`](crate::DetailWriter::localized_message) for an example.
    pub fn localized_message(&self) -> Option<crate::pb::LocalizedMessage> {
        self.first()
    }
}

/// The `LocalizedMessage`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[
        Field::new(1, "locale", Form::String),
        Field::new(2, "message", Form::String),
    ]
};
