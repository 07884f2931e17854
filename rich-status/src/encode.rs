//! The encoder: one `google.rpc.Status`, measured first and then written into one buffer
//! of exactly that size.

use bytes::Bytes;
use tonic::{Code, Status};

use crate::fields::{Fields, Slots};
use crate::text::Text;

/// A detail message that the encoder packs into the status as a `google.protobuf.Any`.
///
/// The standard `google.rpc` messages implement it twice: as owned prost types
/// ([`pb::ErrorInfo`](crate::pb::ErrorInfo), ...) and as borrowed views
/// ([`ErrorInfoRef`](crate::ErrorInfoRef), ...) that write straight from the error's
/// fields without building `String`s. A user's own prost message implements it through
/// [`Packed`].
///
/// Implementations describe the message's fields to [`Fields`]; the encoder calls
/// [`encode_fields`](EncodeDetail::encode_fields) twice (measure, then write) and expects
/// the same description both times. If it is not, that detail is left out of the status
/// rather than corrupting it.
///
/// ```
/// use rich_status::{EncodeDetail, Fields, Text};
///
/// struct RequestId<'a>(&'a str);
///
/// impl EncodeDetail for RequestId<'_> {
///     fn type_url(&self) -> &str {
///         "type.googleapis.com/google.rpc.RequestInfo"
///     }
///     fn encode_fields(&self, fields: &mut Fields<'_>) {
///         fields.string(1, Text::str(self.0));
///     }
/// }
///
/// let status = rich_status::status(tonic::Code::Internal, "oops", &[&RequestId("req-7")]);
/// let details = rich_status::Details::from_status(&status).unwrap();
/// assert_eq!(details.request_info().unwrap().request_id, "req-7");
/// ```
pub trait EncodeDetail {
    /// The `Any.type_url`, e.g. `type.googleapis.com/google.rpc.ErrorInfo`.
    fn type_url(&self) -> &str;

    /// Describes the message's fields, in field order.
    fn encode_fields(&self, fields: &mut Fields<'_>);
}

impl<T: EncodeDetail + ?Sized> EncodeDetail for &T {
    fn type_url(&self) -> &str {
        (**self).type_url()
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        (**self).encode_fields(fields)
    }
}

/// Encodes a `google.rpc.Status` with `code`, `message` and `details` (in the order
/// given), as the bytes of a `grpc-status-details-bin` trailer.
///
/// The size is computed first and the bytes are written into one allocation of exactly
/// that size. The result equals what prost's `Message::encode` gives for the same
/// `google.rpc.Status`, so every protobuf implementation reads it.
///
/// ```
/// use prost::Message;
/// use rich_status::{encode_status, pb, ErrorInfoRef, Text};
/// use tonic::Code;
///
/// let bytes = encode_status(
///     Code::NotFound,
///     "user 7 not found",
///     &[&ErrorInfoRef::new("USER_UNKNOWN", "users.example.com")],
/// );
/// let decoded = pb::Status::decode(bytes).unwrap();
/// assert_eq!(decoded.code, Code::NotFound as i32);
/// assert_eq!(decoded.message, "user 7 not found");
/// assert_eq!(decoded.details[0].type_url, "type.googleapis.com/google.rpc.ErrorInfo");
/// ```
pub fn encode_status(code: Code, message: &str, details: &[&dyn EncodeDetail]) -> Bytes {
    let describe = |fields: &mut Fields<'_>| {
        fields.int32(1, code as i32);
        fields.string(2, Text::str(message));
    };
    let mut slots = Slots::new();
    // Where each detail's lengths begin, so that one detail that describes itself
    // differently in the write pass cannot put the next ones out of step.
    let mut starts = Slots::new();
    let mut measure = Fields::measure(&mut slots);
    describe(&mut measure);
    for detail in details {
        starts.push(measure.slots_recorded());
        encode_any(&mut measure, *detail);
    }
    let size = measure.measured();

    let mut buf = Vec::with_capacity(size);
    let mut write = Fields::write(&mut buf, &slots);
    describe(&mut write);
    for (index, detail) in details.iter().enumerate() {
        let start = write.written();
        write.seek_slot(starts.get(index).unwrap_or(usize::MAX));
        encode_any(&mut write, *detail);
        if write.is_inconsistent() {
            // The detail described itself differently in the two passes; a `Status`
            // without it is still valid, a `Status` with it would not be.
            write.truncate(start);
        }
    }
    Bytes::from(buf)
}

/// One `repeated google.protobuf.Any details = 3` element.
fn encode_any(fields: &mut Fields<'_>, detail: &dyn EncodeDetail) {
    fields.message(3, |any| {
        any.string(1, Text::str(detail.type_url()));
        any.delimited(2, false, |value| detail.encode_fields(value));
    });
}

/// Builds a [`tonic::Status`] with `code`, `message` and a `grpc-status-details-bin`
/// trailer holding `details`.
///
/// The trailer's `google.rpc.Status` has exactly the outer code and message, so clients
/// that check them against each other (Python's `rpc_status.from_call`) accept it.
///
/// ```
/// use rich_status::{ErrorInfoRef, QuotaFailureRef, QuotaViolationRef, StatusExt, Text};
/// use tonic::Code;
///
/// let name = "Ada";
/// let subject = format!("name: {name}");
/// let status = rich_status::status(
///     Code::ResourceExhausted,
///     "Request limit exceeded.",
///     &[
///         &ErrorInfoRef::new("RESOURCE_EXHAUSTED", "greeter.example.com")
///             .with_metadata(&[("name", Text::str(name))]),
///         &QuotaFailureRef::new(&[QuotaViolationRef::new(
///             Text::str(&subject),
///             Text::str("Limit one greeting per person."),
///         )]),
///     ],
/// );
///
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.error_info().unwrap().metadata["name"], "Ada");
/// assert_eq!(details.quota_failure().unwrap().violations[0].subject, "name: Ada");
/// ```
pub fn status(code: Code, message: impl Into<String>, details: &[&dyn EncodeDetail]) -> Status {
    let message = message.into();
    let bytes = encode_status(code, &message, details);
    Status::with_details(code, message, bytes)
}

/// A user's own prost message (one with [`prost::Name`]), packed as a detail.
///
/// ```
/// use rich_status::{Packed, StatusExt};
///
/// /// A message from the service's own `.proto`.
/// #[derive(Clone, PartialEq, prost::Message)]
/// struct Balance {
///     #[prost(int64, tag = "1")]
///     cents: i64,
/// }
/// impl prost::Name for Balance {
///     const NAME: &'static str = "Balance";
///     const PACKAGE: &'static str = "bank.v1";
///     fn type_url() -> String {
///         "type.googleapis.com/bank.v1.Balance".into()
///     }
/// }
///
/// let balance = Balance { cents: 1250 };
/// let status = rich_status::status(
///     tonic::Code::FailedPrecondition,
///     "insufficient funds",
///     &[&Packed::new(&balance)],
/// );
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.get::<Balance>().unwrap(), Some(Balance { cents: 1250 }));
/// ```
pub struct Packed<'a, M> {
    message: &'a M,
    type_url: String,
}

impl<'a, M: prost::Message + prost::Name> Packed<'a, M> {
    /// Packs `message` under `M::type_url()`.
    pub fn new(message: &'a M) -> Self {
        Packed {
            message,
            type_url: M::type_url(),
        }
    }
}

impl<M: prost::Message> EncodeDetail for Packed<'_, M> {
    fn type_url(&self) -> &str {
        &self.type_url
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        fields.prost_fields(self.message);
    }
}

impl<M> std::fmt::Debug for Packed<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Packed")
            .field("type_url", &self.type_url)
            .finish_non_exhaustive()
    }
}
