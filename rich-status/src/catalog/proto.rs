//! The catalogue as a `.proto` file of reason enums, and protoc's rules for the names in
//! it, which [`Catalog::to_proto`] and [`Catalog::problems`] both apply.

use std::fmt::Write as _;

use super::{Catalog, DEBUG_INFO, Entry, Message, ProtoError};
use crate::rest::status_name;

impl Catalog {
    /// A `.proto` file in `package`, with one enum of reasons per domain, in the order
    /// the domains first appear, in the style of googleapis'
    /// `google/api/error_reason.proto`: the enum is named for the domain
    /// (`users.example.com` gives `UsersExampleComErrorReason`), its values are the
    /// reason strings, numbered from 1 in the order declared after the `..._UNSPECIFIED`
    /// zero, and each is documented with its description, code, message and an example
    /// `ErrorInfo`. Clients compare `ErrorInfo.reason` with the value names, never the
    /// numbers.
    ///
    /// What it returns, protoc and protox compile. Text in comments (descriptions,
    /// domains, metadata keys) is kept to its line, control characters as spaces.
    /// Names that protoc would refuse are an error that says which entry and why:
    /// - a `package` that is not identifiers joined by dots;
    /// - a domain that gives no enum name (`3d.example.com`);
    /// - a reason that is not a proto identifier, or is `option` or `reserved` (which
    ///   begin statements in an enum's body); a derived reason is always fine here;
    /// - two names in the package's one scope, where enum and value names live
    ///   together: a reason that two domains use (render each domain's catalogue,
    ///   [`domain`](Catalog::domain), in a package of its own then), or a reason that is
    ///   an enum's name or another enum's zero value;
    /// - two values of one enum that are one name once protoc strips the enum's name
    ///   from their front and writes them in PascalCase, as it does for proto3 enums:
    ///   `ABC1` and `ABC_1` (both `Abc1`), or a reason `UNSPECIFIED` beside the zero
    ///   value. [`problems`](Catalog::problems) reports these too.
    ///
    /// ```
    /// use rich_status::RichStatus;
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "users.example.com")]
    /// enum UserError {
    ///     /// No user has this id.
    ///     #[error("user {id} not found")]
    ///     #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
    ///     NotFound {
    ///         #[rich_status(metadata = "userId")]
    ///         id: u64,
    ///     },
    /// }
    ///
    /// let proto = UserError::catalog().to_proto("users.v1").unwrap();
    /// assert!(proto.contains("package users.v1;\n"));
    /// assert!(proto.contains("enum UsersExampleComErrorReason {\n"));
    /// assert!(proto.contains("  USERS_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED = 0;\n"));
    /// assert!(proto.contains("  // No user has this id.\n"));
    /// assert!(proto.contains("  USER_UNKNOWN = 1;\n"));
    ///
    /// let error = UserError::catalog().to_proto("users v1").unwrap_err();
    /// assert_eq!(error.to_string(), "package \"users v1\" is not identifiers joined by dots");
    /// ```
    pub fn to_proto(&self, package: &str) -> Result<String, ProtoError> {
        if !package.split('.').all(is_proto_identifier) {
            return Err(ProtoError {
                message: format!(
                    "package {} is not identifiers joined by dots",
                    crate::error::Quoted(package)
                ),
            });
        }
        let reasons: Vec<&Entry> = self.reasons().collect();
        let enums = domain_enums(&reasons);
        if let Some(clash) = clashes(&enums).into_iter().next() {
            return Err(ProtoError {
                message: clash.problem,
            });
        }
        let mut out = format!(
            "// The reasons of this API's errors (`google.rpc.ErrorInfo.reason`), one enum per\n\
             // domain, written by rich-status from the service's error types. Compare\n\
             // `ErrorInfo.reason` with the value names; the numbers only order them.\n\
             \n\
             syntax = \"proto3\";\n\
             \n\
             package {package};\n"
        );
        for domain in &enums {
            let _ = write!(
                out,
                "\n// The reasons of the errors of domain \"{}\".\n\
                 enum {} {{\n  \
                   // Not a reason: the default value.\n  \
                   {} = 0;\n",
                one_line(domain.domain),
                domain.name,
                domain.unspecified,
            );
            for (number, entry) in domain.reasons.iter().enumerate() {
                out.push('\n');
                out.push_str(&proto_comment(entry));
                let _ = writeln!(out, "  {} = {};", entry.reason, number + 1);
            }
            out.push_str("}\n");
        }
        Ok(out)
    }
}

/// One domain's enum of reasons.
pub(super) struct DomainEnum<'c> {
    domain: &'static str,
    /// `UsersExampleComErrorReason`.
    name: String,
    /// `USERS_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED`.
    unspecified: String,
    reasons: Vec<&'c Entry>,
}

/// The enums of `reasons` (one entry per domain and reason), in the order their domains
/// first appear.
pub(super) fn domain_enums<'c>(reasons: &[&'c Entry]) -> Vec<DomainEnum<'c>> {
    let mut enums: Vec<DomainEnum<'c>> = Vec::new();
    for &entry in reasons {
        match enums.iter_mut().find(|e| e.domain == entry.domain) {
            Some(domain) => domain.reasons.push(entry),
            None => {
                let name = format!("{}ErrorReason", upper_camel(entry.domain));
                enums.push(DomainEnum {
                    domain: entry.domain,
                    unspecified: format!("{}_UNSPECIFIED", upper_snake(&name)),
                    name,
                    reasons: vec![entry],
                });
            }
        }
    }
    enums
}

/// A name of the `.proto` file that protoc would refuse, and the entry it comes from.
pub(super) struct Clash<'c> {
    pub(super) entry: &'c Entry,
    pub(super) problem: String,
}

/// Every name in the enums of one `.proto` file that protoc would refuse.
pub(super) fn clashes<'c>(enums: &[DomainEnum<'c>]) -> Vec<Clash<'c>> {
    let mut clashes = Vec::new();
    // One scope holds every enum and value name of the package: what each name is.
    let mut scope: Vec<(&str, String)> = Vec::new();
    for domain in enums {
        let first = domain.reasons[0];
        if !is_proto_identifier(&domain.name) {
            let problem = format!(
                "domain {} gives no proto enum name ({})",
                one_line(domain.domain),
                one_line(&domain.name)
            );
            clashes.push(Clash {
                entry: first,
                problem,
            });
        }
        let what = format!("the enum of domain {}", one_line(domain.domain));
        scope.push((&domain.name, what));
        let what = format!("the zero value of {}", domain.name);
        scope.push((&domain.unspecified, what));
    }
    for domain in enums {
        // The values as protoc compares them within the enum, and the first of each.
        let mut stripped: Vec<(String, Option<&Entry>)> =
            vec![(pascal_case(&domain.name, &domain.unspecified), None)];
        for &entry in &domain.reasons {
            let (reason, rust_name) = (entry.reason, entry.rust_name);
            let mut clash = |problem: String| clashes.push(Clash { entry, problem });
            if !is_proto_identifier(reason) {
                clash(format!(
                    "reason `{}` of {rust_name} is not a proto identifier",
                    one_line(reason)
                ));
                continue;
            }
            if ["option", "reserved"].contains(&reason) {
                clash(format!(
                    "reason `{reason}` of {rust_name} begins a statement in an enum's body, \
                     not a value"
                ));
                continue;
            }
            if let Some((_, what)) = scope.iter().find(|(name, _)| *name == reason) {
                clash(format!(
                    "`{reason}` of {rust_name} is also {what}: render each domain's \
                     catalogue in a package of its own"
                ));
                continue;
            }
            scope.push((
                reason,
                format!("a value of domain {}", one_line(entry.domain)),
            ));
            let name = pascal_case(&domain.name, reason);
            match stripped.iter().find(|(other, _)| *other == name) {
                Some((_, other)) => {
                    let other = match other {
                        Some(other) => format!("reason `{}` of {}", other.reason, other.rust_name),
                        None => format!("the zero value {}", domain.unspecified),
                    };
                    clash(format!(
                        "reason `{reason}` of {rust_name} and {other} are one name to protoc, \
                         `{name}`, once the enum's name is stripped from their front and \
                         they are written in PascalCase"
                    ));
                }
                None => stripped.push((name, Some(entry))),
            }
        }
    }
    clashes
}

/// A value's name as protoc compares the values of a proto3 enum: without the enum's
/// name in front (underscores and case aside, when something is left after it), in
/// PascalCase: `USERS_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED` in
/// `UsersExampleComErrorReason` is `Unspecified`, as is `UNSPECIFIED`.
fn pascal_case(enum_name: &str, value: &str) -> String {
    let prefix = enum_name
        .chars()
        .filter(|&c| c != '_')
        .map(|c| c.to_ascii_lowercase());
    let mut rest = value.chars().peekable();
    let mut stripped = true;
    for p in prefix {
        while rest.next_if_eq(&'_').is_some() {}
        if rest.next().map(|c| c.to_ascii_lowercase()) != Some(p) {
            stripped = false;
            break;
        }
    }
    while rest.next_if_eq(&'_').is_some() {}
    let rest: String = rest.collect();
    let stripped = if stripped && !rest.is_empty() {
        rest.as_str()
    } else {
        value
    };
    let mut out = String::new();
    let mut upper = true;
    for c in stripped.chars() {
        if c == '_' {
            upper = true;
        } else {
            out.push(if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
            upper = false;
        }
    }
    out
}

/// `users.example.com` as `UsersExampleCom`.
fn upper_camel(domain: &str) -> String {
    domain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// `UsersExampleComErrorReason` as `USERS_EXAMPLE_COM_ERROR_REASON`.
fn upper_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// A protobuf identifier: an ASCII letter or `_`, then letters, digits and `_`.
fn is_proto_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `text` for one line of a comment (or an error message): every control character,
/// line breaks and NUL included, as a space.
fn one_line(text: &str) -> String {
    text.replace(char::is_control, " ")
}

/// The comment above a reason's value in the `.proto` file.
fn proto_comment(entry: &Entry) -> String {
    let mut lines: Vec<String> = Vec::new();
    if !entry.description.is_empty() {
        lines.extend(wrap(entry.description, 76));
        lines.push(String::new());
    }
    let message = match entry.message {
        Message::Template(template) => format!("message \"{template}\""),
        Message::Display => "message from the error's Display".to_owned(),
        Message::Generic => format!("message \"{}\"", crate::policy::generic_message(entry.code)),
    };
    lines.extend(wrap(
        &format!(
            "Code {} (HTTP {}), {message}.",
            status_name(entry.code),
            entry.http_status()
        ),
        76,
    ));
    let details: Vec<String> = entry
        .all_details()
        .into_iter()
        .map(|name| match name.as_str() {
            DEBUG_INFO => format!("{DEBUG_INFO} when allowed"),
            _ => name,
        })
        .collect();
    if !details.is_empty() {
        lines.extend(wrap(&format!("Details: {}.", details.join(", ")), 76));
    }
    lines.push(String::new());
    lines.push("Example of an ErrorInfo:".to_owned());
    lines.push(String::new());
    lines.push(format!("    {{ \"reason\": \"{}\",", entry.reason));
    if entry.metadata.is_empty() {
        lines.push(format!("      \"domain\": \"{}\"", entry.domain));
    } else {
        lines.push(format!("      \"domain\": \"{}\",", entry.domain));
        lines.push("      \"metadata\": {".to_owned());
        for (i, m) in entry.metadata.iter().enumerate() {
            let comma = if i + 1 < entry.metadata.len() {
                ","
            } else {
                ""
            };
            lines.push(format!(
                "        \"{}\": \"<{}>\"{comma}",
                m.key, m.rust_type
            ));
        }
        lines.push("      }".to_owned());
    }
    lines.push("    }".to_owned());
    let mut out = String::new();
    for line in lines {
        // Whatever a hand-built entry holds, each line stays one comment line.
        let line = one_line(&line);
        if line.is_empty() {
            out.push_str("  //\n");
        } else {
            let _ = writeln!(out, "  // {line}");
        }
    }
    out
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::MetadataKey;
    use tonic::Code;

    #[test]
    fn domains_become_enum_names() {
        assert_eq!(upper_camel("my-service.example.com"), "MyServiceExampleCom");
        assert_eq!(
            upper_snake("MyServiceExampleComErrorReason"),
            "MY_SERVICE_EXAMPLE_COM_ERROR_REASON"
        );
    }

    #[test]
    fn values_compare_as_protoc_compares_them() {
        let e = "UsersExampleComErrorReason";
        assert_eq!(
            pascal_case(e, "USERS_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED"),
            "Unspecified"
        );
        assert_eq!(pascal_case(e, "UNSPECIFIED"), "Unspecified");
        assert_eq!(pascal_case(e, "ABC1"), "Abc1");
        assert_eq!(pascal_case(e, "ABC_1"), "Abc1");
        assert_eq!(pascal_case(e, "A_B_C"), "ABC");
        // Nothing after the prefix: the name stays whole.
        assert_eq!(
            pascal_case(e, "USERS_EXAMPLE_COM_ERROR_REASON"),
            "UsersExampleComErrorReason"
        );
        assert_eq!(pascal_case(e, "USERS_EXAMPLE"), "UsersExample");
    }

    #[test]
    fn a_hand_built_entry_cannot_break_the_proto_file() {
        let entry = |domain: &'static str, key: &'static str| {
            Entry::new("Legacy", domain, "LEGACY", Code::Internal)
                .with_message(Message::Template("two\nlines"))
                .with_metadata(Box::leak(Box::new([MetadataKey {
                    key,
                    field: "x",
                    rust_type: "u8",
                }])))
                .with_description("one\ntwo\0three")
        };
        let mut catalog = Catalog::new();
        catalog.push(entry("legacy.example.com\nmessage Injected {}\n//", "a\nb"));
        let proto = catalog.to_proto("legacy.v1").unwrap();
        assert!(
            proto.lines().all(|line| line.is_empty()
                || line.starts_with("//")
                || line.starts_with("  //")
                || line.ends_with(';')
                || line.ends_with('{')
                || line == "}"),
            "{proto}"
        );
        assert!(!proto.contains('\0'), "{proto}");
        assert!(
            proto.contains("  //         \"a b\": \"<u8>\"\n"),
            "{proto}"
        );

        let mut catalog = Catalog::new();
        catalog.push(entry("3d.example.com", "a"));
        assert_eq!(
            catalog.to_proto("legacy.v1").unwrap_err().to_string(),
            "domain 3d.example.com gives no proto enum name (3dExampleComErrorReason)"
        );
    }
}
