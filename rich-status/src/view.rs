//! [`DetailsView`]: the details of a status read where they lie, without copying the
//! trailer or building owned messages.

use std::fmt;

use tonic::{Code, Status};

use bytes::Bytes;

use crate::details::{Details, decoding::disagreement};
use crate::reader::{Reader, read_envelope};
use crate::{DecodeError, any::AnyRef, pb};

/// The details of a rich status, read in place: borrowed from the status, with the
/// `ErrorInfo` a client branches on readable as `&str`s.
///
/// A view checks exactly what [`Details`] checks, with the same reader (the
/// `google.rpc.Status` envelope, its code and message against the status's own), but
/// copies and allocates nothing. It suits a client or proxy that reads the reason on
/// every error (to retry, to count, to route). Any other detail is read with
/// [`anys`](DetailsView::anys) and [`AnyRef::unpack`]; [`to_details`](DetailsView::to_details)
/// gives the owned [`Details`].
///
/// ```
/// use rich_status::{StatusExt, pb};
///
/// let status = rich_status::status(tonic::Code::Unavailable, "shard 3 is restarting", |w| {
///     w.error_info("SHARD_RESTARTING", "kv.example.com").metadata("shard", 3);
///     w.retry_info(std::time::Duration::from_secs(2));
/// });
///
/// let view = status.rich_view().unwrap();
/// assert_eq!(view.message(), "shard 3 is restarting");
/// let info = view.error_info().unwrap();
/// assert_eq!(info.reason(), "SHARD_RESTARTING");
/// assert_eq!(info.get("shard"), Some("3"));
///
/// let retry = view.anys().find(|any| any.is::<pb::RetryInfo>()).unwrap();
/// assert_eq!(retry.unpack::<pb::RetryInfo>().unwrap().retry_delay.unwrap().seconds, 2);
/// ```
#[derive(Clone, Copy)]
pub struct DetailsView<'a> {
    code: i32,
    message: &'a str,
    /// The encoded `google.rpc.Status`; empty for a status without details.
    bytes: &'a [u8],
    len: usize,
    /// The value of the first `ErrorInfo`, found while the envelope was checked.
    error_info: Option<&'a [u8]>,
}

impl<'a> DetailsView<'a> {
    /// Reads the bytes of a `google.rpc.Status` in place: it accepts and refuses exactly
    /// what [`Details::decode`] does, with the same [`DecodeError`], under the same
    /// [`policy::decode_limit`](crate::policy::decode_limit).
    ///
    /// ```
    /// use rich_status::decode::{DecodeErrorKind, DetailsView};
    ///
    /// let bytes = rich_status::encode_status(tonic::Code::Aborted, "conflict", |_| {});
    /// let view = DetailsView::decode(&bytes).unwrap();
    /// assert_eq!(view.code(), tonic::Code::Aborted);
    /// assert!(view.error_info().is_none());
    ///
    /// let err = DetailsView::decode(&[0x12, 0x40, b'x']).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::Malformed { .. }));
    /// ```
    pub fn decode(bytes: &'a [u8]) -> Result<Self, DecodeError> {
        let limit = crate::policy::decode_limit();
        if bytes.len() > limit {
            return Err(DecodeError::too_large(bytes.len(), limit));
        }
        Self::read(bytes)
    }

    /// Reads the details of `status` in place and checks that their code and message
    /// equal the status's own, as [`Details::from_status`] does. A status without
    /// details gives a view with its code and message and nothing packed.
    ///
    /// ```
    /// use rich_status::decode::{DecodeErrorKind, DetailsView};
    /// use tonic::{Code, Status};
    ///
    /// let status = Status::not_found("gone");
    /// let plain = DetailsView::from_status(&status).unwrap();
    /// assert_eq!((plain.code(), plain.message(), plain.len()), (Code::NotFound, "gone", 0));
    ///
    /// let bytes = rich_status::encode_status(Code::NotFound, "gone", |_| {});
    /// let lying = Status::with_details(Code::Internal, "gone", bytes);
    /// let err = DetailsView::from_status(&lying).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::CodeMismatch { outer: 13, inner: 5 }));
    /// ```
    pub fn from_status(status: &'a Status) -> Result<Self, DecodeError> {
        let bytes = status.details();
        if bytes.is_empty() {
            if let Some(error) = crate::details::decoding::dropped(status) {
                return Err(error);
            }
            return Ok(DetailsView {
                code: status.code() as i32,
                message: status.message(),
                bytes,
                len: 0,
                error_info: None,
            });
        }
        let view = Self::read(bytes)?;
        match disagreement(status, view.code, view.message) {
            None => Ok(view),
            // Rare: the error carries owned details.
            Some(error) => Err(error.with_details(view.to_details())),
        }
    }

    fn read(bytes: &'a [u8]) -> Result<Self, DecodeError> {
        let envelope = read_envelope(bytes)?;
        Ok(DetailsView {
            code: envelope.code,
            message: envelope.message,
            bytes,
            len: envelope.len,
            error_info: envelope.error_info,
        })
    }

    /// The status code of the `google.rpc.Status`; a number outside `tonic::Code` reads as
    /// `Code::Unknown`.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::DataLoss, "", |_| {});
    /// assert_eq!(rich_status::decode::DetailsView::decode(&bytes).unwrap().code(), tonic::Code::DataLoss);
    /// ```
    pub fn code(&self) -> Code {
        Code::from_i32(self.code)
    }

    /// The message of the `google.rpc.Status`.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::NotFound, "no such order", |_| {});
    /// assert_eq!(rich_status::decode::DetailsView::decode(&bytes).unwrap().message(), "no such order");
    /// ```
    pub fn message(&self) -> &'a str {
        self.message
    }

    /// The number of packed details.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::Internal, "x", |w| {
    ///     w.error_info("A", "b");
    ///     w.request_info("r-1");
    /// });
    /// assert_eq!(status.rich_view().unwrap().len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is packed.
    ///
    /// ```
    /// let status = tonic::Status::internal("x");
    /// let view = rich_status::decode::DetailsView::from_status(&status).unwrap();
    /// assert!(view.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first `ErrorInfo`, read in place; `None` when there is none or it does not
    /// decode (exactly when [`Details::error_info`] gives `None`).
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com");
    /// });
    /// assert_eq!(status.rich_view().unwrap().error_info().unwrap().domain(), "example.com");
    /// ```
    pub fn error_info(&self) -> Option<ErrorInfoView<'a>> {
        ErrorInfoView::read(self.error_info?).ok()
    }

    /// Every packed detail, in the order sent, as type URL and bytes.
    ///
    /// ```
    /// use rich_status::{StatusExt, pb};
    /// let status = rich_status::status(tonic::Code::Internal, "x", |w| {
    ///     w.error_info("A", "b");
    ///     w.request_info("r-1");
    /// });
    /// let view = status.rich_view().unwrap();
    /// let names: Vec<&str> = view.anys().map(|any| any.type_name()).collect();
    /// assert_eq!(names, ["google.rpc.ErrorInfo", "google.rpc.RequestInfo"]);
    /// let info: pb::RequestInfo = view.anys().nth(1).unwrap().unpack().unwrap();
    /// assert_eq!(info.request_id, "r-1");
    /// ```
    pub fn anys(&self) -> impl Iterator<Item = AnyRef<'a>> + 'a {
        crate::reader::anys(self.bytes)
            .enumerate()
            .map(|(index, any)| AnyRef::new(any.type_url, any.value).at(index))
    }

    /// The owned [`Details`] of the same bytes.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com");
    /// });
    /// let details = status.rich_view().unwrap().to_details();
    /// assert_eq!(details, status.rich_details().unwrap());
    /// ```
    pub fn to_details(&self) -> Details {
        // The same bytes, checked by the same reader: nothing to read again.
        Details::checked(
            self.code,
            self.message.to_owned(),
            Bytes::copy_from_slice(self.bytes),
            self.len,
        )
    }
}

impl fmt::Debug for DetailsView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DetailsView")
            .field("code", &self.code())
            .field("message", &self.message)
            .field("details", &self.anys().collect::<Vec<_>>())
            .finish()
    }
}

/// A `google.rpc.ErrorInfo` read in place: its reason, domain and metadata as `&str`s
/// borrowed from the status.
///
/// Read as protobuf reads a message: a field sent twice reads as its last value, and a
/// metadata key sent twice reads as its last value through [`get`](ErrorInfoView::get);
/// [`metadata`](ErrorInfoView::metadata) gives every entry as sent.
///
/// ```
/// use rich_status::StatusExt;
///
/// let status = rich_status::status(tonic::Code::ResourceExhausted, "slow down", |w| {
///     w.error_info("RATE_LIMITED", "api.example.com")
///         .metadata("limit", 100)
///         .metadata("window", "1m");
/// });
/// let view = status.rich_view().unwrap();
/// let info = view.error_info().unwrap();
/// assert_eq!((info.reason(), info.domain()), ("RATE_LIMITED", "api.example.com"));
/// assert_eq!(info.metadata().collect::<Vec<_>>(), [("limit", "100"), ("window", "1m")]);
/// assert_eq!(info.to_proto().metadata["limit"], "100");
/// ```
#[derive(Clone, Copy)]
pub struct ErrorInfoView<'a> {
    reason: &'a str,
    domain: &'a str,
    /// The message's bytes, for the metadata.
    body: &'a [u8],
}

impl<'a> ErrorInfoView<'a> {
    /// Reads and checks an `ErrorInfo`, as prost's decoder would.
    fn read(body: &'a [u8]) -> Result<Self, DecodeError> {
        let mut info = ErrorInfoView {
            reason: "",
            domain: "",
            body,
        };
        let mut reader = Reader::new(body, 0);
        while let Some((field, wire_type)) = reader.next_field()? {
            match field {
                1 => info.reason = reader.string(wire_type, "google.rpc.ErrorInfo.reason")?.0,
                2 => info.domain = reader.string(wire_type, "google.rpc.ErrorInfo.domain")?.0,
                3 => {
                    map_entry(reader.message(wire_type)?)?;
                }
                _ => reader.skip(field, wire_type)?,
            }
        }
        Ok(info)
    }

    /// The reason, e.g. `RATE_LIMITED`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com");
    /// });
    /// assert_eq!(status.rich_view().unwrap().error_info().unwrap().reason(), "GONE");
    /// ```
    pub fn reason(&self) -> &'a str {
        self.reason
    }

    /// The domain, e.g. `api.example.com`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com");
    /// });
    /// assert_eq!(status.rich_view().unwrap().error_info().unwrap().domain(), "example.com");
    /// ```
    pub fn domain(&self) -> &'a str {
        self.domain
    }

    /// Every metadata entry as sent, key and value.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com").metadata("a", "1").metadata("b", "2");
    /// });
    /// let view = status.rich_view().unwrap();
    /// let keys: Vec<&str> = view.error_info().unwrap().metadata().map(|(k, _)| k).collect();
    /// assert_eq!(keys, ["a", "b"]);
    /// ```
    pub fn metadata(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        // Checked to be UTF-8 when the view was made: an entry that is not would end the
        // list, and cannot be there.
        self.entries().map_while(|(key, value)| {
            Some((
                std::str::from_utf8(key).ok()?,
                std::str::from_utf8(value).ok()?,
            ))
        })
    }

    /// Every metadata entry's key and value bytes, as sent.
    fn entries(&self) -> impl Iterator<Item = (&'a [u8], &'a [u8])> + 'a {
        let mut reader = Reader::new(self.body, 0);
        std::iter::from_fn(move || {
            loop {
                // The message was checked when the view was made; an error cannot happen
                // here, and would end the list.
                let (field, wire_type) = reader.next_field().ok()??;
                if field == 3 {
                    return entry_bytes(reader.message(wire_type).ok()?).ok();
                }
                reader.skip(field, wire_type).ok()?;
            }
        })
    }

    /// The value of metadata `key`: the last one sent under that key, as protobuf's map
    /// decoding keeps.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::Unavailable, "x", |w| {
    ///     w.error_info("DOWN", "kv.example.com").metadata("shard", 3);
    /// });
    /// let view = status.rich_view().unwrap();
    /// let info = view.error_info().unwrap();
    /// assert_eq!(info.get("shard"), Some("3"));
    /// assert_eq!(info.get("zone"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.entries()
            .filter(|(k, _)| *k == key.as_bytes())
            .last()
            .and_then(|(_, value)| std::str::from_utf8(value).ok())
    }

    /// The owned prost message.
    ///
    /// ```
    /// use rich_status::StatusExt;
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com");
    /// });
    /// let owned = status.rich_view().unwrap().error_info().unwrap().to_proto();
    /// assert_eq!(owned, status.rich_details().unwrap().error_info().unwrap());
    /// ```
    pub fn to_proto(&self) -> pb::ErrorInfo {
        pb::ErrorInfo {
            reason: self.reason.to_owned(),
            domain: self.domain.to_owned(),
            metadata: self
                .metadata()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }
}

impl fmt::Debug for ErrorInfoView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorInfoView")
            .field("reason", &self.reason)
            .field("domain", &self.domain)
            .field("metadata", &self.metadata().collect::<Vec<_>>())
            .finish()
    }
}

/// Reads the bytes of one `map<string, string>` entry that [`map_entry`] accepted: key
/// and value, empty when absent, each the last sent.
fn entry_bytes(mut entry: Reader<'_>) -> Result<(&[u8], &[u8]), DecodeError> {
    let (mut key, mut value): (&[u8], &[u8]) = (&[], &[]);
    while let Some((field, wire_type)) = entry.next_field()? {
        match field {
            1 => key = entry.bytes(wire_type)?.data,
            2 => value = entry.bytes(wire_type)?.data,
            _ => entry.skip(field, wire_type)?,
        }
    }
    Ok((key, value))
}

/// Reads and checks one `map<string, string>` entry: key and value, empty when absent,
/// each the last sent.
fn map_entry(mut entry: Reader<'_>) -> Result<(&str, &str), DecodeError> {
    let (mut key, mut value) = ("", "");
    while let Some((field, wire_type)) = entry.next_field()? {
        match field {
            1 => {
                key = entry
                    .string(wire_type, "google.rpc.ErrorInfo.metadata key")?
                    .0
            }
            2 => {
                value = entry
                    .string(wire_type, "google.rpc.ErrorInfo.metadata value")?
                    .0
            }
            _ => entry.skip(field, wire_type)?,
        }
    }
    Ok((key, value))
}
