//! The decoder: a `tonic::Status` (or the raw trailer) read back into [`Details`], and the
//! packed details read out of it.

use std::fmt;

use base64::Engine as _;
use bytes::Bytes;
use tonic::{Code, Status};

use crate::any::AnyRef;
use crate::reader::read_envelope;
use crate::standard::StandardDetail;
use crate::{DecodeError, Details, pb};

/// The base64 of `grpc-status-details-bin` and of a Connect error detail's value: the
/// standard alphabet, written without padding (as tonic and the Connect protocol write
/// it), read with or without it (as tonic reads it), no stray bits.
pub(crate) const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

/// The metadata key under which the client's details guard says why it dropped a
/// `grpc-status-details-bin` (`rich_status::client::DROPPED_DETAILS_KEY`).
pub(crate) const DROPPED_DETAILS_KEY: &str = "rich-status-details-dropped";

/// The error of a status whose details the client's guard dropped: no details, and the
/// guard's account of why in its metadata.
pub(crate) fn dropped(status: &Status) -> Option<DecodeError> {
    let reason = status.metadata().get(DROPPED_DETAILS_KEY)?;
    Some(DecodeError::dropped(
        reason.to_str().unwrap_or("not base64"),
    ))
}

impl Details {
    /// Decodes the bytes of a `google.rpc.Status` (the `grpc-status-details-bin` trailer
    /// after base64 decoding): exactly the bytes prost's `google.rpc.Status` decoder
    /// accepts, up to [`policy::decode_limit`](crate::policy::decode_limit) of them.
    ///
    /// ```
    /// use rich_status::{Details, decode::DecodeErrorKind};
    ///
    /// let bytes = rich_status::encode_status(tonic::Code::Aborted, "conflict", |_| {});
    /// let details = Details::decode(&bytes).unwrap();
    /// assert_eq!(details.code(), tonic::Code::Aborted);
    /// assert_eq!(details.message(), "conflict");
    ///
    /// let err = Details::decode(&[0x12, 0x40, b'x']).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::Malformed { .. }));
    ///
    /// let huge = vec![0; 1 << 20];
    /// let err = Details::decode(&huge).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::TooLarge { len: 1048576, .. }));
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Details, DecodeError> {
        check_limit(bytes.len(), crate::policy::decode_limit())?;
        Self::parse(Bytes::copy_from_slice(bytes))
    }

    /// Decodes the raw `grpc-status-details-bin` header value: base64, with or without
    /// padding, as gRPC allows. Useful where a trailer arrives without tonic (an HTTP
    /// proxy, a grpc-web response). A value longer than the base64 of
    /// [`policy::decode_limit`](crate::policy::decode_limit) bytes is refused before it
    /// is decoded.
    ///
    /// ```
    /// use rich_status::{Details, decode::DecodeErrorKind};
    ///
    /// let details = Details::from_trailer(b"CAUSCm5vIHN1Y2ggaWQ").unwrap();
    /// assert_eq!(details.code(), tonic::Code::NotFound);
    /// assert_eq!(details.message(), "no such id");
    ///
    /// let err = Details::from_trailer(b"not base64!").unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::Base64 { .. }));
    /// ```
    pub fn from_trailer(value: &[u8]) -> Result<Details, DecodeError> {
        let limit = crate::policy::decode_limit();
        check_limit(value.len(), limit.div_ceil(3).saturating_mul(4))?;
        let bytes = BASE64
            .decode(value)
            .map_err(|error| DecodeError::base64(&error))?;
        check_limit(bytes.len(), limit)?;
        Self::parse(Bytes::from(bytes))
    }

    /// Decodes the details of `status` and checks that their code and message equal the
    /// status's own, as Python's `rpc_status.from_call` does; a disagreement is an error
    /// that still carries the decoded details. A status without details gives `Details`
    /// with the status's code and message and nothing packed.
    ///
    /// The details of a `tonic::Status` came through the transport, whose header limits
    /// bound them; [`policy::decode_limit`](crate::policy::decode_limit) does not apply.
    ///
    /// ```
    /// use rich_status::{Details, decode::DecodeErrorKind};
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
            return match dropped(status) {
                Some(error) => Err(error),
                None => Ok(Details::empty(status.code(), status.message().to_owned())),
            };
        }
        let details = Self::parse(Bytes::copy_from_slice(status.details()))?;
        match disagreement(status, details.code, &details.message) {
            None => Ok(details),
            Some(error) => Err(error.with_details(details)),
        }
    }

    /// Checks the envelope in `raw` and keeps it; no limit on its size.
    fn parse(raw: Bytes) -> Result<Details, DecodeError> {
        let envelope = read_envelope(&raw)?;
        let (code, message, len) = (envelope.code, envelope.message.to_owned(), envelope.len);
        Ok(Details::checked(code, message, raw, len))
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
    pub fn anys(&self) -> impl Iterator<Item = AnyRef<'_>> + '_ {
        crate::reader::anys(&self.raw)
            .enumerate()
            .map(|(index, any)| AnyRef::new(any.type_url, any.value).at(index))
    }

    /// Every detail in the order sent, with its standard decoding when it has one.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (AnyRef<'_>, Option<StandardDetail>)> {
        self.anys()
            .map(|any| (any, StandardDetail::from_any(any).ok()))
    }

    /// The details this caller may be given, as [`anys`](Self::anys): a `DebugInfo` only
    /// while the policy sends it (see `policy::withholds`). What an HTTP answer and a
    /// Connect error carry of a status, whoever built it.
    #[cfg(any(feature = "axum", feature = "connect"))]
    pub(crate) fn anys_for_caller(&self) -> impl Iterator<Item = AnyRef<'_>> {
        self.anys()
            .filter(|any| !crate::policy::withholds(any.type_url()))
    }

    /// Every standard detail that decodes, in the order sent.
    ///
    /// ```
    /// use rich_status::{StatusExt, decode::StandardDetail};
    ///
    /// let status = rich_status::status(tonic::Code::Internal, "x", |w| {
    ///     w.help_link("docs", "https://example.com");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert!(matches!(details.standard().next(), Some(StandardDetail::Help(_))));
    /// ```
    pub fn standard(&self) -> impl Iterator<Item = StandardDetail> + '_ {
        self.anys()
            .filter_map(|any| StandardDetail::from_any(any).ok())
    }

    /// The first detail of type `M`, decoded; `Ok(None)` when there is none, an error
    /// when it does not decode as an `M`.
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

    /// The first detail of type `M` if it decodes: what the standard accessors give.
    pub(crate) fn first<M>(&self) -> Option<M>
    where
        M: prost::Message + prost::Name + Default,
    {
        self.get().ok().flatten()
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
        self.anys()
            .filter(|any| any.is::<M>())
            .map(|any| any.unpack_unchecked())
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

/// Refuses an input of `len` bytes over `limit`.
fn check_limit(len: usize, limit: usize) -> Result<(), DecodeError> {
    if len > limit {
        return Err(DecodeError::too_large(len, limit));
    }
    Ok(())
}

/// How the details' `code` and `message` disagree with `status`'s own, if they do.
///
/// tonic reads a `grpc-status` outside `tonic::Code` as `Unknown`, and so do [`Details::code`]
/// and [`DetailsView::code`](crate::decode::DetailsView::code): a code of 99 in the details agrees
/// with such a status. A `grpc-message` that is not UTF-8 once percent-decoded makes tonic
/// replace code and message; that is named as such rather than as a disagreement.
pub(crate) fn disagreement(status: &Status, code: i32, message: &str) -> Option<DecodeError> {
    let agrees = Code::from_i32(code) == status.code() && message == status.message();
    if agrees {
        return None;
    }
    if status.code() == Code::Unknown && status.message().starts_with(TONIC_BAD_MESSAGE) {
        return Some(DecodeError::grpc_message_not_utf8());
    }
    if Code::from_i32(code) != status.code() {
        return Some(DecodeError::code_mismatch(status.code() as i32, code));
    }
    Some(DecodeError::message_mismatch(status.message(), message))
}

/// How tonic's status message begins when it replaced a `grpc-message` that is not UTF-8.
const TONIC_BAD_MESSAGE: &str = "Error deserializing status message header";

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
                for (any, standard) in self.0.entries() {
                    match standard {
                        Some(detail) => list.entry(&detail),
                        None => list.entry(&any),
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
