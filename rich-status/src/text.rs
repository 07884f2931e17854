//! [`Text`]: a string field's value, borrowed as `&str` or as anything that implements
//! [`Display`](fmt::Display), so that the encoder writes it without building a `String`.

use std::fmt;

/// The value of one string field of a detail message, borrowed for the duration of one
/// encode.
///
/// A `Text` is either a `&str`, written as it is, or a `&dyn Display`, which the encoder
/// formats straight into the output buffer. No intermediate `String` is built.
///
/// A status within its trailer budget formats each `Display` value once. Over the budget,
/// the value is formatted once more, up to the budget's bytes, into the conversion's
/// [`Texts`], which every pass of the search for the cut and the final write read: so a
/// value is formatted at most twice per conversion, each time stopped where the budget
/// is reached, whatever its size, and whatever a `Display` does (a clock, a counter) the
/// passes agree and the status stays valid protobuf within its budget. A `Display` that
/// returns an error contributes what it wrote before the error.
#[derive(Clone, Copy)]
pub(crate) struct Text<'a>(Repr<'a>);

#[derive(Clone, Copy)]
enum Repr<'a> {
    Str(&'a str),
    Display(&'a dyn fmt::Display),
}

impl<'a> Text<'a> {
    /// A `&str` value, written as it is.
    pub(crate) const fn str(value: &'a str) -> Self {
        Text(Repr::Str(value))
    }

    /// A value formatted with its `Display` implementation when the encoder writes it.
    pub(crate) fn display(value: &'a dyn fmt::Display) -> Self {
        Text(Repr::Display(value))
    }

    /// The value as a `&str`, if it was given as one (rather than as a `Display`).
    pub(crate) fn as_str(&self) -> Option<&'a str> {
        match self.0 {
            Repr::Str(s) => Some(s),
            Repr::Display(_) => None,
        }
    }

    /// Appends the value to `buf`, formatted once, until `buf` holds `end` bytes (cut at
    /// a character boundary); true if that cut anything. The formatter is stopped there,
    /// so a value of any size costs at most what `end` leaves.
    pub(crate) fn write_until(&self, buf: &mut Vec<u8>, end: usize) -> bool {
        match self.0 {
            Repr::Str(s) => {
                let cut = floor_char_boundary(s, end.saturating_sub(buf.len()));
                buf.extend_from_slice(&s.as_bytes()[..cut]);
                cut < s.len()
            }
            // A Display that fails keeps what it wrote; see the type's docs.
            Repr::Display(d) if end == usize::MAX => {
                let _ = fmt::write(&mut Appended(buf), format_args!("{d}"));
                false
            }
            Repr::Display(d) => {
                let mut out = Until {
                    buf,
                    end,
                    hit: false,
                };
                let _ = fmt::write(&mut out, format_args!("{d}"));
                out.hit
            }
        }
    }
}

/// Text pieces written one after another: `Concat(("name: ", name))` writes what
/// `format_args!("name: {name}")` does. The derive writes an attribute's template of
/// plain `{field}` placeholders this way (up to eight pieces), because rustc compiles
/// a tuple of references much faster than a `format_args!`; a template with a format
/// spec (`{amount:.2}`, `{id:?}`) stays a `format_args!`.
///
/// ```
/// use rich_status::detail::Concat;
///
/// let (name, count) = ("Ada", 3);
/// assert_eq!(Concat(("name: ", name, ", count: ", count)).to_string(), "name: Ada, count: 3");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Concat<T>(pub T);

/// `Display` for `Concat` of tuples of two to eight pieces.
macro_rules! concat_display {
    ($($piece:ident),+) => {
        impl<$($piece: fmt::Display),+> fmt::Display for Concat<($($piece,)+)> {
            #[allow(non_snake_case)]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let ($($piece,)+) = &self.0;
                $($piece.fmt(f)?;)+
                Ok(())
            }
        }
    };
}

concat_display!(A, B);
concat_display!(A, B, C);
concat_display!(A, B, C, D);
concat_display!(A, B, C, D, E);
concat_display!(A, B, C, D, E, F);
concat_display!(A, B, C, D, E, F, G);
concat_display!(A, B, C, D, E, F, G, H);

/// The largest char boundary of `s` that is at most `at`.
pub(crate) fn floor_char_boundary(s: &str, at: usize) -> usize {
    floor_utf8_boundary(s.as_bytes(), at)
}

/// The largest char boundary of the UTF-8 text `bytes` that is at most `at`: where no
/// continuation byte (`0b10xx_xxxx`) begins.
pub(crate) fn floor_utf8_boundary(bytes: &[u8], at: usize) -> usize {
    if at >= bytes.len() {
        return bytes.len();
    }
    (0..=at)
        .rev()
        .find(|&i| bytes[i] & 0b1100_0000 != 0b1000_0000)
        .unwrap_or(0)
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(value: &'a str) -> Self {
        Text::str(value)
    }
}

impl<'a> From<&'a String> for Text<'a> {
    fn from(value: &'a String) -> Self {
        Text::str(value)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Str(s) => f.write_str(s),
            Repr::Display(d) => d.fmt(f),
        }
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Str(s) => fmt::Debug::fmt(s, f),
            Repr::Display(d) => {
                // `ToString` would panic on a failing Display; keep what it wrote instead.
                let mut shown = String::new();
                let _ = fmt::write(&mut shown, format_args!("{d}"));
                write!(f, "Text::display({shown:?})")
            }
        }
    }
}

/// Formats `value` into a new `String`, at most `limit` bytes of it, cut at a character
/// boundary: the formatter is stopped there, so a value of any size costs at most about
/// `limit`. A `Display` that fails keeps what it wrote. The `String` starts with room
/// for a short text, which a value written in pieces then fills without growing.
pub(crate) fn format_within(value: &dyn fmt::Display, limit: usize) -> String {
    let mut out = LimitedString {
        out: String::with_capacity(limit.min(32)),
        remaining: limit,
    };
    let _ = fmt::write(&mut out, format_args!("{value}"));
    out.out
}

/// Appends to a `String` at most `remaining` bytes, cutting at a char boundary.
struct LimitedString {
    out: String,
    remaining: usize,
}

impl LimitedString {
    #[cold]
    fn cut(&mut self, s: &str) -> fmt::Result {
        self.out
            .push_str(&s[..floor_char_boundary(s, self.remaining)]);
        self.remaining = 0;
        Err(fmt::Error)
    }
}

impl fmt::Write for LimitedString {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if s.len() > self.remaining {
            return self.cut(s);
        }
        self.out.push_str(s);
        self.remaining -= s.len();
        Ok(())
    }
}

/// The text of each `Display` value of a status over its trailer budget, formatted once
/// for all the passes that choose and write its cut.
///
/// Each value is found by its place among the description's `Display` values, which
/// every pass counts, values the cut leaves out included; the first measure pass that
/// needs a value formats it, up to the trailer budget (more than a status within it can
/// keep of one value), and every later pass reads it here. So each value costs one call
/// of its `Display` for all the passes, whatever their number, and every pass sees the
/// same text, whatever the `Display` does.
pub(crate) struct Texts {
    /// The most bytes kept of one value.
    cap: usize,
    bytes: Vec<u8>,
    /// Where each value's text is in `bytes`, by its place; `None` until a pass needs it.
    values: Vec<Option<Kept>>,
}

#[derive(Clone, Copy)]
struct Kept {
    /// The field it was written to: a description that changed between calls puts
    /// another value at this place, most likely in another field.
    field: u32,
    start: usize,
    end: usize,
    /// The value goes on past the bytes kept.
    longer: bool,
}

impl Texts {
    /// A store that keeps at most `cap` bytes of each value.
    pub(crate) fn new(cap: usize) -> Self {
        Texts {
            cap,
            bytes: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The text of `value`, the value at `place`, written to field `field`: formatted now
    /// if no pass has needed it yet. Gives at most the store's cap of bytes, cut at a
    /// character boundary, and whether the value goes on past them; `None` when the
    /// value at this place went to another field before.
    pub(crate) fn get(
        &mut self,
        place: usize,
        field: u32,
        value: Text<'_>,
    ) -> Option<(&[u8], bool)> {
        if place >= self.values.len() {
            self.values.resize(place + 1, None);
        }
        let kept = match self.values[place] {
            Some(kept) => kept,
            None => {
                let start = self.bytes.len();
                let longer = value.write_until(&mut self.bytes, start + self.cap);
                let kept = Kept {
                    field,
                    start,
                    end: self.bytes.len(),
                    longer,
                };
                self.values[place] = Some(kept);
                kept
            }
        };
        (kept.field == field).then(|| (&self.bytes[kept.start..kept.end], kept.longer))
    }

    /// What a measure pass got from [`get`](Self::get) for the value at `place`,
    /// written to field `field`.
    pub(crate) fn kept(&self, place: usize, field: u32) -> Option<(&[u8], bool)> {
        let kept = self.values.get(place).copied().flatten()?;
        (kept.field == field).then(|| (&self.bytes[kept.start..kept.end], kept.longer))
    }
}

/// Appends everything written (`Debug` output arrives a few bytes at a time).
struct Appended<'b>(&'b mut Vec<u8>);

impl fmt::Write for Appended<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }

    #[inline]
    fn write_char(&mut self, c: char) -> fmt::Result {
        if c.is_ascii() {
            self.0.push(c as u8);
        } else {
            self.0
                .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        Ok(())
    }
}

/// Appends until the buffer holds `end` bytes, cutting at a char boundary, and says
/// whether it cut.
struct Until<'b> {
    buf: &'b mut Vec<u8>,
    end: usize,
    hit: bool,
}

impl Until<'_> {
    #[cold]
    fn cut(&mut self, s: &str) -> fmt::Result {
        let cut = floor_char_boundary(s, self.end.saturating_sub(self.buf.len()));
        self.buf.extend_from_slice(&s.as_bytes()[..cut]);
        self.hit = true;
        Err(fmt::Error)
    }
}

impl fmt::Write for Until<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.buf.len() + s.len() > self.end {
            return self.cut(s);
        }
        self.buf.extend_from_slice(s.as_bytes());
        Ok(())
    }

    // `Debug` output arrives a character at a time.
    fn write_char(&mut self, c: char) -> fmt::Result {
        if c.is_ascii() && self.buf.len() < self.end {
            self.buf.push(c as u8);
            Ok(())
        } else {
            self.write_str(c.encode_utf8(&mut [0; 4]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A Display whose output grows on each call, like a clock.
    struct Growing(Cell<usize>);
    impl fmt::Display for Growing {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.set(self.0.get() + 1);
            for _ in 0..self.0.get() {
                f.write_str("é")?;
            }
            Ok(())
        }
    }

    #[test]
    fn texts_format_each_value_once_and_cut_it_at_the_cap() {
        let growing = Growing(Cell::new(0));
        let mut texts = Texts::new(5);
        // Formatted when first needed, at its place; the first call writes one "é".
        assert_eq!(
            texts.get(1, 2, Text::display(&growing)),
            Some(("é".as_bytes(), false))
        );
        for _ in 0..3 {
            assert_eq!(
                texts.get(1, 2, Text::display(&growing)),
                Some(("é".as_bytes(), false))
            );
        }
        assert_eq!(growing.0.get(), 1, "one call for every pass");
        assert_eq!(texts.kept(1, 2), Some(("é".as_bytes(), false)));
        // Past the cap, cut at a character boundary, and said to go on.
        let long = "aaéé";
        assert_eq!(
            texts.get(0, 1, Text::display(&long)),
            Some(("aaé".as_bytes(), true))
        );
        // Another field at a place: a description that changed between calls.
        assert_eq!(texts.get(1, 3, Text::display(&growing)), None);
        assert_eq!(texts.kept(1, 3), None);
        assert_eq!(texts.kept(2, 1), None);
    }

    #[test]
    fn utf8_boundaries_fall_before_continuation_bytes() {
        let s = "aé€🦀";
        for at in 0..=s.len() + 1 {
            let expected = (0..=at.min(s.len()))
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap();
            assert_eq!(floor_char_boundary(s, at), expected, "at {at}");
        }
    }

    struct Failing;
    impl fmt::Display for Failing {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("part")?;
            Err(fmt::Error)
        }
    }

    #[test]
    fn write_until_cuts_at_a_char_boundary_and_says_so() {
        let write = |t: Text<'_>, limit: usize| {
            let mut buf = b"key".to_vec();
            let hit = t.write_until(&mut buf, limit.saturating_add(3));
            (String::from_utf8(buf).unwrap(), hit)
        };
        assert_eq!(write(Text::str("héllo"), 2), ("keyh".into(), true));
        assert_eq!(write(Text::str("héllo"), 6), ("keyhéllo".into(), false));
        let n = 123456u32;
        assert_eq!(write(Text::display(&n), 4), ("key1234".into(), true));
        assert_eq!(
            write(Text::display(&n), usize::MAX),
            ("key123456".into(), false)
        );
        assert_eq!(write(Text::display(&"aé"), 2), ("keya".into(), true));
        // A Display that fails keeps what it wrote.
        assert_eq!(
            write(Text::display(&Failing), 100),
            ("keypart".into(), false)
        );
    }
}
