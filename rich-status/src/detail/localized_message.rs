//! `google.rpc.LocalizedMessage`: the error in words for an end user, in one locale.

use std::fmt;

use super::type_url;
use crate::DetailWriter;
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
        let opened = self.open_detail(type_url::LOCALIZED_MESSAGE);
        let mut localized = Nested::new(self, opened);
        localized.string(1, locale);
        localized.string(2, message);
    }
}
