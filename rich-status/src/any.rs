//! [`AnyRef`]: one packed `google.protobuf.Any` of a status, borrowed.

use std::fmt;

use crate::DecodeError;

/// One `google.protobuf.Any.type_url` and `value`, borrowed, and where it stands among
/// the details of a status when it was read from one.
///
/// Two are equal when their type URLs and values are, wherever they stand.
///
/// ```
/// use rich_status::{pb, decode::AnyRef};
///
/// let any = AnyRef::new("type.googleapis.com/google.rpc.RequestInfo", b"\x0a\x03r-1");
/// assert_eq!(any.type_name(), "google.rpc.RequestInfo");
/// assert!(any.is::<pb::RequestInfo>());
/// assert_eq!(any.unpack::<pb::RequestInfo>().unwrap().request_id, "r-1");
/// assert!(any.unpack::<pb::Help>().is_err());
/// ```
#[derive(Clone, Copy)]
pub struct AnyRef<'a> {
    type_url: &'a str,
    value: &'a [u8],
    index: Option<usize>,
}

impl PartialEq for AnyRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.type_url, self.value) == (other.type_url, other.value)
    }
}

impl Eq for AnyRef<'_> {}

impl<'a> AnyRef<'a> {
    /// A packed message of type `type_url` with encoded `value`.
    ///
    /// ```
    /// let any = rich_status::decode::AnyRef::new("type.googleapis.com/acme.v1.Thing", b"\x08\x01");
    /// assert_eq!(any.value(), b"\x08\x01");
    /// ```
    pub fn new(type_url: &'a str, value: &'a [u8]) -> Self {
        AnyRef {
            type_url,
            value,
            index: None,
        }
    }

    /// The same `Any`, standing at `index` among a status's details.
    pub(crate) fn at(self, index: usize) -> Self {
        AnyRef {
            index: Some(index),
            ..self
        }
    }

    /// Its position among the details of the status it was read from (from 0); `None`
    /// for one made with [`new`](AnyRef::new). Errors of [`unpack`](AnyRef::unpack)
    /// name it.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::Internal, "boom", |w| {
    ///     w.error_info("BOOM", "example.com");
    ///     w.request_info("r-9");
    /// });
    /// let details = status.rich_details().unwrap();
    /// let indices: Vec<_> = details.anys().map(|any| any.index()).collect();
    /// assert_eq!(indices, [Some(0), Some(1)]);
    /// ```
    pub fn index(&self) -> Option<usize> {
        self.index
    }

    /// The full type URL, e.g. `type.googleapis.com/google.rpc.ErrorInfo`.
    ///
    /// ```
    /// let any = rich_status::decode::AnyRef::new("type.googleapis.com/acme.v1.Thing", b"");
    /// assert_eq!(any.type_url(), "type.googleapis.com/acme.v1.Thing");
    /// ```
    pub fn type_url(&self) -> &'a str {
        self.type_url
    }

    /// The fully qualified message name: the type URL after its last `/`.
    ///
    /// ```
    /// let any = rich_status::decode::AnyRef::new("type.googleapis.com/acme.v1.Thing", b"");
    /// assert_eq!(any.type_name(), "acme.v1.Thing");
    /// ```
    pub fn type_name(&self) -> &'a str {
        type_name(self.type_url)
    }

    /// The encoded message.
    ///
    /// ```
    /// let any = rich_status::decode::AnyRef::new("/acme.v1.Thing", &[0x08, 0x2a]);
    /// assert_eq!(any.value(), [0x08, 0x2a]);
    /// ```
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// True when this packs an `M`.
    ///
    /// ```
    /// use rich_status::{pb, decode::AnyRef};
    /// let any = AnyRef::new("type.googleapis.com/google.rpc.Help", b"");
    /// assert!(any.is::<pb::Help>());
    /// assert!(!any.is::<pb::ErrorInfo>());
    /// ```
    pub fn is<M: prost::Name>(&self) -> bool {
        crate::kind::names::<M>(self.type_url)
    }

    /// Decodes the packed `M`; a different type URL is
    /// [`DecodeErrorKind::TypeUrlMismatch`](crate::decode::DecodeErrorKind::TypeUrlMismatch).
    ///
    /// ```
    /// use rich_status::{pb, decode::AnyRef};
    /// let any = AnyRef::new("type.googleapis.com/google.rpc.LocalizedMessage", b"\x0a\x02fr");
    /// assert_eq!(any.unpack::<pb::LocalizedMessage>().unwrap().locale, "fr");
    /// ```
    pub fn unpack<M>(&self) -> Result<M, DecodeError>
    where
        M: prost::Message + prost::Name + Default,
    {
        if !self.is::<M>() {
            return Err(DecodeError::type_url_mismatch(
                &M::type_url(),
                self.type_url,
            ));
        }
        self.unpack_unchecked()
    }

    /// Decodes the value as an `M`, whatever the type URL says.
    pub(crate) fn unpack_unchecked<M: prost::Message + Default>(&self) -> Result<M, DecodeError> {
        M::decode(self.value).map_err(|error| DecodeError::detail(self.index, self.type_url, error))
    }

    /// An owned `prost_types::Any`.
    ///
    /// ```
    /// let any = rich_status::decode::AnyRef::new("/acme.v1.Thing", &[1, 2]).to_any();
    /// assert_eq!((any.type_url.as_str(), any.value), ("/acme.v1.Thing", vec![1, 2]));
    /// ```
    pub fn to_any(&self) -> prost_types::Any {
        prost_types::Any {
            type_url: self.type_url.to_owned(),
            value: self.value.to_vec(),
        }
    }
}

impl fmt::Debug for AnyRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Any")
            .field("type_url", &self.type_url)
            .field("value_len", &self.value.len())
            .finish()
    }
}

/// The message name of a type URL: what follows its last `/` (all of it when it has
/// none, as the Connect protocol writes names).
pub(crate) fn type_name(type_url: &str) -> &str {
    // Most URLs have the usual prefix before a name without `/`: one search forward over
    // the name is cheaper than setting up a search from the end.
    if let Some(name) = type_url.strip_prefix("type.googleapis.com/")
        && !name.as_bytes().contains(&b'/')
    {
        return name;
    }
    type_url.rsplit_once('/').map_or(type_url, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::type_name;

    #[test]
    fn a_type_name_is_what_follows_the_last_slash() {
        assert_eq!(
            type_name("type.googleapis.com/google.rpc.Help"),
            "google.rpc.Help"
        );
        assert_eq!(type_name("type.googleapis.com/a/b.C"), "b.C");
        assert_eq!(
            type_name("example.com/types/google.rpc.Help"),
            "google.rpc.Help"
        );
        assert_eq!(type_name("google.rpc.Help"), "google.rpc.Help");
        assert_eq!(type_name("type.googleapis.com/"), "");
        assert_eq!(type_name(""), "");
    }
}
