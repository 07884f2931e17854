//! The catalogue's renderings: a Markdown table, JSON, and a `.proto` file of reason
//! enums.

use std::fmt::Write as _;

use super::{Catalog, DEBUG_INFO, Entry, Message, ProtoError};
use crate::rest::status_name;

impl Catalog {
    /// A Markdown table, one row per reason: for API docs.
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
    /// assert_eq!(UserError::catalog().to_markdown(), "\
    /// | reason | domain | code | HTTP | message | metadata | details | description |
    /// | --- | --- | --- | --- | --- | --- | --- | --- |
    /// | `USER_UNKNOWN` | `users.example.com` | `NOT_FOUND` | 404 | `user {id} not found` | `userId` (`u64`) | | No user has this id. |
    /// ");
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::from(
            "| reason | domain | code | HTTP | message | metadata | details | description |\n\
             | --- | --- | --- | --- | --- | --- | --- | --- |\n",
        );
        for entry in self.reasons() {
            let message = match entry.message {
                Message::Template(template) => format!("`{}`", cell(template)),
                Message::Display => "*Display*".to_owned(),
                Message::Generic => format!(
                    "*generic*: {}",
                    cell(crate::policy::generic_message(entry.code))
                ),
            };
            let metadata: Vec<String> = entry
                .metadata
                .iter()
                .map(|m| format!("`{}` (`{}`)", cell(m.key), cell(m.rust_type)))
                .collect();
            let details: Vec<String> = entry
                .all_details()
                .iter()
                .map(|name| match name.as_str() {
                    DEBUG_INFO => format!("`{DEBUG_INFO}` when allowed"),
                    name => format!("`{}`", cell(name)),
                })
                .collect();
            out.push_str(&row(&[
                format!("`{}`", cell(entry.reason)),
                format!("`{}`", cell(entry.domain)),
                format!("`{}`", status_name(entry.code)),
                entry.http_status().to_string(),
                message,
                metadata.join(", "),
                details.join(", "),
                cell(entry.description),
            ]));
        }
        out
    }

    /// A JSON array, one object per reason, with protobuf's lowerCamelCase keys:
    /// `domain`, `reason`, `code` (the `google.rpc.Code` name), `httpStatus`, `message`
    /// (the template, or `"Display"` or `"generic"`), `metadata` (`{key, type}` each),
    /// `details` (protobuf type names, `google.rpc.DebugInfo` included where it may be
    /// sent) and `description`.
    ///
    /// ```
    /// use rich_status::RichStatus;
    ///
    /// #[derive(Debug, thiserror::Error, RichStatus)]
    /// #[rich_status(domain = "users.example.com")]
    /// enum UserError {
    ///     /// The user store failed.
    ///     #[error("store failed")]
    ///     #[rich_status(code = Internal, debug_info)]
    ///     Store,
    /// }
    ///
    /// assert_eq!(UserError::catalog().to_json(), r#"[
    ///   {
    ///     "domain": "users.example.com",
    ///     "reason": "STORE",
    ///     "code": "INTERNAL",
    ///     "httpStatus": 500,
    ///     "message": "generic",
    ///     "metadata": [],
    ///     "details": ["google.rpc.DebugInfo"],
    ///     "description": "The user store failed."
    ///   }
    /// ]
    /// "#);
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::from("[");
        for (i, entry) in self.reasons().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            let message = match entry.message {
                Message::Template(template) => template,
                Message::Display => "Display",
                Message::Generic => "generic",
            };
            let metadata: Vec<String> = entry
                .metadata
                .iter()
                .map(|m| {
                    format!(
                        "{{\"key\": {}, \"type\": {}}}",
                        json(m.key),
                        json(m.rust_type)
                    )
                })
                .collect();
            let details: Vec<String> = entry.all_details().iter().map(|d| json(d)).collect();
            let _ = write!(
                out,
                "  {{\n    \"domain\": {},\n    \"reason\": {},\n    \"code\": \"{}\",\n    \
                 \"httpStatus\": {},\n    \"message\": {},\n    \"metadata\": [{}],\n    \
                 \"details\": [{}],\n    \"description\": {}\n  }}",
                json(entry.domain),
                json(entry.reason),
                status_name(entry.code),
                entry.http_status(),
                json(message),
                metadata.join(", "),
                details.join(", "),
                json(entry.description),
            );
        }
        out.push_str(if self.entries.is_empty() {
            "]\n"
        } else {
            "\n]\n"
        });
        out
    }

    /// A `.proto` file in `package`, with one enum of reasons per domain, in the order
    /// the domains first appear, in the style of googleapis'
    /// `google/api/error_reason.proto`: the enum is named for the domain
    /// (`users.example.com` gives `UsersExampleComErrorReason`), its values are the
    /// reason strings, numbered from 1 in the order declared after the `..._UNSPECIFIED`
    /// zero, and each is documented with its description, code, message and an example
    /// `ErrorInfo`. Clients compare `ErrorInfo.reason` with the value names, never the
    /// numbers.
    ///
    /// Value names share one scope in a proto package, so a reason used by two domains
    /// is an error here; render each domain's catalogue ([`domain`](Catalog::domain))
    /// in a package of its own then. A reason that is not a proto identifier is an
    /// error too (a derived reason always is one).
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
    /// ```
    pub fn to_proto(&self, package: &str) -> Result<String, ProtoError> {
        let mut domains: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if !domains.contains(&entry.domain) {
                domains.push(entry.domain);
            }
        }
        let mut names: Vec<(String, &str)> = Vec::new();
        let mut claim = |name: String, domain: &'static str| -> Result<(), ProtoError> {
            if let Some((_, other)) = names.iter().find(|(n, _)| *n == name) {
                return Err(ProtoError {
                    message: format!(
                        "`{name}` names a value of both {other} and {domain}: render each \
                         domain's catalogue in a package of its own"
                    ),
                });
            }
            names.push((name, domain));
            Ok(())
        };
        let mut out = format!(
            "// The reasons of this API's errors (`google.rpc.ErrorInfo.reason`), one enum per\n\
             // domain, written by rich-status from the service's error types. Compare\n\
             // `ErrorInfo.reason` with the value names; the numbers only order them.\n\
             \n\
             syntax = \"proto3\";\n\
             \n\
             package {package};\n"
        );
        for domain in domains {
            let name = format!("{}ErrorReason", upper_camel(domain));
            if !is_proto_identifier(&name) {
                return Err(ProtoError {
                    message: format!("domain {domain} gives no proto enum name ({name})"),
                });
            }
            let unspecified = format!("{}_UNSPECIFIED", upper_snake(&name));
            claim(unspecified.clone(), domain)?;
            let _ = write!(
                out,
                "\n// The reasons of the errors of domain \"{domain}\".\n\
                 enum {name} {{\n  \
                   // Not a reason: the default value.\n  \
                   {unspecified} = 0;\n"
            );
            let entries = self.reasons().filter(|entry| entry.domain == domain);
            for (number, entry) in entries.enumerate() {
                if !is_proto_identifier(entry.reason) {
                    return Err(ProtoError {
                        message: format!(
                            "reason `{}` of {} is not a proto identifier",
                            entry.reason, entry.rust_name
                        ),
                    });
                }
                claim(entry.reason.to_owned(), domain)?;
                out.push('\n');
                out.push_str(&proto_comment(entry));
                let _ = writeln!(out, "  {} = {};", entry.reason, number + 1);
            }
            out.push_str("}\n");
        }
        Ok(out)
    }
}

/// A Markdown table row; an empty cell as `| |`, the way tables are written by hand.
fn row(cells: &[String]) -> String {
    let mut out = String::new();
    for cell in cells {
        out.push('|');
        out.push(' ');
        if !cell.is_empty() {
            out.push_str(cell);
            out.push(' ');
        }
    }
    out.push_str("|\n");
    out
}

/// A Markdown table cell's text: no line breaks, `|` escaped.
fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

/// A JSON string.
fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
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

fn is_proto_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
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
        let line = line.replace(['\n', '\r'], " ");
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
    use crate::LogLevel;
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
    fn a_hand_built_entry_cannot_break_the_proto_file() {
        let entry = |domain: &'static str, key: &'static str| Entry {
            rust_name: "Legacy",
            domain,
            reason: "LEGACY",
            code: Code::Internal,
            message: Message::Template("two\nlines"),
            metadata: Box::leak(Box::new([MetadataKey {
                key,
                field: "x",
                rust_type: "u8",
            }])),
            details: &[],
            debug_info: false,
            log_level: LogLevel::Error,
            description: "one\ntwo",
        };
        let mut catalog = Catalog::new();
        catalog.push(entry("legacy.example.com", "a\nb"));
        let proto = catalog.to_proto("legacy.v1").unwrap();
        assert!(
            proto.lines().all(|line| !line.starts_with("  ")
                || line.starts_with("  //")
                || line.ends_with(';')),
            "{proto}"
        );
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

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json("a \"b\" \\ \n \u{1}"), r#""a \"b\" \\ \n \u0001""#);
    }
}
