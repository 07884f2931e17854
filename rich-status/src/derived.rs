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
//!     "quota_failure(subject = \"name: {0}\", description = \"Limit one greeting per person.\")",
//!     (name,),
//! )
//! ```
//!
//! The metadata keys are separated by spaces; the metadata's values are the first values,
//! one per key; `{N}` in a detail's text is the value at index N. Values are references to
//! string types, written as they are, or [`Displayed`]. Doing the work here, in ordinary
//! functions, keeps what the derive generates per variant to one call of literals and
//! field references, which is what rustc compiles fastest (see BENCHMARKS.md, compile
//! time); the text costs a short scan per encode.
//!
//! The detail text's grammar, which only the derive writes:
//!
//! ```text
//! specs    = item (" " item)*                    one item per attribute; consecutive
//!                                                items of a kind make one detail
//! item     = kind "(" [pair (", " pair)*] ")"
//! pair     = key " = " '"' template '"'          keys in field order
//! template = (char | "\\\"" | "\\\\" | "{{" | "}}" | "{" index "}")*
//! ```
//!
//! `retry_info` takes one pair, `delay = "Nns"`, in nanoseconds. Text the derive did not write (an
//! unknown kind or key, a missing quote or index) is skipped, never a panic.

use std::fmt;
use std::time::Duration;

use crate::detail::type_url;
use crate::{EncodeDetail, Fields, RetryInfoRef, Text};

/// The most standard details besides `ErrorInfo` a variant can have: one of each kind.
const MAX_DETAILS: usize = 8;

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
    )
}

/// [`details`] with its values as `Text`s.
fn described(
    sink: &mut dyn FnMut(&[&dyn EncodeDetail]),
    reason: &'static str,
    domain: &'static str,
    metadata: &'static str,
    specs: &'static str,
    values: &[Text<'_>],
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
    let mut derived = [Derived::EMPTY; MAX_DETAILS];
    let len = Derived::parse_all(specs, values, &mut derived);
    let mut list: [&dyn EncodeDetail; MAX_DETAILS + 1] = [&error_info; MAX_DETAILS + 1];
    for (place, detail) in list[1..].iter_mut().zip(&derived[..len]) {
        *place = detail;
    }
    sink(&list[..=len])
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

/// A standard detail's kind: its type URL, its keys in field order (field numbers from
/// 1), and how its items are written.
struct Kind {
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
}

fn kind(name: &str) -> Option<&'static Kind> {
    const fn k(type_url: &'static str, keys: &'static [&'static str], shape: Shape) -> Kind {
        Kind {
            type_url,
            keys,
            shape,
        }
    }
    static QUOTA_FAILURE: Kind = k(
        type_url::QUOTA_FAILURE,
        &[
            "subject",
            "description",
            "api_service",
            "quota_metric",
            "quota_id",
        ],
        Shape::Violations,
    );
    static PRECONDITION_FAILURE: Kind = k(
        type_url::PRECONDITION_FAILURE,
        &["type", "subject", "description"],
        Shape::Violations,
    );
    static BAD_REQUEST: Kind = k(
        type_url::BAD_REQUEST,
        &["field", "description", "reason"],
        Shape::Violations,
    );
    static HELP: Kind = k(type_url::HELP, &["description", "url"], Shape::Links);
    static RESOURCE_INFO: Kind = k(
        type_url::RESOURCE_INFO,
        &["resource_type", "resource_name", "owner", "description"],
        Shape::Single,
    );
    static REQUEST_INFO: Kind = k(
        type_url::REQUEST_INFO,
        &["request_id", "serving_data"],
        Shape::Single,
    );
    static LOCALIZED_MESSAGE: Kind = k(
        type_url::LOCALIZED_MESSAGE,
        &["locale", "message"],
        Shape::Single,
    );
    static RETRY_INFO: Kind = k(type_url::RETRY_INFO, &["delay"], Shape::Retry);
    Some(match name {
        "quota_failure" => &QUOTA_FAILURE,
        "precondition_failure" => &PRECONDITION_FAILURE,
        "bad_request" => &BAD_REQUEST,
        "help" => &HELP,
        "resource_info" => &RESOURCE_INFO,
        "request_info" => &REQUEST_INFO,
        "localized_message" => &LOCALIZED_MESSAGE,
        "retry_info" => &RETRY_INFO,
        _ => return None,
    })
}

/// One standard detail: its kind and where the text of its items is in the variant's
/// specs, from the first item's `(`.
#[derive(Clone, Copy)]
struct Derived<'a> {
    kind: &'static Kind,
    specs: &'static str,
    start: usize,
    end: usize,
    values: &'a [Text<'a>],
}

impl<'a> Derived<'a> {
    /// Fills the unused places of [`details`]' array; never written.
    const EMPTY: Derived<'static> = Derived {
        kind: &Kind {
            type_url: "",
            keys: &[],
            shape: Shape::Single,
        },
        specs: "",
        start: 0,
        end: 0,
        values: &[],
    };

    /// Splits `specs` into details, consecutive items of one kind making one detail,
    /// and returns how many it wrote into `out`. Items of an unknown kind are skipped;
    /// the first malformed item ends the list.
    fn parse_all(specs: &'static str, values: &'a [Text<'a>], out: &mut [Self]) -> usize {
        let capacity = out.len();
        let mut len = 0;
        let mut at = 0;
        while let Some(open) = specs[at..].find('(').map(|open| at + open) {
            let Some(close) = pairs_end(&specs[open + 1..]).map(|end| open + 1 + end) else {
                break;
            };
            let end = close + 1;
            if let Some(kind) = kind(specs[at..open].trim()) {
                match out[..len].last_mut() {
                    Some(last) if std::ptr::eq(last.kind, kind) => last.end = end,
                    _ if len == capacity => break,
                    _ => {
                        out[len] = Derived {
                            kind,
                            specs,
                            start: open,
                            end,
                            values,
                        };
                        len += 1;
                    }
                }
            }
            at = end;
        }
        len
    }
}

impl EncodeDetail for Derived<'_> {
    fn type_url(&self) -> &str {
        self.kind.type_url
    }

    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let mut rest = self.specs.get(self.start..self.end).unwrap_or("");
        match self.kind.shape {
            Shape::Single => {
                if let Some(body) = item_body(&mut rest) {
                    write_pairs(fields, self.kind.keys, body, self.values);
                }
            }
            Shape::Retry => {
                let delay = item_body(&mut rest)
                    .and_then(|body| Pairs(body).next())
                    .and_then(|(_, value)| value.strip_suffix("ns")?.parse::<u64>().ok())
                    .unwrap_or(0);
                RetryInfoRef::new(Duration::from_nanos(delay)).encode_fields(fields);
            }
            shape => {
                let keep = match shape {
                    Shape::Violations => fields.cut().violations,
                    _ => usize::MAX,
                };
                let mut written = 0;
                while let Some(body) = item_body(&mut rest) {
                    if written == keep {
                        fields.note(crate::budget::effect::VIOLATIONS);
                        break;
                    }
                    written += 1;
                    fields.message(1, |item| {
                        write_pairs(item, self.kind.keys, body, self.values)
                    });
                }
            }
        }
    }
}

/// The next item's pairs (between its parentheses), advancing `rest` past it.
fn item_body(rest: &mut &'static str) -> Option<&'static str> {
    let open = rest.find('(')?;
    let body = &rest[open + 1..];
    let end = pairs_end(body)?;
    *rest = &body[end..];
    Some(&body[..end])
}

/// Where the `)` closing a list of pairs is: the first one outside quotes.
fn pairs_end(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b')' => return Some(i),
            b'"' => i += 1 + quoted_len(&bytes[i + 1..])? + 1,
            _ => i += 1,
        }
    }
    None
}

/// The length of a quoted template's contents, up to its closing quote.
fn quoted_len(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some(i),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// `key = "template"` pairs, each as the key and the template's raw contents.
struct Pairs(&'static str);

impl Iterator for Pairs {
    type Item = (&'static str, &'static str);

    fn next(&mut self) -> Option<Self::Item> {
        let (key, rest) = self.0.split_once(" = \"")?;
        let key = key.trim_start_matches([',', ' ']);
        let len = quoted_len(rest.as_bytes())?;
        self.0 = rest.get(len + 1..).unwrap_or("");
        Some((key, &rest[..len]))
    }
}

/// Writes each pair as the string field its key is, in the order given (the derive
/// writes them in field order).
fn write_pairs(fields: &mut Fields<'_>, keys: &[&str], body: &'static str, values: &[Text<'_>]) {
    for (key, template) in Pairs(body) {
        let Some(field) = keys.iter().position(|k| *k == key) else {
            continue;
        };
        let field = field as u32 + 1;
        match Template::classify(template, values) {
            Ok(text) => fields.string(field, text),
            Err(template) => fields.string(field, Text::display(&template)),
        }
    }
}

/// A template with placeholders or escapes, written by walking it.
struct Template<'a> {
    template: &'static str,
    values: &'a [Text<'a>],
}

impl<'a> Template<'a> {
    /// A `Text` needing no walk (the template is plain text, or exactly one `{N}`), or
    /// the template to walk.
    fn classify(template: &'static str, values: &'a [Text<'a>]) -> Result<Text<'a>, Self> {
        let bytes = template.as_bytes();
        if !bytes.iter().any(|b| matches!(b, b'{' | b'}' | b'\\')) {
            return Ok(Text::str(template));
        }
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
        while let Some(at) = rest.find(['{', '}', '\\']) {
            f.write_str(&rest[..at])?;
            let special = &rest[at..];
            let len = match special.as_bytes() {
                // An escaped character: `\"`, `\\`, `{{`, `}}`.
                [b'\\', b'"' | b'\\', ..] | [b'{', b'{', ..] | [b'}', b'}', ..] => {
                    f.write_str(&special[1..2])?;
                    2
                }
                [b'{', ..] => match special.find('}') {
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
                // A stray `}` or `\`: left out.
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
    fn templates_render_values_and_escapes() {
        let name = String::from("Ada");
        let id = 7u32;
        let values = [Text::str(&name), Text::display(&id)];
        assert_eq!(render("plain", &values), "plain");
        assert_eq!(render("{1}", &values), "7");
        assert_eq!(render("name: {0} ({1})", &values), "name: Ada (7)");
        assert_eq!(render(r#"{{{0}}} \"q\" \\"#, &values), r#"{Ada} "q" \"#);
        assert_eq!(render("ünïcode {0}", &values), "ünïcode Ada");
    }

    #[test]
    fn text_the_derive_did_not_write_is_skipped() {
        let values = [Text::str("v")];
        assert_eq!(render("{9}", &values), "");
        assert_eq!(render("a {x} b", &values), "a  b");
        assert_eq!(render("a { b", &values), "a ");
        assert_eq!(render("a } b", &values), "a  b");
        assert_eq!(render("trailing \\", &values), "trailing ");
        assert_eq!(render("\\é", &values), "é");
        let kinds = |specs: &'static str| {
            let mut out = [Derived::EMPTY; 3];
            let len = Derived::parse_all(specs, &values, &mut out);
            out[..len]
                .iter()
                .map(|d| (d.kind.type_url, &specs[d.start..d.end]))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("nonsense(a = \"b\")"), []);
        assert_eq!(kinds("no parenthesis"), []);
        assert_eq!(
            kinds("help(url = \"u\") help(url = \"(v)\") bad_request(field = \"f\""),
            [(type_url::HELP, "(url = \"u\") help(url = \"(v)\")")]
        );
        assert_eq!(
            kinds(
                "help() nonsense(x = \"y\") bad_request() help() quota_failure() precondition_failure()"
            ),
            [
                (type_url::HELP, "()"),
                (type_url::BAD_REQUEST, "()"),
                (type_url::HELP, "()"),
            ]
        );
        let mut rest = "(a = \"unclosed)";
        assert_eq!(item_body(&mut rest), None);
        assert_eq!(Keys("a bb c").collect::<Vec<_>>(), ["a", "bb", "c"]);
        assert_eq!(Keys("a  é ").collect::<Vec<_>>(), ["a", "", "é"]);
        assert_eq!(Keys("").next(), None);
        let pairs: Vec<_> = Pairs("a = \"x\", b = \"y\\\"z\"").collect();
        assert_eq!(pairs, [("a", "x"), ("b", "y\\\"z")]);
    }
}
