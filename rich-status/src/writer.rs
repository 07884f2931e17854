//! [`DetailWriter`]: where an error writes its `google.rpc` details, one typed call per
//! detail, straight into the status being encoded.
//!
//! Each standard detail's methods live in its own module under `detail/`, beside its
//! field numbers; this module holds what they share: the open detail, the merging of
//! consecutive violations into one detail, and the trailer budget's choices.

use std::backtrace::Backtrace;
use std::fmt;

use crate::budget::Step;
use crate::fields::{Fields, Open, OpenAny};
use crate::kind::{Class, Kind};
use crate::text::Text;

/// Where an error writes its details: the `repeated google.protobuf.Any details` of the
/// `google.rpc.Status` being encoded.
///
/// [`RichStatus::details`](crate::RichStatus::details) receives one, and so does the
/// closure given to [`status`](crate::status). Each call writes one detail, or one
/// violation or link of a list detail, in the order of the calls; `ErrorInfo` goes
/// first. Consecutive violations of one kind (`quota_violation`, `quota_violations`,
/// ...) make one detail, as the derive's repeated attributes do.
///
/// Text values are anything that implements `Display` (a `&str`, a field, a
/// `format_args!`), formatted straight into the status without a `String`. Within the
/// trailer budget every call writes exactly what it says; over it, the encoder leaves
/// out what [the trailer budget](crate::policy#the-trailer-budget) says, in its order, calling the description once
/// for each cut it measures and once more to write what is kept, so a description must
/// make the same calls each time it is called. Each value is formatted at most twice
/// for all of these, and whatever a value does, the status stays within its budget (see
/// [the trailer budget](crate::policy#the-trailer-budget) for the bounds on the work).
///
/// A `Display` or `Debug` that panics is a bug like any other panic in a handler: the
/// panic propagates out of the conversion (the thread's encoder is left sound for the
/// next status). A server that must answer every call, panicking handlers included,
/// wraps its service in the [server layer](crate::server), which answers a panic in
/// the call's protocol.
///
/// ```
/// use rich_status::StatusExt;
/// use std::time::Duration;
/// use tonic::Code;
///
/// let name = "Ada";
/// let status = rich_status::status(Code::ResourceExhausted, "Request limit exceeded.", |w| {
///     w.error_info("TOO_MANY_GREETINGS", "greeter.example.com").metadata("name", name);
///     w.quota_violation(format_args!("name: {name}"), "Limit one greeting per person.");
///     w.retry_info(Duration::from_secs(30));
/// });
///
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.error_info().unwrap().metadata["name"], "Ada");
/// assert_eq!(details.quota_failure().unwrap().violations[0].subject, "name: Ada");
/// assert_eq!(details.retry_info().unwrap().retry_delay.unwrap().seconds, 30);
/// ```
pub struct DetailWriter<'e> {
    fields: Fields<'e>,
    /// The list detail that consecutive violations or links of its kind go into.
    list: Option<OpenList>,
    /// The message a detail module's writer is writing (`None` when the budget leaves it
    /// out), closed when the next one opens or the writer finishes: the typed writers
    /// need no `Drop`, so a handler's `w.error_info(..).metadata(..)` compiles to plain
    /// calls.
    open: Option<OpenMessage>,
}

struct OpenMessage {
    opened: Opened,
    /// The `map<string, string>` field that gets the budget's mark of what it left out
    /// as its last entry, before the message closes (`ErrorInfo.metadata`).
    mark: Option<u32>,
}

struct OpenList {
    kind: &'static Kind,
    /// `None`: the budget leaves this detail out; its items are counted, not written.
    any: Option<(OpenAny, usize)>,
    items: usize,
}

impl<'e> DetailWriter<'e> {
    pub(crate) fn new(fields: Fields<'e>) -> Self {
        DetailWriter {
            fields,
            list: None,
            open: None,
        }
    }

    /// The field writer, for what goes before the details (the status's code and
    /// message).
    pub(crate) fn fields(&mut self) -> &mut Fields<'e> {
        &mut self.fields
    }

    /// Closes what is still open: the field writer then holds the whole status.
    pub(crate) fn finish(&mut self) -> &mut Fields<'e> {
        self.close_list();
        &mut self.fields
    }

    /// Closes the message a detail module's writer left open, its mark written first
    /// when it has one.
    #[inline]
    fn close_open(&mut self) {
        if let Some(open) = self.open.take() {
            if let Some(field) = open.mark {
                truncation_mark(&mut self.fields, field);
            }
            self.close(open.opened);
        }
    }

    /// Opens one standard detail of its own, closing an open list first; `None` when
    /// the trailer budget leaves details of its kind out.
    #[inline]
    pub(crate) fn open_detail(&mut self, kind: &'static Kind) -> Option<Opened> {
        self.close_list();
        self.open_top(kind.type_url, kind.class)
    }

    /// Opens a detail of `type_url` (a standard one, or a service's own message) as
    /// [`open_detail`](Self::open_detail) does.
    #[inline]
    fn open_url(&mut self, type_url: &str) -> Option<Opened> {
        self.close_list();
        // `open_top` reads the class only when the budget cuts something: the table is
        // searched only then.
        let class = match self.fields.is_whole() {
            true => Class::Optional,
            false => Kind::class_of(type_url),
        };
        self.open_top(type_url, class)
    }

    #[inline]
    fn open_top(&mut self, type_url: &str, class: Class) -> Option<Opened> {
        if !self.fields.is_whole() {
            let skipped = self.fields.cut().skipped_by(class);
            if skipped != 0 {
                self.fields.note(skipped);
                return None;
            }
        }
        let mark = self.fields.begin_detail();
        let any = self.fields.open_any(3, type_url);
        Some(Opened::Detail(any, mark))
    }

    /// Closes what [`open_detail`](Self::open_detail) or [`open_item`](Self::open_item)
    /// opened.
    #[inline]
    pub(crate) fn close(&mut self, opened: Opened) {
        match opened {
            Opened::Detail(any, mark) => {
                self.fields.close_any(any);
                self.fields.end_detail(mark);
            }
            Opened::Item(item) => self.fields.close_message(item),
        }
    }

    /// Opens one item (field 1, the violations or links) of a list detail of `kind`:
    /// into the list detail that the previous call left open when it is of this kind,
    /// else into a new one. `None` when the budget leaves the item out.
    pub(crate) fn open_item(&mut self, kind: &'static Kind) -> Option<Opened> {
        debug_assert!(kind.list, "{} lists nothing", kind.type_url);
        self.close_open();
        if self.list.as_ref().is_none_or(|list| !list.kind.is(kind)) {
            self.close_list();
            let any = match self.open_top(kind.type_url, kind.class) {
                Some(Opened::Detail(any, mark)) => Some((any, mark)),
                _ => None,
            };
            self.list = Some(OpenList {
                kind,
                any,
                items: 0,
            });
        }
        let list = self.list.as_mut()?;
        list.items += 1;
        list.any.as_ref()?;
        if list.items > self.fields.cut().violations {
            self.fields.note(Step::Violations.bit());
            return None;
        }
        Some(Opened::Item(self.fields.open_message(1)))
    }

    #[inline]
    /// Writes owned items (violations or links) into the list detail of `kind`, each
    /// item's fields by `write`, the budget choosing as for one item at a time.
    pub(crate) fn items<T>(
        &mut self,
        kind: &'static Kind,
        items: &[T],
        mut write: impl FnMut(&mut Fields<'e>, &T),
    ) {
        for item in items {
            let opened = self.open_item(kind);
            let mut nested = Nested::new(self, opened);
            if let Some(fields) = nested.fields() {
                write(fields, item);
            }
        }
    }

    #[inline]
    fn close_list(&mut self) {
        self.close_open();
        if let Some(OpenList {
            any: Some((any, mark)),
            ..
        }) = self.list.take()
        {
            self.fields.close_any(any);
            self.fields.end_detail(mark);
        }
    }

    /// Writes `message` as a detail of its own, an `Any` of `M::type_url()`: a standard
    /// detail from [`pb`](crate::pb), or a message of the service's own `.proto`. Over
    /// the trailer budget it is left out whole, as an optional detail (or, for a
    /// standard detail that is not optional, only when everything but `ErrorInfo` is).
    ///
    /// ```
    /// use rich_status::StatusExt;
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
    /// let status = rich_status::status(tonic::Code::FailedPrecondition, "insufficient funds", |w| {
    ///     w.error_info("INSUFFICIENT_FUNDS", "bank.example.com");
    ///     w.detail(&Balance { cents: 1250 });
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.get::<Balance>().unwrap(), Some(Balance { cents: 1250 }));
    /// ```
    pub fn detail<M: DetailMessage>(&mut self, message: &M) {
        self.message(&M::type_url(), message);
    }

    /// Writes each of `messages` as a detail of its own, as [`detail`](Self::detail)
    /// does: for a field that holds an `Option` or a `Vec` of messages.
    ///
    /// ```
    /// use rich_status::{StatusExt, pb};
    ///
    /// let retry: Option<pb::RetryInfo> = None;
    /// let resources = vec![
    ///     pb::ResourceInfo { resource_name: "a".into(), ..Default::default() },
    ///     pb::ResourceInfo { resource_name: "b".into(), ..Default::default() },
    /// ];
    /// let status = rich_status::status(tonic::Code::NotFound, "not found", |w| {
    ///     w.detail_all(&retry);
    ///     w.detail_all(&resources);
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.len(), 2);
    /// assert!(details.retry_info().is_none());
    /// ```
    pub fn detail_all<'m, M>(&mut self, messages: impl IntoIterator<Item = &'m M>)
    where
        M: DetailMessage + 'm,
    {
        let mut type_url = None;
        for message in messages {
            let url = type_url.get_or_insert_with(M::type_url);
            self.message(url, message);
        }
    }

    /// Writes an `Any` as it was received: its type URL and the encoded message, for a
    /// proxy that passes details on.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let upstream = rich_status::status(tonic::Code::Internal, "boom", |w| {
    ///     w.request_info("r-1");
    /// });
    /// let details = upstream.rich_details().unwrap();
    /// let again = rich_status::status(tonic::Code::Internal, "boom", |w| {
    ///     for any in details.anys() {
    ///         w.any(any.type_url(), any.value());
    ///     }
    /// });
    /// assert_eq!(again.details(), upstream.details());
    /// ```
    pub fn any(&mut self, type_url: &str, value: &[u8]) {
        if let Some(opened) = self.open_url(type_url) {
            self.fields.raw(value);
            self.close(opened);
        }
    }

    fn message(&mut self, type_url: &str, message: &dyn ProstMessage) {
        if let Some(opened) = self.open_url(type_url) {
            message.encode_into(&mut self.fields);
            self.close(opened);
        }
    }
}

/// A prost message with [`prost::Name`]: what [`DetailWriter::detail`] packs, a standard
/// detail from [`pb`](crate::pb) or a message of the service's own `.proto`. Every such
/// message implements it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a detail: a prost message with `prost::Name`",
    label = "not a prost message with `prost::Name`",
    note = "a `#[rich_status(detail)]` field holds a `google.rpc` detail from `rich_status::pb` or a message of the service's own, or an `Option` or `Vec` of one; a `Vec` of a detail's violations or links is marked with that detail's name instead, e.g. `#[rich_status(bad_request)]`"
)]
pub trait DetailMessage: prost::Message + prost::Name {}

impl<M: prost::Message + prost::Name> DetailMessage for M {}

/// A prost message behind a `dyn` pointer, so that one function writes every type.
trait ProstMessage {
    fn encode_into(&self, fields: &mut Fields<'_>);
}

impl<M: prost::Message> ProstMessage for M {
    fn encode_into(&self, fields: &mut Fields<'_>) {
        fields.prost_fields(self);
    }
}

/// What a detail module opened: a detail of its own (with its rollback mark) or an
/// item of a list detail.
#[derive(Debug)]
pub(crate) enum Opened {
    Detail(OpenAny, usize),
    Item(Open),
}

/// A message being written field by field: a detail, or a violation or link; the
/// writer closes it when the next one opens or it finishes. The typed writers of the
/// detail modules wrap it. `None` opened: the budget leaves it out, and every call
/// writes nothing.
#[derive(Debug)]
pub(crate) struct Nested<'w, 'e> {
    pub(crate) writer: &'w mut DetailWriter<'e>,
}

impl<'w, 'e> Nested<'w, 'e> {
    #[inline]
    pub(crate) fn new(writer: &'w mut DetailWriter<'e>, opened: Option<Opened>) -> Self {
        writer.open = opened.map(|opened| OpenMessage { opened, mark: None });
        Nested { writer }
    }

    /// The budget's mark of what it left out goes last in the `map<string, string>`
    /// field `field`, when anything was.
    pub(crate) fn mark_in(self, field: u32) -> Self {
        if let Some(open) = &mut self.writer.open {
            open.mark = Some(field);
        }
        self
    }

    /// The field writer, while the message is written (not left out).
    #[inline]
    pub(crate) fn fields(&mut self) -> Option<&mut Fields<'e>> {
        self.writer.open.as_ref()?;
        Some(&mut self.writer.fields)
    }

    /// A singular `string` field, cut by the budget's text limit when tight.
    #[inline]
    pub(crate) fn string(&mut self, field: u32, value: &dyn fmt::Display) {
        match self.fields() {
            Some(fields) => fields.string(field, Text::display(value)),
            None => self.pass_over(Text::display(value)),
        }
    }

    /// A `map<string, string>` entry.
    #[inline]
    pub(crate) fn map_entry(&mut self, field: u32, key: &str, value: &dyn fmt::Display) {
        match self.fields() {
            Some(fields) => fields.map_entry(field, Text::str(key), Text::display(value)),
            None => self.pass_over(Text::display(value)),
        }
    }

    /// An embedded message field whose fields `body` writes through the same writer:
    /// when the message is left out, so is each of its values, passed over in turn.
    #[inline]
    pub(crate) fn message(&mut self, field: u32, body: impl FnOnce(&mut Self)) {
        match self.fields() {
            Some(fields) => {
                let open = fields.open_message(field);
                body(self);
                self.writer.fields.close_message(open);
            }
            None => body(self),
        }
    }

    /// A `map<string, string>` entry of `ErrorInfo.metadata`, which the budget's last step
    /// leaves out.
    #[inline]
    pub(crate) fn metadata_entry(&mut self, field: u32, key: &str, value: &dyn fmt::Display) {
        if let Some(fields) = self.fields()
            && fields.cut().only_error_info
        {
            fields.note(Step::AllButErrorInfo.bit());
            self.pass_over(Text::display(value));
        } else {
            self.map_entry(field, key, value);
        }
    }

    /// The lines of a backtrace for `DebugInfo` stack entries of `field`: formatted as far
    /// as a status within the budget could keep it, the frames past that left out as the
    /// budget's first step leaves stack entries out.
    pub(crate) fn backtrace_lines(&mut self, field: u32, backtrace: &Backtrace) -> String {
        let Some(fields) = self.fields() else {
            self.pass_over(Text::display(backtrace));
            return String::new();
        };
        let (mut text, longer) = fields.text_of(field, backtrace);
        if longer {
            fields.note(Step::StackEntries.bit());
            text.truncate(text.rfind('\n').unwrap_or(0));
        }
        text
    }

    /// The `index`-th `DebugInfo` stack entry: written while the budget keeps that many
    /// (its first step cuts them from the last), passed over otherwise.
    pub(crate) fn stack_entry(&mut self, field: u32, index: usize, entry: Text<'_>) {
        match self.fields() {
            Some(fields) if index < fields.cut().stack_entries => {
                fields.repeated_string(field, entry);
            }
            Some(fields) => {
                if index == fields.cut().stack_entries {
                    fields.note(Step::StackEntries.bit());
                }
                fields.pass_over(entry);
            }
            None => self.pass_over(entry),
        }
    }

    /// The `DebugInfo` detail text, which the budget's second step leaves out.
    pub(crate) fn debug_detail(&mut self, field: u32, detail: &dyn fmt::Display) {
        match self.fields() {
            Some(fields) if fields.cut().debug_detail => {
                fields.string(field, Text::display(detail));
            }
            Some(fields) => {
                fields.note(Step::DebugDetail.bit());
                fields.pass_over(Text::display(detail));
            }
            None => self.pass_over(Text::display(detail)),
        }
    }

    /// Passes over a value that is left out with its message; see [`Fields::pass_over`].
    #[inline]
    fn pass_over(&mut self, value: Text<'_>) {
        self.writer.fields.pass_over(value);
    }
}

/// The budget's mark of what it left out, as the last `map<string, string>` entry of
/// `field` (`ErrorInfo.metadata`), when anything was.
fn truncation_mark(fields: &mut Fields<'_>, field: u32) {
    if fields.is_whole() {
        return;
    }
    if let Some(marker) = fields.cut().marker() {
        // A `&str`: the mark differs from one cut to the next, and is not one of the
        // description's values.
        let marker = marker.to_string();
        fields.message(field, |entry| {
            entry.string_whole(1, Text::str(crate::policy::TRUNCATED_KEY));
            entry.string_whole(2, Text::str(&marker));
        });
    }
}

impl fmt::Debug for DetailWriter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DetailWriter")
            .field("list", &self.list.as_ref().map(|list| list.kind.type_url))
            .finish_non_exhaustive()
    }
}
