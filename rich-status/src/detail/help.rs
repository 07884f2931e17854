//! `google.rpc.Help`: links to documentation for the error.

use std::fmt;

use crate::kind;
use crate::pb::help::Link;
use crate::writer::Nested;
use crate::{DetailWriter, Text};

impl DetailWriter<'_> {
    /// Writes one `Help` link: what it is about, and its URL. Consecutive links make one
    /// `Help`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::PermissionDenied, "API disabled", |w| {
    ///     w.help_link("Enable the API", "https://console.example.com/apis");
    ///     w.help_link("Quotas", "https://docs.example.com/quotas");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.help().unwrap().links[1].url, "https://docs.example.com/quotas");
    /// ```
    pub fn help_link(&mut self, description: impl fmt::Display, url: impl fmt::Display) {
        self.help_link_dyn(&description, &url);
    }

    fn help_link_dyn(&mut self, description: &dyn fmt::Display, url: &dyn fmt::Display) {
        let opened = self.open_item(&kind::HELP);
        let mut link = Nested::new(self, opened);
        link.string(1, description);
        link.string(2, url);
    }

    /// Writes owned links (a field of the error, say) into the `Help`, after the links
    /// just before them.
    ///
    /// ```
    /// use rich_status::{StatusExt, pb};
    ///
    /// let links = vec![pb::help::Link { description: "docs".into(), url: "https://x".into() }];
    /// let status = rich_status::status(tonic::Code::Internal, "x", |w| w.help_links(&links));
    /// assert_eq!(status.rich_details().unwrap().help().unwrap().links, links);
    /// ```
    pub fn help_links(&mut self, links: &[Link]) {
        self.items(&kind::HELP, links, |fields, link| {
            fields.string(1, Text::from(&link.description));
            fields.string(2, Text::from(&link.url));
        });
    }
}

impl crate::Details {
    /// The first `Help`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::help_link`](crate::DetailWriter::help_link) for an example.
    pub fn help(&self) -> Option<crate::pb::Help> {
        self.first()
    }
}

/// The `Help`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[Field::new(
        1,
        "links",
        Form::Messages(&[
            Field::new(1, "description", Form::String),
            Field::new(2, "url", Form::String),
        ]),
    )]
};
