//! `google.rpc.ErrorInfo`: the reason, its domain, and metadata; first in every status.

use std::fmt;

use crate::kind;
use crate::writer::Nested;
use crate::{DetailWriter, Text};

impl<'e> DetailWriter<'e> {
    /// Writes an `ErrorInfo` with `reason` and `domain` (AIP-193), the detail clients
    /// switch on; add metadata with [`ErrorInfoWriter::metadata`]. It goes first, and
    /// the trailer budget never cuts its reason or domain.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let user_id = 7u32;
    /// let status = rich_status::status(tonic::Code::NotFound, "user 7 not found", |w| {
    ///     w.error_info("USER_UNKNOWN", "users.example.com").metadata("userId", user_id);
    /// });
    ///
    /// let details = status.rich_details().unwrap();
    /// let info = details.error_info().unwrap();
    /// assert_eq!((info.reason.as_str(), info.domain.as_str()), ("USER_UNKNOWN", "users.example.com"));
    /// assert_eq!(info.metadata["userId"], "7");
    /// ```
    pub fn error_info(&mut self, reason: &str, domain: &str) -> ErrorInfoWriter<'_, 'e> {
        let opened = self.open_detail(&kind::ERROR_INFO);
        // The budget's mark of what it left out goes last in the metadata.
        let mut info = Nested::new(self, opened).mark_in(3);
        if let Some(fields) = info.fields() {
            fields.string_whole(1, Text::str(reason));
            fields.string_whole(2, Text::str(domain));
        }
        ErrorInfoWriter(info)
    }
}

/// The `ErrorInfo` that [`DetailWriter::error_info`] opened; each call writes its field.
#[derive(Debug)]
pub struct ErrorInfoWriter<'w, 'e>(Nested<'w, 'e>);

impl ErrorInfoWriter<'_, '_> {
    /// Adds `metadata[key] = value`, in the order of the calls. Over the trailer
    /// budget, the value may be cut at a character boundary.
    ///
    /// ```
    /// let status = rich_status::status(tonic::Code::NotFound, "no such shard", |w| {
    ///     w.error_info("SHARD_UNKNOWN", "db.example.com")
    ///         .metadata("shard", 7)
    ///         .metadata("region", "eu-west1");
    /// });
    /// # use rich_status::StatusExt;
    /// # assert_eq!(status.rich_details().unwrap().error_info().unwrap().metadata["region"], "eu-west1");
    /// ```
    pub fn metadata(&mut self, key: &str, value: impl fmt::Display) -> &mut Self {
        self.entry(key, &value);
        self
    }

    fn entry(&mut self, key: &str, value: &dyn fmt::Display) {
        self.0.metadata_entry(3, key, value);
    }
}

impl crate::Details {
    /// The first `ErrorInfo`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::error_info`](crate::DetailWriter::error_info) for an example.
    pub fn error_info(&self) -> Option<crate::pb::ErrorInfo> {
        self.first()
    }
}

/// The `ErrorInfo`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[
        Field::new(1, "reason", Form::String),
        Field::new(2, "domain", Form::String),
        Field::new(3, "metadata", Form::StringMap),
    ]
};
