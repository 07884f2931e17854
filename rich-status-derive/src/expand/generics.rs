//! The bounds the generated impls need on the input's type parameters: `Display` for the
//! fields a message or detail shows, `Debug` for `{x:?}` and `debug_info`, `RichStatus`
//! for a `transparent` field, each only where a field's type names a parameter.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::WherePredicate;

use crate::ast::Input;
use crate::fmt::Template;
use crate::valid::{Message, Plan};

/// The input's where clause, plus the bounds the generated code needs on generic fields.
pub fn where_clause(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> Option<syn::WhereClause> {
    let params: Vec<String> = input
        .generics
        .type_params()
        .map(|p| p.ident.to_string())
        .collect();
    let mut clause = input.generics.where_clause.clone();
    if params.is_empty() {
        return clause;
    }
    let mut predicates: Vec<WherePredicate> = Vec::new();
    let mut push = |predicate: WherePredicate| {
        let text = quote!(#predicate).to_string();
        if !predicates.iter().any(|p| quote!(#p).to_string() == text) {
            predicates.push(predicate);
        }
    };
    for plan in plans {
        match plan {
            Plan::Transparent { field, .. } => {
                let ty = field.ty;
                if mentions(ty, &params) {
                    push(syn::parse_quote!(#ty: ::rich_status::RichStatus));
                }
            }
            Plan::Rich(rich) => {
                let variant = rich.variant;
                match &rich.message {
                    Message::Display => push(syn::parse_quote!(Self: ::core::fmt::Display)),
                    Message::Field(index) => {
                        let ty = variant.fields[*index].ty;
                        if mentions(ty, &params) {
                            push(syn::parse_quote!(#ty: ::core::fmt::Display));
                        }
                    }
                    Message::Generic | Message::Template(_) => {}
                }
                if rich.sends_debug_info() {
                    push(syn::parse_quote!(Self: ::core::fmt::Debug));
                }
                let mut templates: Vec<&Template> = match &rich.message {
                    Message::Template(template) => vec![template],
                    _ => Vec::new(),
                };
                for sent in &rich.wire {
                    templates.extend(sent.templates());
                }
                let mut display: Vec<usize> = rich.metadata.iter().map(|(_, i)| *i).collect();
                let mut debug = Vec::new();
                for template in templates {
                    for index in &template.fields {
                        if template.debug_fields.contains(index) {
                            debug.push(*index);
                        } else {
                            display.push(*index);
                        }
                    }
                }
                for (indexes, bound) in [
                    (display, quote!(::core::fmt::Display)),
                    (debug, quote!(::core::fmt::Debug)),
                ] {
                    for index in indexes {
                        let ty = variant.fields[index].ty;
                        if mentions(ty, &params) {
                            push(syn::parse_quote!(#ty: #bound));
                        }
                    }
                }
            }
        }
    }
    if predicates.is_empty() {
        return clause;
    }
    let clause = clause.get_or_insert_with(|| syn::WhereClause {
        where_token: Default::default(),
        predicates: Default::default(),
    });
    clause.predicates.extend(predicates);
    Some(clause.clone())
}

/// True when the type's tokens name one of the generic type parameters.
fn mentions(ty: &syn::Type, params: &[String]) -> bool {
    fn walk(tokens: TokenStream, params: &[String]) -> bool {
        tokens.into_iter().any(|t| match t {
            TokenTree::Ident(ident) => params.iter().any(|p| ident == p),
            TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    walk(quote!(#ty), params)
}
