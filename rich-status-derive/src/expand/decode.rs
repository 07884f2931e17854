//! `impl TryFrom<&tonic::Status>`, for `#[rich_status(decode)]`: the variant by
//! `ErrorInfo` domain and reason, its fields read back from the details; then each
//! `transparent` variant's inner type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::path;
use crate::ast::{Input, Style};
use crate::valid::{Message, Plan, RichPlan, Role};

pub fn try_from_impl(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> TokenStream {
    let ident = input.ident;
    let arms = plans.iter().filter_map(|plan| match plan {
        Plan::Rich(rich) => {
            let (domain, reason, code) = (&rich.domain, &rich.reason, &rich.code);
            let value = rebuild(rich);
            Some(quote! {
                (#domain, #reason) => {
                    reader.expect_code(::rich_status::tonic::Code::#code)?;
                    ::core::result::Result::Ok(#value)
                }
            })
        }
        Plan::Transparent { .. } => None,
    });
    let inner = plans.iter().filter_map(|plan| match plan {
        Plan::Transparent { variant, field, .. } => {
            let ty = field.ty;
            let path = path(variant);
            let value = match variant.style {
                Style::Named => {
                    let name = &field.binding;
                    quote!(#path { #name: inner })
                }
                _ => quote!(#path(inner)),
            };
            Some(quote! {
                if let ::core::result::Result::Ok(inner) =
                    <#ty as ::core::convert::TryFrom<&::rich_status::tonic::Status>>::try_from(status)
                {
                    return ::core::result::Result::Ok(#value);
                }
            })
        }
        Plan::Rich(_) => None,
    });
    quote! {
        #[automatically_derived]
        impl ::core::convert::TryFrom<&::rich_status::tonic::Status> for #ident {
            type Error = ::rich_status::decode::FromStatusError;

            fn try_from(
                status: &::rich_status::tonic::Status,
            ) -> ::core::result::Result<Self, Self::Error> {
                let reader = ::rich_status::decode::StatusReader::new(status)?;
                match (reader.domain(), reader.reason()) {
                    #(#arms)*
                    _ => {
                        #(#inner)*
                        ::core::result::Result::Err(reader.no_match())
                    }
                }
            }
        }
    }
}

/// The variant, each field read back: metadata parsed with `FromStr`, the message
/// field from the message, detail fields unpacked (violations and links after those the
/// attributes wrote), the others as their `Default`.
fn rebuild(rich: &RichPlan<'_, '_>) -> TokenStream {
    let variant = rich.variant;
    let values = variant.fields.iter().enumerate().map(|(index, field)| {
        let name = field.name();
        let ty = field.ty;
        let role = rich.role_of(index);
        if let Some((key, _)) = rich.metadata.iter().find(|(_, i)| *i == index) {
            quote!(reader.metadata(#key, #name)?)
        } else if matches!(rich.message, Message::Field(i) if i == index) {
            quote_spanned!(ty.span()=> reader.message(#name)?)
        } else if let Some(role) = role {
            match role {
                Role::One => quote_spanned!(ty.span()=> reader.detail(#name)?),
                Role::Optional => quote_spanned!(ty.span()=> reader.optional_detail(#name)?),
                Role::All => quote_spanned!(ty.span()=> reader.all_details(#name)?),
                Role::Join(kind) => {
                    let method = format_ident!("{}", kind.join.unwrap_or_default());
                    // After the violations or links the variant's attributes wrote.
                    let skip = match rich.items_of(kind) {
                        0 => None,
                        written => {
                            let written = proc_macro2::Literal::usize_unsuffixed(written);
                            Some(quote!(.skip(#written)))
                        }
                    };
                    match kind.received_by {
                        Some(received_by) => {
                            let received_by = format_ident!("{received_by}");
                            quote_spanned!(ty.span()=> ::rich_status::validation::#received_by::from_received(reader.#method() #skip))
                        }
                        None => quote_spanned!(ty.span()=> reader.#method() #skip .collect()),
                    }
                }
            }
        } else if field.is_backtrace {
            quote!(::std::backtrace::Backtrace::disabled())
        } else {
            quote!(reader.unsent::<#ty>())
        }
    });
    let path = path(variant);
    match variant.style {
        Style::Named => {
            let names = variant.fields.iter().map(|f| &f.binding);
            quote!(#path { #(#names: #values),* })
        }
        Style::Tuple => quote!(#path(#(#values),*)),
        Style::Unit => path,
    }
}
