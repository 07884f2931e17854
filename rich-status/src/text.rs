//! [`Text`]: a string field's value, borrowed as `&str` or as anything that implements
//! [`Display`](fmt::Display), so that the encoder writes it without building a `String`.

use std::fmt;

/// The value of one string field of a detail message, borrowed for the duration of one
/// encode.
///
/// A `Text` is either a `&str`, written as it is, or a `&dyn Display`, which the encoder
/// formats once, straight into the output buffer. No intermediate `String` is built.
///
/// A status over its trailer budget is measured before it is written, which formats
/// each `Display` value again in each measure pass. Every formatting is stopped where
/// the status reaches its budget, so a value of any size costs a conversion a bounded
/// amount of work. If a `Display` implementation writes something different each time
/// (say, a clock), the encoder still produces valid protobuf within the budget: the
/// written output is cut at a character boundary or padded with spaces to the measured
/// length, and when the last measure comes out larger than the search allowed, only
/// what cannot change (the code, `ErrorInfo`'s reason and domain, as much message as
/// fits) is kept. A `Display` that returns an error contributes what it wrote before
/// the error.
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

    /// The number of UTF-8 bytes the value formats to.
    pub(crate) fn measure(&self) -> usize {
        match self.0 {
            Repr::Str(s) => s.len(),
            Repr::Display(d) => {
                let mut counter = Counter(0);
                // A Display that fails still counts what it wrote; see the type's docs.
                let _ = fmt::write(&mut counter, format_args!("{d}"));
                counter.0
            }
        }
    }

    /// The number of UTF-8 bytes the value formats to, cut to at most `limit` at a
    /// character boundary, and whether that cut anything.
    pub(crate) fn measure_limited(&self, limit: usize) -> (usize, bool) {
        if limit == usize::MAX {
            return (self.measure(), false);
        }
        match self.0 {
            Repr::Str(s) => {
                let len = floor_char_boundary(s, limit);
                (len, len < s.len())
            }
            Repr::Display(d) => {
                let mut counter = LimitedCounter {
                    count: 0,
                    limit,
                    hit: false,
                };
                let _ = fmt::write(&mut counter, format_args!("{d}"));
                (counter.count, counter.hit)
            }
        }
    }

    /// Measures the value like [`measure_limited`](Self::measure_limited), keeping the
    /// formatted bytes in `arena` when they fit: the returned offset locates them there,
    /// so the write pass copies instead of formatting again.
    pub(crate) fn capture(
        &self,
        limit: usize,
        arena: &mut Option<Arena>,
    ) -> (usize, bool, Option<usize>) {
        let Repr::Display(d) = self.0 else {
            let (len, was_cut) = self.measure_limited(limit);
            return (len, was_cut, None);
        };
        // Made on the first `Display` value: statuses of plain strings never pay for it.
        let arena = arena.get_or_insert_with(Arena::new);
        let start = arena.used;
        let mut capture = Capture {
            arena,
            count: 0,
            limit,
            hit: false,
            kept: true,
        };
        let _ = fmt::write(&mut capture, format_args!("{d}"));
        let Capture {
            arena,
            count,
            hit,
            kept,
            ..
        } = capture;
        if kept {
            (count, hit, Some(start))
        } else {
            arena.used = start;
            (count, hit, None)
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

    /// Appends the value to `buf`, exactly `len` bytes of it (the measured length).
    pub(crate) fn write_exact(&self, buf: &mut Vec<u8>, len: usize) {
        match self.0 {
            Repr::Str(s) => write_cut(buf, s, len),
            Repr::Display(d) => {
                // Once cut, the formatter stops: nothing can follow a gap.
                let end = buf.len() + len;
                let mut out = Until {
                    buf,
                    end,
                    hit: false,
                };
                let _ = fmt::write(&mut out, format_args!("{d}"));
                buf.resize(end, b' ');
            }
        }
    }
}

/// Appends `s` cut to at most `len` bytes at a char boundary, padded with spaces to `len`.
fn write_cut(buf: &mut Vec<u8>, s: &str, len: usize) {
    let cut = floor_char_boundary(s, len);
    buf.extend_from_slice(&s.as_bytes()[..cut]);
    buf.resize(buf.len() + (len - cut), b' ');
}

/// The largest char boundary of `s` that is at most `at`.
pub(crate) fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
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
/// `limit`. A `Display` that fails keeps what it wrote.
pub(crate) fn format_within(value: &dyn fmt::Display, limit: usize) -> String {
    let mut out = LimitedString {
        out: String::new(),
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

/// Counts the bytes a `Display` writes.
struct Counter(usize);

impl fmt::Write for Counter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// Formatted text kept between the two passes of one encode, on the stack: each
/// `Display` value is formatted once, into here, and copied when written.
pub(crate) struct Arena {
    bytes: [u8; Arena::SIZE],
    used: usize,
}

impl Arena {
    const SIZE: usize = 1024;

    pub(crate) fn new() -> Self {
        Arena {
            bytes: [0; Arena::SIZE],
            used: 0,
        }
    }

    /// Forgets what it holds, for a new measure pass.
    pub(crate) fn clear(&mut self) {
        self.used = 0;
    }

    /// The `len` bytes kept at `offset`.
    pub(crate) fn get(&self, offset: usize, len: usize) -> &[u8] {
        &self.bytes[offset..offset + len]
    }
}

/// Formats into an [`Arena`] while counting, up to a limit cut at a char boundary; gives
/// up keeping (but goes on counting) once the arena is full.
struct Capture<'a> {
    arena: &'a mut Arena,
    count: usize,
    limit: usize,
    hit: bool,
    kept: bool,
}

impl Capture<'_> {
    fn keep(&mut self, s: &str) {
        if !self.kept {
            return;
        }
        let end = self.arena.used + s.len();
        if end > Arena::SIZE {
            self.kept = false;
        } else {
            self.arena.bytes[self.arena.used..end].copy_from_slice(s.as_bytes());
            self.arena.used = end;
        }
    }
}

impl fmt::Write for Capture<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.count + s.len() <= self.limit {
            self.keep(s);
            self.count += s.len();
            Ok(())
        } else {
            let part = &s[..floor_char_boundary(s, self.limit - self.count)];
            self.keep(part);
            self.count += part.len();
            self.hit = true;
            Err(fmt::Error)
        }
    }
}

/// Counts the bytes a `Display` writes, up to a limit at a char boundary.
struct LimitedCounter {
    count: usize,
    limit: usize,
    hit: bool,
}

impl fmt::Write for LimitedCounter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.count + s.len() <= self.limit {
            self.count += s.len();
            Ok(())
        } else {
            self.count += floor_char_boundary(s, self.limit - self.count);
            self.hit = true;
            Err(fmt::Error)
        }
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

    #[test]
    fn display_measured_and_written_once_each() {
        let v = 12345u32;
        let t = Text::display(&v);
        let len = t.measure();
        let mut buf = Vec::new();
        t.write_exact(&mut buf, len);
        assert_eq!(buf, b"12345");
    }

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
    fn unstable_display_is_cut_or_padded_to_the_measured_length() {
        let g = Growing(Cell::new(0));
        let t = Text::display(&g);
        let len = t.measure(); // "é" = 2 bytes
        assert_eq!(len, 2);
        let mut buf = Vec::new();
        t.write_exact(&mut buf, len); // "éé" cut to 2 bytes
        assert_eq!(std::str::from_utf8(&buf).unwrap(), "é");
        let mut buf = Vec::new();
        t.write_exact(&mut buf, 3); // "ééé" cut at a char boundary, then one space
        assert_eq!(std::str::from_utf8(&buf).unwrap(), "é ");
        let mut buf = Vec::new();
        Text::str("ab").write_exact(&mut buf, 4);
        assert_eq!(buf, b"ab  ");
    }

    struct Failing;
    impl fmt::Display for Failing {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("part")?;
            Err(fmt::Error)
        }
    }

    #[test]
    fn limited_measure_cuts_at_a_char_boundary() {
        assert_eq!(Text::str("héllo").measure_limited(2), (1, true));
        assert_eq!(Text::str("héllo").measure_limited(30), (6, false));
        let n = 123456u32;
        assert_eq!(Text::display(&n).measure_limited(4), (4, true));
        assert_eq!(Text::display(&n).measure_limited(6), (6, false));
        let s = "aé";
        assert_eq!(Text::display(&s).measure_limited(2), (1, true));
        assert_eq!(Text::display(&s).measure_limited(usize::MAX), (3, false));
    }

    #[test]
    fn capture_keeps_the_bytes_it_measured() {
        let mut arena = None;
        // A `&str` needs no arena, and does not make one.
        assert_eq!(
            Text::str("abc").capture(usize::MAX, &mut arena),
            (3, false, None)
        );
        assert!(arena.is_none());
        let n = 123456u32;
        let (len, cut, at) = Text::display(&n).capture(usize::MAX, &mut arena);
        assert_eq!((len, cut), (6, false));
        assert_eq!(arena.as_ref().unwrap().get(at.unwrap(), len), b"123456");
        let s = "aé";
        let (len, cut, at) = Text::display(&s).capture(2, &mut arena);
        assert_eq!((len, cut), (1, true));
        assert_eq!(arena.as_ref().unwrap().get(at.unwrap(), len), b"a");
        // Too large for the arena: measured, not kept, and the arena is unchanged.
        let big = "x".repeat(Arena::SIZE + 1);
        let used = arena.as_ref().unwrap().used;
        let measured = Text::display(&big).capture(usize::MAX, &mut arena);
        assert_eq!(measured, (Arena::SIZE + 1, false, None));
        assert_eq!(arena.as_ref().unwrap().used, used);
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
        assert_eq!(
            write(Text::display(&Failing), 100),
            ("keypart".into(), false)
        );
    }

    #[test]
    fn failing_display_keeps_what_it_wrote() {
        let t = Text::display(&Failing);
        assert_eq!(t.measure(), 4);
        let mut buf = Vec::new();
        t.write_exact(&mut buf, 4);
        assert_eq!(buf, b"part");
    }
}
