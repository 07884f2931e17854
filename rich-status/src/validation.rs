//! Invalid requests: a validation library's report as the field violations of a
//! `google.rpc.BadRequest`.
//!
//! [`FieldViolations`] is what a `#[rich_status(bad_request)]` field and
//! [`DetailWriter::field_violations`] take: owned
//! [`FieldViolation`]s, and with the features of the same names `validator`'s
//! `ValidationErrors`, `garde`'s `Report` and `prost-protovalidate`'s `ValidationError`
//! (feature `protovalidate`: buf.validate rules over prost messages), one violation per
//! failed rule. Any other
//! library's report joins them by implementing the trait, with [`FieldPath`] to name its
//! fields as `BadRequest` does.
//!
//! ```
//! # #[cfg(feature = "validator")] {
//! use rich_status::StatusExt;
//! use validator::Validate;
//!
//! #[derive(Validate)]
//! struct Signup {
//!     #[validate(email)]
//!     email: String,
//!     #[validate(length(min = 3))]
//!     name: String,
//! }
//!
//! let report = Signup { email: "ada".into(), name: "Ad".into() }.validate().unwrap_err();
//! let status = rich_status::validation::invalid_request(&report, "signup.example.com");
//!
//! let details = status.rich_details().unwrap();
//! assert_eq!(status.code(), tonic::Code::InvalidArgument);
//! assert_eq!(details.error_info().unwrap().reason, "INVALID_REQUEST");
//! let violations = details.bad_request().unwrap().field_violations;
//! assert_eq!(violations[0].field, "email");
//! assert_eq!(violations[0].reason, "EMAIL");
//! assert_eq!(violations[0].description, "Must be a valid email address.");
//! assert_eq!(violations[1].field, "name");
//! assert_eq!(violations[1].description, "Must have a length of at least 3.");
//! # }
//! ```
//!
//! Field paths are written as `google.rpc.BadRequest` defines them: dot-separated field
//! names (a prost message's Rust field names are its protobuf field names), a list item
//! as `name[i]` counted from 0, a map entry as `name.key`, the key in backticks when it
//! is not a plain identifier (AIP-161): `email`, `address.street`, `items[2].name`,
//! ``labels.`a.b` ``. The axum path's JSON body writes them in JSON names
//! ([`json_path`]).

use std::fmt::{self, Write as _};

use tonic::{Code, Status};

use crate::DetailWriter;
use crate::pb::bad_request::FieldViolation;

#[cfg(feature = "garde")]
mod garde;
#[cfg(feature = "protovalidate")]
mod protovalidate;
#[cfg(feature = "validator")]
mod validator;

/// Violations of request fields that a `google.rpc.BadRequest` can carry: owned
/// [`FieldViolation`]s, a validation library's report, or a type of your own.
///
/// A field marked `#[rich_status(bad_request)]` must implement it; its violations join
/// the variant's other field violations in one `BadRequest`.
///
/// ```
/// use rich_status::{DetailWriter, StatusExt, pb::bad_request::FieldViolation};
/// use rich_status::validation::{FieldPath, FieldViolations};
///
/// /// Another validation library's report: field names and what is wrong.
/// struct Problems(Vec<(&'static str, usize, &'static str)>);
///
/// impl FieldViolations for Problems {
///     fn write_to(&self, w: &mut DetailWriter<'_>) {
///         for (list, index, problem) in &self.0 {
///             let path = FieldPath::new().field(list).index(*index);
///             w.field_violation(path, problem).reason("BAD_ITEM");
///         }
///     }
///
///     fn from_received(_: impl Iterator<Item = FieldViolation>) -> Self {
///         Problems(Vec::new()) // the report does not cross the wire
///     }
/// }
///
/// let problems = Problems(vec![("items", 2, "Out of stock.")]);
/// let status = rich_status::status(tonic::Code::InvalidArgument, "bad", |w| {
///     w.field_violations(&problems);
/// });
/// let v = &status.rich_details().unwrap().bad_request().unwrap().field_violations[0];
/// assert_eq!((v.field.as_str(), v.description.as_str()), ("items[2]", "Out of stock."));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot give the field violations of a `google.rpc.BadRequest`",
    label = "`#[rich_status(bad_request)]` takes a type that implements `rich_status::validation::FieldViolations`",
    note = "`Vec<rich_status::pb::bad_request::FieldViolation>` does; so do `validator::ValidationErrors`, `garde::Report` and `prost_protovalidate::ValidationError` with rich-status's features `validator`, `garde` and `protovalidate`"
)]
pub trait FieldViolations {
    /// Writes each violation with [`DetailWriter::field_violation`] (or owned ones with
    /// `field_violations`), in an order that depends only on the violations, so that the
    /// same request always gives the same bytes.
    fn write_to(&self, writer: &mut DetailWriter<'_>);

    /// The value a decoded error holds for a field of this type, given the violations
    /// that arrived for it. A report that does not cross the wire gives its `Default`;
    /// the violations stay readable from the status's details.
    fn from_received(violations: impl Iterator<Item = FieldViolation>) -> Self
    where
        Self: Sized;
}

impl FieldViolations for [FieldViolation] {
    fn write_to(&self, writer: &mut DetailWriter<'_>) {
        writer.owned_field_violations(self);
    }
}

impl FieldViolations for Vec<FieldViolation> {
    fn write_to(&self, writer: &mut DetailWriter<'_>) {
        writer.owned_field_violations(self);
    }

    fn from_received(violations: impl Iterator<Item = FieldViolation>) -> Self {
        violations.collect()
    }
}

/// The status of a request that `violations` refused, for a handler without an error
/// enum: `INVALID_ARGUMENT`, "The request is invalid.", an `ErrorInfo` with reason
/// `INVALID_REQUEST` and `domain`, and a `BadRequest` of the violations.
///
/// ```
/// # #[cfg(feature = "garde")] {
/// use garde::Validate;
/// use rich_status::StatusExt;
///
/// #[derive(Validate)]
/// struct Rename {
///     #[garde(length(min = 1))]
///     name: String,
/// }
///
/// fn rename(request: Rename) -> Result<(), tonic::Status> {
///     request
///         .validate()
///         .map_err(|report| rich_status::validation::invalid_request(&report, "files.example.com"))?;
///     Ok(())
/// }
///
/// let status = rename(Rename { name: String::new() }).unwrap_err();
/// let v = &status.rich_details().unwrap().bad_request().unwrap().field_violations[0];
/// assert_eq!(v.field, "name");
/// # }
/// ```
pub fn invalid_request(violations: &(impl FieldViolations + ?Sized), domain: &str) -> Status {
    crate::status(Code::InvalidArgument, "The request is invalid.", |w| {
        w.error_info("INVALID_REQUEST", domain);
        w.field_violations(violations);
    })
}

/// A field path as `google.rpc.BadRequest` writes it, built one step at a time:
/// `.field("items").index(2).field("name")` is `items[2].name`,
/// `.field("labels").key("a.b")` is ``labels.`a.b` ``.
///
/// ```
/// use rich_status::validation::FieldPath;
///
/// let path = FieldPath::new().field("labels").key("env").key("a.b").key("x`y");
/// assert_eq!(path.to_string(), "labels.env.`a.b`.`x``y`");
/// assert_eq!(FieldPath::new().index(0).field("name").to_string(), "[0].name");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(String);

impl FieldPath {
    /// The empty path: the request itself.
    pub fn new() -> Self {
        FieldPath::default()
    }

    /// The field `name` of what the path names so far.
    pub fn field(mut self, name: &str) -> Self {
        self.dot();
        self.0.push_str(name);
        self
    }

    /// The item at `index` (from 0) of the list the path names.
    pub fn index(mut self, index: usize) -> Self {
        let _ = write!(self.0, "[{index}]");
        self
    }

    /// The entry at `key` of the map the path names: the key as it is when a plain
    /// identifier, else in backticks, a backtick in it doubled.
    pub fn key(mut self, key: &str) -> Self {
        self.dot();
        if is_identifier(key) {
            self.0.push_str(key);
        } else {
            self.0.push('`');
            self.0.push_str(&key.replace('`', "``"));
            self.0.push('`');
        }
        self
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn dot(&mut self) {
        if !self.0.is_empty() {
            self.0.push('.');
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One step of a path that a report gives in parts.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
#[allow(dead_code)] // each library gives only some kinds of steps
enum Step<'a> {
    Field(&'a str),
    Index(usize),
    Key(std::borrow::Cow<'a, str>),
}

/// Writes each of `failed` by `write`, with its path, in the order of the paths (list
/// items by index); the rules of one field keep their order.
#[cfg(any(feature = "validator", feature = "garde", feature = "protovalidate"))]
fn in_path_order<T>(
    writer: &mut DetailWriter<'_>,
    mut failed: Vec<(Vec<Step<'_>>, T)>,
    mut write: impl FnMut(&mut DetailWriter<'_>, FieldPath, T),
) {
    failed.sort_by(|(a, _), (b, _)| a.cmp(b));
    for (steps, item) in failed {
        let path = steps
            .iter()
            .fold(FieldPath::new(), |path, step| match step {
                Step::Field(name) => path.field(name),
                Step::Index(index) => path.index(*index),
                Step::Key(key) => path.key(key),
            });
        write(writer, path, item);
    }
}

/// A plain identifier: an ASCII letter or `_`, then letters, digits or `_`.
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A field path in JSON names, as `google.rpc.BadRequest` says JSON represents it: each
/// field name in lowerCamelCase (protobuf's JSON name: an `_` dropped and the letter
/// after it upper-cased), indices and backticked map keys untouched:
/// `email_addresses[0].email` is `emailAddresses[0].email`.
///
/// A map key that is a plain identifier is written without backticks and so reads as a
/// field name: `labels.dev_env` becomes `labels.devEnv`.
///
/// ```
/// use rich_status::validation::json_path;
///
/// assert_eq!(json_path("email_addresses[0].email"), "emailAddresses[0].email");
/// assert_eq!(json_path("labels.`a_b.c`.full_name"), "labels.`a_b.c`.fullName");
/// assert_eq!(json_path("fullName"), "fullName");
/// ```
pub fn json_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut chars = path.chars();
    let mut upper_next = false;
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                // A key in backticks, a doubled backtick inside it, copied as it is.
                out.push(c);
                let mut rest = chars.clone().peekable();
                while let Some(k) = rest.next() {
                    out.push(k);
                    chars.next();
                    if k == '`' {
                        if rest.peek() == Some(&'`') {
                            out.push('`');
                            rest.next();
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
                upper_next = false;
            }
            '[' => {
                out.push(c);
                for k in chars.by_ref() {
                    out.push(k);
                    if k == ']' {
                        break;
                    }
                }
                upper_next = false;
            }
            '_' => upper_next = true,
            '.' => {
                out.push(c);
                upper_next = false;
            }
            _ if upper_next => {
                out.extend(c.to_uppercase());
                upper_next = false;
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_per_segment() {
        for (path, json) in [
            ("", ""),
            ("name", "name"),
            ("full_name", "fullName"),
            ("email_addresses[3].type[2]", "emailAddresses[3].type[2]"),
            ("labels.`a_b`", "labels.`a_b`"),
            ("labels.`a``_b`.x_y", "labels.`a``_b`.xY"),
            ("a_b_c.d_1", "aBC.d1"),
            ("trailing_", "trailing"),
            ("`unclosed_key", "`unclosed_key"),
            ("[unclosed_index", "[unclosed_index"),
            ("ß_ü", "ßÜ"),
        ] {
            assert_eq!(json_path(path), json, "{path}");
        }
    }

    #[test]
    fn keys_in_backticks_only_when_needed() {
        let key = |k: &str| FieldPath::new().field("m").key(k).to_string();
        assert_eq!(key("plain_Key9"), "m.plain_Key9");
        assert_eq!(key("9lives"), "m.`9lives`");
        assert_eq!(key(""), "m.``");
        assert_eq!(key("a b"), "m.`a b`");
        assert_eq!(key("ü"), "m.`ü`");
        assert_eq!(key("`"), "m.````");
    }
}
