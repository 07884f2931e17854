//! Code generation, from a validated plan only. Generated code names everything by full
//! path, through `::rich_status` and its hidden `__private` module, and leaves the work to
//! ordinary runtime functions, so that `cargo expand` reads like hand-written code.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, WherePredicate};

use crate::ast::{Field, Input, Style, Variant};
use crate::ctxt::Ctxt;
use crate::fmt::Template;
use crate::valid::{self, Arg, DetailPlan, Message, Plan, RichPlan};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let Some(model) = Input::from_syn(&cx, input) else {
        return with_fallback(&cx, input);
    };
    let plans = valid::validate(&cx, &model);
    if cx.has_errors() {
        return with_fallback(&cx, input);
    }
    expand(&model, &plans)
}

/// The errors, and impls that keep the user's other code compiling, so that the only
/// messages are ours.
fn with_fallback(cx: &Ctxt, input: &DeriveInput) -> TokenStream {
    let errors = cx.to_compile_errors();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #errors

        #[automatically_derived]
        impl #impl_generics ::rich_status::RichStatus for #ident #ty_generics #where_clause {
            fn code(&self) -> ::rich_status::__private::Code {
                ::core::unreachable!()
            }
            fn message(&self) -> ::std::string::String {
                ::core::unreachable!()
            }
            fn with_details(
                &self,
                _: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
            ) {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#ident #ty_generics>
            for ::rich_status::__private::Status #where_clause
        {
            fn from(_: #ident #ty_generics) -> Self {
                ::core::unreachable!()
            }
        }
    }
}

fn expand(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let where_clause = where_clause(input, plans);

    let decode = if input.attrs.decode.is_some() {
        decode_impl(input, plans)
    } else {
        TokenStream::new()
    };

    let log_level = log_level_fn(plans);
    let into_response = if input.attrs.skip_into_response.is_some() {
        TokenStream::new()
    } else {
        quote! {
            ::rich_status::__private::impl_into_response! {
                [#impl_generics] [#ident #ty_generics] [#where_clause]
            }
        }
    };
    let (code, message, details) = if plans.is_empty() {
        // An enum without variants has no values; its methods can never run.
        let body = quote!(match *self {});
        (body.clone(), body.clone(), body)
    } else {
        let details_arms = plans.iter().map(details_arm);
        // The traits that pick how a `detail` field is written, for the arms that have one.
        let detail_traits = plans
            .iter()
            .any(|plan| matches!(plan, Plan::Rich(rich) if !rich.detail_fields.is_empty()))
            .then(|| {
                quote! {
                    use ::rich_status::__private::{
                        ViaList as _, ViaMessage as _, ViaOption as _, ViaViolations as _,
                    };
                }
            });
        (
            merged_match(plans.iter().map(code_arm).collect()),
            merged_match(plans.iter().map(message_arm).collect()),
            quote!(#detail_traits match self { #(#details_arms)* }),
        )
    };

    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::rich_status::RichStatus for #ident #ty_generics #where_clause {
            fn code(&self) -> ::rich_status::__private::Code {
                #code
            }

            fn message(&self) -> ::std::string::String {
                #message
            }

            #log_level

            #[allow(unused_variables, unused_imports)]
            fn with_details(
                &self,
                __details: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
            ) {
                #details
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#ident #ty_generics>
            for ::rich_status::__private::Status #where_clause
        {
            fn from(error: #ident #ty_generics) -> Self {
                ::rich_status::__private::convert(&error, ::rich_status::__private::describe!(error))
            }
        }

        #into_response

        #decode
    }
}

/// `impl TryFrom<&tonic::Status>`, for `#[rich_status(decode)]`: the variant by
/// `ErrorInfo` domain and reason, then each `transparent` variant's inner type.
fn decode_impl(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> TokenStream {
    let ident = input.ident;
    let arms = plans.iter().filter_map(|plan| match plan {
        Plan::Rich(rich) => {
            let (domain, reason) = (&rich.domain, &rich.reason);
            let value = rebuild(rich);
            Some(quote!((#domain, #reason) => return ::core::result::Result::Ok(#value),))
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
                    <#ty as ::core::convert::TryFrom<&::rich_status::__private::Status>>::try_from(status)
                {
                    return ::core::result::Result::Ok(#value);
                }
            })
        }
        Plan::Rich(_) => None,
    });
    quote! {
        #[automatically_derived]
        impl ::core::convert::TryFrom<&::rich_status::__private::Status> for #ident {
            type Error = ::rich_status::FromStatusError;

            fn try_from(
                status: &::rich_status::__private::Status,
            ) -> ::core::result::Result<Self, Self::Error> {
                use ::rich_status::__private::{
                    RebuildList as _, RebuildMessage as _, RebuildOption as _,
                    RebuildViolations as _,
                };
                let __decoded = ::rich_status::__private::Decoded::new(status)?;
                match (__decoded.domain(), __decoded.reason()) {
                    #(#arms)*
                    _ => {}
                }
                #(#inner)*
                ::core::result::Result::Err(__decoded.no_match())
            }
        }
    }
}

/// The variant, its fields rebuilt from the details.
fn rebuild(rich: &RichPlan<'_, '_>) -> TokenStream {
    let variant = rich.variant;
    let count = |name: &str| -> usize {
        rich.details
            .iter()
            .map(|d| match d {
                DetailPlan::Standard { kind, items } if kind.name == name => items.len(),
                _ => 0,
            })
            .sum()
    };
    let skip = [
        count("quota_failure"),
        count("precondition_failure"),
        count("bad_request"),
        count("help"),
    ];
    let values = variant.fields.iter().enumerate().map(|(index, field)| {
        let name = field.name();
        let ty = field.ty;
        if let Some((key, _)) = rich.metadata.iter().find(|(_, i)| *i == index) {
            quote!(__decoded.metadata(#key, #name)?)
        } else if matches!(rich.message, Message::Field(i) if i == index) {
            quote_spanned! {ty.span()=> __decoded.message::<#ty>(#name)?}
        } else if rich.detail_fields.contains(&index) {
            quote_spanned! {ty.span()=>
                (&&&&::rich_status::__private::RebuildOf::<#ty>::NEW)
                    .rich_status_rebuild(&__decoded, [#(#skip),*], #name)?
            }
        } else if field.is_backtrace {
            quote!(::std::backtrace::Backtrace::disabled())
        } else {
            quote_spanned! {ty.span()=>
                <#ty as ::rich_status::__private::RebuildDefault>::rebuild_default()
            }
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

/// `Self::Variant` for an enum, `Self` for a struct.
fn path(variant: &Variant<'_>) -> TokenStream {
    let ident = variant.ident;
    if variant.is_enum_variant {
        quote!(Self::#ident)
    } else {
        quote!(Self)
    }
}

/// One arm of a generated `match self`.
struct Arm<'v, 'a> {
    variant: &'v Variant<'a>,
    body: TokenStream,
    /// The pattern binds fields, which the body uses: never merged with another arm.
    binds: bool,
}

impl<'v, 'a> Arm<'v, 'a> {
    fn any(variant: &'v Variant<'a>, body: TokenStream) -> Self {
        Arm {
            variant,
            body,
            binds: false,
        }
    }

    fn bind(variant: &'v Variant<'a>, body: TokenStream) -> Self {
        Arm {
            variant,
            body,
            binds: true,
        }
    }

    /// The arm's pattern, built only for arms that are written out.
    fn pattern(&self) -> TokenStream {
        if self.binds {
            pattern_bind(self.variant)
        } else {
            pattern_any(self.variant)
        }
    }
}

/// `match self` over `arms`, with neighbouring arms that bind nothing and do the same
/// thing joined by `|`; just the body when every variant does the same thing (the
/// usual `code` of an enum with one default code, or a `message` from `Display`).
/// Less code for rustc to check and compile, and easier to read.
fn merged_match(arms: Vec<Arm<'_, '_>>) -> TokenStream {
    // Token streams compare by their text: each body is printed once.
    let texts: Vec<Option<String>> = arms
        .iter()
        .map(|arm| (!arm.binds).then(|| arm.body.to_string()))
        .collect();
    if let Some(Some(first)) = texts.first()
        && texts.iter().all(|text| text.as_ref() == Some(first))
    {
        return arms[0].body.clone();
    }
    let mut out = TokenStream::new();
    let mut start = 0;
    while start < arms.len() {
        let mut end = start + 1;
        if texts[start].is_some() {
            while end < arms.len() && texts[end] == texts[start] {
                end += 1;
            }
        }
        let patterns = arms[start..end].iter().map(Arm::pattern);
        let body = &arms[start].body;
        out.extend(quote!(#(#patterns)|* => #body,));
        start = end;
    }
    quote!(match self { #out })
}

/// A pattern that matches the variant without binding anything.
fn pattern_any(variant: &Variant<'_>) -> TokenStream {
    let path = path(variant);
    match variant.style {
        Style::Named => quote!(#path { .. }),
        Style::Tuple => quote!(#path(..)),
        Style::Unit => path,
    }
}

/// A pattern that binds every field to its binding name.
fn pattern_bind(variant: &Variant<'_>) -> TokenStream {
    let path = path(variant);
    let bindings = variant.fields.iter().map(|f| &f.binding);
    match variant.style {
        Style::Named => quote!(#path { #(#bindings),* }),
        Style::Tuple => quote!(#path(#(#bindings),*)),
        Style::Unit => path,
    }
}

fn code_arm<'v, 'a>(plan: &Plan<'v, 'a>) -> Arm<'v, 'a> {
    match plan {
        Plan::Transparent { variant, field, .. } => {
            let binding = &field.binding;
            Arm::bind(variant, quote!(::rich_status::RichStatus::code(#binding)))
        }
        Plan::Rich(rich) => {
            let code = &rich.code;
            Arm::any(rich.variant, quote!(::rich_status::__private::Code::#code))
        }
    }
}

fn message_arm<'v, 'a>(plan: &Plan<'v, 'a>) -> Arm<'v, 'a> {
    let rich = match plan {
        Plan::Transparent { variant, field, .. } => {
            let binding = &field.binding;
            return Arm::bind(
                variant,
                quote!(::rich_status::RichStatus::message(#binding)),
            );
        }
        Plan::Rich(rich) => rich,
    };
    let variant = rich.variant;
    match &rich.message {
        Message::Display => Arm::any(
            variant,
            quote!(::rich_status::__private::display_message(self)),
        ),
        Message::Generic => {
            let code = &rich.code;
            Arm::any(
                variant,
                quote! {
                    ::rich_status::__private::generic_message(
                        ::rich_status::__private::Code::#code,
                    )
                },
            )
        }
        Message::Field(index) => {
            let binding = &variant.fields[*index].binding;
            Arm::bind(
                variant,
                quote!(::rich_status::__private::display_message(#binding)),
            )
        }
        Message::Template(template) if template.is_literal() => {
            let text = template.literal_text();
            Arm::any(variant, quote!(::std::string::String::from(#text)))
        }
        Message::Template(template) => match &template.plain {
            Some(plain) => {
                let pieces = pieces(plain, variant);
                Arm::bind(
                    variant,
                    quote!(::rich_status::__private::display_message(&#pieces)),
                )
            }
            None => {
                let format = format_string(template);
                Arm::bind(variant, quote!(::std::format!(#format)))
            }
        },
    }
}

/// The arm of `log_level`, or `None` when the variant keeps the default for its code.
fn log_arm(plan: &Plan<'_, '_>) -> Option<TokenStream> {
    let (pattern, level) = match plan {
        Plan::Transparent {
            variant,
            log: Some(level),
            ..
        } => (pattern_any(variant), level),
        Plan::Rich(rich) => {
            let level = rich.log.as_ref()?;
            (pattern_any(rich.variant), level)
        }
        Plan::Transparent {
            variant,
            field,
            log: None,
        } => {
            let pattern = pattern_bind(variant);
            let binding = &field.binding;
            return Some(quote!(#pattern => ::rich_status::RichStatus::log_level(#binding),));
        }
    };
    Some(quote!(#pattern => ::rich_status::__private::LogLevel::#level,))
}

/// `fn log_level`, when a variant's level is not the default for its code: an arm for
/// each variant with a `log` of its own and each `transparent` one, and one for the rest.
fn log_level_fn(plans: &[Plan<'_, '_>]) -> TokenStream {
    let arms: Vec<TokenStream> = plans.iter().filter_map(log_arm).collect();
    if arms.is_empty() {
        return TokenStream::new();
    }
    let rest = (arms.len() < plans.len()).then(|| {
        quote! {
            _ => ::rich_status::__private::LogLevel::for_code(
                ::rich_status::RichStatus::code(self),
            ),
        }
    });
    quote! {
        fn log_level(&self) -> ::rich_status::__private::LogLevel {
            match self {
                #(#arms)*
                #rest
            }
        }
    }
}

/// A plain template as `Pieces`: its literal pieces and its fields as `&dyn Display`,
/// each cast at the field's span so that a field without `Display` is reported there.
fn pieces(plain: &crate::fmt::Plain, variant: &Variant<'_>) -> TokenStream {
    let pieces = &plain.pieces;
    let args = plain.args.iter().map(|&index| {
        let field = &variant.fields[index];
        let binding = &field.binding;
        let ty = field.ty;
        quote_spanned!(ty.span()=> #binding as &dyn ::core::fmt::Display)
    });
    quote! {
        ::rich_status::__private::Pieces {
            pieces: &[#(#pieces),*],
            values: &[#(#args),*],
        }
    }
}

fn format_string(template: &Template) -> syn::LitStr {
    syn::LitStr::new(&template.rewritten, template.lit.span())
}

fn details_arm(plan: &Plan<'_, '_>) -> TokenStream {
    let rich = match plan {
        Plan::Transparent { variant, field, .. } => {
            let pattern = pattern_bind(variant);
            let binding = &field.binding;
            return quote! {
                #pattern => ::rich_status::RichStatus::with_details(#binding, __details),
            };
        }
        Plan::Rich(rich) => rich,
    };
    if let Some(arm) = described_arm(rich) {
        return arm;
    }
    let variant = rich.variant;
    let pattern = pattern_bind(variant);
    let mut texts = Texts::default();
    let mut statements = Vec::new();

    // ErrorInfo, always first.
    let reason = &rich.reason;
    let domain = &rich.domain;
    let error_info = if rich.metadata.is_empty() {
        quote!(::rich_status::ErrorInfoRef::new(#reason, #domain))
    } else {
        let pairs = rich.metadata.iter().map(|(key, index)| {
            let text = field_text(&variant.fields[*index]);
            quote!((#key, #text))
        });
        statements.push(quote!(let __metadata = [#(#pairs),*];));
        quote!(::rich_status::ErrorInfoRef::new(#reason, #domain).with_metadata(&__metadata))
    };
    statements.push(quote!(let __error_info = #error_info;));

    // Field details first, so the merged kinds below can take their violations.
    let field_details: Vec<Ident> = rich
        .detail_fields
        .iter()
        .enumerate()
        .map(|(n, index)| {
            let field = &variant.fields[*index];
            let name = format_ident!("__field_detail{n}");
            let binding = &field.binding;
            let dispatch = quote_spanned! {field.ty.span()=>
                (&&&&::rich_status::__private::Wrap(#binding)).rich_status_detail()
            };
            statements.push(quote!(let #name = #dispatch;));
            name
        })
        .collect();

    let mut list = vec![Entry::Always(format_ident!("__error_info"))];
    let merged_bits: Vec<TokenStream> = rich
        .details
        .iter()
        .filter_map(|d| match d {
            DetailPlan::Standard { kind, .. } => list_kind(kind.name),
            DetailPlan::DebugInfo | DetailPlan::Hook(_) => None,
        })
        .map(|list| {
            let bit = format_ident!("{}", list.merged_bit);
            quote!(::rich_status::__private::#bit)
        })
        .collect();
    let merged = if merged_bits.is_empty() {
        quote!(0)
    } else {
        quote!(#(#merged_bits)|*)
    };
    if !field_details.is_empty() {
        statements.push(quote! {
            let __field_details = ::rich_status::__private::FieldDetails::new(
                [#(&#field_details as &dyn ::rich_status::__private::FieldDetail),*],
                #merged,
            );
        });
    }
    for detail in &rich.details {
        match detail {
            DetailPlan::Standard { kind, items } => {
                let local = format_ident!("__{}", kind.name);
                let views: Vec<TokenStream> = items
                    .iter()
                    .map(|item| {
                        standard_view(kind.name, item, variant, &mut texts, &mut statements)
                    })
                    .collect();
                let detail = match list_kind(kind.name) {
                    Some(list) => {
                        let items_local = format_ident!("__{}_items", kind.name);
                        let list_view = format_ident!("{}", list.view);
                        statements.push(quote!(let #items_local = [#(#views),*];));
                        let mut detail = quote!(::rich_status::#list_view::new(&#items_local));
                        if !field_details.is_empty() {
                            let owned = format_ident!("__{}_owned", kind.name);
                            let from_fields = format_ident!("{}", list.from_fields);
                            let append = format_ident!("{}", list.append);
                            statements.push(quote!(let #owned = __field_details.#from_fields();));
                            detail = quote!(#detail.#append(&#owned));
                        }
                        detail
                    }
                    None => quote!(#(#views)*),
                };
                statements.push(quote!(let #local = #detail;));
                list.push(Entry::Always(local));
            }
            DetailPlan::DebugInfo => {
                statements.push(debug_info(variant));
                list.push(Entry::DebugInfo(format_ident!("__debug_info")));
            }
            DetailPlan::Hook(path) => {
                let local = format_ident!("__details_hook{}", list.len());
                statements.push(quote_spanned! {path.span()=>
                    let #local = ::rich_status::__private::Hook { error: self, hook: #path };
                });
                list.push(Entry::Always(local));
            }
        }
    }
    if !field_details.is_empty() {
        // Merged violations of kinds no attribute asked for, then packed messages.
        list.push(Entry::Always(format_ident!("__field_details")));
    }

    let call = if list.iter().all(|e| matches!(e, Entry::Always(_))) {
        let names = list.iter().map(Entry::name);
        quote!(__details(&[#(&#names),*]);)
    } else {
        let entries = list.iter().map(Entry::to_option);
        quote! {
            let (__list, __len) = ::rich_status::__private::present([#(#entries),*]);
            __details(&__list[..__len]);
        }
    };

    quote! {
        #pattern => {
            #(#statements)*
            #call
        }
    }
}

/// The arm of a variant whose details are all text (`ErrorInfo`, standard detail
/// attributes, `debug_info`): one call of `__private::details` (or `details_debug`) with
/// literal strings and a tuple of the fields, the cheapest shape for rustc to compile.
/// `None` for a variant with `detail` fields, a backtrace field, a `details` hook, a
/// `retry_info` delay from a field or more than `MAX_VALUES` values, which build their
/// details in the arm.
fn described_arm(rich: &RichPlan<'_, '_>) -> Option<TokenStream> {
    if !rich.detail_fields.is_empty() {
        return None;
    }
    let variant = rich.variant;
    let mut values = Values::default();
    let keys = rich.metadata.iter().map(|(key, index)| {
        values.field(variant, *index);
        key
    });
    let keys: Vec<&str> = keys.map(String::as_str).collect();
    let keys = keys.join(" ");
    let mut spec = String::new();
    let mut debug_info = false;
    for detail in &rich.details {
        let (kind, items) = match detail {
            DetailPlan::Standard { kind, items } => (kind, items),
            // Stack entries from a backtrace field are written the long way.
            DetailPlan::DebugInfo if variant.backtrace().is_none() => {
                push_item(&mut spec, "debug_info", "");
                debug_info = true;
                continue;
            }
            DetailPlan::DebugInfo | DetailPlan::Hook(_) => return None,
        };
        for item in items {
            // Pairs in field order, which is the order of the kind's keys.
            let mut pairs = String::new();
            let in_order = kind
                .keys
                .iter()
                .filter_map(|key| item.iter().find(|(k, _)| k == key));
            for (key, arg) in in_order {
                let (text, template) = match arg {
                    Arg::Text(template) => values.template(template, variant),
                    Arg::Nanos(nanos) => (format!("{nanos}ns"), false),
                    Arg::Field(_) => return None,
                };
                if !pairs.is_empty() {
                    pairs.push_str(", ");
                }
                let f = if template { "f" } else { "" };
                pairs.push_str(&format!("{key}[{}] = {f}\"{text}\"", text.len()));
            }
            push_item(&mut spec, kind.name, &pairs);
        }
    }
    if values.exprs.len() > MAX_VALUES {
        return None;
    }
    let pattern = pattern_bind(variant);
    let reason = &rich.reason;
    let domain = &rich.domain;
    let values = values.exprs;
    // A `DebugInfo` needs the error itself, and its source for the stack entries.
    let (function, debug_info) = if debug_info {
        let source = match variant.source() {
            Some(field) => {
                let binding = &field.binding;
                quote!(::core::option::Option::Some({
                    use ::rich_status::__private::AsDynError as _;
                    #binding.as_dyn_error()
                }))
            }
            None => quote!(::core::option::Option::None),
        };
        (quote!(details_debug), quote!(self, #source,))
    } else {
        (quote!(details), TokenStream::new())
    };
    Some(quote! {
        #pattern => ::rich_status::__private::#function(
            __details,
            #reason,
            #domain,
            #keys,
            #spec,
            (#(#values,)*),
            #debug_info
        ),
    })
}

/// Appends `kind[len](pairs)` to a variant's detail text (see the runtime crate's
/// `derived` module for its grammar).
fn push_item(spec: &mut String, kind: &str, pairs: &str) {
    if !spec.is_empty() {
        spec.push(' ');
    }
    spec.push_str(&format!("{kind}[{}]({pairs})", pairs.len()));
}

/// The most values `__private::details` takes (its `Values` tuples); a variant showing
/// more fields is written the long way.
const MAX_VALUES: usize = 12;

/// The values a described arm passes, each field once, and how its detail text refers
/// to them.
#[derive(Default)]
struct Values {
    exprs: Vec<TokenStream>,
    /// The field index of each expression that is a field (`None`: a formatted template).
    fields: Vec<Option<usize>>,
}

impl Values {
    /// The index of the field's `Text`, added if new.
    fn field(&mut self, variant: &Variant<'_>, index: usize) -> usize {
        if let Some(at) = self.fields.iter().position(|f| *f == Some(index)) {
            return at;
        }
        self.exprs.push(field_value(&variant.fields[index]));
        self.fields.push(Some(index));
        self.exprs.len() - 1
    }

    /// The template in the detail text's syntax, and whether it is an `f` template:
    /// literal text as it is; plain `{field}` placeholders as `{N}` with braces doubled
    /// around them; a template with format specs as one `{N}` of its own, formatted by a
    /// `Fmt` value.
    fn template(&mut self, template: &Template, variant: &Variant<'_>) -> (String, bool) {
        if template.is_literal() {
            return (template.literal_text(), false);
        }
        if let Some(plain) = &template.plain {
            let mut out = String::new();
            for (n, piece) in plain.pieces.iter().enumerate() {
                out.push_str(&escape_braces(piece));
                if let Some(&index) = plain.args.get(n) {
                    out.push_str(&format!("{{{}}}", self.field(variant, index)));
                }
            }
            return (out, true);
        }
        let format = format_string(template);
        self.exprs.push(quote! {
            ::rich_status::__private::Displayed(&::rich_status::__private::Fmt(
                |__formatter: &mut ::core::fmt::Formatter<'_>| ::core::write!(__formatter, #format),
            ))
        });
        self.fields.push(None);
        (format!("{{{}}}", self.exprs.len() - 1), true)
    }
}

/// Literal text in an `f` template of the detail text: braces doubled.
fn escape_braces(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// A detail made of a list (violations or links), which `detail` fields can add to.
struct ListKind {
    /// The view of the whole detail in `rich_status`.
    view: &'static str,
    /// The `FieldDetails` method that gathers the fields' owned items.
    from_fields: &'static str,
    /// The view's method that appends them.
    append: &'static str,
    /// The `FieldDetails` merged bit, named in `rich_status::__private`.
    merged_bit: &'static str,
}

/// The list kinds, by attribute name; `None` for single details.
fn list_kind(name: &str) -> Option<ListKind> {
    let (view, from_fields, append, merged_bit) = match name {
        "quota_failure" => (
            "QuotaFailureRef",
            "quota_violations",
            "with_owned_violations",
            "MERGED_QUOTA",
        ),
        "precondition_failure" => (
            "PreconditionFailureRef",
            "precondition_violations",
            "with_owned_violations",
            "MERGED_PRECONDITION",
        ),
        "bad_request" => (
            "BadRequestRef",
            "field_violations",
            "with_owned_violations",
            "MERGED_BAD_REQUEST",
        ),
        "help" => ("HelpRef", "help_links", "with_owned_links", "MERGED_HELP"),
        _ => return None,
    };
    Some(ListKind {
        view,
        from_fields,
        append,
        merged_bit,
    })
}

/// The view of one standard detail attribute: for a list kind, one violation or link;
/// otherwise the whole detail. Keys not given are empty.
fn standard_view(
    kind: &str,
    item: &[(&'static str, Arg)],
    variant: &Variant<'_>,
    texts: &mut Texts,
    statements: &mut Vec<TokenStream>,
) -> TokenStream {
    let mut text = |key: &str| -> TokenStream {
        match item.iter().find(|(k, _)| *k == key).map(|(_, arg)| arg) {
            Some(Arg::Text(template)) => texts.text(Some(template), variant, statements),
            _ => quote!(::rich_status::Text::EMPTY),
        }
    };
    let given = |key: &str| item.iter().any(|(k, _)| *k == key);
    let (view, required, optional): (&str, &[&str], &[(&str, &str)]) = match kind {
        "quota_failure" => (
            "QuotaViolationRef",
            &["subject", "description"],
            &[
                ("api_service", "with_api_service"),
                ("quota_metric", "with_quota_metric"),
                ("quota_id", "with_quota_id"),
            ],
        ),
        "precondition_failure" => (
            "PreconditionViolationRef",
            &["type", "subject", "description"],
            &[],
        ),
        "bad_request" => (
            "FieldViolationRef",
            &["field", "description"],
            &[("reason", "with_reason")],
        ),
        "help" => ("HelpLinkRef", &["description", "url"], &[]),
        "resource_info" => (
            "ResourceInfoRef",
            &["resource_type", "resource_name"],
            &[("owner", "with_owner"), ("description", "with_description")],
        ),
        "request_info" => (
            "RequestInfoRef",
            &["request_id"],
            &[("serving_data", "with_serving_data")],
        ),
        "localized_message" => ("LocalizedMessageRef", &["locale", "message"], &[]),
        _ => {
            let delay = match item.first().map(|(_, arg)| arg) {
                Some(Arg::Nanos(nanos)) => quote!(::core::time::Duration::from_nanos(#nanos)),
                Some(Arg::Field(index)) => {
                    let binding = &variant.fields[*index].binding;
                    quote!(*#binding)
                }
                _ => quote!(::core::time::Duration::ZERO),
            };
            return quote!(::rich_status::RetryInfoRef::new(#delay));
        }
    };
    let view = format_ident!("{view}");
    let args: Vec<TokenStream> = required.iter().map(|key| text(key)).collect();
    let mut out = quote!(::rich_status::#view::new(#(#args),*));
    for (key, method) in optional.iter().filter(|(key, _)| given(key)) {
        let method = format_ident!("{method}");
        let value = text(key);
        out = quote!(#out.#method(#value));
    }
    out
}

/// One place in a variant's list of details.
enum Entry {
    Always(Ident),
    /// Present while the `DebugInfo` policy is on.
    DebugInfo(Ident),
}

impl Entry {
    fn name(&self) -> &Ident {
        match self {
            Entry::Always(n) | Entry::DebugInfo(n) => n,
        }
    }

    fn to_option(&self) -> TokenStream {
        match self {
            Entry::Always(name) => {
                quote!(::core::option::Option::Some(&#name as &dyn ::rich_status::EncodeDetail))
            }
            Entry::DebugInfo(name) => quote! {
                ::rich_status::__private::debug_info_enabled()
                    .then_some(&#name as &dyn ::rich_status::EncodeDetail)
            },
        }
    }
}

/// A field as a `__private::Value`: a reference to a string type as it is, anything else
/// `Displayed`, which a type without `Display` is told at the field's type.
fn field_value(field: &Field<'_>) -> TokenStream {
    let binding = &field.binding;
    if is_string(field.ty) {
        quote!(#binding)
    } else {
        quote_spanned!(field.ty.span()=> ::rich_status::__private::Displayed(#binding))
    }
}

/// A field as `Text`: the string types (`String`, `str`, and `Box`, `Rc`, `Arc` or `Cow`
/// of `str`, by name, or a reference to one) as they are, anything else through
/// `Display`, which a type without it is told at the field's type.
fn field_text(field: &Field<'_>) -> TokenStream {
    let binding = &field.binding;
    if is_string(field.ty) {
        quote!(::rich_status::Text::str(#binding))
    } else {
        quote_spanned!(field.ty.span()=> ::rich_status::Text::display(#binding))
    }
}

/// True for the types that dereference to `str`, by their names: a type alias of one
/// is formatted through `Display` instead, with the same result.
fn is_string(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(reference) => is_string(&reference.elem),
        syn::Type::Paren(inner) => is_string(&inner.elem),
        syn::Type::Group(inner) => is_string(&inner.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            let arguments = match &last.arguments {
                syn::PathArguments::None => None,
                syn::PathArguments::AngleBracketed(args) => Some(&args.args),
                syn::PathArguments::Parenthesized(_) => return false,
            };
            match (last.ident.to_string().as_str(), arguments) {
                ("String" | "str", None) => true,
                ("Box" | "Rc" | "Arc" | "Cow", Some(args)) => matches!(
                    args.last(),
                    Some(syn::GenericArgument::Type(syn::Type::Path(inner)))
                        if inner.qself.is_none() && inner.path.is_ident("str")
                ),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Names the `Display` wrappers of templates: `__text0`, `__text1`, ...
#[derive(Default)]
struct Texts {
    next: usize,
}

impl Texts {
    /// A `Text` expression for `template`: a `&str` for literal text, the field itself for
    /// `"{field}"`, or else a `Fmt` wrapper bound to a local first.
    fn text(
        &mut self,
        template: Option<&Template>,
        variant: &Variant<'_>,
        statements: &mut Vec<TokenStream>,
    ) -> TokenStream {
        let Some(template) = template else {
            return quote!(::rich_status::Text::EMPTY);
        };
        if template.is_literal() {
            let text = template.literal_text();
            return quote!(::rich_status::Text::str(#text));
        }
        if let Some(field) = template.single_field(variant) {
            return field_text(field);
        }
        let name = format_ident!("__text{}", self.next);
        self.next += 1;
        let value = match &template.plain {
            Some(plain) => pieces(plain, variant),
            None => {
                let format = format_string(template);
                quote! {
                    ::rich_status::__private::Fmt(
                        |__formatter: &mut ::core::fmt::Formatter<'_>| ::core::write!(__formatter, #format),
                    )
                }
            }
        };
        statements.push(quote!(let #name = #value;));
        quote!(::rich_status::Text::display(&#name))
    }
}

fn debug_info(variant: &Variant<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    let entries = match variant.backtrace() {
        Some(field) => {
            let binding = &field.binding;
            out.extend(quote! {
                let __frames = if ::rich_status::__private::debug_info_enabled() {
                    ::rich_status::__private::backtrace_frames(#binding)
                } else {
                    ::std::vec::Vec::new()
                };
                let __stack: ::std::vec::Vec<::rich_status::Text<'_>> =
                    __frames.iter().map(::rich_status::Text::from).collect();
            });
            quote!(&__stack)
        }
        None => quote!(&[]),
    };
    let source = variant.source().map(|field: &Field<'_>| {
        let binding = &field.binding;
        quote!(.with_source_chain({
            use ::rich_status::__private::AsDynError as _;
            #binding.as_dyn_error()
        }))
    });
    out.extend(quote! {
        let __debug_text = ::rich_status::__private::DebugText(self);
        let __debug_info = ::rich_status::DebugInfoRef::new(#entries)
            #source
            .with_detail(::rich_status::Text::display(&__debug_text));
    });
    out
}

/// The input's where clause, plus the bounds the generated code needs on generic fields.
fn where_clause(input: &Input<'_>, plans: &[Plan<'_, '_>]) -> Option<syn::WhereClause> {
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
                if rich
                    .details
                    .iter()
                    .any(|d| matches!(d, DetailPlan::DebugInfo))
                {
                    push(syn::parse_quote!(Self: ::core::fmt::Debug));
                }
                let mut templates: Vec<&Template> = match &rich.message {
                    Message::Template(template) => vec![template],
                    _ => Vec::new(),
                };
                for detail in &rich.details {
                    templates.extend(detail.templates());
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
