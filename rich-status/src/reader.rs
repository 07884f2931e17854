//! A borrowing protobuf reader for the two envelope messages, `google.rpc.Status` and
//! `google.protobuf.Any`: it hands out slices of the input instead of copying them.

use crate::wire::{WIRE_END_GROUP, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_START_GROUP, WIRE_VARINT};

/// Why the envelope bytes could not be read; `offset` is where in the input it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WireError {
    pub(crate) offset: usize,
    pub(crate) problem: &'static str,
}

pub(crate) struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    /// Offset of `input` within the whole trailer, for error positions.
    base: usize,
}

/// One field of a message: its number and its value.
pub(crate) enum Value<'a> {
    Varint(u64),
    /// A length-delimited value; `offset` is where `data` starts in the whole trailer.
    Bytes {
        data: &'a [u8],
        offset: usize,
    },
    /// Fixed-width and group fields, which the envelopes never use; they are skipped.
    Other,
}

/// Nested groups deeper than this are refused rather than followed.
const MAX_GROUP_DEPTH: usize = 64;

impl<'a> Reader<'a> {
    pub(crate) fn new(input: &'a [u8], base: usize) -> Self {
        Reader {
            input,
            pos: 0,
            base,
        }
    }

    /// Where the reader stands in the whole trailer (just past the last field read).
    pub(crate) fn position(&self) -> usize {
        self.base + self.pos
    }

    fn error(&self, problem: &'static str) -> WireError {
        WireError {
            offset: self.base + self.pos,
            problem,
        }
    }

    /// The next field, or `None` at the end of the input.
    #[inline(always)]
    pub(crate) fn next_field(&mut self) -> Result<Option<(u32, Value<'a>)>, WireError> {
        if self.pos == self.input.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let (field, wire_type) = split_key(key).ok_or_else(|| self.error("invalid field key"))?;
        let value = match wire_type {
            WIRE_VARINT => Value::Varint(self.varint()?),
            WIRE_LEN => {
                let data = self.delimited()?;
                Value::Bytes {
                    data,
                    offset: self.base + self.pos - data.len(),
                }
            }
            WIRE_I64 => {
                self.take(8)?;
                Value::Other
            }
            WIRE_I32 => {
                self.take(4)?;
                Value::Other
            }
            WIRE_START_GROUP => {
                self.skip_group(field)?;
                Value::Other
            }
            WIRE_END_GROUP => return Err(self.error("end of a group that was never started")),
            _ => return Err(self.error("unknown wire type")),
        };
        Ok(Some((field, value)))
    }

    #[inline]
    fn varint(&mut self) -> Result<u64, WireError> {
        // Keys and short lengths take one byte.
        if let Some(&byte) = self.input.get(self.pos)
            && byte < 0x80
        {
            self.pos += 1;
            return Ok(u64::from(byte));
        }
        self.long_varint()
    }

    fn long_varint(&mut self) -> Result<u64, WireError> {
        let mut value = 0u64;
        for i in 0..10 {
            let Some(&byte) = self.input.get(self.pos) else {
                return Err(self.error("truncated varint"));
            };
            self.pos += 1;
            if i == 9 && byte > 1 {
                return Err(self.error("varint longer than 64 bits"));
            }
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(self.error("varint longer than 10 bytes"))
    }

    fn delimited(&mut self) -> Result<&'a [u8], WireError> {
        let len = self.varint()?;
        let len = usize::try_from(len).map_err(|_| self.error("length beyond the input"))?;
        self.take(len)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], WireError> {
        let end = self
            .pos
            .checked_add(len)
            .filter(|&end| end <= self.input.len())
            .ok_or_else(|| self.error("length beyond the input"))?;
        let data = &self.input[self.pos..end];
        self.pos = end;
        Ok(data)
    }

    /// Skips a (deprecated) group, nested ones included, iteratively.
    fn skip_group(&mut self, field: u32) -> Result<(), WireError> {
        let mut open = vec![field];
        while let Some(&innermost) = open.last() {
            if open.len() > MAX_GROUP_DEPTH {
                return Err(self.error("groups nested too deeply"));
            }
            if self.pos == self.input.len() {
                return Err(self.error("truncated group"));
            }
            let key = self.varint()?;
            let (f, wire_type) = split_key(key).ok_or_else(|| self.error("invalid field key"))?;
            match wire_type {
                WIRE_VARINT => {
                    self.varint()?;
                }
                WIRE_LEN => {
                    self.delimited()?;
                }
                WIRE_I64 => {
                    self.take(8)?;
                }
                WIRE_I32 => {
                    self.take(4)?;
                }
                WIRE_START_GROUP => open.push(f),
                WIRE_END_GROUP if f == innermost => {
                    open.pop();
                }
                WIRE_END_GROUP => return Err(self.error("group ended with the wrong field number")),
                _ => return Err(self.error("unknown wire type")),
            }
        }
        Ok(())
    }
}

fn split_key(key: u64) -> Option<(u32, u8)> {
    let field = u32::try_from(key >> 3).ok()?;
    // Field numbers run from 1 to 2^29 - 1.
    if field == 0 || field > (1 << 29) - 1 {
        return None;
    }
    Some((field, (key & 7) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(input: &[u8]) -> Result<Vec<u32>, WireError> {
        let mut r = Reader::new(input, 0);
        let mut out = Vec::new();
        while let Some((f, _)) = r.next_field()? {
            out.push(f);
        }
        Ok(out)
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
    fn rejects_bad_keys_lengths_and_groups() {
        assert_eq!(fields(&[0x00]).unwrap_err().problem, "invalid field key");
        assert_eq!(
            fields(&[0x0a, 0x05, b'a']).unwrap_err().problem,
            "length beyond the input"
        );
        assert_eq!(
            fields(&[0x08, 0x80]).unwrap_err().problem,
            "truncated varint"
        );
        assert_eq!(
            fields(&[0x0c]).unwrap_err().problem,
            "end of a group that was never started"
        );
        assert_eq!(fields(&[0x0b]).unwrap_err().problem, "truncated group");
        assert_eq!(
            fields(&[0x0b, 0x14]).unwrap_err().problem,
            "group ended with the wrong field number"
        );
        assert_eq!(fields(&[0x0e]).unwrap_err().problem, "unknown wire type");
        let mut deep = vec![0x0b; 100];
        deep.push(0x0c);
        assert_eq!(
            fields(&deep).unwrap_err().problem,
            "groups nested too deeply"
        );
        let mut long = vec![0x08];
        long.extend([0xff; 10]);
        long.push(0x01);
        assert!(fields(&long).is_err());
    }
}
