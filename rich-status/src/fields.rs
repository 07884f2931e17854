//! [`Fields`]: the protobuf writer that detail types describe themselves to.
//!
//! The usual status is written in one pass: each nested message gets a one-byte length
//! placeholder, patched (and widened, in the rare message of 128 bytes or more) once its
//! body is written, and each `Display` value is formatted once, straight into the
//! buffer.
//!
//! A status over its trailer budget is encoded in two passes over the same description
//! instead, because choosing what to cut needs sizes. The *measure* pass computes the
//! size of every length-delimited field, recording each length in order, and the
//! *write* pass then fills one buffer of exactly the measured size, reading the recorded
//! lengths back in the same order, so every length prefix agrees with the bytes that
//! follow it. The search for the cut measures several cuts; all of these passes read
//! each `Display` value's text from the conversion's [`Texts`], where the first pass
//! that needs it formats it, found by its place among the description's values. So
//! every pass counts the values the cut leaves out too ([`Fields::pass_over`]).
//!
//! The one pass and the measure pass stop formatting where the status reaches the cut's
//! `room` (its budget): a status that does is over the budget whatever follows, so a
//! value of any size costs at most about the budget to format.

use crate::budget::Cut;
use crate::slots::Slots;
use crate::text::{Text, Texts};
use crate::wire::{
    delimited_len, key_len, patch_any_lens, patch_len, put_delimited, put_header, put_key,
    put_varint, varint_len,
};
use prost::encoding::WireType;
use std::borrow::Cow;

enum Pass<'e> {
    Measure {
        size: usize,
        slots: &'e mut Slots,
        /// Where each detail's lengths begin.
        starts: &'e mut Slots<8>,
        texts: &'e mut Texts,
        /// The place of the next `Display` value among the description's.
        place: usize,
    },
    Write {
        buf: &'e mut Vec<u8>,
        slots: &'e Slots,
        starts: &'e Slots<8>,
        /// The details begun so far.
        detail: usize,
        texts: &'e Texts,
        place: usize,
        cursor: usize,
        /// Set when the description disagreed with the measure pass.
        inconsistent: bool,
        /// Set once a detail was taken out for disagreeing.
        dropped: bool,
    },
    /// The one-pass writer: lengths are patched in after each body.
    Once {
        buf: &'e mut Vec<u8>,
        /// Told what goes on the wire, as it is written.
        watch: Option<&'e mut dyn Watch>,
    },
}

/// What the one pass tells a watcher as it writes a status, so that a second form of
/// the details (the Connect protocol's, with their JSON) is made without reading the
/// bytes back: each `Any`, each message field, each string and varint field, exactly
/// as it goes on the wire (a field left off, empty or zero, is not told).
pub(crate) trait Watch {
    /// An `Any` of `type_url` begins.
    fn any(&mut self, type_url: &str);
    /// The `Any` ends; `value` is its value as written.
    fn any_end(&mut self, value: &[u8]);
    /// A message field of the message being written begins.
    fn message(&mut self, field: u32);
    /// The message field ends.
    fn message_end(&mut self);
    /// A `string` field, or one element of a `repeated string`: a `Display` value's
    /// text is handed over as formatted.
    fn string(&mut self, field: u32, text: Cow<'_, str>);
    /// A varint field (`int64`, `int32`).
    fn varint(&mut self, field: u32, value: u64);
    /// Bytes written whole into the `Any`'s value (a prost message, a value passed on):
    /// the watcher reads them from `any_end`'s value.
    fn opaque(&mut self);
}

/// The sink a detail message writes its fields into, by field number.
///
/// The detail writers call these methods in field
/// order; the same calls serve to measure the message and to write it. Fields with their
/// proto3 default value (empty string, zero) are left off the wire, as every protobuf
/// encoder does, so the bytes equal those of prost's `Message::encode`.
pub(crate) struct Fields<'e> {
    pass: Pass<'e>,
    cut: Cut,
    /// The cut leaves everything in (the usual case, checked once).
    whole: bool,
    /// What the budget's cut really removed, seen while measuring (effect bits).
    effects: u8,
    /// The status reached the cut's room: it is over the budget, and the rest of its
    /// text is not formatted (one pass and measure).
    over: bool,
    /// The `grpc-retry-pushback-ms` the status's first `RetryInfo` asks for.
    pushback: Option<u64>,
}

/// A length-delimited field being written: see [`Fields::open`].
#[must_use]
#[derive(Debug)]
pub(crate) struct Open {
    field: u32,
    keep_empty: bool,
    /// One pass: where the field's key starts. Measure: the size before the body.
    /// Write: where the body starts.
    start: usize,
    /// One pass: the length placeholder. Measure: the slot of the length. Write: where
    /// the body must end.
    at: usize,
}

/// An `Any` being written: see [`Fields::open_any`].
#[must_use]
#[derive(Debug)]
pub(crate) enum OpenAny {
    /// The one-pass writer's two length placeholders.
    Once { outer: usize, inner: usize },
    /// The measure and write passes: the `Any` and its value as two nested fields.
    Nested { outer: Open, inner: Open },
}

impl<'e> Fields<'e> {
    pub(crate) fn measure(
        slots: &'e mut Slots,
        starts: &'e mut Slots<8>,
        cut: Cut,
        texts: &'e mut Texts,
    ) -> Self {
        slots.clear();
        starts.clear();
        Fields {
            pass: Pass::Measure {
                size: 0,
                slots,
                starts,
                texts,
                place: 0,
            },
            whole: cut.is_whole(),
            cut,
            effects: 0,
            over: false,
            pushback: None,
        }
    }

    pub(crate) fn write(
        buf: &'e mut Vec<u8>,
        slots: &'e Slots,
        starts: &'e Slots<8>,
        cut: Cut,
        texts: &'e Texts,
    ) -> Self {
        Fields {
            pass: Pass::Write {
                buf,
                slots,
                starts,
                detail: 0,
                texts,
                place: 0,
                cursor: 0,
                inconsistent: false,
                dropped: false,
            },
            whole: cut.is_whole(),
            cut,
            effects: 0,
            over: false,
            pushback: None,
        }
    }

    /// A writer that appends the fields to `buf` in one pass, patching each nested
    /// message's length in once its body is written.
    pub(crate) fn once(buf: &'e mut Vec<u8>, cut: Cut) -> Self {
        Self::watched(buf, cut, None)
    }

    /// The one-pass writer of [`once`](Self::once), telling `watch` what it writes.
    pub(crate) fn watched(
        buf: &'e mut Vec<u8>,
        cut: Cut,
        watch: Option<&'e mut dyn Watch>,
    ) -> Self {
        Fields {
            pass: Pass::Once { buf, watch },
            whole: cut.is_whole(),
            cut,
            effects: 0,
            over: false,
            pushback: None,
        }
    }

    /// Records that the budget's cut removed something (an effect bit).
    #[inline]
    pub(crate) fn note(&mut self, effect: u8) {
        self.effects |= effect;
    }

    /// What the budget's cut removed, as far as this pass has seen.
    pub(crate) fn effects(&self) -> u8 {
        self.effects
    }

    /// What the trailer budget leaves out of this status.
    #[inline]
    pub(crate) fn cut(&self) -> &Cut {
        &self.cut
    }

    /// True when the trailer budget leaves nothing out of this status.
    #[inline]
    pub(crate) fn is_whole(&self) -> bool {
        self.whole
    }

    /// Begins one detail of the status. The write pass starts reading the lengths the
    /// measure pass recorded for this detail, whatever the one before it did, and
    /// returns where the detail starts, for [`end_detail`](Self::end_detail).
    #[inline]
    pub(crate) fn begin_detail(&mut self) -> usize {
        match &mut self.pass {
            Pass::Measure { slots, starts, .. } => {
                starts.push(slots.len());
                0
            }
            Pass::Write {
                buf,
                starts,
                detail,
                cursor,
                ..
            } => {
                *cursor = starts.get(*detail).unwrap_or(usize::MAX);
                *detail += 1;
                buf.len()
            }
            Pass::Once { .. } => 0,
        }
    }

    /// Ends the detail begun at `start`: one that described itself differently in the
    /// two passes is taken out again. A `Status` without it is still valid, a `Status`
    /// with it would not be.
    #[inline]
    pub(crate) fn end_detail(&mut self, start: usize) {
        if let Pass::Write {
            buf,
            inconsistent,
            dropped,
            ..
        } = &mut self.pass
            && *inconsistent
        {
            buf.truncate(start);
            *inconsistent = false;
            *dropped = true;
        }
    }

    /// True when the write pass took a detail out for describing itself otherwise than
    /// the measure pass saw it.
    pub(crate) fn dropped(&self) -> bool {
        matches!(self.pass, Pass::Write { dropped: true, .. })
    }

    /// The size measured so far (measure pass only); `usize::MAX` once it reached the
    /// cut's room.
    pub(crate) fn measured(&self) -> usize {
        match &self.pass {
            Pass::Measure { .. } if self.over => usize::MAX,
            Pass::Measure { size, .. } => *size,
            Pass::Write { .. } | Pass::Once { .. } => 0,
        }
    }

    /// Sends `grpc-retry-pushback-ms` beside the status, unless an earlier `RetryInfo`
    /// asked for it already.
    pub(crate) fn pushback(&mut self, milliseconds: u64) {
        self.pushback.get_or_insert(milliseconds);
    }

    /// The `grpc-retry-pushback-ms` to send beside the status.
    pub(crate) fn pushback_ms(&self) -> Option<u64> {
        self.pushback
    }

    /// True when the status reached the cut's room, and so is over its budget.
    pub(crate) fn is_over(&self) -> bool {
        self.over
    }

    /// The bytes written so far (writers only).
    pub(crate) fn written(&self) -> usize {
        match &self.pass {
            Pass::Measure { .. } => 0,
            Pass::Write { buf, .. } | Pass::Once { buf, .. } => buf.len(),
        }
    }

    /// Writes a singular `string` field; an empty value is left off the wire. When the
    /// trailer budget is tight, the text may be cut at a character boundary.
    #[inline]
    pub(crate) fn string(&mut self, field: u32, value: Text<'_>) {
        self.text(field, value, false, self.cut.text);
    }

    /// Writes a singular `string` field that the budget never cuts (reason, domain, type
    /// URLs, and the message, which has a cut of its own).
    #[inline]
    pub(crate) fn string_whole(&mut self, field: u32, value: Text<'_>) {
        self.text(field, value, false, usize::MAX);
    }

    /// Writes one element of a `repeated string` field; unlike a singular field, an empty
    /// element is written, so the list keeps its length and order.
    #[inline]
    pub(crate) fn repeated_string(&mut self, field: u32, value: Text<'_>) {
        self.text(field, value, true, self.cut.text);
    }

    #[inline(always)]
    fn text(&mut self, field: u32, value: Text<'_>, keep_empty: bool, limit: usize) {
        match value.as_str() {
            // A `&str` cannot change between the passes: no slot needed.
            Some(full) => self.str_text(field, full, keep_empty, limit),
            None => self.display_text(field, value, keep_empty, limit),
        }
    }

    #[inline(always)]
    fn str_text(&mut self, field: u32, full: &str, keep_empty: bool, limit: usize) {
        let s = if full.len() > limit {
            self.note(crate::budget::Step::Text.bit());
            &full[..crate::text::floor_char_boundary(full, limit)]
        } else {
            full
        };
        if s.is_empty() && !keep_empty {
            return;
        }
        match &mut self.pass {
            Pass::Measure { size, .. } => *size += key_len(field) + delimited_len(s.len()),
            Pass::Write { buf, .. } => put_delimited(buf, field, s.as_bytes()),
            // A value that would take the status past its room is not copied.
            Pass::Once { buf, .. } if buf.len() + s.len() > self.cut.room => self.over = true,
            Pass::Once { buf, watch } => {
                put_delimited(buf, field, s.as_bytes());
                if let Some(watch) = watch {
                    watch.string(field, Cow::Borrowed(s));
                }
            }
        }
    }

    #[inline(never)]
    fn display_text(&mut self, field: u32, value: Text<'_>, keep_empty: bool, limit: usize) {
        match &mut self.pass {
            // Past its room, a status is over the budget whatever follows: the rest of
            // its text is not formatted.
            Pass::Once { .. } if self.over => {}
            Pass::Measure { place, .. } if self.over => *place += 1,
            // The one pass writes a status that nothing is cut from (its text limit is
            // none), formatting each value up to the status's room at most, whatever its
            // size. A watcher takes the text as its own: formatted into a `String`, up to
            // the room and one byte more (which says it is over), copied onto the wire
            // and handed over.
            Pass::Once {
                buf,
                watch: Some(watch),
            } => {
                let room = self.cut.room.saturating_sub(buf.len() + key_len(field) + 1);
                let text = crate::text::format_within(&value, room.saturating_add(1));
                if text.len() > room {
                    self.over = true;
                } else if keep_empty || !text.is_empty() {
                    put_delimited(buf, field, text.as_bytes());
                    watch.string(field, Cow::Owned(text));
                }
            }
            Pass::Once { .. } => {
                let room = self.cut.room;
                let mut over = false;
                self.delimited(field, keep_empty, |text| {
                    if let Pass::Once { buf, .. } = &mut text.pass {
                        over = value.write_until(buf, room);
                    }
                });
                self.over |= over;
            }
            // The passes of a cut read each value's text from the conversion's store,
            // formatted there once.
            Pass::Measure {
                size,
                slots,
                texts,
                place,
                ..
            } => {
                *place += 1;
                let place = *place - 1;
                let room = self.cut.room.saturating_sub(*size);
                let want = limit.min(room);
                let (len, hit) = match texts.get(place, field, value) {
                    Some((text, longer)) => {
                        let len = crate::text::floor_utf8_boundary(text, want);
                        (len, len < text.len() || longer && want >= text.len())
                    }
                    // The description put another value here before; the write pass
                    // leaves its detail out.
                    None => (0, false),
                };
                slots.push(len);
                if hit && limit > room {
                    self.over = true;
                } else if hit {
                    self.effects |= crate::budget::Step::Text.bit();
                }
                if len > 0 || keep_empty {
                    *size += key_len(field) + delimited_len(len);
                }
            }
            Pass::Write { .. } => {
                let place = self.next_place();
                let Some(len) = self.next_slot() else {
                    return;
                };
                let Pass::Write { buf, texts, .. } = &mut self.pass else {
                    unreachable!("a pass never changes kind")
                };
                match texts.kept(place, field) {
                    Some((text, _)) if len <= text.len() => {
                        if len > 0 || keep_empty {
                            put_delimited(buf, field, &text[..len]);
                        }
                    }
                    _ => self.mark_inconsistent(),
                }
            }
        }
    }

    /// Passes over a value the budget leaves out, so that the `Display` values after it
    /// keep their places in the conversion's [`Texts`].
    #[inline]
    pub(crate) fn pass_over(&mut self, value: Text<'_>) {
        if value.as_str().is_none() {
            self.next_place();
        }
    }

    /// The text of a `Display` value that a detail takes apart before writing it (a
    /// backtrace, one stack entry a line), as far as a status within the budget could
    /// keep it, and whether the value goes on past that; over the budget, formatted once
    /// for all the passes. The one pass is over its room when the text reaches it.
    pub(crate) fn text_of(&mut self, field: u32, value: &dyn std::fmt::Display) -> (String, bool) {
        let place = self.next_place();
        let (text, longer) = match &mut self.pass {
            Pass::Once { .. } => {
                let room = self.cut.room;
                let text = crate::text::format_within(value, room.saturating_add(1));
                self.over |= text.len() > room;
                return (text, false);
            }
            Pass::Measure { texts, .. } => texts.get(place, field, Text::display(value)),
            Pass::Write { texts, .. } => texts.kept(place, field),
        }
        .unwrap_or_default();
        // The store keeps whole characters: the text is valid UTF-8.
        (String::from_utf8_lossy(text).into_owned(), longer)
    }

    /// The place of the next `Display` value (passes of a cut only; 0 in the one pass).
    #[inline]
    fn next_place(&mut self) -> usize {
        match &mut self.pass {
            Pass::Measure { place, .. } | Pass::Write { place, .. } => {
                *place += 1;
                *place - 1
            }
            Pass::Once { .. } => 0,
        }
    }

    /// Writes an `int64` field; zero is left off the wire.
    #[inline]
    pub(crate) fn int64(&mut self, field: u32, value: i64) {
        if value != 0 {
            self.varint_field(field, value as u64);
        }
    }

    /// Writes an `int32` field (also used for enums); zero is left off the wire.
    #[inline]
    pub(crate) fn int32(&mut self, field: u32, value: i32) {
        if value != 0 {
            // Negative int32 values are sign-extended to ten bytes, as protobuf requires.
            self.varint_field(field, i64::from(value) as u64);
        }
    }

    /// Writes an `optional int64` field (explicit presence): `Some(0)` is written.
    #[inline]
    pub(crate) fn optional_int64(&mut self, field: u32, value: Option<i64>) {
        if let Some(value) = value {
            self.varint_field(field, value as u64);
        }
    }

    #[inline]
    fn varint_field(&mut self, field: u32, value: u64) {
        match &mut self.pass {
            Pass::Measure { size, .. } => *size += key_len(field) + varint_len(value),
            Pass::Write { buf, .. } => {
                put_key(buf, field, WireType::Varint);
                put_varint(buf, value);
            }
            Pass::Once { buf, watch } => {
                put_key(buf, field, WireType::Varint);
                put_varint(buf, value);
                if let Some(watch) = watch {
                    watch.varint(field, value);
                }
            }
        }
    }

    /// Writes an embedded message field whose own fields `body` writes. The field is
    /// written even when the message is empty, as for an element of a `repeated` message
    /// field or a set `optional` one.
    #[inline]
    pub(crate) fn message(&mut self, field: u32, body: impl FnOnce(&mut Fields<'_>)) {
        let open = self.open_message(field);
        body(self);
        self.close_message(open);
    }

    /// Opens an embedded message field, as [`message`](Self::message) writes one: what
    /// follows, until [`close_message`](Self::close_message), is its body.
    #[inline]
    pub(crate) fn open_message(&mut self, field: u32) -> Open {
        if let Pass::Once {
            watch: Some(watch), ..
        } = &mut self.pass
        {
            watch.message(field);
        }
        self.open(field, true)
    }

    /// Closes a message field [`open_message`](Self::open_message) opened.
    #[inline]
    pub(crate) fn close_message(&mut self, open: Open) {
        self.close(open);
        if let Pass::Once {
            watch: Some(watch), ..
        } = &mut self.pass
        {
            watch.message_end();
        }
    }

    /// Writes a `map<string, string>` entry. When the trailer budget is tight, the value
    /// (never the key) may be cut at a character boundary.
    #[inline]
    pub(crate) fn map_entry(&mut self, field: u32, key: Text<'_>, value: Text<'_>) {
        self.message(field, |entry| {
            entry.string_whole(1, key);
            entry.string(2, value);
        });
    }

    /// Writes the fields of a prost message, as the body of the message being written.
    pub(crate) fn prost_fields(&mut self, message: &impl prost::Message) {
        match &mut self.pass {
            Pass::Measure { size, .. } => *size += message.encoded_len(),
            Pass::Once { buf, .. } if buf.len() + message.encoded_len() > self.cut.room => {
                self.over = true;
            }
            Pass::Write { buf, .. } => message.encode_raw(*buf),
            Pass::Once { buf, watch } => {
                message.encode_raw(*buf);
                if let Some(watch) = watch {
                    watch.opaque();
                }
            }
        }
    }

    /// Appends bytes already encoded: the value of an `Any` passed on as it came.
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        match &mut self.pass {
            Pass::Measure { size, .. } => *size += bytes.len(),
            Pass::Once { buf, .. } if buf.len() + bytes.len() > self.cut.room => self.over = true,
            Pass::Write { buf, .. } => buf.extend_from_slice(bytes),
            Pass::Once { buf, watch } => {
                buf.extend_from_slice(bytes);
                if let Some(watch) = watch {
                    watch.opaque();
                }
            }
        }
    }

    /// A length-delimited field whose body `body` writes. `keep_empty` is false for a
    /// `bytes` field (such as `Any.value`), which proto3 leaves off the wire when empty.
    #[inline(always)]
    pub(crate) fn delimited(
        &mut self,
        field: u32,
        keep_empty: bool,
        body: impl FnOnce(&mut Fields<'_>),
    ) {
        let open = self.open(field, keep_empty);
        body(self);
        self.close(open);
    }

    /// Opens a length-delimited field: what follows, until [`close`](Self::close), is its
    /// body. Opened fields nest; each is closed in the reverse order.
    #[inline(always)]
    pub(crate) fn open(&mut self, field: u32, keep_empty: bool) -> Open {
        match &mut self.pass {
            Pass::Once { buf, .. } => {
                let start = buf.len();
                put_key(buf, field, WireType::LengthDelimited);
                let at = buf.len();
                // Most messages are under 128 bytes: one byte of length, patched on close.
                buf.push(0);
                Open {
                    field,
                    keep_empty,
                    start,
                    at,
                }
            }
            Pass::Measure { size, slots, .. } => Open {
                field,
                keep_empty,
                start: *size,
                at: slots.push(0),
            },
            Pass::Write { .. } => {
                let start = self.written();
                // The measured length, or none when the passes disagree (the body is
                // still written, then checked against nothing and dropped).
                let len = self.next_slot().unwrap_or(usize::MAX);
                if len == 0 && !keep_empty {
                    // Nothing is written for it; the body must write nothing either.
                    return Open {
                        field,
                        keep_empty,
                        start,
                        at: start,
                    };
                }
                let buf = self.buf();
                if len != usize::MAX {
                    put_header(buf, field, WireType::LengthDelimited, len as u64);
                }
                let at = buf.len();
                Open {
                    field,
                    keep_empty,
                    start: at,
                    at: at + len.min(usize::MAX - at),
                }
            }
        }
    }

    /// Closes a field [`open`](Self::open) returned: patches its length in (one pass),
    /// records it (measure), or checks the body had the measured length (write).
    #[inline(always)]
    pub(crate) fn close(&mut self, open: Open) {
        match &mut self.pass {
            Pass::Once { buf, .. } => {
                let len = buf.len() - open.at - 1;
                if len == 0 && !open.keep_empty {
                    buf.truncate(open.start);
                } else {
                    patch_len(buf, open.at, len);
                }
            }
            Pass::Measure { size, slots, .. } => {
                let len = *size - open.start;
                slots.set(open.at, len);
                if len > 0 || open.keep_empty {
                    *size += key_len(open.field) + varint_len(len as u64);
                }
            }
            Pass::Write { .. } => {
                if self.written() != open.at {
                    self.mark_inconsistent();
                }
            }
        }
    }

    /// Opens a `google.protobuf.Any` as field `field`: its `type_url`, then its `value`,
    /// the message written until [`close_any`](Self::close_any) (left off when empty).
    /// The one-pass writer patches both lengths together on close, so a body of 128
    /// bytes or more moves once, not once for each length.
    #[inline]
    pub(crate) fn open_any(&mut self, field: u32, type_url: &str) -> OpenAny {
        let Pass::Once { buf, watch } = &mut self.pass else {
            let outer = self.open(field, true);
            self.string_whole(1, Text::str(type_url));
            let inner = self.open(2, false);
            return OpenAny::Nested { outer, inner };
        };
        put_key(buf, field, WireType::LengthDelimited);
        let outer = buf.len();
        buf.push(0);
        if !type_url.is_empty() {
            put_delimited(buf, 1, type_url.as_bytes());
        }
        put_key(buf, 2, WireType::LengthDelimited);
        let inner = buf.len();
        buf.push(0);
        if let Some(watch) = watch {
            watch.any(type_url);
        }
        OpenAny::Once { outer, inner }
    }

    /// Closes an `Any` that [`open_any`](Self::open_any) returned.
    #[inline]
    pub(crate) fn close_any(&mut self, open: OpenAny) {
        match open {
            OpenAny::Nested { outer, inner } => {
                self.close(inner);
                self.close(outer);
            }
            OpenAny::Once { outer, inner } => {
                let Pass::Once { buf, watch } = &mut self.pass else {
                    unreachable!("a pass never changes kind")
                };
                let value = buf.len() - inner - 1;
                if value == 0 {
                    // An empty value is left off: its key and placeholder go.
                    buf.truncate(inner - 1);
                    patch_len(buf, outer, inner - 1 - outer - 1);
                } else {
                    patch_any_lens(buf, outer, inner, value);
                }
                if let Some(watch) = watch {
                    watch.any_end(&buf[buf.len() - value..]);
                }
            }
        }
    }

    /// Writes a whole `Any` whose value `body` writes.
    #[cfg(test)]
    pub(crate) fn any(&mut self, field: u32, type_url: &str, body: impl FnOnce(&mut Fields<'_>)) {
        let open = self.open_any(field, type_url);
        body(self);
        self.close_any(open);
    }

    fn mark_inconsistent(&mut self) {
        if let Pass::Write { inconsistent, .. } = &mut self.pass {
            *inconsistent = true;
        }
    }

    #[inline]
    fn next_slot(&mut self) -> Option<usize> {
        let Pass::Write {
            slots,
            cursor,
            inconsistent,
            ..
        } = &mut self.pass
        else {
            return None;
        };
        let slot = slots.get(*cursor);
        // A detail the measure pass never began reads from `usize::MAX`: nothing.
        *cursor = cursor.saturating_add(1);
        if slot.is_none() {
            *inconsistent = true;
        }
        slot
    }

    fn buf(&mut self) -> &mut Vec<u8> {
        match &mut self.pass {
            Pass::Write { buf, .. } | Pass::Once { buf, .. } => buf,
            Pass::Measure { .. } => unreachable!("only the write pass has a buffer"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anys_equal_prost_at_every_length_width() {
        use prost::Message as _;
        let long_url = format!("type.example.com/{}", "a".repeat(120));
        for type_url in ["", "type.googleapis.com/google.rpc.ErrorInfo", &long_url] {
            for text_len in [0usize, 1, 60, 123, 124, 200, 16_370, 16_380, 70_000] {
                let text = "x".repeat(text_len);
                let mut buf = Vec::new();
                let mut fields = Fields::once(&mut buf, Cut::none(0));
                fields.any(3, type_url, |value| value.string(1, Text::str(&text)));
                let value = crate::pb::RequestInfo {
                    request_id: text.clone(),
                    serving_data: String::new(),
                };
                let expected = crate::pb::Status {
                    code: 0,
                    message: String::new(),
                    details: vec![prost_types::Any {
                        type_url: type_url.to_owned(),
                        value: value.encode_to_vec(),
                    }],
                }
                .encode_to_vec();
                assert_eq!(
                    buf, expected,
                    "type URL {type_url:?}, text of {text_len} bytes"
                );
            }
        }
    }
}
