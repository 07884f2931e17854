//! The `#[derive(RichStatus)]` macro of [rich-status](https://docs.rs/rich-status).
//!
//! Use it through the `rich-status` crate, which re-exports it and documents the
//! attributes. The derive runs in three stages that never mix: `attr`/`ast` parse the
//! input into a model, `valid` checks every rule and reports all errors of the input
//! together, and `expand` generates code from what `valid` accepted.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod fmt;
#[cfg(test)]
mod snapshots;
mod symbol;
mod valid;

use proc_macro::TokenStream;

/// Derives `rich_status::RichStatus` and `From<E> for tonic::Status`; see the
/// `rich-status` crate for the attributes.
#[proc_macro_derive(RichStatus, attributes(rich_status))]
pub fn derive_rich_status(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
