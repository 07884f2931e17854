//! A variant's details as the derive describes them: one call per variant, with the
//! `ErrorInfo`'s reason, domain and metadata keys as literal strings, each other standard
//! detail as the text of its attributes, and the fields the details show as [`Text`]s.
//!
//! ```text
//! ::rich_status::__private::details(
//!     __details,
//!     "TOO_MANY_GREETINGS",
//!     "greeter.example.com",
//!     &["name"],
//!     &["quota_failure(subject = \"name: {0}\", description = \"Limit one greeting per person.\")"],
//!     &[::rich_status::Text::str(name)],
//! )
//! ```
//!
//! The metadata's values are the first `Text`s, one per key; `{N}` in a detail's text is
//! the `Text` at index N. Doing the work here, in one ordinary function, keeps what the
//! derive generates per variant to one call of literals, which is what rustc compiles
//! fastest (see BENCHMARKS.md, compile time); the text costs a short scan per encode.
//!
//! The detail text's grammar, which only the derive writes:
//!
//! ```text
//! detail   = item (" " item)*                    one item per attribute; list kinds repeat
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
/// in that order. `values` holds the metadata values first (one per key of `metadata`),
/// then the other values the templates refer to.
pub fn details(
    sink: &mut dyn FnMut(&[&dyn EncodeDetail]),
    reason: &'static str,
    domain: &'static str,
    metadata: &'static [&'static str],
    specs: &'static [&'static str],
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
    let mut len = 0;
    for spec in specs {
        if len == MAX_DETAILS {
            break;
        }
        if let Some(detail) = Derived::parse(spec, values) {
            derived[len] = detail;
            len += 1;
        }
    }
    let mut list: [&dyn EncodeDetail; MAX_DETAILS + 1] = [&error_info; MAX_DETAILS + 1];
    for (place, detail) in list[1..].iter_mut().zip(&derived[..len]) {
        *place = detail;
    }
    sink(&list[..=len])
}

/// `ErrorInfo` from literal keys and the first values.
struct DerivedErrorInfo<'a> {
    reason: &'static str,
    domain: &'static str,
    keys: &'static [&'static str],
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
            self.keys
                .iter()
                .zip(self.values)
                .map(|(key, value)| (Text::str(key), *value)),
        );
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

/// One standard detail: its kind and the text of its items, from the first `(`.
#[derive(Clone, Copy)]
struct Derived<'a> {
    kind: &'static Kind,
    items: &'static str,
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
        items: "",
        values: &[],
    };

    fn parse(spec: &'static str, values: &'a [Text<'a>]) -> Option<Self> {
        let open = spec.find('(')?;
        Some(Derived {
            kind: kind(&spec[..open])?,
            items: &spec[open..],
            values,
        })
    }
}

impl EncodeDetail for Derived<'_> {
    fn type_url(&self) -> &str {
        self.kind.type_url
    }

    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let mut rest = self.items;
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
        assert!(Derived::parse("nonsense(a = \"b\")", &values).is_none());
        assert!(Derived::parse("no parenthesis", &values).is_none());
        let mut rest = "(a = \"unclosed)";
        assert_eq!(item_body(&mut rest), None);
        let pairs: Vec<_> = Pairs("a = \"x\", b = \"y\\\"z\"").collect();
        assert_eq!(pairs, [("a", "x"), ("b", "y\\\"z")]);
    }
}
