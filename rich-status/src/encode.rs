//! The encoder: one `google.rpc.Status`, written once into the thread's scratch buffer
//! and copied into one allocation of exactly its size; measured before it is written
//! only when it is over its trailer budget and something must be cut.

use std::cell::RefCell;

use bytes::Bytes;
use tonic::{Code, Status};

use crate::DetailWriter;
use crate::budget::Cut;
use crate::fields::Fields;
use crate::slots::Slots;
use crate::text::{Text, Texts};

/// How a status's details are written: a description that the encoder calls once, or
/// (over the trailer budget) once to measure and once to write what is kept.
pub(crate) type Describe<'d> = &'d dyn Fn(&mut DetailWriter<'_>);

/// Encodes a `google.rpc.Status` with `code`, `message` and the details `details`
/// writes, as the bytes of a `grpc-status-details-bin` trailer, with no trailer budget
/// (for a body, say, that has no 8 KiB limit).
///
/// The bytes are written once, into a scratch buffer that the thread keeps, and copied
/// into one allocation of exactly their size. They equal what prost's
/// `Message::encode` gives for the same `google.rpc.Status`, so every protobuf
/// implementation reads them.
///
/// ```
/// use prost::Message;
/// use rich_status::{encode_status, pb};
/// use tonic::Code;
///
/// let bytes = encode_status(Code::NotFound, "user 7 not found", |w| {
///     w.error_info("USER_UNKNOWN", "users.example.com");
/// });
/// let decoded = pb::Status::decode(bytes).unwrap();
/// assert_eq!(decoded.code, Code::NotFound as i32);
/// assert_eq!(decoded.message, "user 7 not found");
/// assert_eq!(decoded.details[0].type_url, "type.googleapis.com/google.rpc.ErrorInfo");
/// ```
pub fn encode_status(code: Code, message: &str, details: impl Fn(&mut DetailWriter<'_>)) -> Bytes {
    with_scratch(|scratch| {
        let mut writer = DetailWriter::new(Fields::once(scratch, Cut::none(message.len())));
        write_status(&mut writer, code, message, &details);
        Bytes::copy_from_slice(scratch)
    })
}

/// A status encoded within its trailer budget.
pub(crate) struct Encoded {
    pub(crate) bytes: Bytes,
    /// How many bytes of the message the details keep (the outer message must be cut to
    /// the same length).
    pub(crate) message: usize,
    /// The `grpc-retry-pushback-ms` to send beside it.
    pub(crate) pushback: Option<u64>,
}

/// Whether a status the one pass wrote fits the trailer `budget`, and the
/// `grpc-retry-pushback-ms` it asks for.
fn fits_once(fields: &Fields<'_>, code: Code, message: &str, budget: usize) -> (bool, Option<u64>) {
    let pushback = fields.pushback_ms();
    let room = budget.saturating_sub(crate::budget::pushback_cost(pushback));
    let fits = !fields.is_over()
        && crate::budget::fits(code as i32, message.as_bytes(), fields.written(), room);
    (fits, pushback)
}

/// Writes a status within the trailer `budget` for `watch` alone: true when it fits as
/// described and `watch` was told all of it; false, having told `watch` part of it,
/// when something must be cut (the caller encodes it with [`encode_within`]).
#[cfg(feature = "connect")]
pub(crate) fn watched(
    code: Code,
    message: &str,
    details: Describe<'_>,
    budget: usize,
    watch: &mut dyn crate::fields::Watch,
) -> bool {
    with_scratch(|scratch| {
        let cut = Cut::within(message.len(), budget);
        let mut writer = DetailWriter::new(Fields::watched(scratch, cut, Some(watch)));
        let fields = write_status(&mut writer, code, message, details);
        fits_once(fields, code, message, budget).0
    })
}

/// Encodes a status within the trailer `budget` (see [the trailer budget](crate::policy#the-trailer-budget)).
pub(crate) fn encode_within(
    code: Code,
    message: &str,
    details: Describe<'_>,
    budget: usize,
) -> Encoded {
    // The usual status fits: written once, its size is then known, and it is copied
    // into one allocation of exactly that size.
    let fitting = with_scratch(|scratch| {
        let cut = Cut::within(message.len(), budget);
        let mut writer = DetailWriter::new(Fields::once(scratch, cut));
        let written = write_status(&mut writer, code, message, details);
        let (fits, pushback) = fits_once(written, code, message, budget);
        fits.then(|| Encoded {
            bytes: Bytes::copy_from_slice(scratch),
            message: message.len(),
            pushback,
        })
    });
    if let Some(encoded) = fitting {
        return encoded;
    }
    // Over budget: measure each candidate cut, then write the chosen one. Every pass
    // reads the `Display` values from one store, each formatted once, up to the budget.
    let mut texts = Texts::new(budget);
    let mut measured = Measured::new();
    let mut cut = crate::budget::fit(message, budget, |cut| {
        measure(&mut measured, code, message, details, *cut, &mut texts)
    });
    finish(&mut measured, code, message, details, &mut cut, &mut texts);
    let written = (trailer_cost(code, message, &cut, &measured) <= budget)
        .then(|| write(code, message, details, cut, &measured, &texts))
        .and_then(|(bytes, dropped)| (!dropped).then_some(bytes));
    let bytes = written.unwrap_or_else(|| {
        // The description made other calls than when the search measured it: what
        // cannot change is kept, and nothing else.
        cut = crate::budget::least(message, budget, |cut| {
            measure(&mut measured, code, message, details, *cut, &mut texts)
        });
        finish(&mut measured, code, message, details, &mut cut, &mut texts);
        write(code, message, details, cut, &measured, &texts).0
    });
    Encoded {
        bytes,
        message: cut.message,
        pushback: measured.pushback,
    }
}

/// What the trailers of the status measured with `cut` cost against the budget.
fn trailer_cost(code: Code, message: &str, cut: &Cut, measured: &Measured) -> usize {
    crate::budget::trailer_cost(
        code as i32,
        &message.as_bytes()[..cut.message],
        measured.size,
    )
    .saturating_add(crate::budget::pushback_cost(measured.pushback))
}

/// Measures the chosen cut for the write pass: its mark as the cut really is, then the
/// status with that mark.
fn finish(
    measured: &mut Measured,
    code: Code,
    message: &str,
    details: Describe<'_>,
    cut: &mut Cut,
    texts: &mut Texts,
) {
    // The chosen cut fits, or leaves no more than what must survive: it is written
    // whole, whatever the room.
    cut.room = usize::MAX;
    // The search sized the mark as listing every step it applied; it lists what the
    // status really lost, which is never longer.
    cut.effects = None;
    measure(measured, code, message, details, *cut, texts);
    cut.effects = Some(measured.effects);
    measure(measured, code, message, details, *cut, texts);
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

/// Writes the code, the message (as the cut keeps it), then the details.
fn write_status<'w, 'e>(
    writer: &'w mut DetailWriter<'e>,
    code: Code,
    message: &str,
    details: Describe<'_>,
) -> &'w mut Fields<'e> {
    let fields = writer.fields();
    fields.int32(1, code as i32);
    let kept = fields.cut().message;
    if kept < message.len() {
        fields.note(crate::budget::Step::Message.bit());
    }
    fields.string_whole(2, Text::str(&message[..kept]));
    details(writer);
    writer.finish()
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
    /// The `grpc-retry-pushback-ms` of the status measured.
    pushback: Option<u64>,
}

impl Measured {
    fn new() -> Self {
        Measured {
            size: 0,
            slots: Slots::new(),
            starts: Slots::new(),
            effects: 0,
            pushback: None,
        }
    }
}

/// Measures the status into `measured`, forgetting what it held, and says what its
/// trailers cost.
fn measure(
    measured: &mut Measured,
    code: Code,
    message: &str,
    details: Describe<'_>,
    cut: Cut,
    texts: &mut Texts,
) -> usize {
    let fields = Fields::measure(&mut measured.slots, &mut measured.starts, cut, texts);
    let mut writer = DetailWriter::new(fields);
    let fields = write_status(&mut writer, code, message, details);
    measured.size = fields.measured();
    measured.effects = fields.effects();
    measured.pushback = fields.pushback_ms();
    trailer_cost(code, message, &cut, measured)
}

/// Writes the status measured with `cut`, and says whether a detail was taken out for
/// describing itself otherwise than when it was measured.
fn write(
    code: Code,
    message: &str,
    details: Describe<'_>,
    cut: Cut,
    measured: &Measured,
    texts: &Texts,
) -> (Bytes, bool) {
    let mut buf = Vec::with_capacity(measured.size);
    let fields = Fields::write(&mut buf, &measured.slots, &measured.starts, cut, texts);
    let mut writer = DetailWriter::new(fields);
    let dropped = write_status(&mut writer, code, message, details).dropped();
    (Bytes::from(buf), dropped)
}

/// Builds a [`tonic::Status`] with `code`, `message` and a `grpc-status-details-bin`
/// trailer holding the details that `details` writes, within the policy's trailer
/// budget ([`policy::trailer_budget`](crate::policy::trailer_budget)).
///
/// The trailer's `google.rpc.Status` has exactly the outer code and message, so clients
/// that check them against each other (Python's `rpc_status.from_call`) accept it.
///
/// ```
/// use rich_status::StatusExt;
/// use tonic::Code;
///
/// let name = "Ada";
/// let status = rich_status::status(Code::ResourceExhausted, "Request limit exceeded.", |w| {
///     w.error_info("TOO_MANY_GREETINGS", "greeter.example.com").metadata("name", name);
///     w.quota_violation(format_args!("name: {name}"), "Limit one greeting per person.");
/// });
///
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.error_info().unwrap().metadata["name"], "Ada");
/// assert_eq!(details.quota_failure().unwrap().violations[0].subject, "name: Ada");
/// ```
pub fn status(
    code: Code,
    message: impl Into<String>,
    details: impl Fn(&mut DetailWriter<'_>),
) -> Status {
    build_status(code, message.into(), &details)
}

/// Like [`status`], with a trailer budget of its own instead of the policy's: for a call
/// whose other trailers leave more or less room. See [the trailer budget](crate::policy#the-trailer-budget) for what
/// is left out, and in which order, when the status would not fit. A budget over
/// [`policy::MAX_TRAILER_BUDGET`](crate::policy::MAX_TRAILER_BUDGET) is lowered to it.
///
/// ```
/// use rich_status::StatusExt;
///
/// let long = "x".repeat(4000);
/// let status = rich_status::status_with_budget(tonic::Code::Internal, "storage failed", 1024, |w| {
///     w.error_info("STORAGE", "example.com");
///     w.request_info(&long);
/// });
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.error_info().unwrap().metadata["richStatusTruncated"], "details");
/// assert!(details.request_info().is_none());
/// ```
pub fn status_with_budget(
    code: Code,
    message: impl Into<String>,
    budget: usize,
    details: impl Fn(&mut DetailWriter<'_>),
) -> Status {
    let budget = budget.min(crate::policy::MAX_TRAILER_BUDGET);
    budgeted(code, message.into(), &details, budget)
}

/// The `tonic::Status` within `budget`, its message cut as its details' message is.
pub(crate) fn budgeted(
    code: Code,
    mut message: String,
    details: Describe<'_>,
    budget: usize,
) -> Status {
    let encoded = encode_within(code, &message, details, budget);
    message.truncate(encoded.message);
    let mut metadata = tonic::metadata::MetadataMap::new();
    if let Some(milliseconds) = encoded.pushback {
        metadata.insert("grpc-retry-pushback-ms", milliseconds.into());
    }
    Status::with_details_and_metadata(code, message, encoded.bytes, metadata)
}

/// The `tonic::Status`, within the policy's trailer budget.
pub(crate) fn build_status(code: Code, message: String, details: Describe<'_>) -> Status {
    budgeted(code, message, details, crate::policy::trailer_budget())
}
