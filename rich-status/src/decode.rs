//! The decoder: a `tonic::Status` (or the raw trailer) read back into typed details.

use std::fmt;
use std::ops::Range;

use base64::Engine as _;
use bytes::Bytes;
use tonic::{Code, Status};

use crate::reader::{Reader, Value, WireError};
use crate::{DecodeError, StandardDetail, pb};

/// The details of a rich status, decoded: the `google.rpc.Status` code and message, and
/// every packed detail in the order it was sent.
///
/// The standard `google.rpc` details are decoded up front and read through accessors such
/// as [`error_info`](Details::error_info); other messages (a service's own) are read with
/// [`get`](Details::get). Decoding copies the trailer once and borrows from that copy.
///
/// ```
/// use rich_status::StatusExt;
/// use std::time::Duration;
///
/// let status = rich_status::status(tonic::Code::Unavailable, "shard 3 is restarting", |w| {
///     w.error_info("SHARD_RESTARTING", "kv.example.com").metadata("shard", 3);
///     w.retry_info(Duration::from_secs(2));
/// });
///
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.code(), tonic::Code::Unavailable);
/// assert_eq!(details.message(), "shard 3 is restarting");
/// assert_eq!(details.len(), 2);
/// assert_eq!(details.error_info().unwrap().metadata["shard"], "3");
/// assert_eq!(details.retry_info().unwrap().retry_delay.unwrap().seconds, 2);
/// assert!(details.debug_info().is_none());
/// ```
#[derive(Clone)]
pub struct Details {
    code: i32,
    message: String,
    raw: Bytes,
    entries: Vec<Entry>,
}

#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) type_url: Range<usize>,
    pub(crate) value: Range<usize>,
    /// `None` for a type outside the catalogue or a standard detail that did not decode.
    standard: Option<StandardDetail>,
}

impl Details {
    /// Decodes the bytes of a `google.rpc.Status` (the `grpc-status-details-bin` trailer
    /// after base64 decoding).
    ///
    /// Every standard detail is decoded; if one is malformed the error says which, and
    /// still carries the others ([`DecodeError::details`]).
    ///
    /// ```
    /// use rich_status::{Details, DecodeErrorKind};
    ///
    /// let bytes = rich_status::encode_status(tonic::Code::Aborted, "conflict", |_| {});
    /// let details = Details::decode(&bytes).unwrap();
    /// assert_eq!(details.code(), tonic::Code::Aborted);
    /// assert_eq!(details.message(), "conflict");
    ///
    /// let err = Details::decode(&[0x12, 0x40, b'x']).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::Malformed { .. }));
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Details, DecodeError> {
        Self::parse(Bytes::copy_from_slice(bytes))
    }

    /// Decodes the raw `grpc-status-details-bin` header value: base64, with or without
    /// padding, as gRPC allows. Useful where a trailer arrives without tonic (an HTTP
    /// proxy, a grpc-web response).
    ///
    /// ```
    /// use rich_status::{Details, DecodeErrorKind};
    ///
    /// let details = Details::from_trailer(b"CAUSCm5vIHN1Y2ggaWQ").unwrap();
    /// assert_eq!(details.code(), tonic::Code::NotFound);
    /// assert_eq!(details.message(), "no such id");
    ///
    /// let err = Details::from_trailer(b"not base64!").unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::Base64 { .. }));
    /// ```
    pub fn from_trailer(value: &[u8]) -> Result<Details, DecodeError> {
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        let bytes = engine
            .decode(value)
            .map_err(|error| DecodeError::base64(&error))?;
        Self::parse(Bytes::from(bytes))
    }

    /// Decodes the details of `status` and checks that their code and message equal the
    /// status's own, as Python's `rpc_status.from_call` does; a mismatch is an error that
    /// still carries the decoded details. A status without details gives `Details` with
    /// the status's code and message and no entries.
    ///
    /// ```
    /// use rich_status::{Details, DecodeErrorKind};
    /// use tonic::{Code, Status};
    ///
    /// let plain = Details::from_status(&Status::not_found("gone")).unwrap();
    /// assert!(plain.is_empty());
    ///
    /// let bytes = rich_status::encode_status(Code::NotFound, "gone", |_| {});
    /// let lying = Status::with_details(Code::Internal, "gone", bytes);
    /// let err = Details::from_status(&lying).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::CodeMismatch { outer: 13, inner: 5 }));
    /// assert_eq!(err.details().unwrap().code(), Code::NotFound);
    /// ```
    pub fn from_status(status: &Status) -> Result<Details, DecodeError> {
        if status.details().is_empty() {
            return Ok(Details::empty(status.code(), status.message().to_owned()));
        }
        let details = Self::decode(status.details())?;
        let outer = status.code() as i32;
        if details.code != outer {
            return Err(DecodeError::code_mismatch(outer, details));
        }
        if details.message != status.message() {
            return Err(DecodeError::message_mismatch(status.message(), details));
        }
        Ok(details)
    }

    /// Details with a code and message and nothing packed.
    pub(crate) fn empty(code: Code, message: String) -> Details {
        Details {
            code: code as i32,
            message,
            raw: Bytes::new(),
            entries: Vec::new(),
        }
    }

    /// The encoded `google.rpc.Status` these details were read from (empty when the
    /// status had none).
    #[cfg(feature = "tonic-types")]
    pub(crate) fn raw_bytes(&self) -> Bytes {
        self.raw.clone()
    }

    fn parse(raw: Bytes) -> Result<Details, DecodeError> {
        let mut entries = Vec::new();
        let (code, message) = read_envelope(&raw, |entry| {
            entries.push(entry);
            Ok(())
        })?;
        let message = message.to_owned();

        let mut details = Details {
            code,
            message,
            raw,
            entries,
        };
        let mut first_error = None;
        for index in 0..details.entries.len() {
            let entry = &details.entries[index];
            // The type URL was checked to be UTF-8 in `parse_any`; the catalogue's names
            // are compared as bytes.
            let type_url = &details.raw[entry.type_url.clone()];
            let value = &details.raw[entry.value.clone()];
            let name = type_name_bytes(type_url);
            match StandardDetail::decode_known(name, value) {
                Some(Ok(detail)) => details.entries[index].standard = Some(detail),
                Some(Err(error)) if first_error.is_none() => {
                    let type_url = String::from_utf8_lossy(type_url).into_owned();
                    first_error = Some((index, type_url, error));
                }
                Some(Err(_)) => {}
                None => {}
            }
        }
        match first_error {
            None => Ok(details),
            Some((index, type_url, error)) => {
                Err(DecodeError::detail(index, &type_url, error).with_details(details))
            }
        }
    }

    /// The status code of the `google.rpc.Status`; a number outside `tonic::Code` reads as
    /// `Code::Unknown`.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::DataLoss, "", |_| {});
    /// let details = rich_status::Details::decode(&bytes).unwrap();
    /// assert_eq!(details.code(), tonic::Code::DataLoss);
    /// ```
    pub fn code(&self) -> Code {
        Code::from_i32(self.code)
    }

    /// The message of the `google.rpc.Status`.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::DataLoss, "lost: ß", |_| {});
    /// assert_eq!(rich_status::Details::decode(&bytes).unwrap().message(), "lost: ß");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The number of packed details.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::Internal, "", |_| {});
    /// assert_eq!(rich_status::Details::decode(&bytes).unwrap().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the status carries no packed details.
    ///
    /// ```
    /// let status = tonic::Status::internal("no details");
    /// assert!(rich_status::Details::from_status(&status).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every packed detail, in the order sent, with its type URL and raw bytes.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::Internal, "boom", |w| {
    ///     w.error_info("BOOM", "example.com");
    ///     w.request_info("r-9");
    /// });
    /// let details = status.rich_details().unwrap();
    /// let names: Vec<&str> = details.anys().map(|any| any.type_name()).collect();
    /// assert_eq!(names, ["google.rpc.ErrorInfo", "google.rpc.RequestInfo"]);
    /// ```
    pub fn anys(&self) -> impl ExactSizeIterator<Item = AnyRef<'_>> + '_ {
        self.entries.iter().map(|entry| self.any_ref(entry))
    }

    /// Every detail in the order sent, with its standard decoding when it has one.
    #[cfg_attr(not(feature = "axum"), allow(dead_code))]
    pub(crate) fn entries(
        &self,
    ) -> impl Iterator<Item = (AnyRef<'_>, Option<&StandardDetail>)> + '_ {
        self.entries
            .iter()
            .map(|entry| (self.any_ref(entry), entry.standard.as_ref()))
    }

    fn any_ref<'s>(&'s self, entry: &Entry) -> AnyRef<'s> {
        let type_url = std::str::from_utf8(&self.raw[entry.type_url.clone()]).unwrap_or_default();
        AnyRef::new(type_url, &self.raw[entry.value.clone()])
    }

    /// Every standard detail that decoded, in the order sent.
    ///
    /// ```
    /// use rich_status::{StandardDetail, StatusExt};
    ///
    /// let status = rich_status::status(tonic::Code::Internal, "x", |w| {
    ///     w.help_link("docs", "https://example.com");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert!(matches!(details.standard().next(), Some(StandardDetail::Help(_))));
    /// ```
    pub fn standard(&self) -> impl Iterator<Item = &StandardDetail> + '_ {
        self.entries.iter().filter_map(|e| e.standard.as_ref())
    }

    /// The first detail of type `M`, decoded; `Ok(None)` when there is none.
    ///
    /// Works for any prost message with [`prost::Name`]: a service's own, or a standard
    /// one. Type URLs are matched on the message name after their last `/`.
    ///
    /// ```
    /// use rich_status::{pb, StatusExt};
    ///
    /// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
    ///     w.error_info("GONE", "example.com");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.get::<pb::ErrorInfo>().unwrap().unwrap().reason, "GONE");
    /// assert_eq!(details.get::<pb::Help>().unwrap(), None);
    /// ```
    pub fn get<M>(&self) -> Result<Option<M>, DecodeError>
    where
        M: prost::Message + prost::Name + Default,
    {
        self.get_all::<M>().next().transpose()
    }

    /// Every detail of type `M`, decoded, in the order sent.
    ///
    /// ```
    /// use rich_status::{pb, StatusExt};
    ///
    /// let status = rich_status::status(tonic::Code::NotFound, "not found", |w| {
    ///     w.localized_message("de", "nicht gefunden");
    ///     w.localized_message("fr", "introuvable");
    /// });
    /// let details = status.rich_details().unwrap();
    /// let locales: Vec<String> = details
    ///     .get_all::<pb::LocalizedMessage>()
    ///     .map(|m| m.unwrap().locale)
    ///     .collect();
    /// assert_eq!(locales, ["de", "fr"]);
    /// ```
    pub fn get_all<M>(&self) -> impl Iterator<Item = Result<M, DecodeError>> + '_
    where
        M: prost::Message + prost::Name + Default,
    {
        let name = M::full_name();
        self.anys()
            .filter(move |any| any.type_name() == name)
            .map(|any| any.unpack::<M>())
    }

    /// The `google.rpc.Status` as an owned prost message.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::Aborted, "retry", |_| {});
    /// let proto = rich_status::Details::decode(&bytes).unwrap().to_proto();
    /// assert_eq!((proto.code, proto.message.as_str()), (10, "retry"));
    /// ```
    pub fn to_proto(&self) -> pb::Status {
        pb::Status {
            code: self.code,
            message: self.message.clone(),
            details: self.anys().map(|any| any.to_any()).collect(),
        }
    }
}

/// Two `Details` are equal when their code, message and packed details (type URLs and
/// bytes, in order) are.
///
/// ```
/// let a = rich_status::encode_status(tonic::Code::Internal, "x", |_| {});
/// let b = rich_status::encode_status(tonic::Code::Internal, "x", |_| {});
/// assert_eq!(rich_status::Details::decode(&a).unwrap(), rich_status::Details::decode(&b).unwrap());
/// ```
impl PartialEq for Details {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code && self.message == other.message && self.anys().eq(other.anys())
    }
}

impl fmt::Debug for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Entries<'a>(&'a Details);
        impl fmt::Debug for Entries<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut list = f.debug_list();
                for entry in &self.0.entries {
                    match &entry.standard {
                        Some(detail) => list.entry(detail),
                        None => list.entry(&self.0.any_ref(entry)),
                    };
                }
                list.finish()
            }
        }
        f.debug_struct("Details")
            .field("code", &self.code())
            .field("message", &self.message)
            .field("details", &Entries(self))
            .finish()
    }
}

/// One `google.protobuf.Any.type_url` and `value`, borrowed.
///
/// ```
/// use rich_status::{pb, AnyRef};
///
/// let any = AnyRef::new("type.googleapis.com/google.rpc.RequestInfo", b"\x0a\x03r-1");
/// assert_eq!(any.type_name(), "google.rpc.RequestInfo");
/// assert!(any.is::<pb::RequestInfo>());
/// assert_eq!(any.unpack::<pb::RequestInfo>().unwrap().request_id, "r-1");
/// assert!(any.unpack::<pb::Help>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AnyRef<'a> {
    type_url: &'a str,
    value: &'a [u8],
}

impl<'a> AnyRef<'a> {
    /// A packed message of type `type_url` with encoded `value`.
    ///
    /// ```
    /// let any = rich_status::AnyRef::new("type.googleapis.com/acme.v1.Thing", b"\x08\x01");
    /// assert_eq!(any.value(), b"\x08\x01");
    /// ```
    pub fn new(type_url: &'a str, value: &'a [u8]) -> Self {
        AnyRef { type_url, value }
    }

    /// The full type URL, e.g. `type.googleapis.com/google.rpc.ErrorInfo`.
    ///
    /// ```
    /// let any = rich_status::AnyRef::new("type.googleapis.com/acme.v1.Thing", b"");
    /// assert_eq!(any.type_url(), "type.googleapis.com/acme.v1.Thing");
    /// ```
    pub fn type_url(&self) -> &'a str {
        self.type_url
    }

    /// The fully qualified message name: the type URL after its last `/`.
    ///
    /// ```
    /// let any = rich_status::AnyRef::new("type.googleapis.com/acme.v1.Thing", b"");
    /// assert_eq!(any.type_name(), "acme.v1.Thing");
    /// ```
    pub fn type_name(&self) -> &'a str {
        type_name(self.type_url)
    }

    /// The encoded message.
    ///
    /// ```
    /// let any = rich_status::AnyRef::new("/acme.v1.Thing", &[0x08, 0x2a]);
    /// assert_eq!(any.value(), [0x08, 0x2a]);
    /// ```
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// True when this packs an `M`.
    ///
    /// ```
    /// use rich_status::{pb, AnyRef};
    /// let any = AnyRef::new("type.googleapis.com/google.rpc.Help", b"");
    /// assert!(any.is::<pb::Help>());
    /// assert!(!any.is::<pb::ErrorInfo>());
    /// ```
    pub fn is<M: prost::Name>(&self) -> bool {
        self.type_name() == M::full_name()
    }

    /// Decodes the packed `M`; a different type URL is
    /// [`DecodeErrorKind::TypeUrlMismatch`](crate::DecodeErrorKind::TypeUrlMismatch).
    ///
    /// ```
    /// use rich_status::{pb, AnyRef};
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
        M::decode(self.value).map_err(|error| DecodeError::detail(0, self.type_url, error))
    }

    /// An owned `prost_types::Any`.
    ///
    /// ```
    /// let any = rich_status::AnyRef::new("/acme.v1.Thing", &[1, 2]).to_any();
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

fn type_name(type_url: &str) -> &str {
    &type_url[name_start(type_url.as_bytes())..]
}

/// The type name of a type URL, as bytes.
pub(crate) fn type_name_bytes(type_url: &[u8]) -> &[u8] {
    &type_url[name_start(type_url)..]
}

/// Where the type name of a type URL begins: after its last `/`.
fn name_start(type_url: &[u8]) -> usize {
    type_url
        .iter()
        .rposition(|&b| b == b'/')
        .map_or(0, |slash| slash + 1)
}

/// Reads the `google.rpc.Status` envelope of `bytes`: its code and its message (the last
/// sent, checked to be UTF-8), handing each packed `Any` to `on_any` in the order sent.
/// What both the owned decoder and the in-place view read first.
pub(crate) fn read_envelope(
    bytes: &[u8],
    mut on_any: impl FnMut(Entry) -> Result<(), DecodeError>,
) -> Result<(i32, &str), DecodeError> {
    let mut code = 0i32;
    let mut message: (&[u8], usize) = (&[], 0);
    let mut reader = Reader::new(bytes, 0);
    while let Some((field, value)) = reader.next_field().map_err(DecodeError::malformed)? {
        match (field, value) {
            // int32 on the wire is a sign-extended varint; keep its low 32 bits.
            (1, Value::Varint(v)) => code = v as i32,
            (2, Value::Bytes { data, offset }) => message = (data, offset),
            (3, Value::Bytes { data, offset }) => on_any(parse_any(data, offset)?)?,
            (1..=3, _) => {
                return Err(DecodeError::malformed(WireError {
                    offset: reader.position(),
                    problem: "google.rpc.Status field with the wrong wire type",
                }));
            }
            // Unknown fields are skipped, as protobuf requires.
            _ => {}
        }
    }
    let message = std::str::from_utf8(message.0)
        .map_err(|_| DecodeError::invalid_utf8("google.rpc.Status.message", message.1))?;
    Ok((code, message))
}

/// Reads one `google.protobuf.Any` whose bytes start at `offset` in the trailer.
pub(crate) fn parse_any(data: &[u8], offset: usize) -> Result<Entry, DecodeError> {
    let mut type_url = offset..offset;
    let mut value = offset..offset;
    let mut reader = Reader::new(data, offset);
    while let Some((field, v)) = reader.next_field().map_err(DecodeError::malformed)? {
        match (field, v) {
            (1, Value::Bytes { data, offset }) => {
                std::str::from_utf8(data).map_err(|_| {
                    DecodeError::invalid_utf8("google.protobuf.Any.type_url", offset)
                })?;
                type_url = offset..offset + data.len();
            }
            (2, Value::Bytes { data, offset }) => value = offset..offset + data.len(),
            (1 | 2, _) => {
                return Err(DecodeError::malformed(WireError {
                    offset: reader.position(),
                    problem: "google.protobuf.Any field with the wrong wire type",
                }));
            }
            _ => {}
        }
    }
    Ok(Entry {
        type_url,
        value,
        standard: None,
    })
}

/// Reads rich details from a [`tonic::Status`].
///
/// ```
/// use rich_status::StatusExt;
///
/// fn reason(status: &tonic::Status) -> Option<String> {
///     let details = status.rich_details().ok()?;
///     Some(details.error_info()?.reason.clone())
/// }
///
/// let status = rich_status::status(tonic::Code::NotFound, "x", |w| {
///     w.error_info("GONE", "example.com");
/// });
/// assert_eq!(reason(&status).as_deref(), Some("GONE"));
/// assert_eq!(reason(&tonic::Status::not_found("plain")), None);
/// ```
pub trait StatusExt: sealed::Sealed {
    /// Decodes the `grpc-status-details-bin` details; see [`Details::from_status`].
    fn rich_details(&self) -> Result<Details, DecodeError>;

    /// Reads the details in place, without copying or allocating; see
    /// [`DetailsView::from_status`](crate::DetailsView::from_status).
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// fn is_retryable(status: &tonic::Status) -> bool {
    ///     let Ok(view) = status.rich_view() else { return false };
    ///     view.error_info().is_some_and(|info| info.reason() == "SHARD_RESTARTING")
    /// }
    ///
    /// let status = rich_status::status(tonic::Code::Unavailable, "x", |w| {
    ///     w.error_info("SHARD_RESTARTING", "kv.example.com");
    /// });
    /// assert!(is_retryable(&status));
    /// assert!(!is_retryable(&tonic::Status::unavailable("plain")));
    /// ```
    fn rich_view(&self) -> Result<crate::DetailsView<'_>, DecodeError>;
}

impl StatusExt for Status {
    fn rich_details(&self) -> Result<Details, DecodeError> {
        Details::from_status(self)
    }

    fn rich_view(&self) -> Result<crate::DetailsView<'_>, DecodeError> {
        crate::DetailsView::from_status(self)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for tonic::Status {}
}
