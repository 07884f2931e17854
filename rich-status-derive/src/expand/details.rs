//! `details`: per variant, the `ErrorInfo` with its metadata, then one `DetailWriter`
//! call per item of the plan's wire order ([`Sent`]).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::message::format_string;
use super::pattern;
use crate::ast::Variant;
use crate::fmt::{Piece, Template};
use crate::symbol::DetailKind;
use crate::valid::{Arg, Plan, RichPlan, Role, Sent};

/// The most pieces `rich_status::detail::Concat` writes (a tuple of up to eight).
const MAX_CONCAT: usize = 8;

pub fn details_body(plans: &[Plan<'_, '_>]) -> TokenStream {
    let arms = plans.iter().map(|plan| match plan {
        Plan::Transparent { variant, field, .. } => {
            let pattern = pattern(variant, &[0]);
            let binding = &field.binding;
            quote!(#pattern => ::rich_status::RichStatus::details(#binding, __writer),)
        }
        Plan::Rich(rich) => rich_arm(rich),
    });
    quote!(match self { #(#arms)* })
}

/// The calls of one variant, and the fields they use.
struct Calls<'v, 'a> {
    variant: &'v Variant<'a>,
    uses: Vec<usize>,
    calls: Vec<TokenStream>,
}

impl Calls<'_, '_> {
    fn uses(&mut self, index: usize) {
        if !self.uses.contains(&index) {
            self.uses.push(index);
        }
    }

    /// A field as a writer argument, at the field's type so that a type without
    /// `Display` is reported there.
    fn field(&mut self, index: usize) -> TokenStream {
        let span = self.variant.fields[index].ty.span();
        self.field_at(index, span)
    }

    /// A field's binding, at `span`.
    fn field_at(&mut self, index: usize, span: Span) -> TokenStream {
        self.uses(index);
        let binding = &self.variant.fields[index].binding;
        quote_spanned!(span=> #binding)
    }

    /// A template as a writer argument: its text when literal, the field for `"{field}"`,
    /// its pieces in a `Concat` when its placeholders are plain `{field}`s, else
    /// `format_args!`.
    fn text(&mut self, template: &Template) -> TokenStream {
        if template.is_literal() {
            let text = template.literal_text();
            return quote!(#text);
        }
        if let Some(index) = template.single_field() {
            return self.field(index);
        }
        if let Some(pieces) = &template.pieces
            && pieces.len() <= MAX_CONCAT
        {
            // Spanned at the template: a field without `Display` is reported there, as
            // `format_args!` reports it.
            let span = template.lit.span();
            let pieces: Vec<TokenStream> = pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Text(text) => quote!(#text),
                    Piece::Field(index) => self.field_at(*index, span),
                })
                .collect();
            return quote_spanned!(span=> ::rich_status::detail::Concat((#(#pieces),*)));
        }
        for index in &template.fields {
            self.uses(*index);
        }
        let format = format_string(template);
        quote!(::core::format_args!(#format))
    }

    /// The writer call of one standard detail attribute: its required keys as
    /// arguments (empty when not given), the others through the typed writer.
    fn standard(&mut self, kind: &DetailKind, item: &[(&'static str, Arg)]) -> TokenStream {
        let method = format_ident!("{}", kind.method);
        let mut args = Vec::new();
        let mut setters = Vec::new();
        for (position, key) in kind.keys.iter().enumerate() {
            let arg = item.iter().find(|(k, _)| k == key).map(|(_, arg)| arg);
            let value = match arg {
                Some(Arg::Text(template)) => self.text(template),
                Some(Arg::Nanos(nanos)) => duration(*nanos),
                Some(Arg::Field(index)) => {
                    let value = self.field(*index);
                    quote!(*#value)
                }
                None if position < kind.required => quote!(""),
                None => continue,
            };
            if position < kind.required {
                args.push(value);
            } else {
                let setter = format_ident!("{key}");
                setters.push(quote!(.#setter(#value)));
            }
        }
        quote!(__writer.#method(#(#args),*) #(#setters)*;)
    }

    /// `DebugInfo` from the error's `Debug`, its source chain and its backtrace.
    fn debug_info(&mut self) -> TokenStream {
        let variant = self.variant;
        let none = quote!(::core::option::Option::None);
        let source = match variant.fields.iter().position(|f| f.is_source) {
            Some(index) => {
                let value = self.field(index);
                // The error itself, not the binding's reference to it: a chain that
                // comes back to it is then seen to.
                quote! {
                    ::core::option::Option::Some({
                        use ::rich_status::detail::AsDynError as _;
                        (*#value).as_dyn_error()
                    })
                }
            }
            None => none.clone(),
        };
        let backtrace = match variant.fields.iter().position(|f| f.is_backtrace) {
            Some(index) => {
                let value = self.field(index);
                quote!(::core::option::Option::Some(#value))
            }
            None => none,
        };
        quote!(__writer.debug_info(self, #source, #backtrace);)
    }

    /// The calls of the fields whose violations or links join a detail of `kind`.
    fn joins(&mut self, kind: &DetailKind, joined: &[usize]) {
        let Some(join) = kind.join else { return };
        let method = format_ident!("{join}");
        for index in joined {
            let value = self.field(*index);
            self.calls.push(quote!(__writer.#method(#value);));
        }
    }
}

fn rich_arm(rich: &RichPlan<'_, '_>) -> TokenStream {
    let mut calls = Calls {
        variant: rich.variant,
        uses: Vec::new(),
        calls: Vec::new(),
    };
    let (reason, domain) = (&rich.reason, &rich.domain);
    let metadata: Vec<TokenStream> = rich
        .metadata
        .iter()
        .map(|(key, index)| {
            let value = calls.field(*index);
            quote!(.metadata(#key, #value))
        })
        .collect();
    calls
        .calls
        .push(quote!(__writer.error_info(#reason, #domain) #(#metadata)*;));

    for sent in &rich.wire {
        match sent {
            Sent::Standard {
                kind,
                items,
                joined,
            } => {
                for item in items {
                    let call = calls.standard(kind, item);
                    calls.calls.push(call);
                }
                calls.joins(kind, joined);
            }
            Sent::DebugInfo => {
                let call = calls.debug_info();
                calls.calls.push(call);
            }
            Sent::Hook(path) => {
                calls.calls.push(quote! {
                    let hook: fn(&Self, &mut ::rich_status::DetailWriter<'_>) = #path;
                    hook(self, __writer);
                });
            }
            Sent::Field { index, role } => {
                let ty = rich.variant.fields[*index].ty;
                let method = match role {
                    Role::One => "detail",
                    Role::Optional | Role::All => "detail_all",
                    // Violations or links are written with the detail they join.
                    Role::Join(_) => continue,
                };
                let method = syn::Ident::new(method, ty.span());
                let value = calls.field(*index);
                calls
                    .calls
                    .push(quote_spanned!(ty.span()=> __writer.#method(#value);));
            }
        }
    }

    let pattern = pattern(rich.variant, &calls.uses);
    let body = calls.calls;
    quote! {
        #pattern => {
            #(#body)*
        }
    }
}

/// A `Duration` literal in the largest unit that holds it exactly.
fn duration(nanos: u64) -> TokenStream {
    let (constructor, value) = [
        (1_000_000_000, "from_secs"),
        (1_000_000, "from_millis"),
        (1_000, "from_micros"),
    ]
    .into_iter()
    .find(|(unit, _)| nanos.is_multiple_of(*unit))
    .map_or(("from_nanos", nanos), |(unit, name)| (name, nanos / unit));
    let constructor = format_ident!("{constructor}");
    let value = proc_macro2::Literal::u64_unsuffixed(value);
    quote!(::core::time::Duration::#constructor(#value))
}
