//! Every rule the input must meet, each reported as a `syn::Error` at the offending span.
//! What passes comes out as a resolved [`Plan`] per variant, the only thing `expand.rs`
//! generates code from.

use proc_macro2::Span;
use syn::{Ident, LitStr};

use crate::ast::{Field, Input, Variant};
use crate::attr::{ArgValue, DetailAttr, MessageAttr, StandardAttr};
use crate::case;
use crate::ctxt::Ctxt;
use crate::fmt::{self, Template};
use crate::symbol::{CODES, DetailKind, LEVELS};

pub(crate) mod fields;

use fields::{validate_detail_fields, validate_metadata};

pub enum Plan<'v, 'a> {
    /// Everything comes from the one field's own `RichStatus`.
    Transparent {
        variant: &'v Variant<'a>,
        field: &'v Field<'a>,
        /// The variant's own `log`; without one, the inner error's level.
        log: Option<Ident>,
    },
    /// Boxed: a plan with its templates is several times the size of the other kind.
    Rich(Box<RichPlan<'v, 'a>>),
}

pub struct RichPlan<'v, 'a> {
    pub variant: &'v Variant<'a>,
    pub code: Ident,
    pub reason: String,
    pub domain: LitStr,
    pub message: Message,
    /// The `rich_status::LogLevel` variant from `log = ...` on the variant or the
    /// container; `None`: the default for the code.
    pub log: Option<Ident>,
    /// `(key, field index)` in field order.
    pub metadata: Vec<(String, usize)>,
    /// What it sends after its `ErrorInfo`, in wire order: `details()`, the catalogue
    /// entry and `TryFrom` are each generated from this one list.
    pub wire: Vec<Sent>,
}

impl RichPlan<'_, '_> {
    /// How the field at `index` goes into the details, if it does.
    pub fn role_of(&self, index: usize) -> Option<Role> {
        self.wire.iter().find_map(|sent| match sent {
            Sent::Standard { kind, joined, .. } if joined.contains(&index) => {
                Some(Role::Join(kind))
            }
            Sent::Field { index: i, role } if *i == index => Some(*role),
            _ => None,
        })
    }

    /// The attribute items (violations or links) of its detail of `kind`, written before
    /// the fields that join it.
    pub fn items_of(&self, kind: &DetailKind) -> usize {
        self.wire
            .iter()
            .map(|sent| match sent {
                Sent::Standard { kind: k, items, .. } if k.name == kind.name => items.len(),
                _ => 0,
            })
            .sum()
    }

    /// True when it sends a `DebugInfo` (under the policy).
    pub fn sends_debug_info(&self) -> bool {
        self.wire.iter().any(|sent| matches!(sent, Sent::DebugInfo))
    }
}

/// A field whose value goes into the details.
pub struct DetailField {
    pub index: usize,
    pub role: Role,
}

/// How a field's value goes into the details, by its attribute and, for `detail`, the
/// shape of its type as written.
#[derive(Clone, Copy)]
pub enum Role {
    /// `detail` on a message: one detail.
    One,
    /// `detail` on an `Option` of a message: a detail when it holds one.
    Optional,
    /// `detail` on a `Vec` of messages: a detail each.
    All,
    /// `quota_failure`, `bad_request`, ... on a `Vec` of its violations or links: they
    /// join that detail.
    Join(&'static DetailKind),
}

/// Where the client-facing message comes from.
pub enum Message {
    /// The error's `Display`.
    Display,
    /// The generic text for `Internal`, `Unknown` and `DataLoss`.
    Generic,
    /// `message = "..."`.
    Template(Template),
    /// `message = field`: the index of the field whose `Display` it is.
    Field(usize),
}

/// One detail a variant sends after its `ErrorInfo`.
///
/// The order: the attribute details as written (a repeated one at the place of the
/// first), each standard one followed by the fields whose violations or links join it;
/// then the list details only fields make, in the order of their first field; then the
/// `detail` fields' messages, in field order.
pub enum Sent {
    DebugInfo,
    /// `details = path::to::fn`.
    Hook(syn::Path),
    /// A standard detail: its attribute items (for a repeatable kind, every attribute of
    /// the variant is one violation or link of the one detail), then the violations or
    /// links of the fields that join it (their indices, in field order).
    Standard {
        kind: &'static DetailKind,
        items: Vec<Vec<(&'static str, Arg)>>,
        joined: Vec<usize>,
    },
    /// A `detail` field's message, or the messages of its `Option` or `Vec`.
    Field {
        index: usize,
        role: Role,
    },
}

pub enum Arg {
    Text(Template),
    /// `retry_info(delay = "30s")`, in nanoseconds.
    Nanos(u64),
    /// `retry_info(delay = field)`: the index of a `Duration` field.
    Field(usize),
}

impl Sent {
    /// The templates it writes, for inferring bounds on generic fields.
    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        let items: &[Vec<(&'static str, Arg)>] = match self {
            Sent::Standard { items, .. } => items,
            Sent::DebugInfo | Sent::Hook(_) | Sent::Field { .. } => &[],
        };
        items.iter().flatten().filter_map(|(_, arg)| match arg {
            Arg::Text(t) => Some(t),
            _ => None,
        })
    }
}

pub fn validate<'v, 'a>(cx: &Ctxt, input: &'v Input<'a>) -> Vec<Plan<'v, 'a>> {
    let is_enum = matches!(input.data, crate::ast::Data::Enum(_));
    if let Some(code) = input.attrs().code.as_ref().filter(|_| is_enum) {
        check_code(cx, code);
    }
    // A struct's `log` is its variant's, checked there.
    let container_log = match input.attrs().log.as_ref().filter(|_| is_enum) {
        Some(ident) => log_level(cx, ident).ok_or(()).map(Some),
        None => Ok(None),
    };
    let plans: Vec<Plan<'v, 'a>> = input
        .variants()
        .iter()
        .filter_map(|variant| validate_variant(cx, input, variant, &container_log))
        .collect();
    if let Some(span) = input.attrs().decode
        && input.generics.params.iter().next().is_some()
    {
        cx.error_at(span, "`decode` does not support generic types yet");
    }
    check_shared_reasons(cx, &plans, input.attrs().decode.is_some());
    plans
}

/// A variant's metadata keys, sorted.
fn metadata_keys<'p>(plan: &'p RichPlan<'_, '_>) -> Vec<&'p str> {
    let mut keys: Vec<&str> = plan.metadata.iter().map(|(key, _)| key.as_str()).collect();
    keys.sort_unstable();
    keys
}

/// Two variants may send one reason of one domain only alike: with the same code and
/// metadata keys, since clients tell errors apart by the reason alone; with `decode`, not
/// at all, since the reason is how a status finds its variant.
fn check_shared_reasons(cx: &Ctxt, plans: &[Plan<'_, '_>], decode: bool) {
    // The first variant of each domain and reason; a literal's value is read once.
    let mut seen: std::collections::HashMap<(String, &str), &RichPlan<'_, '_>> =
        std::collections::HashMap::new();
    for plan in plans {
        let Plan::Rich(second) = plan else { continue };
        let domain = second.domain.value();
        let Some(first) = seen.get(&(domain.clone(), second.reason.as_str())) else {
            seen.insert((domain, &second.reason), second);
            continue;
        };
        let (variant, first_variant) = (second.variant.ident, first.variant.ident);
        if decode {
            cx.error_spanned_by(
                variant,
                format!(
                    "`decode` cannot tell `{variant}` from `{first_variant}`: both have domain {domain:?} and reason {:?}",
                    second.reason
                ),
            );
            continue;
        }
        let difference = if first.code != second.code {
            "another code"
        } else if metadata_keys(first) != metadata_keys(second) {
            "other metadata keys"
        } else {
            continue;
        };
        cx.error_spanned_by(
            variant,
            format!(
                "`{variant}` sends reason {:?} of domain {domain:?} as `{first_variant}` does, \
                 with {difference}: clients tell errors apart by the reason; give one a \
                 `reason` of its own",
                second.reason,
            ),
        );
    }
}

fn check_code(cx: &Ctxt, code: &Ident) -> bool {
    let name = code.to_string();
    if name == "Ok" {
        cx.error_spanned_by(
            code,
            "`Ok` is not an error code; a RichStatus always describes a failure",
        );
        return false;
    }
    if !CODES.contains(&name.as_str()) {
        let hint = match case::closest(&name, &CODES[1..]) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("expected one of {}", CODES[1..].join(", ")),
        };
        cx.error_spanned_by(code, format!("unknown gRPC code `{name}`; {hint}"));
        return false;
    }
    true
}

fn validate_variant<'v, 'a>(
    cx: &Ctxt,
    input: &'v Input<'a>,
    variant: &'v Variant<'a>,
    container_log: &Result<Option<Ident>, ()>,
) -> Option<Plan<'v, 'a>> {
    let attrs = &variant.attrs;
    if let Some(span) = attrs.transparent {
        return validate_transparent(cx, variant, span);
    }

    let code = match (&attrs.code, &input.attrs().code) {
        (Some(code), _) => check_code(cx, code).then(|| code.clone()),
        // A struct's own code is in `attrs.code`; the enum's default was checked once.
        (None, Some(default)) if variant.is_enum_variant => Some(default.clone()),
        _ => {
            let place = if variant.is_enum_variant {
                "this variant, or a default `code` to the enum"
            } else {
                "the struct"
            };
            cx.error_spanned_by(
                variant.ident,
                format!("missing `code`: add `#[rich_status(code = ...)]` to {place}"),
            );
            None
        }
    };

    let reason = match &attrs.reason {
        Some(lit) => {
            let reason = lit.value();
            if !case::valid_reason(&reason) {
                cx.error_spanned_by(lit, reason_rule(&reason));
            }
            reason
        }
        None => {
            let reason = case::upper_snake(&variant.ident.to_string());
            if !case::valid_reason(&reason) {
                cx.error_spanned_by(
                    variant.ident,
                    format!(
                        "the reason `{reason}` derived from the name `{}` does not match \
                         [A-Z][A-Z0-9_]+[A-Z0-9] (AIP-193); set one with `reason = \"...\"`",
                        variant.ident
                    ),
                );
            }
            reason
        }
    };

    let domain = attrs
        .domain
        .clone()
        .or_else(|| input.attrs().domain.clone());
    match &domain {
        Some(lit) if lit.value().trim().is_empty() => {
            cx.error_spanned_by(lit, "`domain` must not be empty");
        }
        Some(_) => {}
        None => {
            let place = if variant.is_enum_variant {
                "the enum or to this variant"
            } else {
                "the struct"
            };
            cx.error_spanned_by(
                variant.ident,
                format!(
                    "missing `domain`: add `#[rich_status(domain = \"service.example.com\")]` to {place}"
                ),
            );
        }
    }

    let message = match &attrs.message {
        Some(MessageAttr::Str(lit)) => template(cx, lit, variant).map(Message::Template),
        Some(MessageAttr::Display) => Some(Message::Display),
        Some(MessageAttr::Field(member)) => {
            match variant.fields.iter().position(|f| f.member == *member) {
                Some(index) => Some(Message::Field(index)),
                None => {
                    let name = crate::ast::member_name(member);
                    cx.error_spanned_by(
                        member,
                        format!(
                            "`{name}` is not a field of `{}`; `message` takes a string, a field or `Display`",
                            variant.ident
                        ),
                    );
                    None
                }
            }
        }
        None => match &code {
            Some(code) if GENERIC_CODES.iter().any(|c| code == c) => Some(Message::Generic),
            _ => Some(Message::Display),
        },
    };
    let log = match (&attrs.log, container_log) {
        (Some(ident), _) => log_level(cx, ident).map(Some),
        (None, Ok(level)) => Some(level.clone()),
        // Reported once, at the container.
        (None, Err(())) => None,
    };

    let metadata = validate_metadata(cx, variant);

    let wire = wire(cx, variant, validate_detail_fields(cx, variant));

    // Other errors are in `cx`, which keeps `expand` from running at all.
    Some(Plan::Rich(Box::new(RichPlan {
        variant,
        code: code?,
        reason,
        domain: domain?,
        message: message?,
        log: log?,
        metadata,
        wire,
    })))
}

/// What a variant sends after its `ErrorInfo`, in the order [`Sent`] gives.
fn wire(cx: &Ctxt, variant: &Variant<'_>, detail_fields: Vec<DetailField>) -> Vec<Sent> {
    let mut wire = Vec::new();
    for detail in &variant.attrs.details {
        match detail {
            DetailAttr::DebugInfo => wire.push(Sent::DebugInfo),
            DetailAttr::Hook(path) => wire.push(Sent::Hook(path.clone())),
            DetailAttr::Standard(attr) => {
                let Some(item) = standard_item(cx, attr, variant) else {
                    continue;
                };
                let existing = wire.iter_mut().find(|sent| {
                    matches!(sent, Sent::Standard { kind, .. } if kind.name == attr.kind.name)
                });
                match existing {
                    Some(Sent::Standard { items, .. }) if attr.kind.repeatable => items.push(item),
                    Some(_) => cx.error_at(
                        attr.span,
                        format!("duplicate `{}` attribute", attr.kind.name),
                    ),
                    None => wire.push(Sent::Standard {
                        kind: attr.kind,
                        items: vec![item],
                        joined: Vec::new(),
                    }),
                }
            }
        }
    }
    let mut messages = Vec::new();
    for DetailField { index, role } in detail_fields {
        let Role::Join(kind) = role else {
            messages.push(Sent::Field { index, role });
            continue;
        };
        let existing = wire.iter_mut().find_map(|sent| match sent {
            Sent::Standard {
                kind: k, joined, ..
            } if k.name == kind.name => Some(joined),
            _ => None,
        });
        match existing {
            Some(joined) => joined.push(index),
            None => wire.push(Sent::Standard {
                kind,
                items: Vec::new(),
                joined: vec![index],
            }),
        }
    }
    wire.extend(messages);
    wire
}

/// One standard detail attribute's arguments, checked.
fn standard_item(
    cx: &Ctxt,
    attr: &StandardAttr,
    variant: &Variant<'_>,
) -> Option<Vec<(&'static str, Arg)>> {
    let kind = attr.kind;
    if attr.args.is_empty() {
        if !attr.had_unknown_key {
            let keys: Vec<String> = kind
                .keys
                .iter()
                .map(|k| format!("`{k} = \"...\"`"))
                .collect();
            cx.error_at(
                attr.span,
                format!("`{}` needs {}", kind.name, keys.join(" or ")),
            );
        }
        return None;
    }
    let mut item = Vec::new();
    for (key, value) in &attr.args {
        let arg = match (kind.name, value) {
            ("retry_info", ArgValue::Str(lit)) => match parse_duration(&lit.value()) {
                Some(nanos) => Arg::Nanos(nanos),
                None => {
                    cx.error_spanned_by(
                        lit,
                        "`delay` must be a duration such as \"30s\", \"1.5s\", \"250ms\" or \"2m\", or a `Duration` field",
                    );
                    continue;
                }
            },
            ("retry_info", ArgValue::Field(ident)) => {
                match variant.fields.iter().position(|f| f.binding == *ident) {
                    Some(index) => Arg::Field(index),
                    None => {
                        cx.error_spanned_by(
                            ident,
                            format!("`{ident}` is not a field of `{}`", variant.ident),
                        );
                        continue;
                    }
                }
            }
            (_, ArgValue::Str(lit)) => match template(cx, lit, variant) {
                Some(t) => Arg::Text(t),
                None => continue,
            },
            (_, ArgValue::Field(ident)) => {
                cx.error_spanned_by(
                    ident,
                    format!(
                        "`{key}` takes a string, a format string over the fields: `{key} = \"{{{ident}}}\"`"
                    ),
                );
                continue;
            }
        };
        item.push((*key, arg));
    }
    Some(item)
}

/// `"30s"`, `"1.5s"`, `"250ms"`, `"100us"`, `"2m"`, `"1h"` in nanoseconds.
fn parse_duration(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(split);
    let scale: f64 = match unit {
        "ns" => 1.0,
        "us" | "µs" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        "m" => 60e9,
        "h" => 3600e9,
        _ => return None,
    };
    let value: f64 = number.parse().ok()?;
    let nanos = (value * scale).round();
    (nanos.is_finite() && nanos >= 0.0 && nanos <= u64::MAX as f64).then_some(nanos as u64)
}

fn reason_rule(reason: &str) -> String {
    format!(
        "reason `{reason}` must match [A-Z][A-Z0-9_]+[A-Z0-9] and be at most 63 characters (AIP-193)"
    )
}

fn template(cx: &Ctxt, lit: &LitStr, variant: &Variant<'_>) -> Option<Template> {
    fmt::parse(lit, variant).map_err(|e| cx.push(e)).ok()
}

/// The codes whose `Display` is not sent unless the variant says so (their message is
/// the generic text): what went wrong inside the service is for its logs.
pub const GENERIC_CODES: &[&str] = &["Internal", "Unknown", "DataLoss"];

/// The `LogLevel` variant a `log = ...` names; `None` (reported) for an unknown one.
fn log_level(cx: &Ctxt, ident: &Ident) -> Option<Ident> {
    let name = ident.to_string();
    match LEVELS.iter().find(|(key, _)| *key == name) {
        Some((_, level)) => Some(Ident::new(level, ident.span())),
        None => {
            let keys: Vec<&str> = LEVELS.iter().map(|(k, _)| *k).collect();
            let lower = name.to_ascii_lowercase();
            // `warning`, `err`: a prefix either way is as good a hint as a near spelling.
            let prefix = keys
                .iter()
                .find(|k| lower.starts_with(*k) || k.starts_with(lower.as_str()));
            let hint = match prefix.copied().or_else(|| case::closest(&name, &keys)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    let all: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                    format!("expected one of {}", all.join(", "))
                }
            };
            cx.error_spanned_by(ident, format!("unknown log level `{name}`; {hint}"));
            None
        }
    }
}

fn validate_transparent<'v, 'a>(
    cx: &Ctxt,
    variant: &'v Variant<'a>,
    span: Span,
) -> Option<Plan<'v, 'a>> {
    let attrs = &variant.attrs;
    let others = [
        attrs.code.as_ref().map(|_| "code"),
        attrs.reason.as_ref().map(|_| "reason"),
        attrs.domain.as_ref().map(|_| "domain"),
        attrs.message.as_ref().map(|_| "message"),
        (!attrs.details.is_empty()).then_some("details"),
    ];
    let mut ok = true;
    for other in others.into_iter().flatten() {
        cx.error_at(
            span,
            format!("`transparent` takes everything from the inner error; remove `{other}`"),
        );
        ok = false;
    }
    if variant.fields.len() != 1 {
        cx.error_at(
            span,
            format!(
                "`transparent` needs exactly one field, holding the inner RichStatus error; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        );
        return None;
    }
    for field in &variant.fields {
        if let Some((span, _)) = &field.attrs.metadata {
            cx.error_at(
                *span,
                "a `transparent` variant's field carries no metadata of its own",
            );
            ok = false;
        }
    }
    // The container's `log` is for its own variants; a forwarded error keeps its level
    // unless the variant sets one.
    let log = match &attrs.log {
        Some(ident) => Some(log_level(cx, ident)?),
        None => None,
    };
    ok.then(|| Plan::Transparent {
        variant,
        field: &variant.fields[0],
        log,
    })
}
