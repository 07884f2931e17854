//! `catalog`: one constant `Entry` per variant, as written in its attributes and doc
//! comment, and the inner type's entries for a `transparent` variant.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::ast::Input;
use crate::valid::fields::container;
use crate::valid::{GENERIC_CODES, Message, Plan, RichPlan, Role, Sent};

pub fn catalog_fn(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> TokenStream {
    if plans.is_empty() {
        return quote! {
            fn catalog() -> ::rich_status::catalog::Catalog {
                ::rich_status::catalog::Catalog::new()
            }
        };
    }
    // The variants' own entries as constant slices, a `transparent` variant's inner
    // entries between them.
    let mut steps = Vec::new();
    let mut entries = Vec::new();
    for plan in plans {
        match plan {
            Plan::Rich(rich) => entries.push(entry(input, rich)),
            Plan::Transparent { field, log, .. } => {
                steps.extend(push_all(&mut entries));
                let ty = field.ty;
                let logged_at = log
                    .as_ref()
                    .map(|level| quote!(.logged_at(::rich_status::LogLevel::#level)));
                steps.push(
                    quote!(catalog.extend(<#ty as ::rich_status::RichStatus>::catalog() #logged_at);),
                );
            }
        }
    }
    steps.extend(push_all(&mut entries));
    quote! {
        fn catalog() -> ::rich_status::catalog::Catalog {
            let mut catalog = ::rich_status::catalog::Catalog::new();
            #(#steps)*
            catalog
        }
    }
}

/// `catalog.push_all(const { &[entries] });`, emptying `entries`; nothing for none.
fn push_all(entries: &mut Vec<TokenStream>) -> Option<TokenStream> {
    if entries.is_empty() {
        return None;
    }
    let taken = std::mem::take(entries);
    Some(quote!(catalog.push_all(const { &[#(#taken),*] });))
}

fn entry(input: &Input<'_>, rich: &RichPlan<'_, '_>) -> TokenStream {
    let variant = rich.variant;
    let rust_name = if variant.is_enum_variant {
        format!("{}::{}", input.ident, variant.ident)
    } else {
        input.ident.to_string()
    };
    let (domain, reason, code) = (&rich.domain, &rich.reason, &rich.code);
    // `Entry::new` states the defaults: a `with_*` call for each thing that differs.
    let mut with = Vec::new();
    let generic_by_default = GENERIC_CODES.iter().any(|c| code == c);
    let message = match &rich.message {
        Message::Template(template) => {
            let text = template.lit.value();
            Some(quote!(Template(#text)))
        }
        Message::Field(index) => {
            let text = format!("{{{}}}", variant.fields[*index].name());
            Some(quote!(Template(#text)))
        }
        Message::Display => match &variant.display {
            Some(format) => Some(quote!(Template(#format))),
            None => generic_by_default.then(|| quote!(Display)),
        },
        Message::Generic => (!generic_by_default).then(|| quote!(Generic)),
    };
    if let Some(message) = message {
        with.push(quote!(.with_message(::rich_status::catalog::Message::#message)));
    }
    if !rich.metadata.is_empty() {
        let metadata = rich.metadata.iter().map(|(key, index)| {
            let field = &variant.fields[*index];
            let (name, rust_type) = (field.name(), type_text(field.ty));
            quote!(::rich_status::catalog::MetadataKey { key: #key, field: #name, rust_type: #rust_type })
        });
        with.push(quote!(.with_metadata(&[#(#metadata),*])));
    }
    let details = detail_names(rich);
    if !details.is_empty() {
        with.push(quote!(.with_details(&[#(#details),*])));
    }
    if rich.sends_debug_info() {
        with.push(quote!(.with_debug_info()));
    }
    if let Some(level) = &rich.log {
        with.push(quote!(.with_log_level(::rich_status::LogLevel::#level)));
    }
    let description = &variant.docs;
    if !description.is_empty() {
        with.push(quote!(.with_description(#description)));
    }
    quote! {
        ::rich_status::catalog::Entry::new(#rust_name, #domain, #reason, ::rich_status::tonic::Code::#code)
            #(#with)*
    }
}

/// The names of the details after the `ErrorInfo`, in wire order: a standard one's
/// written out, a field's message's read from its `prost::Name` (a constant, so the list
/// stays a constant too); `DebugInfo` is the entry's flag, and a hook's details are
/// known only at run time.
fn detail_names(rich: &RichPlan<'_, '_>) -> Vec<TokenStream> {
    let variant = rich.variant;
    rich.wire
        .iter()
        .filter_map(|sent| match sent {
            Sent::Standard { kind, .. } => {
                let name = kind.message;
                Some(quote!(::rich_status::catalog::DetailName { package: "google.rpc", name: #name }))
            }
            Sent::Field { index, role } => {
                let ty = variant.fields[*index].ty;
                let message = match role {
                    Role::Optional | Role::All => container(ty).map_or(ty, |(_, inner)| inner),
                    Role::One | Role::Join(_) => ty,
                };
                Some(quote!(const { ::rich_status::catalog::DetailName::of::<#message>() }))
            }
            Sent::DebugInfo | Sent::Hook(_) => None,
        })
        .collect()
}

/// A type as written, spaced as rustfmt spaces it: `Vec<pb::Link>`, `&'a str`.
fn type_text(ty: &syn::Type) -> String {
    let printed = ty.to_token_stream().to_string();
    let chars: Vec<char> = printed.chars().collect();
    let mut out = String::with_capacity(printed.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let glued_after = matches!(before, Some('<' | '&' | '(' | '[' | ':'));
            let glued_before = matches!(after, Some('<' | '>' | ',' | ';' | ')' | ']' | ':' | '('));
            if glued_after || glued_before {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::type_text;

    #[test]
    fn types_read_as_written() {
        for written in [
            "String",
            "Vec<pb::bad_request::FieldViolation>",
            "&'a str",
            "Option<std::collections::HashMap<String, u64>>",
            "[u8; 4]",
            "(u8, u16)",
            "Box<dyn Fn(u8) -> u8>",
        ] {
            let ty: syn::Type = syn::parse_str(written).unwrap();
            assert_eq!(type_text(&ty), written);
        }
    }
}
