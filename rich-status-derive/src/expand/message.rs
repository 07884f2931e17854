//! `code`, `write_message` and `log_level`: one arm per variant, neighbours that do the
//! same thing merged.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Arm, match_with_rest};
use crate::fmt::Template;
use crate::valid::{Message, Plan};

pub fn code_arm<'v, 'a>(plan: &Plan<'v, 'a>) -> Arm<'v, 'a> {
    match plan {
        Plan::Transparent { variant, field, .. } => {
            let binding = &field.binding;
            Arm {
                variant,
                uses: vec![0],
                same: None,
                body: quote!(::rich_status::RichStatus::code(#binding)),
            }
        }
        Plan::Rich(rich) => {
            let code = &rich.code;
            Arm {
                variant: rich.variant,
                uses: Vec::new(),
                same: Some(code.to_string()),
                body: quote!(::rich_status::tonic::Code::#code),
            }
        }
    }
}

pub fn message_arm<'v, 'a>(plan: &Plan<'v, 'a>) -> Arm<'v, 'a> {
    let rich = match plan {
        Plan::Transparent { variant, field, .. } => {
            let binding = &field.binding;
            return Arm {
                variant,
                uses: vec![0],
                same: None,
                body: quote!(::rich_status::RichStatus::write_message(#binding, __formatter)),
            };
        }
        Plan::Rich(rich) => rich,
    };
    let variant = rich.variant;
    let (uses, same, body) = match &rich.message {
        Message::Display => (
            Vec::new(),
            Some("Display".to_owned()),
            quote!(::core::fmt::Display::fmt(self, __formatter)),
        ),
        Message::Generic => {
            let code = &rich.code;
            (
                Vec::new(),
                Some(format!("generic {code}")),
                quote! {
                    __formatter.write_str(::rich_status::policy::generic_message(
                        ::rich_status::tonic::Code::#code,
                    ))
                },
            )
        }
        Message::Field(index) => {
            let binding = &variant.fields[*index].binding;
            (
                vec![*index],
                None,
                quote!(::core::fmt::Display::fmt(#binding, __formatter)),
            )
        }
        Message::Template(template) if template.is_literal() => {
            let text = template.literal_text();
            let body = quote!(__formatter.write_str(#text));
            (Vec::new(), Some(format!("text {text}")), body)
        }
        Message::Template(template) => {
            let format = format_string(template);
            (
                template.fields.clone(),
                None,
                quote!(::core::write!(__formatter, #format)),
            )
        }
    };
    Arm {
        variant,
        uses,
        same,
        body,
    }
}

/// `fn log_level`, when some variant's level is not the default for its code: a level
/// of its own, or a `transparent` variant's inner error's.
pub fn log_level_fn(plans: &[Plan<'_, '_>]) -> TokenStream {
    let arms: Vec<Arm<'_, '_>> = plans.iter().filter_map(log_arm).collect();
    if arms.is_empty() {
        return TokenStream::new();
    }
    let rest = quote!(::rich_status::LogLevel::for_code(
        ::rich_status::RichStatus::code(self)
    ));
    let body = match_with_rest(arms, plans.len(), rest);
    quote! {
        fn log_level(&self) -> ::rich_status::LogLevel {
            #body
        }
    }
}

/// The arm of a variant whose level is its own or its inner error's; `None` for one at
/// its code's default.
fn log_arm<'v, 'a>(plan: &Plan<'v, 'a>) -> Option<Arm<'v, 'a>> {
    let (variant, level) = match plan {
        Plan::Transparent {
            variant,
            log: Some(level),
            ..
        } => (*variant, level),
        Plan::Transparent {
            variant,
            field,
            log: None,
        } => {
            let binding = &field.binding;
            return Some(Arm {
                variant,
                uses: vec![0],
                same: None,
                body: quote!(::rich_status::RichStatus::log_level(#binding)),
            });
        }
        Plan::Rich(rich) => (rich.variant, rich.log.as_ref()?),
    };
    Some(Arm {
        variant,
        uses: Vec::new(),
        same: Some(level.to_string()),
        body: quote!(::rich_status::LogLevel::#level),
    })
}

/// A template as the literal `format_args!` and `write!` take, naming the bindings.
pub fn format_string(template: &Template) -> syn::LitStr {
    syn::LitStr::new(&template.rewritten, template.lit.span())
}
