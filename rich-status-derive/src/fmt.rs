//! Format-string templates: `"name: {name}"`, `"user {0} not found"`, `"{id:?}"`.
//!
//! A template names fields of its variant. This module checks that every name exists,
//! and rewrites the string so that it refers to the local bindings the generated code
//! uses (`{0}` becomes `{_0}`), letting `format_args!` capture them by name.

use syn::LitStr;

use crate::ast::Variant;

pub struct Template {
    pub lit: LitStr,
    /// The string with field references rewritten to bindings.
    pub rewritten: String,
    /// Indexes (into the variant's fields) of the fields used, each once.
    pub fields: Vec<usize>,
    /// Fields used with a `?` (Debug) format spec.
    pub debug_fields: Vec<usize>,
    /// The text and fields in order, when every placeholder is a plain `{field}` (no
    /// format spec): what `Concat` writes one after another.
    pub pieces: Option<Vec<Piece>>,
}

/// A piece of a template without format specs.
pub enum Piece {
    /// Literal text, braces unescaped.
    Text(String),
    /// A field (index into the variant's fields), written with its `Display`.
    Field(usize),
}

impl Template {
    /// True when the template has no placeholders: it is written as a `&'static str`.
    pub fn is_literal(&self) -> bool {
        self.fields.is_empty()
    }

    /// The literal text, with `{{` and `}}` unescaped (only for literal templates).
    pub fn literal_text(&self) -> String {
        self.rewritten.replace("{{", "{").replace("}}", "}")
    }

    /// The field's index when the template is exactly `{field}`: the field's own
    /// `Display` serves without a wrapper.
    pub fn single_field(&self) -> Option<usize> {
        match self.pieces.as_deref() {
            Some(&[Piece::Field(index)]) => Some(index),
            _ => None,
        }
    }
}

pub fn parse(lit: &LitStr, variant: &Variant<'_>) -> syn::Result<Template> {
    let source = lit.value();
    let mut rewritten = String::with_capacity(source.len());
    let mut fields = Vec::new();
    let mut debug_fields = Vec::new();
    let mut pieces = Some(Vec::new());
    let mut text = String::new();
    let mut chars = source.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                chars.next();
                rewritten.push_str("{{");
                text.push('{');
            }
            '}' if chars.peek().map(|&(_, n)| n) == Some('}') => {
                chars.next();
                rewritten.push_str("}}");
                text.push('}');
            }
            '}' => {
                return Err(syn::Error::new(
                    lit.span(),
                    "unmatched `}` in format string; write `}}` for a literal brace",
                ));
            }
            '{' => {
                let mut inner = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    inner.push(c);
                }
                if !closed {
                    return Err(syn::Error::new(
                        lit.span(),
                        "unmatched `{` in format string; write `{{` for a literal brace",
                    ));
                }
                let (name, spec) = match inner.split_once(':') {
                    Some((name, spec)) => (name.trim(), Some(spec)),
                    None => (inner.trim(), None),
                };
                let index = find_field(lit, variant, name)?;
                let binding = &variant.fields[index].binding;
                rewritten.push('{');
                rewritten.push_str(&binding.to_string());
                if let Some(spec) = spec {
                    rewritten.push(':');
                    rewritten.push_str(spec);
                }
                rewritten.push('}');
                if !fields.contains(&index) {
                    fields.push(index);
                }
                if spec.is_some_and(|s| s.contains('?')) && !debug_fields.contains(&index) {
                    debug_fields.push(index);
                }
                match (&mut pieces, spec) {
                    (Some(pieces), None) => {
                        if !text.is_empty() {
                            pieces.push(Piece::Text(std::mem::take(&mut text)));
                        }
                        pieces.push(Piece::Field(index));
                    }
                    _ => pieces = None,
                }
            }
            c => {
                rewritten.push(c);
                text.push(c);
            }
        }
    }
    if let Some(pieces) = &mut pieces
        && !text.is_empty()
    {
        pieces.push(Piece::Text(text));
    }
    Ok(Template {
        lit: lit.clone(),
        rewritten,
        fields,
        debug_fields,
        pieces,
    })
}

fn find_field(lit: &LitStr, variant: &Variant<'_>, name: &str) -> syn::Result<usize> {
    if name.is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "`{}` names no field; write the field in the braces: `{name}`, or `{0}` for a tuple field",
        ));
    }
    let found = variant.fields.iter().position(|f| {
        let field_name = f.name();
        field_name == name || field_name.strip_prefix("r#") == Some(name)
    });
    found.ok_or_else(|| {
        let available = variant
            .fields
            .iter()
            .map(|f| format!("`{}`", f.name()))
            .collect::<Vec<_>>();
        let hint = if available.is_empty() {
            format!("`{}` has no fields", variant.ident)
        } else {
            format!("its fields are {}", available.join(", "))
        };
        syn::Error::new(
            lit.span(),
            format!(
                "format string names `{name}`, which is not a field of `{}`; {hint}",
                variant.ident
            ),
        )
    })
}
