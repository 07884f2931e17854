//! The catalogue's renderings for people and tools: a Markdown table and JSON (the
//! `.proto` file is [`proto`](super::proto)'s).

use std::fmt::Write as _;

use super::{Catalog, DEBUG_INFO, Message};
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

/// A Markdown table cell's text, which stays one cell of one row whatever it holds:
/// every control character (`\n`, `\r` and the others) a space, and `|` escaped, with
/// the backslashes before it doubled so that none of them escapes the escape.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => {
                let backslashes = out.len() - out.trim_end_matches('\\').len();
                out.extend(std::iter::repeat_n('\\', backslashes));
                out.push_str("\\|");
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json("a \"b\" \\ \n \u{1}"), r#""a \"b\" \\ \n \u0001""#);
    }

    #[test]
    fn a_cell_is_one_line_whatever_its_text() {
        assert_eq!(cell("a|b\r\nc\rd\u{0}e\u{85}f"), "a\\|b  c d e f");
        assert_eq!(cell(r"a\|b"), r"a\\\|b");
        assert_eq!(cell(r"a\\|b"), r"a\\\\\|b");
        assert_eq!(cell(r"a\b"), r"a\b");
    }
}
