//! A variant's details as the derive describes them: one call per variant, with the
//! `ErrorInfo`'s reason, domain and metadata keys as literal strings, each other standard
//! detail as the text of its attributes, and the fields the details show as [`Text`]s.
//!
//! ```text
//! ::rich_status::__private::details(
//!     __details,
//!     "TOO_MANY_GREETINGS",
//!     "greeter.example.com",
//!     "name",
//!     "quota_failure[77](subject[9] = f\"name: {0}\", description[30] = \"Limit one greeting per person.\")",
//!     (name,),
//! )
//! ```
//!
//! The metadata keys are separated by spaces; the metadata's values are the first values,
//! one per key; `{N}` in a detail's text is the value at index N. Values are references to
//! string types, written as they are, or [`Displayed`]. Doing the work here, in ordinary
//! functions, keeps what the derive generates per variant to one call of literals and
//! field references, which is what rustc compiles fastest (see BENCHMARKS.md, compile
//! time). Each text in the specs says its length, so reading them costs a few steps per
//! pair at each encode, however long the texts.
//!
//! The detail text's grammar, which only the derive writes:
//!
//! ```text
//! specs    = item (" " item)*                 one item per attribute; consecutive items
//!                                             of a kind make one detail
//! item     = kind "[" len "](" [pair (", " pair)*] ")"
//!                                             len is the length of the pairs in bytes
//! pair     = key "[" len "] = " ["f"] '"' text '"'
//!                                             keys in field order; len is the text's
//!                                             length in bytes; the text is any characters
//! template = (char | "{{" | "}}" | "{" index "}")*
//!                                             an "f" text: {N} is value N
//! ```
//!
//! `retry_info` takes one pair, `delay[N] = "Nns"`, in nanoseconds; `debug_info[0]()` marks
//! where the `DebugInfo` of [`details_debug`] goes. Text the derive did not write (an
//! unknown kind or key, a length that does not fit, a missing index) is skipped or ends
//! the items, never a panic.

use std::error::Error;
use std::fmt;
use std::time::Duration;

use crate::detail::type_url;
use crate::{Anys, DebugInfoRef, EncodeDetail, Fields, RetryInfoRef, Text};

/// Calls `sink` with the variant's `ErrorInfo` and the standard details `specs` describes,
/// in that order. `metadata` holds the metadata keys, separated by spaces (the derive
/// checks keys have none); `values` the fields the details show, metadata values first
/// (one per key), then the other values the templates refer to.
///
/// Generic only in the tuple of values, so each arm is one call with no temporary to
/// borrow: the rest is [`described`], compiled once in this crate.
#[inline]
pub fn details<'a, V: Values<'a>>(
    sink: &mut dyn FnMut(&[&dyn EncodeDetail]),
    reason: &'static str,
    domain: &'static str,
    metadata: &'static str,
    specs: &'static str,
    values: V,
) {
    described(
        sink,
        reason,
        domain,
        metadata,
        specs,
        values.texts().as_ref(),
        None,
    )
}

/// [`details`] for a variant with `debug_info`: the `DebugInfo` goes where `specs` has
/// `debug_info[0]()`, while the policy sends it, with the source chain of `source` as its
/// stack entries and the error's `Debug` as its detail.
#[inline]
#[allow(clippy::too_many_arguments)]
pub fn details_debug<'a, V: Values<'a>>(
    sink: &mut dyn FnMut(&[&dyn EncodeDetail]),
    reason: &'static str,
    domain: &'static str,
    metadata: &'static str,
    specs: &'static str,
    values: V,
    error: &dyn fmt::Debug,
    source: Option<&dyn Error>,
) {
    debugged(
        sink,
        reason,
        domain,
        metadata,
        specs,
        values.texts().as_ref(),
        error,
        source,
    )
}

/// [`details_debug`] with its values as `Text`s.
#[allow(clippy::too_many_arguments)]
fn debugged(
    sink: &mut dyn FnMut(&[&dyn EncodeDetail]),
    reason: &'static str,
    domain: &'static str,
    metadata: &'static str,
    specs: &'static str,
    values: &[Text<'_>],
    error: &dyn fmt::Debug,
    source: Option<&dyn Error>,
) {
    if !crate::policy::debug_info_enabled() {
        return described(sink, reason, domain, metadata, specs, values, None);
    }
    let text = crate::__private::DebugText(error);
    let mut debug_info = DebugInfoRef::new(&[]).with_detail(Text::display(&text));
    if let Some(source) = source {
        debug_info = debug_info.with_source_chain(source);
    }
    described(
        sink,
        reason,
        domain,
        metadata,
        specs,
        values,
        Some(&debug_info),
    )
}

/// [`details`] with its values as `Text`s, and the `DebugInfo` to send, if any, where
/// `specs` has `debug_info[0]()`.
fn described(
    sink: &mut dyn FnMut(&[&dyn EncodeDetail]),
    reason: &'static str,
    domain: &'static str,
    metadata: &'static str,
    specs: &'static str,
    values: &[Text<'_>],
    debug_info: Option<&dyn EncodeDetail>,
) {
    let error_info = DerivedErrorInfo {
        reason,
        domain,
        keys: metadata,
        values,
    };
    if specs.is_empty() {
        return sink(&[&error_info]);
    }
    sink(&[
        &error_info,
        &Specs {
            specs,
            values,
            debug_info,
        },
    ])
}

/// Every standard detail of a variant's specs, and its `DebugInfo` where the specs put
/// it: one entry of the status's list that writes each as an `Any` of its own, in the
/// order of the specs, reading them as it goes.
struct Specs<'a> {
    specs: &'static str,
    values: &'a [Text<'a>],
    debug_info: Option<&'a dyn EncodeDetail>,
}

impl EncodeDetail for Specs<'_> {
    fn type_url(&self) -> &str {
        ""
    }

    fn encode_fields(&self, _: &mut Fields<'_>) {}

    fn encode_anys(&self, anys: &mut Anys<'_, '_>) {
        for detail in self.details() {
            if detail.kind.shape != Shape::Debug {
                anys.push(&detail);
            } else if let Some(debug_info) = self.debug_info {
                debug_info.encode_anys(anys);
            }
        }
    }
}

impl<'a> Specs<'a> {
    /// The details, in order: consecutive items of one kind make one detail. The first
    /// malformed item, or one of a kind not in the catalogue, ends them.
    fn details(&self) -> impl Iterator<Item = Derived<'a>> {
        let specs = self.specs;
        let values = self.values;
        let mut items = Items { specs, at: 0 };
        let mut head = items.next();
        std::iter::from_fn(move || {
            let (kind, first) = head.take()?;
            let second = items.at;
            let mut end = second;
            head = loop {
                match items.next() {
                    Some((next, _)) if std::ptr::eq(next, kind) => end = items.at,
                    other => break other,
                }
            };
            Some(Derived {
                kind,
                first,
                specs,
                second,
                end,
                values,
            })
        })
    }
}

/// A field the derive passes to [`details`]: a reference to a string type, written as
/// it is, or [`Displayed`].
pub trait Value<'a> {
    /// The value as the encoder takes it.
    fn text(self) -> Text<'a>;
}

impl<'a, T: AsRef<str> + ?Sized> Value<'a> for &'a T {
    #[inline]
    fn text(self) -> Text<'a> {
        Text::str(self.as_ref())
    }
}

/// A field written through its `Display` implementation.
pub struct Displayed<'a>(pub &'a dyn fmt::Display);

impl<'a> Value<'a> for Displayed<'a> {
    #[inline]
    fn text(self) -> Text<'a> {
        Text::display(self.0)
    }
}

/// The tuple of [`Value`]s an arm passes to [`details`], up to 12 (the derive writes a
/// variant with more the long way).
pub trait Values<'a> {
    /// An array of as many `Text`s as the tuple has values.
    type Texts: AsRef<[Text<'a>]>;
    /// The values, in order, as `Text`s.
    fn texts(self) -> Self::Texts;
}

macro_rules! values {
    ($($len:literal: ($($value:ident)*))*) => {$(
        impl<'a, $($value: Value<'a>),*> Values<'a> for ($($value,)*) {
            type Texts = [Text<'a>; $len];
            #[inline]
            #[allow(non_snake_case)]
            fn texts(self) -> Self::Texts {
                let ($($value,)*) = self;
                [$($value.text()),*]
            }
        }
    )*};
}

values! {
    0: ()
    1: (A)
    2: (A B)
    3: (A B C)
    4: (A B C D)
    5: (A B C D E)
    6: (A B C D E F)
    7: (A B C D E F G)
    8: (A B C D E F G H)
    9: (A B C D E F G H I)
    10: (A B C D E F G H I J)
    11: (A B C D E F G H I J K)
    12: (A B C D E F G H I J K L)
}

/// `ErrorInfo` from literal keys and the first values.
struct DerivedErrorInfo<'a> {
    reason: &'static str,
    domain: &'static str,
    keys: &'static str,
    values: &'a [Text<'a>],
}

impl EncodeDetail for DerivedErrorInfo<'_> {
    fn type_url(&self) -> &str {
        type_url::ERROR_INFO
    }

    fn encode_fields(&self, fields: &mut Fields<'_>) {
        crate::detail::write_error_info(
            fields,
            Text::str(self.reason),
            Text::str(self.domain),
            Keys(self.keys)
                .zip(self.values)
                .map(|(key, value)| (Text::str(key), *value)),
        );
    }
}

/// The metadata keys, separated by spaces. A short byte scan: `str::split` costs the
/// ErrorInfo-only status a tenth more instructions.
struct Keys(&'static str);

impl Iterator for Keys {
    type Item = &'static str;

    #[inline]
    fn next(&mut self) -> Option<&'static str> {
        let keys = self.0.as_bytes();
        if keys.is_empty() {
            return None;
        }
        let mut end = 0;
        while end < keys.len() && keys[end] != b' ' {
            end += 1;
        }
        let key = &self.0[..end];
        self.0 = self.0.get(end + 1..).unwrap_or("");
        Some(key)
    }
}

/// A standard detail's kind: its name in the specs, its type URL, its keys in field
/// order (field numbers from 1), and how its items are written.
struct Kind {
    name: &'static str,
    type_url: &'static str,
    keys: &'static [&'static str],
    shape: Shape,
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Items are repeated messages in field 1, cut by the budget beyond the first.
    Violations,
    /// Items are repeated messages in field 1 (`Help` links), never cut one by one.
    Links,
    /// One item, its pairs the detail's own fields.
    Single,
    /// `RetryInfo`, from `delay` in nanoseconds.
    Retry,
    /// Where the variant's `DebugInfo` goes; written by [`details_debug`], not here.
    Debug,
}

const fn kind(
    name: &'static str,
    type_url: &'static str,
    keys: &'static [&'static str],
    shape: Shape,
) -> Kind {
    Kind {
        name,
        type_url,
        keys,
        shape,
    }
}

static KINDS: [Kind; 9] = [
    kind(
        "quota_failure",
        type_url::QUOTA_FAILURE,
        &[
            "subject",
            "description",
            "api_service",
            "quota_metric",
            "quota_id",
        ],
        Shape::Violations,
    ),
    kind(
        "precondition_failure",
        type_url::PRECONDITION_FAILURE,
        &["type", "subject", "description"],
        Shape::Violations,
    ),
    kind(
        "bad_request",
        type_url::BAD_REQUEST,
        &["field", "description", "reason"],
        Shape::Violations,
    ),
    kind(
        "help",
        type_url::HELP,
        &["description", "url"],
        Shape::Links,
    ),
    kind(
        "resource_info",
        type_url::RESOURCE_INFO,
        &["resource_type", "resource_name", "owner", "description"],
        Shape::Single,
    ),
    kind(
        "request_info",
        type_url::REQUEST_INFO,
        &["request_id", "serving_data"],
        Shape::Single,
    ),
    kind(
        "localized_message",
        type_url::LOCALIZED_MESSAGE,
        &["locale", "message"],
        Shape::Single,
    ),
    kind("retry_info", type_url::RETRY_INFO, &["delay"], Shape::Retry),
    kind("debug_info", type_url::DEBUG_INFO, &[], Shape::Debug),
];

/// Which of `names` `bytes` starts with, followed by `[`: its index and length. Names
/// are matched where they stand, not scanned for: a first byte rules out most.
#[inline]
fn name_at<'n>(bytes: &[u8], names: impl Iterator<Item = &'n str>) -> Option<(usize, usize)> {
    let first = *bytes.first()?;
    names.enumerate().find_map(|(index, name)| {
        let name = name.as_bytes();
        (name.first() == Some(&first)
            && bytes.get(name.len()) == Some(&b'[')
            && &bytes[..name.len()] == name)
            .then_some((index, name.len()))
    })
}

/// `[len]` at `i`: the length, and where the text after the `]` starts.
#[inline]
fn length_at(bytes: &[u8], mut i: usize) -> Option<(usize, usize)> {
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let digits = i;
    let mut len = 0usize;
    while let Some(digit) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
        len = len
            .checked_mul(10)?
            .checked_add(usize::from(digit - b'0'))?;
        i += 1;
    }
    if i == digits || bytes.get(i) != Some(&b']') {
        return None;
    }
    Some((len, i + 1))
}

/// One standard detail: its kind and where the text of its items is in the variant's
/// specs, from the first item's kind name to the end of the last.
#[derive(Clone, Copy)]
struct Derived<'a> {
    kind: &'static Kind,
    /// The first item's pairs, read when the detail was found.
    first: Pairs,
    specs: &'static str,
    /// Where the item after the first starts.
    second: usize,
    end: usize,
    values: &'a [Text<'a>],
}

impl Derived<'_> {
    /// The pairs of each of the detail's items.
    fn items(&self) -> impl Iterator<Item = Pairs> {
        let rest = Items {
            specs: self.specs.get(..self.end).unwrap_or(""),
            at: self.second,
        };
        std::iter::once(self.first).chain(rest.map(|(_, pairs)| pairs))
    }
}

impl EncodeDetail for Derived<'_> {
    fn type_url(&self) -> &str {
        self.kind.type_url
    }

    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let mut items = self.items();
        match self.kind.shape {
            Shape::Single => {
                if let Some(pairs) = items.next() {
                    write_pairs(fields, pairs, self.values);
                }
            }
            Shape::Retry => {
                let delay = items
                    .next()
                    .and_then(|mut pairs| pairs.next())
                    .and_then(|pair| pair.text.strip_suffix("ns")?.parse::<u64>().ok())
                    .unwrap_or(0);
                RetryInfoRef::new(Duration::from_nanos(delay)).encode_fields(fields);
            }
            // Never in the list `described` hands on.
            Shape::Debug => {}
            shape => {
                let keep = match shape {
                    Shape::Violations => fields.cut().violations,
                    _ => usize::MAX,
                };
                for (written, pairs) in items.enumerate() {
                    if written == keep {
                        fields.note(crate::budget::effect::VIOLATIONS);
                        break;
                    }
                    fields.message(1, |item| write_pairs(item, pairs, self.values));
                }
            }
        }
    }
}

/// The `kind[len](pairs)` items of a variant's specs, from `at`: each item's kind and
/// its pairs. Names are matched in place and items and texts say their lengths, so
/// reading an item or a pair costs a few steps whatever its length. The first
/// malformed item ends the items.
struct Items {
    specs: &'static str,
    at: usize,
}

impl Iterator for Items {
    type Item = (&'static Kind, Pairs);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let text = self.specs;
        let bytes = text.as_bytes();
        let mut i = self.at;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let (index, name_len) = name_at(bytes.get(i..)?, KINDS.iter().map(|k| k.name))?;
        let kind = &KINDS[index];
        let (len, i) = length_at(bytes, i + name_len)?;
        let (pairs, after) = enclosed(text, i, len, b'(', b')')?;
        self.at = after;
        Some((
            kind,
            Pairs {
                text: pairs,
                keys: kind.keys,
            },
        ))
    }
}

/// The `len` bytes at `i` between `open` and `close`, and where the text after `close`
/// starts.
#[inline(always)]
fn enclosed(
    text: &'static str,
    i: usize,
    len: usize,
    open: u8,
    close: u8,
) -> Option<(&'static str, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&open) {
        return None;
    }
    let end = (i + 1).checked_add(len)?;
    let inside = text.get(i + 1..end)?;
    (bytes.get(end) == Some(&close)).then_some((inside, end + 1))
}

/// One `key[len] = "text"` pair: the key's field number, and the text, which is
/// written as it is, or, with an `f` before its opening quote (`key[len] = f"text"`), a
/// template of `{N}` placeholders with `{{` and `}}` for braces. `len` is the text's
/// length in bytes, so a text holds any character, quotes included, with no escapes.
#[derive(Debug, PartialEq)]
struct Pair {
    field: u32,
    text: &'static str,
    template: bool,
}

/// The pairs of an item (the text between its parentheses), with its kind's keys.
#[derive(Clone, Copy)]
struct Pairs {
    text: &'static str,
    keys: &'static [&'static str],
}

impl Iterator for Pairs {
    type Item = Pair;

    #[inline(always)]
    fn next(&mut self) -> Option<Pair> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while matches!(bytes.get(i), Some(b',' | b' ')) {
            i += 1;
        }
        let (index, key_len) = name_at(bytes.get(i..)?, self.keys.iter().copied())?;
        let (len, mut i) = length_at(bytes, i + key_len)?;
        if bytes.get(i..i + 3) != Some(b" = ") {
            return None;
        }
        i += 3;
        let template = bytes.get(i) == Some(&b'f');
        i += usize::from(template);
        let (value, after) = enclosed(text, i, len, b'"', b'"')?;
        self.text = &text[after..];
        Some(Pair {
            field: index as u32 + 1,
            text: value,
            template,
        })
    }
}

/// Writes each pair as the string field its key is, in the order given (the derive
/// writes them in field order).
fn write_pairs(fields: &mut Fields<'_>, pairs: Pairs, values: &[Text<'_>]) {
    for pair in pairs {
        let field = pair.field;
        if !pair.template {
            fields.string(field, Text::str(pair.text));
            continue;
        }
        match Template::classify(pair.text, values) {
            Ok(text) => fields.string(field, text),
            Err(template) => fields.string(field, Text::display(&template)),
        }
    }
}

/// A template with placeholders or escaped braces, written by walking it.
struct Template<'a> {
    template: &'static str,
    values: &'a [Text<'a>],
}

impl<'a> Template<'a> {
    /// A `Text` needing no walk (the template is exactly one `{N}`), or the template to
    /// walk.
    fn classify(template: &'static str, values: &'a [Text<'a>]) -> Result<Text<'a>, Self> {
        if let Some(index) = template
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .and_then(index)
        {
            return Ok(values.get(index).copied().unwrap_or(Text::EMPTY));
        }
        Err(Template { template, values })
    }
}

/// `N` of `{N}`: digits only.
fn index(digits: &str) -> Option<usize> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl fmt::Display for Template<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.template;
        while let Some(at) = rest.bytes().position(|b| matches!(b, b'{' | b'}')) {
            f.write_str(&rest[..at])?;
            let special = &rest[at..];
            let len = match special.as_bytes() {
                // An escaped brace: `{{` or `}}`.
                [b'{', b'{', ..] | [b'}', b'}', ..] => {
                    f.write_str(&special[1..2])?;
                    2
                }
                [b'{', ..] => match special.bytes().position(|b| b == b'}') {
                    Some(close) => {
                        if let Some(value) =
                            index(&special[1..close]).and_then(|i| self.values.get(i))
                        {
                            fmt::Display::fmt(value, f)?;
                        }
                        close + 1
                    }
                    None => special.len(),
                },
                // A stray `}`: left out.
                _ => 1,
            };
            rest = &special[len..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &'static str, values: &[Text<'_>]) -> String {
        match Template::classify(template, values) {
            Ok(text) => text.to_string(),
            Err(template) => template.to_string(),
        }
    }

    #[test]
    fn templates_render_values_and_braces() {
        let name = String::from("Ada");
        let id = 7u32;
        let values = [Text::str(&name), Text::display(&id)];
        assert_eq!(render("plain \"q\" \\", &values), "plain \"q\" \\");
        assert_eq!(render("{1}", &values), "7");
        assert_eq!(render("name: {0} ({1})", &values), "name: Ada (7)");
        assert_eq!(render("{{{0}}}", &values), "{Ada}");
        assert_eq!(render("ünïcode {0}", &values), "ünïcode Ada");
    }

    #[test]
    fn text_the_derive_did_not_write_is_skipped() {
        let values = [Text::str("v")];
        assert_eq!(render("{9}", &values), "");
        assert_eq!(render("a {x} b", &values), "a  b");
        assert_eq!(render("a { b", &values), "a ");
        assert_eq!(render("a } b", &values), "a  b");
        let kinds = |specs: &'static str| {
            let specs = Specs {
                specs,
                values: &values,
                debug_info: None,
            };
            specs
                .details()
                .map(|d| (d.kind.type_url, d.items().count()))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("nonsense[10](a[1] = \"b\")"), []);
        assert_eq!(kinds("no brackets(a[1] = \"b\")"), []);
        assert_eq!(
            kinds("help[12](url[1] = \"u\") help[14](url[3] = \"(v)\") bad_request[1](x"),
            [(type_url::HELP, 2)]
        );
        assert_eq!(
            kinds(
                "help[0]() bad_request[0]() help[0]() quota_failure[0]() precondition_failure[0]()"
            ),
            [
                (type_url::HELP, 1),
                (type_url::BAD_REQUEST, 1),
                (type_url::HELP, 1),
                (type_url::QUOTA_FAILURE, 1),
                (type_url::PRECONDITION_FAILURE, 1),
            ]
        );
        assert_eq!(
            kinds("help[0]() nonsense[0]() bad_request[0]()"),
            [(type_url::HELP, 1)]
        );
        // Lengths that do not fit, a missing quote or bracket: the items end there, or
        // the item's pairs do.
        for malformed in [
            "help[9](url)",
            "help[12](url[1] = \"u\"",
            "help[x](url[1] = \"u\")",
            "help[18446744073709551616]()",
            "help[1(",
        ] {
            assert_eq!(kinds(malformed), [], "{malformed}");
        }
        for malformed in [
            "url[9] = \"u\"",
            "url[1] = \"u",
            "url[x] = \"u\"",
            "url[1 = \"u\"",
            "url[1] \"u\"",
            "url[3] = \"é\"",
            "url[1] = \"é\"",
            "url[18446744073709551616] = \"u\"",
        ] {
            let mut pairs = Pairs {
                text: malformed,
                keys: &["url"],
            };
            assert_eq!(pairs.next(), None, "{malformed}");
        }
        assert_eq!(Keys("a bb c").collect::<Vec<_>>(), ["a", "bb", "c"]);
        assert_eq!(Keys("a  é ").collect::<Vec<_>>(), ["a", "", "é"]);
        assert_eq!(Keys("").next(), None);
        let pairs = Pairs {
            text: "b[1] = \"x\", bb[4] = f\"y\"){\", c[0] = \"\"",
            keys: &["bb", "b", "a"],
        };
        assert_eq!(
            pairs.collect::<Vec<_>>(),
            [
                Pair {
                    field: 2,
                    text: "x",
                    template: false
                },
                Pair {
                    field: 1,
                    text: "y\"){",
                    template: true
                }
            ]
        );
    }
}
