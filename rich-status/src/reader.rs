//! The one protobuf reader behind every way of reading a status: the owned [`Details`]
//! and the in-place [`DetailsView`] read the `google.rpc.Status` envelope with it, and the
//! view reads `ErrorInfo` with it.
//!
//! It hands out slices of the input instead of copying them, and never allocates. Keys
//! and varints are read with prost's own primitives, and its rules are prost's: a string
//! field is checked to be UTF-8 each time it is sent, a known field with the wrong wire
//! type is refused, unknown fields (groups too) are skipped, and nesting stops where
//! prost's recursion limit does. So it accepts exactly the bytes that prost's generated
//! decoders accept; a property test holds it to that.
//!
//! [`Details`]: crate::Details
//! [`DetailsView`]: crate::decode::DetailsView

use prost::encoding::{WireType, decode_key, decode_varint};

use crate::DecodeError;

/// How deep prost lets messages and groups nest (its `RECURSION_LIMIT`): a message read
/// on its own starts with this much, each nested message or group takes one.
const RECURSION_LIMIT: u32 = 100;

/// Reads the fields of one message.
pub(crate) struct Reader<'a> {
    /// What is left to read.
    rest: &'a [u8],
    /// Where the input ends, as an offset in the whole trailer (for error positions).
    end: usize,
    /// How many more levels of nesting prost would enter from here.
    depth: u32,
}

/// A length-delimited value and where it starts in the whole trailer.
#[derive(Clone, Copy)]
pub(crate) struct Slice<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) offset: usize,
}

impl<'a> Reader<'a> {
    /// A reader of a message on its own (prost's `Message::decode`), whose bytes start at
    /// `offset` in the trailer.
    pub(crate) fn new(input: &'a [u8], offset: usize) -> Self {
        Reader {
            rest: input,
            end: offset + input.len(),
            depth: RECURSION_LIMIT,
        }
    }

    /// Where the reader stands, as an offset in the trailer.
    pub(crate) fn position(&self) -> usize {
        self.end - self.rest.len()
    }

    fn malformed(&self, problem: &'static str) -> DecodeError {
        DecodeError::malformed(self.position(), problem)
    }

    /// The next field's number and wire type, or `None` at the end of the message.
    #[inline]
    pub(crate) fn next_field(&mut self) -> Result<Option<(u32, WireType)>, DecodeError> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let at = self.position();
        match decode_key(&mut self.rest) {
            Ok(key) => Ok(Some(key)),
            Err(_) => Err(DecodeError::malformed(at, "invalid field key")),
        }
    }

    /// The value of a varint field (`int32`, `int64`, `bool`, an enum).
    #[inline]
    pub(crate) fn varint(&mut self, wire_type: WireType) -> Result<u64, DecodeError> {
        self.expect(wire_type, WireType::Varint)?;
        self.read_varint()
    }

    /// The value of a `bytes` field.
    #[inline]
    pub(crate) fn bytes(&mut self, wire_type: WireType) -> Result<Slice<'a>, DecodeError> {
        self.expect(wire_type, WireType::LengthDelimited)?;
        self.delimited()
    }

    /// The value of a `string` field; `field` names it in the error when it is not UTF-8.
    #[inline]
    pub(crate) fn string(
        &mut self,
        wire_type: WireType,
        field: &'static str,
    ) -> Result<(&'a str, usize), DecodeError> {
        let Slice { data, offset } = self.bytes(wire_type)?;
        let text =
            std::str::from_utf8(data).map_err(|_| DecodeError::invalid_utf8(field, offset))?;
        Ok((text, offset))
    }

    /// A reader of an embedded message field, or of one entry of a map field.
    #[inline]
    pub(crate) fn message(&mut self, wire_type: WireType) -> Result<Reader<'a>, DecodeError> {
        self.expect(wire_type, WireType::LengthDelimited)?;
        self.nested()
    }

    /// Skips the value of a field this message does not know, as prost does.
    pub(crate) fn skip(&mut self, field: u32, wire_type: WireType) -> Result<(), DecodeError> {
        if self.depth == 0 {
            return Err(self.malformed("nested too deeply"));
        }
        match wire_type {
            WireType::Varint => self.read_varint().map(drop),
            WireType::SixtyFourBit => self.take(8).map(drop),
            WireType::ThirtyTwoBit => self.take(4).map(drop),
            WireType::LengthDelimited => self.delimited().map(drop),
            WireType::StartGroup => {
                // The group's fields are one level deeper, as in prost; the recursion is
                // bounded by the depth.
                self.depth -= 1;
                let skipped = self.skip_group(field);
                self.depth += 1;
                skipped
            }
            WireType::EndGroup => Err(self.malformed("end of a group that was never started")),
        }
    }

    fn skip_group(&mut self, group: u32) -> Result<(), DecodeError> {
        loop {
            match self.next_field()? {
                None => return Err(self.malformed("truncated group")),
                Some((field, WireType::EndGroup)) if field == group => return Ok(()),
                Some((_, WireType::EndGroup)) => {
                    return Err(self.malformed("group ended with the wrong field number"));
                }
                Some((field, wire_type)) => self.skip(field, wire_type)?,
            }
        }
    }

    #[inline]
    fn expect(&self, found: WireType, expected: WireType) -> Result<(), DecodeError> {
        if found == expected {
            Ok(())
        } else {
            Err(self.malformed("known field with the wrong wire type"))
        }
    }

    #[inline]
    fn read_varint(&mut self) -> Result<u64, DecodeError> {
        let at = self.position();
        decode_varint(&mut self.rest).map_err(|_| DecodeError::malformed(at, "invalid varint"))
    }

    #[inline]
    fn delimited(&mut self) -> Result<Slice<'a>, DecodeError> {
        let len = self.read_varint()?;
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let offset = self.position();
        let data = self.take(len)?;
        Ok(Slice { data, offset })
    }

    #[inline]
    fn nested(&mut self) -> Result<Reader<'a>, DecodeError> {
        if self.depth == 0 {
            return Err(self.malformed("nested too deeply"));
        }
        let Slice { data, offset } = self.delimited()?;
        Ok(Reader {
            rest: data,
            end: offset + data.len(),
            depth: self.depth - 1,
        })
    }

    #[inline]
    fn take(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        if len > self.rest.len() {
            return Err(self.malformed("length beyond the input"));
        }
        let (data, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(data)
    }
}

/// The `google.rpc.Status` envelope, checked: its code, its message (the last sent), how
/// many `Any`s it packs, and the value of the first `ErrorInfo` among them.
#[derive(Clone, Copy)]
pub(crate) struct Envelope<'a> {
    pub(crate) code: i32,
    pub(crate) message: &'a str,
    pub(crate) len: usize,
    pub(crate) error_info: Option<&'a [u8]>,
}

/// One packed `google.protobuf.Any`: its type URL (UTF-8) and value.
#[derive(Clone, Copy)]
pub(crate) struct Packed<'a> {
    pub(crate) type_url: &'a str,
    pub(crate) value: &'a [u8],
}

/// Reads and checks the `google.rpc.Status` in `bytes`, every `Any` in it included (the
/// `Any`s' values are opaque: a detail is read when it is asked for).
pub(crate) fn read_envelope(bytes: &[u8]) -> Result<Envelope<'_>, DecodeError> {
    let mut envelope = Envelope {
        code: 0,
        message: "",
        len: 0,
        error_info: None,
    };
    let mut reader = Reader::new(bytes, 0);
    while let Some((field, wire_type)) = reader.next_field()? {
        match field {
            // int32 on the wire is a sign-extended varint; prost keeps its low 32 bits.
            1 => envelope.code = reader.varint(wire_type)? as i32,
            2 => envelope.message = reader.string(wire_type, "google.rpc.Status.message")?.0,
            3 => {
                let any = read_any(reader.message(wire_type)?)?;
                if envelope.error_info.is_none()
                    && crate::kind::names::<crate::pb::ErrorInfo>(any.type_url)
                {
                    envelope.error_info = Some(any.value);
                }
                envelope.len += 1;
            }
            _ => reader.skip(field, wire_type)?,
        }
    }
    Ok(envelope)
}

/// Every `Any` of a `google.rpc.Status` that [`read_envelope`] accepted, in the order sent.
pub(crate) fn anys(bytes: &[u8]) -> impl Iterator<Item = Packed<'_>> + '_ {
    let mut reader = Reader::new(bytes, 0);
    std::iter::from_fn(move || {
        loop {
            // The envelope was checked; an error cannot happen here, and would end the list.
            let (field, wire_type) = reader.next_field().ok()??;
            if field == 3 {
                return read_any(reader.message(wire_type).ok()?).ok();
            }
            reader.skip(field, wire_type).ok()?;
        }
    })
}

/// The `google.rpc.Status` in `bytes` without the `Any`s `left_out` picks, every other
/// field as it was sent; `None` when it picks none. An error where the bytes are not a
/// `google.rpc.Status`, as far as it reads them (the `Any`s and the fields around them).
#[cfg(feature = "server")]
pub(crate) fn without(
    bytes: &[u8],
    left_out: impl Fn(Packed<'_>) -> bool,
) -> Result<Option<Vec<u8>>, DecodeError> {
    let mut reader = Reader::new(bytes, 0);
    let mut kept: Option<Vec<u8>> = None;
    // `bytes[..copied]` is in `kept` already, or left out.
    let mut copied = 0;
    loop {
        let start = reader.position();
        let Some((field, wire_type)) = reader.next_field()? else {
            break;
        };
        if field != 3 {
            reader.skip(field, wire_type)?;
            continue;
        }
        if left_out(read_any(reader.message(wire_type)?)?) {
            let out = kept.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
            out.extend_from_slice(&bytes[copied..start]);
            copied = reader.position();
        }
    }
    Ok(kept.map(|mut out| {
        out.extend_from_slice(&bytes[copied..]);
        out
    }))
}

/// Reads one `google.protobuf.Any`: its type URL and value, each the last sent.
fn read_any(mut reader: Reader<'_>) -> Result<Packed<'_>, DecodeError> {
    let mut any = Packed {
        type_url: "",
        value: &[],
    };
    while let Some((field, wire_type)) = reader.next_field()? {
        match field {
            1 => any.type_url = reader.string(wire_type, "google.protobuf.Any.type_url")?.0,
            2 => any.value = reader.bytes(wire_type)?.data,
            _ => reader.skip(field, wire_type)?,
        }
    }
    Ok(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field numbers of a message, its unknown fields skipped.
    fn fields(input: &[u8]) -> Result<Vec<u32>, DecodeError> {
        let mut reader = Reader::new(input, 0);
        let mut out = Vec::new();
        while let Some((field, wire_type)) = reader.next_field()? {
            reader.skip(field, wire_type)?;
            out.push(field);
        }
        Ok(out)
    }

    fn problem(input: &[u8]) -> &'static str {
        match fields(input).unwrap_err().kind() {
            crate::error::DecodeErrorKind::Malformed { problem, .. } => problem,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn skips_fixed_width_and_nested_groups() {
        // field 4 fixed64, field 5 fixed32, field 6 group containing group 7, then field 1 varint.
        let mut input = vec![(4 << 3) | 1];
        input.extend([0; 8]);
        input.push((5 << 3) | 5);
        input.extend([0; 4]);
        input.extend([(6 << 3) | 3, (7 << 3) | 3, (7 << 3) | 4, (6 << 3) | 4]);
        input.extend([1 << 3, 150, 1]);
        assert_eq!(fields(&input).unwrap(), vec![4, 5, 6, 1]);
    }

    #[test]
    fn refuses_bad_keys_lengths_and_groups() {
        assert_eq!(problem(&[0x00]), "invalid field key");
        assert_eq!(problem(&[0x0a, 0x05, b'a']), "length beyond the input");
        assert_eq!(problem(&[0x08, 0x80]), "invalid varint");
        assert_eq!(problem(&[0x0c]), "end of a group that was never started");
        assert_eq!(problem(&[0x0b]), "truncated group");
        assert_eq!(
            problem(&[0x0b, 0x14]),
            "group ended with the wrong field number"
        );
        assert_eq!(problem(&[0x0e]), "invalid field key");
        let mut long = vec![0x08];
        long.extend([0xff; 10]);
        long.push(0x01);
        assert_eq!(problem(&long), "invalid varint");
    }

    #[cfg(feature = "server")]
    #[test]
    fn without_leaves_out_the_picked_anys_and_keeps_every_other_byte() {
        use prost::Message as _;
        let any = |type_url: &str, value: &[u8]| prost_types::Any {
            type_url: type_url.into(),
            value: value.to_vec(),
        };
        let is_debug = |any: Packed<'_>| any.type_url.ends_with("DebugInfo");
        let status = |details: Vec<prost_types::Any>| crate::pb::Status {
            code: 14,
            message: "down".into(),
            details,
        };
        let all = vec![
            any("t/google.rpc.ErrorInfo", b"\x0a\x01R"),
            any("t/google.rpc.DebugInfo", b"\x12\x01d"),
            any("t/google.rpc.Help", b""),
            any("t/google.rpc.DebugInfo", b""),
        ];
        let mut bytes = status(all.clone()).encode_to_vec();
        // An unknown field at the end stays as it is.
        bytes.extend([0x48, 0x07]);
        let kept = without(&bytes, is_debug).unwrap().unwrap();
        let mut expected = status(vec![all[0].clone(), all[2].clone()]).encode_to_vec();
        expected.extend([0x48, 0x07]);
        assert_eq!(kept, expected);
        assert_eq!(without(&expected, is_debug).unwrap(), None);
        assert!(without(&[0x1a, 0x05, 0x0a], is_debug).is_err());
    }

    /// `depth` groups of field 9, one inside the other, around `inner`.
    fn groups(depth: usize, inner: &[u8]) -> Vec<u8> {
        let mut bytes = vec![0x4b; depth];
        bytes.extend(inner);
        bytes.extend(vec![0x4c; depth]);
        bytes
    }

    #[test]
    fn groups_nest_as_deep_as_prost_lets_them() {
        use prost::Message as _;
        // Field 9 is unknown to `Help`: prost's verdict on skipping alone.
        let prost_accepts = |bytes: &[u8]| crate::pb::Help::decode(bytes).is_ok();
        for depth in [1, 64, 65, 99, 100, 101] {
            for inner in [&[][..], &[0x50, 0x01]] {
                let bytes = groups(depth, inner);
                assert_eq!(
                    fields(&bytes).is_ok(),
                    prost_accepts(&bytes),
                    "{depth} groups around {inner:?}"
                );
            }
        }
        assert!(fields(&groups(100, &[])).is_ok());
        assert_eq!(problem(&groups(100, &[0x50, 0x01])), "nested too deeply");
    }
}
