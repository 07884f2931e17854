//! The input as the derive sees it: a borrowed model of the enum or struct with its
//! parsed attributes.

use proc_macro2::Span;
use syn::{DeriveInput, Generics, Ident, Index, Member, Type};

use crate::attr::{self, Attrs, FieldAttrs, Place};
use crate::ctxt::Ctxt;

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    /// Keys on the enum; a struct's keys are its variant's (see [`Input::attrs`]).
    enum_attrs: Attrs,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Enum(Vec<Variant<'a>>),
    Struct(Variant<'a>),
}

pub struct Variant<'a> {
    /// The variant's name, or the struct's.
    pub ident: &'a Ident,
    /// `None` for a struct.
    pub is_enum_variant: bool,
    pub attrs: Attrs,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
    /// The doc comment, its lines joined by spaces.
    pub docs: String,
    /// The format string of thiserror's `#[error("...")]`, when it is the attribute's
    /// only argument: what the error's `Display` writes.
    pub display: Option<syn::LitStr>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Named,
    Tuple,
    Unit,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub member: Member,
    /// The local name the generated code binds the field to: its own name, or `_0`, `_1`.
    pub binding: Ident,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
    /// `#[source]`, `#[from]`, or named `source`: where the source chain starts.
    pub is_source: bool,
    /// A `std::backtrace::Backtrace` (by the type's last path segment).
    pub is_backtrace: bool,
}

impl<'a> Input<'a> {
    /// `None` for a union, reported into `cx`.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let data = match &input.data {
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|v| Variant::from_syn(cx, &v.ident, &v.attrs, &v.fields, Place::Variant))
                    .collect(),
            ),
            syn::Data::Struct(data) => Data::Struct(Variant::from_syn(
                cx,
                &input.ident,
                &input.attrs,
                &data.fields,
                Place::Struct,
            )),
            syn::Data::Union(data) => {
                cx.error_at(
                    data.union_token.span,
                    "RichStatus cannot be derived for a union; use an enum or a struct",
                );
                return None;
            }
        };
        let enum_attrs = match &data {
            Data::Enum(_) => attr::parse_attrs(cx, &input.attrs, Place::Enum),
            // A struct's keys are parsed once, with its variant.
            Data::Struct(_) => Attrs::default(),
        };
        Some(Input {
            ident: &input.ident,
            generics: &input.generics,
            enum_attrs,
            data,
        })
    }

    /// The keys on the enum, or on the struct.
    pub fn attrs(&self) -> &Attrs {
        match &self.data {
            Data::Enum(_) => &self.enum_attrs,
            Data::Struct(variant) => &variant.attrs,
        }
    }

    pub fn variants(&self) -> &[Variant<'a>] {
        match &self.data {
            Data::Enum(variants) => variants,
            Data::Struct(variant) => std::slice::from_ref(variant),
        }
    }
}

impl<'a> Variant<'a> {
    fn from_syn(
        cx: &Ctxt,
        ident: &'a Ident,
        attrs: &'a [syn::Attribute],
        fields: &'a syn::Fields,
        place: Place,
    ) -> Self {
        let style = match fields {
            syn::Fields::Named(_) => Style::Named,
            syn::Fields::Unnamed(_) => Style::Tuple,
            syn::Fields::Unit => Style::Unit,
        };
        Variant {
            ident,
            is_enum_variant: place == Place::Variant,
            attrs: attr::parse_attrs(cx, attrs, place),
            docs: docs(attrs),
            display: attrs
                .iter()
                .find(|a| a.path().is_ident("error"))
                .and_then(|a| a.parse_args::<syn::LitStr>().ok()),
            style,
            fields: fields
                .iter()
                .enumerate()
                .map(|(i, f)| Field::from_syn(cx, i, f))
                .collect(),
        }
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &Ctxt, index: usize, field: &'a syn::Field) -> Self {
        let (member, binding) = match &field.ident {
            Some(ident) => (Member::Named(ident.clone()), ident.clone()),
            None => (
                Member::Unnamed(Index {
                    index: index as u32,
                    span: Span::call_site(),
                }),
                Ident::new(&format!("_{index}"), Span::call_site()),
            ),
        };
        let has = |name: &str| field.attrs.iter().any(|a| a.path().is_ident(name));
        let named_source = field.ident.as_ref().is_some_and(|i| i == "source");
        Field {
            original: field,
            member,
            binding,
            ty: &field.ty,
            attrs: attr::parse_field_attrs(cx, &field.attrs),
            is_source: has("source") || has("from") || named_source,
            is_backtrace: is_backtrace_type(&field.ty),
        }
    }

    /// The field's name as written (`name` or `0`), for messages and metadata keys.
    pub fn name(&self) -> String {
        member_name(&self.member)
    }
}

/// The `///` lines of `attrs`, trimmed and joined by spaces.
fn docs(attrs: &[syn::Attribute]) -> String {
    let lines = attrs.iter().filter_map(|attr| match &attr.meta {
        syn::Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(line),
                ..
            }) => Some(line.value()),
            _ => None,
        },
        _ => None,
    });
    let words: Vec<String> = lines
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect();
    words.join(" ")
}

/// A field's name as written: `name`, or `0` for a tuple field.
pub fn member_name(member: &Member) -> String {
    match member {
        Member::Named(ident) => ident.to_string(),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

fn is_backtrace_type(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Backtrace"),
        _ => false,
    }
}
