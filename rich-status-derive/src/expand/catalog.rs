//! `catalog`: one constant `Entry` per variant, as written in its attributes and doc
//! comment, and the inner type's entries for a `transparent` variant.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use crate::ast::Input;
use crate::valid::fields::container;
use crate::valid::{Message, Plan, RichPlan, Role, Sent};

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
    let message = match &rich.message {
        Message::Template(template) => {
            let text = template.lit.value();
            quote!(::rich_status::catalog::Message::Template(#text))
        }
        Message::Field(index) => {
            let text = format!("{{{}}}", variant.fields[*index].name());
            quote!(::rich_status::catalog::Message::Template(#text))
        }
        Message::Display => match &variant.display {
            Some(format) => quote!(::rich_status::catalog::Message::Template(#format)),
            None => quote!(::rich_status::catalog::Message::Display),
        },
        Message::Generic => quote!(::rich_status::catalog::Message::Generic),
    };
    let metadata: Vec<TokenStream> = rich.metadata.iter().map(|(key, index)| {
        let field = &variant.fields[*index];
        let (name, rust_type) = (field.name(), type_text(field.ty));
        quote! {
            ::rich_status::catalog::MetadataKey { key: #key, field: #name, rust_type: #rust_type }
        }
    }).collect();
    let details: Vec<TokenStream> = detail_types(rich)
        .into_iter()
        .map(|ty| quote!(::rich_status::catalog::DetailName::of::<#ty>()))
        .collect();
    let debug_info = rich.sends_debug_info();
    let log_level = match &rich.log {
        Some(level) => quote!(::rich_status::LogLevel::#level),
        None => quote!(::rich_status::LogLevel::for_code(::rich_status::tonic::Code::#code)),
    };
    let description = &variant.docs;
    quote! {
        ::rich_status::catalog::Entry {
            rust_name: #rust_name,
            domain: #domain,
            reason: #reason,
            code: ::rich_status::tonic::Code::#code,
            message: #message,
            metadata: &[#(#metadata),*],
            details: &[#(#details),*],
            debug_info: #debug_info,
            log_level: #log_level,
            description: #description,
        }
    }
}

/// The message types of the details after the `ErrorInfo`, in wire order; `DebugInfo`
/// is the entry's flag, and a hook's details are known only at run time.
fn detail_types(rich: &RichPlan<'_, '_>) -> Vec<TokenStream> {
    let variant = rich.variant;
    rich.wire
        .iter()
        .filter_map(|sent| match sent {
            Sent::Standard { kind, .. } => {
                let message = format_ident!("{}", kind.message);
                Some(quote!(::rich_status::pb::#message))
            }
            Sent::Field { index, role } => {
                let ty = variant.fields[*index].ty;
                let message = match role {
                    Role::Optional | Role::All => container(ty).map_or(ty, |(_, inner)| inner),
                    Role::One | Role::Join(_) => ty,
                };
                Some(message.to_token_stream())
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
