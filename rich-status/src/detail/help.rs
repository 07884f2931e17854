use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.Help`: links to documentation or to an action that resolves the error.
///
/// ```
/// use rich_status::{HelpLinkRef, HelpRef, StatusExt};
///
/// let links = [HelpLinkRef::new("Quota limits", "https://example.com/quotas")];
/// let status = rich_status::status(
///     tonic::Code::ResourceExhausted,
///     "quota exceeded",
///     &[&HelpRef::new(&links)],
/// );
///
/// let decoded = status.rich_details().unwrap();
/// let link = &decoded.help().unwrap().links[0];
/// assert_eq!((link.description.as_str(), link.url.as_str()), ("Quota limits", "https://example.com/quotas"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HelpRef<'a> {
    links: &'a [HelpLinkRef<'a>],
    owned: &'a [&'a [crate::pb::help::Link]],
}

impl<'a> HelpRef<'a> {
    /// A `Help` listing `links`.
    ///
    /// ```
    /// use rich_status::{HelpLinkRef, HelpRef};
    /// let links = [HelpLinkRef::new("Enable the API", "https://console.example.com/apis")];
    /// assert!(!HelpRef::new(&links).is_empty());
    /// ```
    pub fn new(links: &'a [HelpLinkRef<'a>]) -> Self {
        HelpRef { links, owned: &[] }
    }

    /// Appends links held as owned prost values (say, a field of the error), after the
    /// borrowed ones.
    ///
    /// ```
    /// use rich_status::{pb, HelpRef};
    /// let owned = vec![pb::help::Link { description: "docs".into(), url: "https://example.com".into() }];
    /// assert!(!HelpRef::new(&[]).with_owned_links(&[&owned]).is_empty());
    /// ```
    pub fn with_owned_links(mut self, owned: &'a [&'a [crate::pb::help::Link]]) -> Self {
        self.owned = owned;
        self
    }

    /// True when there is nothing to list.
    ///
    /// ```
    /// assert!(rich_status::HelpRef::new(&[]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.owned.iter().all(|o| o.is_empty())
    }
}

impl EncodeDetail for HelpRef<'_> {
    fn type_url(&self) -> &str {
        type_url::HELP
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        for link in self.links {
            fields.message(1, |l| {
                l.string(1, link.description);
                l.string(2, link.url);
            });
        }
        for owned in self.owned.iter().flat_map(|o| o.iter()) {
            fields.message(1, |m| m.prost_fields(owned));
        }
    }
}

/// One `google.rpc.Help.Link`; see [`HelpRef`].
///
/// ```
/// let link = rich_status::HelpLinkRef::new("Status page", "https://status.example.com");
/// let _ = rich_status::HelpRef::new(&[link]);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HelpLinkRef<'a> {
    description: Text<'a>,
    url: Text<'a>,
}

impl<'a> HelpLinkRef<'a> {
    /// A link to `url`, described by `description`.
    ///
    /// ```
    /// let _ = rich_status::HelpLinkRef::new("Quota docs", "https://example.com/quotas");
    /// ```
    pub fn new(description: impl Into<Text<'a>>, url: impl Into<Text<'a>>) -> Self {
        HelpLinkRef {
            description: description.into(),
            url: url.into(),
        }
    }
}
