//! The encoder: one `google.rpc.Status`, written once into the thread's scratch buffer
//! and copied into one allocation of exactly its size; measured before it is written
//! only when it is over its trailer budget and something must be cut.

use std::cell::RefCell;

use bytes::Bytes;
use tonic::{Code, Status};

use crate::budget::Cut;
use crate::fields::{Fields, Slots};
use crate::text::Arena;
use crate::text::Text;

/// A detail message that the encoder packs into the status as a `google.protobuf.Any`.
///
/// The standard `google.rpc` messages implement it twice: as owned prost types
/// ([`pb::ErrorInfo`](crate::pb::ErrorInfo), ...) and as borrowed views
/// ([`ErrorInfoRef`](crate::ErrorInfoRef), ...) that write straight from the error's
/// fields without building `String`s. A user's own prost message implements it through
/// [`Packed`].
///
/// Implementations describe the message's fields to [`Fields`]. The encoder usually calls
/// [`encode_fields`](EncodeDetail::encode_fields) once. A status over its trailer budget
/// is measured before it is written, so there the description is asked for again and
/// must be the same each time; a detail that describes itself differently is left out
/// of that status rather than corrupting it.
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

    /// Writes this detail's `Any`s into the status: by default exactly one, from
    /// [`type_url`](EncodeDetail::type_url) and [`encode_fields`](EncodeDetail::encode_fields).
    /// A detail that stands for several messages, or for one that may be absent,
    /// overrides it (see [`Anys`]).
    fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
        anys.push_fields(self.type_url(), &|fields| self.encode_fields(fields));
    }
}

impl<T: EncodeDetail + ?Sized> EncodeDetail for &T {
    fn type_url(&self) -> &str {
        (**self).type_url()
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        (**self).encode_fields(fields)
    }
    fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
        (**self).encode_anys(anys)
    }
}

/// Where a detail writes its `Any`s: the `repeated google.protobuf.Any details` of the
/// status being encoded.
///
/// ```
/// use rich_status::{Anys, EncodeDetail, Fields, StatusExt, pb};
///
/// /// Every help link of a list, each as a `Help` of its own (rarely wanted, but possible).
/// struct EachLink<'a>(&'a [pb::help::Link]);
///
/// impl EncodeDetail for EachLink<'_> {
///     fn type_url(&self) -> &str {
///         rich_status::type_url::HELP
///     }
///     fn encode_fields(&self, _: &mut Fields<'_>) {}
///     fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
///         for link in self.0 {
///             anys.push_fields(rich_status::type_url::HELP, &|help| {
///                 help.message(1, |l| l.prost_fields(link));
///             });
///         }
///     }
/// }
///
/// let links = [pb::help::Link { description: "a".into(), url: "https://a".into() }];
/// let status = rich_status::status(tonic::Code::Internal, "x", &[&EachLink(&links), &EachLink(&[])]);
/// assert_eq!(status.rich_details().unwrap().len(), 1);
/// ```
pub struct Anys<'f, 'e> {
    fields: &'f mut Fields<'e>,
}

impl Anys<'_, '_> {
    /// Writes one `Any` of type `type_url` whose message `body` describes.
    ///
    /// ```
    /// use rich_status::{Anys, EncodeDetail, Fields, StatusExt, Text};
    ///
    /// struct Twice;
    /// impl EncodeDetail for Twice {
    ///     fn type_url(&self) -> &str { rich_status::type_url::REQUEST_INFO }
    ///     fn encode_fields(&self, _: &mut Fields<'_>) {}
    ///     fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
    ///         for id in ["a", "b"] {
    ///             anys.push_fields(rich_status::type_url::REQUEST_INFO, &|f| f.string(1, Text::str(id)));
    ///         }
    ///     }
    /// }
    /// let status = rich_status::status(tonic::Code::Internal, "x", &[&Twice]);
    /// assert_eq!(status.rich_details().unwrap().len(), 2);
    /// ```
    pub fn push_fields(&mut self, type_url: &str, body: &dyn Fn(&mut Fields<'_>)) {
        let skipped = if self.fields.is_whole() {
            0
        } else {
            self.fields.cut().skipped_by(type_url)
        };
        if skipped != 0 {
            // The trailer budget leaves this type out.
            self.fields.note(skipped);
            return;
        }
        self.fields.any(3, type_url, |value| body(value));
    }

    /// Writes `detail` as one `Any`.
    ///
    /// ```
    /// use rich_status::{Anys, EncodeDetail, Fields, RequestInfoRef, StatusExt};
    ///
    /// struct Both;
    /// impl EncodeDetail for Both {
    ///     fn type_url(&self) -> &str { "" }
    ///     fn encode_fields(&self, _: &mut Fields<'_>) {}
    ///     fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
    ///         anys.push(&RequestInfoRef::new("r-1"));
    ///         anys.push(&RequestInfoRef::new("r-2"));
    ///     }
    /// }
    /// let status = rich_status::status(tonic::Code::Internal, "x", &[&Both]);
    /// assert_eq!(status.rich_details().unwrap().len(), 2);
    /// ```
    pub fn push(&mut self, detail: &dyn EncodeDetail) {
        self.push_fields(detail.type_url(), &|fields| detail.encode_fields(fields));
    }

    /// Writes a prost message as one `Any` of type `type_url`.
    ///
    /// ```
    /// use rich_status::{pb, Anys, EncodeDetail, Fields, StatusExt};
    ///
    /// struct Owned(pb::RequestInfo);
    /// impl EncodeDetail for Owned {
    ///     fn type_url(&self) -> &str { rich_status::type_url::REQUEST_INFO }
    ///     fn encode_fields(&self, _: &mut Fields<'_>) {}
    ///     fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
    ///         anys.push_message(rich_status::type_url::REQUEST_INFO, &self.0);
    ///     }
    /// }
    /// let info = pb::RequestInfo { request_id: "r-9".into(), ..Default::default() };
    /// let status = rich_status::status(tonic::Code::Internal, "x", &[&Owned(info.clone())]);
    /// assert_eq!(status.rich_details().unwrap().request_info(), Some(&info));
    /// ```
    pub fn push_message(&mut self, type_url: &str, message: &dyn ProstMessage) {
        self.push_fields(type_url, &|fields| message.encode_into(fields));
    }
}

/// A prost message behind a `dyn` pointer (prost's own trait is not object safe).
///
/// ```
/// use rich_status::{pb, ProstMessage};
/// let messages: Vec<Box<dyn ProstMessage>> = vec![Box::new(pb::Help::default()), Box::new(pb::RetryInfo::default())];
/// assert_eq!(messages.len(), 2);
/// ```
pub trait ProstMessage {
    /// Writes the message's fields.
    ///
    /// ```
    /// use rich_status::{EncodeDetail, Fields, ProstMessage, StatusExt, pb};
    ///
    /// struct Dyn<'a>(&'a dyn ProstMessage);
    /// impl EncodeDetail for Dyn<'_> {
    ///     fn type_url(&self) -> &str { rich_status::type_url::HELP }
    ///     fn encode_fields(&self, fields: &mut Fields<'_>) { self.0.encode_into(fields) }
    /// }
    /// let help = pb::Help { links: vec![pb::help::Link { url: "https://x".into(), ..Default::default() }] };
    /// let status = rich_status::status(tonic::Code::Internal, "x", &[&Dyn(&help)]);
    /// assert_eq!(status.rich_details().unwrap().help(), Some(&help));
    /// ```
    fn encode_into(&self, fields: &mut Fields<'_>);
}

impl<M: prost::Message> ProstMessage for M {
    fn encode_into(&self, fields: &mut Fields<'_>) {
        fields.prost_fields(self);
    }
}

/// Encodes a `google.rpc.Status` with `code`, `message` and `details` (in the order
/// given), as the bytes of a `grpc-status-details-bin` trailer.
///
/// The bytes are written once, into a scratch buffer that the thread keeps, and copied
/// into one allocation of exactly their size. The result equals what prost's
/// `Message::encode` gives for the same `google.rpc.Status`, so every protobuf
/// implementation reads it.
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
    with_scratch(|scratch| {
        write_once(scratch, code, message, details);
        Bytes::copy_from_slice(scratch)
    })
}

/// Encodes a status within the trailer `budget` (see [`budget`](crate::budget)): the
/// bytes, and how many bytes of `message` they keep (the outer message must be cut
/// to the same length).
pub(crate) fn encode_within(
    code: Code,
    message: &str,
    details: &[&dyn EncodeDetail],
    budget: usize,
) -> (Bytes, usize) {
    // The usual status fits: written once, its size is then known, and it is copied
    // into one allocation of exactly that size.
    let fitting = with_scratch(|scratch| {
        write_once(scratch, code, message, details);
        crate::budget::fits(code as i32, message.as_bytes(), scratch.len(), budget)
            .then(|| Bytes::copy_from_slice(scratch))
    });
    if let Some(bytes) = fitting {
        return (bytes, message.len());
    }
    // Over budget: measure each candidate cut, then write the chosen one.
    let mut arena = None;
    let mut measured = Measured::new();
    let mut cut = crate::budget::fit(message, budget, |cut| {
        measure(&mut measured, code, message, details, *cut, &mut arena);
        crate::budget::trailer_cost(
            code as i32,
            &message.as_bytes()[..cut.message],
            measured.size,
        )
    });
    // The search sized the mark as listing every step it applied; it lists what the
    // status really lost, which is never longer.
    measure(&mut measured, code, message, details, cut, &mut arena);
    cut.effects = Some(measured.effects);
    measure(&mut measured, code, message, details, cut, &mut arena);
    (
        write(code, message, details, cut, &measured, &arena),
        cut.message,
    )
}

/// The largest scratch buffer a thread keeps between statuses; a larger one (from a
/// status far over any trailer budget) is given back after use.
const SCRATCH_KEPT: usize = 64 * 1024;

/// The scratch buffer's first size.
const SCRATCH_FIRST: usize = 1024;

thread_local! {
    /// Where this thread writes a status before copying it out.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` with this thread's empty scratch buffer, or with a new one when the
/// thread's is in use (a `Display` that converts an error while being formatted) or
/// gone (a thread being torn down).
fn with_scratch<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    let mut f = Some(f);
    let shared = SCRATCH.try_with(|cell| {
        let mut scratch = cell.try_borrow_mut().ok()?;
        scratch.clear();
        // Room for most statuses at once, rather than growing through small sizes.
        scratch.reserve(SCRATCH_FIRST);
        let f = f.take()?;
        let result = f(&mut scratch);
        if scratch.capacity() > SCRATCH_KEPT {
            *scratch = Vec::new();
        }
        Some(result)
    });
    match (shared, f) {
        (Ok(Some(result)), _) => result,
        (_, Some(f)) => f(&mut Vec::new()),
        (_, None) => unreachable!("the closure runs only where it returns"),
    }
}

/// Writes the whole status, nothing cut, in one pass.
fn write_once(buf: &mut Vec<u8>, code: Code, message: &str, details: &[&dyn EncodeDetail]) {
    let mut fields = Fields::once(buf, Cut::none(message.len()));
    describe(&mut fields, code, message);
    for detail in details {
        encode_any(&mut fields, *detail);
    }
}

/// What the measure pass learns: the size, every length, and where each detail's
/// lengths begin (so that one detail that describes itself differently in the write
/// pass cannot put the next ones out of step).
struct Measured {
    size: usize,
    slots: Slots,
    starts: Slots<8>,
    /// What the budget's cut removed.
    effects: u8,
}

impl Measured {
    fn new() -> Self {
        Measured {
            size: 0,
            slots: Slots::new(),
            starts: Slots::new(),
            effects: 0,
        }
    }
}

fn describe(fields: &mut Fields<'_>, code: Code, message: &str) {
    fields.int32(1, code as i32);
    let kept = fields.cut().message;
    if kept < message.len() {
        fields.note(crate::budget::effect::MESSAGE);
    }
    fields.string_whole(2, Text::str(&message[..kept]));
}

/// Measures the status into `measured`, forgetting what it held.
fn measure(
    measured: &mut Measured,
    code: Code,
    message: &str,
    details: &[&dyn EncodeDetail],
    cut: Cut,
    arena: &mut Option<Arena>,
) {
    measured.slots.clear();
    measured.starts.clear();
    let mut fields = Fields::measure(&mut measured.slots, cut, arena);
    describe(&mut fields, code, message);
    for detail in details {
        measured.starts.push(fields.slots_recorded());
        encode_any(&mut fields, *detail);
    }
    measured.size = fields.measured();
    measured.effects = fields.effects();
}

fn write(
    code: Code,
    message: &str,
    details: &[&dyn EncodeDetail],
    cut: Cut,
    measured: &Measured,
    arena: &Option<Arena>,
) -> Bytes {
    let mut buf = Vec::with_capacity(measured.size);
    let mut fields = Fields::write(&mut buf, &measured.slots, cut, arena);
    describe(&mut fields, code, message);
    for (index, detail) in details.iter().enumerate() {
        let start = fields.written();
        fields.seek_slot(measured.starts.get(index).unwrap_or(usize::MAX));
        encode_any(&mut fields, *detail);
        if fields.is_inconsistent() {
            // The detail described itself differently in the two passes; a `Status`
            // without it is still valid, a `Status` with it would not be.
            fields.truncate(start);
        }
    }
    Bytes::from(buf)
}

/// The detail's `repeated google.protobuf.Any details = 3` elements.
fn encode_any(fields: &mut Fields<'_>, detail: &dyn EncodeDetail) {
    detail.encode_anys(&mut Anys { fields });
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
    build_status(code, message.into(), details)
}

/// Like [`status`], with a trailer budget of its own instead of the policy's: for a call
/// whose other trailers leave more or less room. See [`budget`](crate::budget) for what
/// is left out, and in which order, when the status would not fit.
///
/// ```
/// use rich_status::{DebugInfoRef, ErrorInfoRef, StatusExt, Text};
///
/// let long = "frame ".repeat(1000);
/// let entries = [Text::str(&long)];
/// let status = rich_status::status_with_budget(
///     tonic::Code::Internal,
///     "storage failed",
///     &[&ErrorInfoRef::new("STORAGE", "example.com"), &DebugInfoRef::new(&entries)],
///     1024,
/// );
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.error_info().unwrap().metadata["richStatusTruncated"], "debugInfo.stackEntries");
/// assert!(details.debug_info().unwrap().stack_entries.is_empty());
/// ```
pub fn status_with_budget(
    code: Code,
    message: impl Into<String>,
    details: &[&dyn EncodeDetail],
    budget: usize,
) -> Status {
    let mut message = message.into();
    let (bytes, kept) = encode_within(code, &message, details, budget);
    message.truncate(kept);
    Status::with_details(code, message, bytes)
}

/// The `tonic::Status`, within the policy's trailer budget.
pub(crate) fn build_status(code: Code, message: String, details: &[&dyn EncodeDetail]) -> Status {
    status_with_budget(code, message, details, crate::policy::trailer_budget())
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
    ///
    /// ```
    /// let info = rich_status::pb::RequestInfo::default();
    /// let packed = rich_status::Packed::new(&info);
    /// assert_eq!(rich_status::EncodeDetail::type_url(&packed), "type.googleapis.com/google.rpc.RequestInfo");
    /// ```
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

/// Every message of a slice, each packed as its own detail, under one type URL.
///
/// ```
/// use rich_status::{PackedAll, StatusExt, pb};
///
/// let infos = [
///     pb::ResourceInfo { resource_name: "a".into(), ..Default::default() },
///     pb::ResourceInfo { resource_name: "b".into(), ..Default::default() },
/// ];
/// let status = rich_status::status(tonic::Code::NotFound, "x", &[&PackedAll::new(&infos)]);
/// let names: Vec<String> = status
///     .rich_details()
///     .unwrap()
///     .get_all::<pb::ResourceInfo>()
///     .map(|r| r.unwrap().resource_name)
///     .collect();
/// assert_eq!(names, ["a", "b"]);
/// ```
pub struct PackedAll<'a, M> {
    messages: &'a [M],
    type_url: String,
}

impl<'a, M: prost::Message + prost::Name> PackedAll<'a, M> {
    /// Packs each of `messages` under `M::type_url()`.
    ///
    /// ```
    /// let infos = vec![rich_status::pb::RequestInfo::default(); 3];
    /// let _ = rich_status::PackedAll::new(&infos);
    /// ```
    pub fn new(messages: &'a [M]) -> Self {
        PackedAll {
            messages,
            type_url: M::type_url(),
        }
    }
}

impl<M: prost::Message> EncodeDetail for PackedAll<'_, M> {
    fn type_url(&self) -> &str {
        &self.type_url
    }
    fn encode_fields(&self, _: &mut Fields<'_>) {}
    fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
        for message in self.messages {
            anys.push_message(&self.type_url, message);
        }
    }
}

impl<M> std::fmt::Debug for PackedAll<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackedAll")
            .field("type_url", &self.type_url)
            .field("len", &self.messages.len())
            .finish()
    }
}

impl<M> std::fmt::Debug for Packed<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Packed")
            .field("type_url", &self.type_url)
            .finish_non_exhaustive()
    }
}
