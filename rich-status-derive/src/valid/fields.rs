//! The rules for fields: metadata keys, and how a `detail` or a violations field goes
//! into the details.

use super::{DetailField, Role};
use crate::ast::Variant;
use crate::case;
use crate::ctxt::Ctxt;
use crate::symbol::DetailKind;

pub(super) fn validate_metadata(cx: &Ctxt, variant: &Variant<'_>) -> Vec<(String, usize)> {
    let mut entries: Vec<(String, usize)> = Vec::new();
    for (index, field) in variant.fields.iter().enumerate() {
        let Some((span, key)) = &field.attrs.metadata else {
            continue;
        };
        if field.attrs.detail.is_some() || field.attrs.join.is_some() {
            cx.error_at(
                *span,
                "a field is either `metadata` (a string in ErrorInfo) or a `detail` (a message of its own), not both",
            );
            continue;
        }
        let (key, key_span) = match (key, &field.original.ident) {
            (Some(lit), _) => (lit.value(), lit.span()),
            (None, Some(ident)) => (case::lower_camel(&ident.to_string()), *span),
            (None, None) => {
                cx.error_at(
                    *span,
                    format!(
                        "a tuple field has no name to use as its metadata key; write `metadata = \"key\"` on field {}",
                        field.name()
                    ),
                );
                continue;
            }
        };
        if !case::valid_metadata_key(&key) {
            cx.error_at(
                key_span,
                format!(
                    "metadata key `{key}` must match [a-z][a-zA-Z0-9-_]+ and be at most 64 characters (AIP-193)"
                ),
            );
            continue;
        }
        if let Some((_, first)) = entries.iter().find(|(k, _)| *k == key) {
            cx.error_at(
                key_span,
                format!(
                    "duplicate metadata key `{key}`: field `{}` has it already",
                    variant.fields[*first].name()
                ),
            );
            continue;
        }
        entries.push((key, index));
    }
    entries
}

pub(super) fn validate_detail_fields(cx: &Ctxt, variant: &Variant<'_>) -> Vec<DetailField> {
    let mut out = Vec::new();
    for (index, field) in variant.fields.iter().enumerate() {
        let role = match (field.attrs.detail, field.attrs.join) {
            (None, None) => continue,
            (Some(_), Some((span, kind))) => {
                cx.error_at(
                    span,
                    format!(
                        "a field is either a `detail` of its own or joins `{}`, not both",
                        kind.name
                    ),
                );
                continue;
            }
            (None, Some((_, kind))) => Role::Join(kind),
            (Some(span), None) => match container(field.ty) {
                Some(("Option", _)) => Role::Optional,
                Some(("Vec", inner)) => {
                    if let Some(kind) = joined_kind(inner) {
                        cx.error_at(
                            span,
                            format!(
                                "a `Vec` of `{}`s joins the variant's `{}`: mark the field `#[rich_status({})]` instead of `detail`",
                                last_segment(inner).unwrap_or_default(),
                                kind.name,
                                kind.name
                            ),
                        );
                        continue;
                    }
                    Role::All
                }
                _ => Role::One,
            },
        };
        out.push(DetailField { index, role });
    }
    out
}

/// `Some(("Vec", T))` for a type written `Vec<T>` (by its last path segment), and so on
/// for `Option`.
pub(crate) fn container(ty: &syn::Type) -> Option<(&'static str, &syn::Type)> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let name = ["Option", "Vec"].into_iter().find(|n| last.ident == n)?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) if args.args.len() == 1 => Some((name, inner)),
        _ => None,
    }
}

fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// The detail that a violation or link type written like `pb::bad_request::FieldViolation`
/// belongs to: the kind whose item it names, the module before it choosing between kinds
/// whose items share a name (`quota_failure::Violation`).
fn joined_kind(ty: &syn::Type) -> Option<&'static DetailKind> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let mut segments = path.path.segments.iter().rev();
    let item = segments.next()?.ident.to_string();
    let module = segments.next().map(|s| s.ident.to_string());
    let mut kinds = crate::symbol::list_kinds().filter(|k| k.item == Some(item.as_str()));
    let first = kinds.next()?;
    let others: Vec<_> = kinds.collect();
    if others.is_empty() {
        return Some(first);
    }
    std::iter::once(first)
        .chain(others)
        .find(|k| module.as_deref() == Some(k.name))
}
