//! Case conversion and the naming rules of AIP-193.

/// `TooManyGreetings` -> `TOO_MANY_GREETINGS`; `HTTPError2` -> `HTTP_ERROR2`.
pub fn upper_snake(ident: &str) -> String {
    let chars: Vec<char> = ident.trim_start_matches("r#").chars().collect();
    let mut out = String::with_capacity(chars.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            continue;
        }
        if c.is_uppercase() && i > 0 && !out.ends_with('_') {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// `user_id` -> `userId`; `r#type` -> `type`.
pub fn lower_camel(ident: &str) -> String {
    let mut out = String::new();
    let mut upper_next = false;
    for c in ident.trim_start_matches("r#").chars() {
        if c == '_' {
            upper_next = !out.is_empty();
        } else if upper_next {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// AIP-193 `ErrorInfo.reason`: `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters.
pub fn valid_reason(reason: &str) -> bool {
    let b = reason.as_bytes();
    b.len() >= 3
        && b.len() <= 63
        && b[0].is_ascii_uppercase()
        && b[1..b.len() - 1]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
        && (b[b.len() - 1].is_ascii_uppercase() || b[b.len() - 1].is_ascii_digit())
}

/// AIP-193 metadata key: `[a-z][a-zA-Z0-9-_]+`, at most 64 characters.
pub fn valid_metadata_key(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() >= 2
        && b.len() <= 64
        && b[0].is_ascii_lowercase()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
}

/// The candidate closest to `word` by edit distance (case-insensitive), if any is close.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&word, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_snake_cases() {
        assert_eq!(upper_snake("TooManyGreetings"), "TOO_MANY_GREETINGS");
        assert_eq!(upper_snake("NotFound"), "NOT_FOUND");
        assert_eq!(upper_snake("HTTPError"), "HTTP_ERROR");
        assert_eq!(upper_snake("Error2Fast"), "ERROR2_FAST");
        assert_eq!(upper_snake("Io"), "IO");
        assert_eq!(upper_snake("already_SNAKE"), "ALREADY_SNAKE");
    }

    #[test]
    fn lower_camel_cases() {
        assert_eq!(lower_camel("user_id"), "userId");
        assert_eq!(lower_camel("name"), "name");
        assert_eq!(lower_camel("r#type"), "type");
        assert_eq!(lower_camel("_private_field"), "privateField");
    }

    #[test]
    fn aip_193_rules() {
        assert!(valid_reason("NOT_FOUND"));
        assert!(valid_reason("ERR"));
        assert!(!valid_reason("IO"));
        assert!(!valid_reason("NOT_FOUND_"));
        assert!(!valid_reason("not_found"));
        assert!(!valid_reason(&"A".repeat(64)));
        assert!(valid_reason(&"A".repeat(63)));
        assert!(valid_metadata_key("userId"));
        assert!(valid_metadata_key("user-id_2"));
        assert!(!valid_metadata_key("UserId"));
        assert!(!valid_metadata_key("u"));
        assert!(!valid_metadata_key("user id"));
        assert!(!valid_metadata_key(&format!("a{}", "b".repeat(64))));
    }

    #[test]
    fn closest_code() {
        let codes = crate::symbol::CODES;
        assert_eq!(
            closest("ResourceExhaused", codes),
            Some("ResourceExhausted")
        );
        assert_eq!(closest("notfound", codes), Some("NotFound"));
        assert_eq!(closest("Internl", codes), Some("Internal"));
        assert_eq!(closest("Zebra", codes), None);
    }
}
