//! What the derive emits for an input with errors: the errors, and impls that keep the
//! user's other code compiling, so that the only messages are ours (as thiserror does).

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn with_errors(errors: TokenStream, input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #errors

        #[automatically_derived]
        impl #impl_generics ::rich_status::RichStatus for #ident #ty_generics #where_clause {
            fn code(&self) -> ::rich_status::tonic::Code {
                ::core::unreachable!()
            }
            fn write_message(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
            fn details(&self, _: &mut ::rich_status::DetailWriter<'_>) {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#ident #ty_generics>
            for ::rich_status::tonic::Status #where_clause
        {
            fn from(_: #ident #ty_generics) -> Self {
                ::core::unreachable!()
            }
        }
    }
}
