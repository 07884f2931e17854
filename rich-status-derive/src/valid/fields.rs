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
/// belongs to, by its last two path segments.
fn joined_kind(ty: &syn::Type) -> Option<&'static DetailKind> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let names: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let module = names.len().checked_sub(2).map(|i| names[i].as_str());
    use crate::symbol::{BAD_REQUEST, HELP, PRECONDITION_FAILURE, QUOTA_FAILURE};
    match (module, names.last()?.as_str()) {
        (Some("quota_failure"), "Violation") => Some(QUOTA_FAILURE),
        (Some("precondition_failure"), "Violation") => Some(PRECONDITION_FAILURE),
        (_, "FieldViolation") => Some(BAD_REQUEST),
        (Some("help"), "Link") => Some(HELP),
        _ => None,
    }
}
