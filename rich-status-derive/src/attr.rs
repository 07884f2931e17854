//! Parses `#[rich_status(...)]` attributes into plain structs. Whether the values are
//! acceptable is `valid.rs`'s business; this only reads the syntax and records spans.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::symbol::*;

/// Where an attribute list stands, which decides the keys it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Enum,
    Variant,
    /// A struct is its own single variant: enum and variant keys both apply.
    Struct,
}

/// Keys on an enum, a variant or a struct.
#[derive(Default)]
pub struct Attrs {
    pub code: Option<Ident>,
    pub domain: Option<LitStr>,
    pub reason: Option<LitStr>,
    pub message: Option<MessageAttr>,
    /// `log = level`: the `LogLevel` of the conversion.
    pub log: Option<Ident>,
    pub transparent: Option<Span>,
    /// `decode`: also generate `TryFrom<&tonic::Status>`.
    pub decode: Option<Span>,
    /// `into_response`: also `impl IntoResponse` (the `axum` feature of rich-status).
    pub into_response: Option<Span>,
    /// `connect`: also `From<E> for ConnectError` (the `connect` feature of rich-status).
    pub connect: Option<Span>,
    /// `debug_info` and the other detail attributes, in the order written.
    pub details: Vec<DetailAttr>,
}

pub enum DetailAttr {
    DebugInfo,
    Standard(StandardAttr),
    /// `details = path::to::fn`: details computed at run time.
    Hook(syn::Path),
}

/// One standard detail attribute, e.g. `quota_failure(subject = "...", description = "...")`.
pub struct StandardAttr {
    pub kind: &'static DetailKind,
    pub span: Span,
    /// An unknown key was reported inside; no further complaints about this one.
    pub had_unknown_key: bool,
    /// `(key, value)` in the order written.
    pub args: Vec<(&'static str, ArgValue)>,
}

/// What a detail attribute's key is set to.
pub enum ArgValue {
    /// A format string over the variant's fields.
    Str(LitStr),
    /// A field of the variant (`retry_info(delay = field)`).
    Field(Ident),
}

/// What `message = ...` is set to.
pub enum MessageAttr {
    /// `message = "..."`: a format string over the variant's fields.
    Str(LitStr),
    /// `message = Display`: the error's own `Display`, also for the codes whose default
    /// is a generic text.
    Display,
    /// `message = field` or `message = 0`: that field's `Display`.
    Field(syn::Member),
}

/// Keys on a field.
#[derive(Default)]
pub struct FieldAttrs {
    /// `metadata` (key from the field name) or `metadata = "key"`.
    pub metadata: Option<(Span, Option<LitStr>)>,
    /// `detail`: the field's value is packed as detail(s) of its own.
    pub detail: Option<Span>,
    /// `quota_failure`, `precondition_failure`, `bad_request` or `help`: the field's
    /// violations or links join that detail.
    pub join: Option<(Span, &'static DetailKind)>,
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, meta: &ParseNestedMeta<'_>, key: &str) {
    if slot.is_some() {
        cx.error_spanned_by(&meta.path, format!("duplicate `{key}` attribute"));
    } else {
        *slot = Some(value);
    }
}

fn unknown_key(meta: &ParseNestedMeta<'_>, expected: &[&str]) -> syn::Error {
    let key = meta.path.get_ident().map_or_else(
        || quote::ToTokens::to_token_stream(&meta.path).to_string(),
        Ident::to_string,
    );
    let hint = match (crate::case::closest(&key, expected), expected) {
        (Some(close), _) => format!("did you mean `{close}`?"),
        (None, [only]) => format!("expected `{only}`"),
        (None, _) => {
            let all: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
            format!("expected one of {}", all.join(", "))
        }
    };
    meta.error(format!("unknown rich_status attribute `{key}`; {hint}"))
}

/// Where a key is written, for errors about it.
fn key_span(meta: &ParseNestedMeta<'_>) -> Span {
    meta.path
        .get_ident()
        .map_or_else(Span::call_site, Ident::span)
}

/// A flag about the whole type (`decode`, `into_response`): refused on a variant.
fn type_flag(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    place: Place,
    slot: &mut Option<Span>,
    key: &str,
) {
    let span = key_span(meta);
    if place == Place::Variant {
        cx.error_at(span, format!("`{key}` goes on the enum, not on a variant"));
    } else {
        set_once(cx, slot, span, meta, key);
    }
}

fn is_key(meta: &ParseNestedMeta<'_>, key: &str) -> bool {
    meta.path.is_ident(key)
}

/// Skips whatever follows an unknown or misplaced key, so that parsing goes on to the
/// keys after it and their errors are reported too.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        let _: proc_macro2::TokenTree = meta.input.parse()?;
    }
    Ok(())
}

pub fn parse_attrs(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
    let mut out = Attrs::default();
    let allowed: &[&str] = match place {
        Place::Enum => ENUM_KEYS,
        Place::Variant | Place::Struct => VARIANT_KEYS,
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident(RICH_STATUS)) {
        let result = attr.parse_nested_meta(|meta| {
            if !allowed.iter().any(|k| is_key(&meta, k)) {
                let err = if place == Place::Enum && VARIANT_KEYS.iter().any(|k| is_key(&meta, k)) {
                    let key = meta
                        .path
                        .get_ident()
                        .map(Ident::to_string)
                        .unwrap_or_default();
                    meta.error(format!("`{key}` goes on a variant, not on the enum"))
                } else {
                    unknown_key(&meta, allowed)
                };
                cx.push(err);
                return skip_value(&meta);
            }
            if is_key(&meta, CODE) {
                let ident: Ident = meta.value()?.parse()?;
                set_once(cx, &mut out.code, ident, &meta, CODE);
            } else if is_key(&meta, DOMAIN) {
                let lit: LitStr = meta.value()?.parse()?;
                set_once(cx, &mut out.domain, lit, &meta, DOMAIN);
            } else if is_key(&meta, REASON) {
                let lit: LitStr = meta.value()?.parse()?;
                set_once(cx, &mut out.reason, lit, &meta, REASON);
            } else if is_key(&meta, MESSAGE) {
                let input = meta.value()?;
                let value = if input.peek(LitStr) {
                    MessageAttr::Str(input.parse()?)
                } else if input.peek(syn::LitInt) {
                    let index: syn::LitInt = input.parse()?;
                    MessageAttr::Field(syn::Member::Unnamed(syn::Index {
                        index: index.base10_parse()?,
                        span: index.span(),
                    }))
                } else {
                    let ident: Ident = input.parse().map_err(|_| {
                        input.error(
                            "expected `message = \"...\"`, `message = field` or `message = Display`",
                        )
                    })?;
                    if ident == "Display" {
                        MessageAttr::Display
                    } else {
                        MessageAttr::Field(syn::Member::Named(ident))
                    }
                };
                set_once(cx, &mut out.message, value, &meta, MESSAGE);
            } else if is_key(&meta, LOG) {
                let input = meta.value()?;
                let ident: Ident = input.parse().map_err(|_| {
                    input.error(
                        "expected a level without quotes: `log = error`, `warn`, `info`, `debug`, `trace` or `off`",
                    )
                })?;
                set_once(cx, &mut out.log, ident, &meta, LOG);
            } else if is_key(&meta, TRANSPARENT) {
                let span = key_span(&meta);
                set_once(cx, &mut out.transparent, span, &meta, TRANSPARENT);
            } else if is_key(&meta, DEBUG_INFO) {
                if out
                    .details
                    .iter()
                    .any(|d| matches!(d, DetailAttr::DebugInfo))
                {
                    cx.error_spanned_by(&meta.path, "duplicate `debug_info` attribute");
                } else {
                    out.details.push(DetailAttr::DebugInfo);
                }
            } else if is_key(&meta, DECODE) {
                type_flag(cx, &meta, place, &mut out.decode, DECODE);
            } else if is_key(&meta, INTO_RESPONSE) {
                type_flag(cx, &meta, place, &mut out.into_response, INTO_RESPONSE);
            } else if is_key(&meta, CONNECT) {
                type_flag(cx, &meta, place, &mut out.connect, CONNECT);
            } else if is_key(&meta, DETAILS) {
                let path: syn::Path = meta.value()?.parse()?;
                out.details.push(DetailAttr::Hook(path));
            } else if let Some(kind) = DETAIL_KINDS.iter().find(|k| is_key(&meta, k.name)) {
                out.details
                    .push(DetailAttr::Standard(parse_standard(cx, &meta, kind)?));
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.push(err);
        }
    }
    out
}

fn parse_standard(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    kind: &'static DetailKind,
) -> syn::Result<StandardAttr> {
    let span = key_span(meta);
    let mut attr = StandardAttr {
        kind,
        span,
        had_unknown_key: false,
        args: Vec::new(),
    };
    if !meta.input.peek(syn::token::Paren) {
        // `help` alone: no arguments, reported with the others by `valid`.
        return Ok(attr);
    }
    let fork = meta.input.fork();
    let content;
    syn::parenthesized!(content in fork);
    if content.is_empty() {
        // `help()`: the same.
        let _: proc_macro2::TokenTree = meta.input.parse()?;
        return Ok(attr);
    }
    meta.parse_nested_meta(|inner| {
        let Some(key) = kind.keys.iter().find(|k| inner.path.is_ident(k)) else {
            cx.push(unknown_key(&inner, kind.keys));
            attr.had_unknown_key = true;
            return skip_value(&inner);
        };
        let input = inner.value()?;
        let value = if input.peek(LitStr) {
            ArgValue::Str(input.parse()?)
        } else {
            ArgValue::Field(input.parse()?)
        };
        if attr.args.iter().any(|(k, _)| k == key) {
            cx.error_spanned_by(&inner.path, format!("duplicate `{key}` in `{}`", kind.name));
        } else {
            attr.args.push((key, value));
        }
        Ok(())
    })?;
    Ok(attr)
}

pub fn parse_field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(RICH_STATUS)) {
        let result = attr.parse_nested_meta(|meta| {
            if is_key(&meta, METADATA) {
                let span = key_span(&meta);
                let key = if meta.input.peek(Token![=]) {
                    Some(meta.value()?.parse::<LitStr>()?)
                } else {
                    None
                };
                set_once(cx, &mut out.metadata, (span, key), &meta, METADATA);
            } else if is_key(&meta, DETAIL) {
                let span = key_span(&meta);
                set_once(cx, &mut out.detail, span, &meta, DETAIL);
            } else if let Some(kind) = list_kinds().find(|k| is_key(&meta, k.name)) {
                let span = key_span(&meta);
                set_once(cx, &mut out.join, (span, kind), &meta, kind.name);
            } else {
                cx.push(unknown_key(&meta, FIELD_KEYS));
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.push(err);
        }
    }
    out
}
