//! The protobuf wire format as the writer needs it: keys and varints through prost's own
//! encoding primitives, and what prost has no primitive for, the lengths the one-pass
//! writer patches in after a body is written.

use prost::encoding::{WireType, encoded_len_varint};

/// The bytes `value` takes as a varint.
#[inline]
pub(crate) fn varint_len(value: u64) -> usize {
    encoded_len_varint(value)
}

/// The bytes a field's key takes.
#[inline]
pub(crate) fn key_len(field: u32) -> usize {
    prost::encoding::key_len(field)
}

/// The bytes a length-delimited body of `len` bytes takes with its length.
#[inline]
pub(crate) fn delimited_len(len: usize) -> usize {
    varint_len(len as u64) + len
}

/// Appends a field's key.
#[inline]
pub(crate) fn put_key(buf: &mut Vec<u8>, field: u32, wire_type: WireType) {
    put_varint(buf, (u64::from(field) << 3) | wire_type as u64);
}

/// Appends a varint. prost's `encode_varint` writes the same bytes through `BufMut`,
/// which costs the greeter's conversion 4.5% more instructions than pushing onto the
/// `Vec` (callgrind, `profile_encode`); `tests` holds the two equal.
#[inline]
pub(crate) fn put_varint(buf: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        buf.push((value as u8) | 0x80);
        value >>= 7;
    }
    buf.push(value as u8);
}

/// Writes `len` as the length at `at`, where one byte was left for it, widening the
/// gap when the length needs more bytes (the body moves up).
#[inline(always)]
pub(crate) fn patch_len(buf: &mut Vec<u8>, at: usize, len: usize) {
    if len >= 0x80 {
        widen_len(buf, at, len);
    } else if let Some(byte) = buf.get_mut(at) {
        *byte = len as u8;
    }
}

/// [`patch_len`] for a body of 128 bytes or more.
#[cold]
#[inline(never)]
fn widen_len(buf: &mut Vec<u8>, at: usize, len: usize) {
    let width = varint_len(len as u64);
    let end = buf.len();
    buf.resize(end + width - 1, 0);
    buf.copy_within(at + 1..end, at + width);
    fill_varint(&mut buf[at..at + width], len as u64);
}

/// Patches the two lengths of an `Any` written with one-byte placeholders: the Any's at
/// `outer`, its value's at `inner` (after the type URL field and the value's key), the
/// value's body of `value` bytes last in `buf`. When either length needs more than one
/// byte, the body moves up once by both widenings, and the short run between the two
/// placeholders by the first.
#[inline(always)]
pub(crate) fn patch_any_lens(buf: &mut Vec<u8>, outer: usize, inner: usize, value: usize) {
    let value_width = varint_len(value as u64);
    let any = (inner - outer - 1) + value_width + value;
    let any_width = varint_len(any as u64);
    if any_width == 1 {
        // Then the value is under 128 bytes too.
        buf[outer] = any as u8;
        buf[inner] = value as u8;
        return;
    }
    widen_any_lens(buf, outer, inner, (any, any_width), (value, value_width));
}

/// [`patch_any_lens`] for an `Any` of 128 bytes or more.
#[cold]
#[inline(never)]
fn widen_any_lens(
    buf: &mut Vec<u8>,
    outer: usize,
    inner: usize,
    (any, any_width): (usize, usize),
    (value, value_width): (usize, usize),
) {
    let shift = (any_width - 1) + (value_width - 1);
    let end = buf.len();
    buf.resize(end + shift, 0);
    buf.copy_within(inner + 1..end, inner + 1 + shift);
    buf.copy_within(outer + 1..inner, outer + any_width);
    let inner = inner + any_width - 1;
    fill_varint(&mut buf[inner..inner + value_width], value as u64);
    fill_varint(&mut buf[outer..outer + any_width], any as u64);
}

/// Writes `value` as a varint filling `out`, which is exactly its length.
fn fill_varint(out: &mut [u8], mut value: u64) {
    for byte in out {
        *byte = (value as u8 & 0x7f) | if value >= 0x80 { 0x80 } else { 0 };
        value >>= 7;
    }
}

/// Appends a field's key and a varint (a length or a value).
#[inline(always)]
pub(crate) fn put_header(buf: &mut Vec<u8>, field: u32, wire_type: WireType, value: u64) {
    put_key(buf, field, wire_type);
    put_varint(buf, value);
}

/// Appends a length-delimited field: key, length and bytes.
#[inline(always)]
pub(crate) fn put_delimited(buf: &mut Vec<u8>, field: u32, bytes: &[u8]) {
    put_header(buf, field, WireType::LengthDelimited, bytes.len() as u64);
    buf.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_keys_are_prosts() {
        for v in [0u64, 1, 127, 128, 16_383, 16_384, u32::MAX as u64, u64::MAX] {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            put_varint(&mut ours, v);
            prost::encoding::encode_varint(v, &mut theirs);
            assert_eq!(ours, theirs, "value {v}");
        }
        for field in [1u32, 15, 16, 2047, 2048, (1 << 29) - 1] {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            put_key(&mut ours, field, WireType::LengthDelimited);
            prost::encoding::encode_key(field, WireType::LengthDelimited, &mut theirs);
            assert_eq!(ours, theirs, "field {field}");
            assert_eq!(ours.len(), key_len(field));
        }
    }

    #[test]
    fn patched_lengths_widen_as_needed() {
        for len in [0usize, 1, 127, 128, 300, 16_383, 16_384, 70_000] {
            let mut buf = vec![9, 0];
            buf.extend(std::iter::repeat_n(7u8, len));
            patch_len(&mut buf, 1, len);
            let mut expected = vec![9];
            put_varint(&mut expected, len as u64);
            expected.extend(std::iter::repeat_n(7u8, len));
            assert_eq!(buf, expected, "length {len}");
        }
    }
}
