//! Code generation, from a validated plan only: one generator for every variant,
//! whatever its fields. What it writes is what a careful person writes by hand against
//! rich-status's public API: `impl RichStatus` whose `details` makes one typed
//! [`DetailWriter`] call per detail and whose `catalog` lists an `Entry` per variant, `impl From<E> for tonic::Status`, and on request
//! `TryFrom<&tonic::Status>` and axum's `IntoResponse`. Everything is named by full
//! path; `__private` holds only the few helpers a hand-written impl would not need.
//!
//! [`DetailWriter`]: https://docs.rs/rich-status/latest/rich_status/struct.DetailWriter.html

mod catalog;
mod decode;
mod details;
mod fallback;
mod generics;
mod message;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::{Input, Style, Variant};
use crate::ctxt::Ctxt;
use crate::valid::{self, Plan};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = Input::from_syn(&cx, input);
    let plans = model.as_ref().map(|model| valid::validate(&cx, model));
    match (cx.check(), &model, &plans) {
        (Ok(()), Some(model), Some(plans)) => expand(model, plans),
        (Err(errors), _, _) => fallback::with_errors(errors, input),
        // A model is missing only where an error says why.
        (Ok(()), _, _) => fallback::with_errors(TokenStream::new(), input),
    }
}

fn expand(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let where_clause = generics::where_clause(input, plans);

    let (code, message, details) = if plans.is_empty() {
        // An enum without variants has no values; its methods can never run.
        let body = quote!(match *self {});
        (body.clone(), body.clone(), body)
    } else {
        (
            merged_match(plans.iter().map(message::code_arm).collect()),
            merged_match(plans.iter().map(message::message_arm).collect()),
            details::details_body(plans),
        )
    };
    let log_level = message::log_level_fn(plans);
    let catalog = catalog::catalog_fn(input, plans);
    let decode = input
        .attrs()
        .decode
        .map(|_| decode::try_from_impl(input, plans));
    let into_response = input.attrs().into_response.map(|_| {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::rich_status::rest::IntoResponse for #ident #ty_generics #where_clause {
                fn into_response(self) -> ::rich_status::rest::Response {
                    use ::rich_status::__private::{LogError as _, LogOther as _};
                    let status = ::rich_status::rest::status(&self);
                    (&::rich_status::__private::Log(&self)).log(&status);
                    ::rich_status::rest::response(&status)
                }
            }
        }
    });
    let connect = input.attrs().connect.map(|_| {
        let try_from = input.attrs().decode.map(|_| {
            quote! {
                #[automatically_derived]
                impl #impl_generics ::core::convert::TryFrom<&::rich_status::connect::ConnectError>
                    for #ident #ty_generics #where_clause
                {
                    type Error = ::rich_status::decode::FromStatusError;

                    fn try_from(
                        error: &::rich_status::connect::ConnectError,
                    ) -> ::core::result::Result<Self, Self::Error> {
                        let status = ::rich_status::connect::status(error)?;
                        Self::try_from(&status)
                    }
                }
            }
        });
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ident #ty_generics>
                for ::rich_status::connect::ConnectError #where_clause
            {
                fn from(error: #ident #ty_generics) -> Self {
                    use ::rich_status::__private::{LogError as _, LogOther as _};
                    let connect = ::rich_status::connect::from_error(&error);
                    (&::rich_status::__private::Log(&error)).log(&connect);
                    connect
                }
            }

            #try_from
        }
    });

    quote! {
        #[automatically_derived]
        impl #impl_generics ::rich_status::RichStatus for #ident #ty_generics #where_clause {
            fn code(&self) -> ::rich_status::tonic::Code {
                #code
            }

            fn write_message(
                &self,
                __formatter: &mut ::core::fmt::Formatter<'_>,
            ) -> ::core::fmt::Result {
                #message
            }

            fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
                #details
            }

            #log_level

            #catalog
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#ident #ty_generics>
            for ::rich_status::tonic::Status #where_clause
        {
            fn from(error: #ident #ty_generics) -> Self {
                use ::rich_status::__private::{LogError as _, LogOther as _};
                let status = ::rich_status::RichStatus::to_status(&error);
                (&::rich_status::__private::Log(&error)).log(&status);
                status
            }
        }

        #into_response

        #decode

        #connect
    }
}

/// `Self::Variant` for an enum, `Self` for a struct.
fn path(variant: &Variant<'_>) -> TokenStream {
    let ident = variant.ident;
    if variant.is_enum_variant {
        quote!(Self::#ident)
    } else {
        quote!(Self)
    }
}

/// A pattern that binds the fields at `used` (indexes, any order) to their binding
/// names, and nothing else.
fn pattern(variant: &Variant<'_>, used: &[usize]) -> TokenStream {
    let path = path(variant);
    let is_used = |index: &usize| used.contains(index);
    match variant.style {
        Style::Named => {
            let bound = variant
                .fields
                .iter()
                .enumerate()
                .filter(|(i, _)| is_used(i))
                .map(|(_, f)| &f.binding);
            let rest = (used.len() < variant.fields.len()).then(|| quote!(..));
            let bound: Vec<_> = bound.collect();
            match (bound.is_empty(), rest) {
                (true, _) => quote!(#path { .. }),
                (false, Some(rest)) => quote!(#path { #(#bound,)* #rest }),
                (false, None) => quote!(#path { #(#bound),* }),
            }
        }
        Style::Tuple if used.is_empty() => quote!(#path(..)),
        Style::Tuple => {
            let last = used.iter().copied().max().unwrap_or(0);
            let slots = variant.fields[..=last].iter().enumerate().map(|(i, f)| {
                if is_used(&i) {
                    let binding = &f.binding;
                    quote!(#binding)
                } else {
                    quote!(_)
                }
            });
            let rest = (last + 1 < variant.fields.len()).then(|| quote!(, ..));
            quote!(#path(#(#slots),* #rest))
        }
        Style::Unit => path,
    }
}

/// One arm of a generated `match self`.
struct Arm<'v, 'a> {
    variant: &'v Variant<'a>,
    /// The fields the body uses.
    uses: Vec<usize>,
    /// What the body does, said from the plan (`Internal`, `Display`), for an arm that
    /// binds nothing: neighbours that say the same are joined. `None`: never joined.
    same: Option<String>,
    body: TokenStream,
}

/// `match self` over `arms`, with neighbouring arms that bind nothing and do the same
/// thing joined by `|`; just the body when every variant does the same thing (the
/// usual `code` of an enum with one default code, or a message from `Display`).
fn merged_match(arms: Vec<Arm<'_, '_>>) -> TokenStream {
    if let Some(Some(first)) = arms.first().map(|arm| &arm.same)
        && arms.iter().all(|arm| arm.same.as_ref() == Some(first))
    {
        return arms[0].body.clone();
    }
    let out = merged_arms(&arms);
    quote!(match self { #out })
}

/// The arms of a `match self`, neighbours that bind nothing and do the same joined by
/// `|`.
fn merged_arms(arms: &[Arm<'_, '_>]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut start = 0;
    while start < arms.len() {
        let mut end = start + 1;
        if arms[start].same.is_some() {
            while end < arms.len() && arms[end].same == arms[start].same {
                end += 1;
            }
        }
        let patterns = arms[start..end]
            .iter()
            .map(|arm| pattern(arm.variant, &arm.uses));
        let body = &arms[start].body;
        out.extend(quote!(#(#patterns)|* => #body,));
        start = end;
    }
    out
}

/// `match self` over the arms of the variants that have one, and `_ => rest` for the
/// others, when there are others.
fn match_with_rest(arms: Vec<Arm<'_, '_>>, all: usize, rest: TokenStream) -> TokenStream {
    let out = merged_arms(&arms);
    let rest = (arms.len() < all).then(|| quote!(_ => #rest,));
    quote!(match self { #out #rest })
}
