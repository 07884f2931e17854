//! `validator::ValidationErrors` as field violations: one per failed rule, in path order.

use std::fmt::Write as _;

use ::validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use super::{FieldViolations, Step, in_path_order};
use crate::DetailWriter;
use crate::pb::bad_request::FieldViolation;

/// The key under which validator keeps a struct's own errors (`#[validate(schema(..))]`);
/// they name the struct itself.
const STRUCT_ERRORS: &str = "__all__";

/// Each failed rule of the report as one violation: the path of its field, the rule's
/// code upper-cased as the reason (`length` is `LENGTH`, a custom code as given), and
/// the rule's message, else a sentence from the rule and its parameters. Violations come
/// in the order of their paths (validator's report is a `HashMap`; list items by index),
/// a struct's own errors before its fields', the rules of one field in the order
/// validator ran them.
impl FieldViolations for ValidationErrors {
    fn write_to(&self, writer: &mut DetailWriter<'_>) {
        let mut failed = Vec::new();
        collect(self, &[], &mut failed);
        in_path_order(writer, failed, |writer, path, error| {
            writer
                .field_violation(path, Description(error))
                .reason(error.code.to_uppercase());
        });
    }

    fn from_received(_: impl Iterator<Item = FieldViolation>) -> Self {
        ValidationErrors::default()
    }
}

/// Every failed rule of `errors`, whose fields are at `path`, with its steps.
fn collect<'a>(
    errors: &'a ValidationErrors,
    path: &[Step<'a>],
    failed: &mut Vec<(Vec<Step<'a>>, &'a ValidationError)>,
) {
    for (name, kind) in &errors.0 {
        let mut path = path.to_vec();
        if name != STRUCT_ERRORS {
            path.push(Step::Field(name));
        }
        match kind {
            ValidationErrorsKind::Field(rules) => {
                failed.extend(rules.iter().map(|error| (path.clone(), error)));
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, failed),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    let mut path = path.clone();
                    path.push(Step::Index(*index));
                    collect(inner, &path, failed);
                }
            }
        }
    }
}

/// The rule's message, or a sentence from its code and parameters.
struct Description<'a>(&'a ValidationError);

impl std::fmt::Display for Description<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let error = self.0;
        if let Some(message) = &error.message {
            return f.write_str(message);
        }
        let param = |name: &str| error.params.get(name).map(|value| value.to_string());
        let text = match error.code.as_ref() {
            "email" => "Must be a valid email address.".to_owned(),
            "url" => "Must be a valid URL.".to_owned(),
            "ip" => "Must be a valid IP address.".to_owned(),
            "credit_card" => "Must be a valid credit card number.".to_owned(),
            "non_control_character" => "Must not contain control characters.".to_owned(),
            "required" => "Is required.".to_owned(),
            "regex" => "Must match the required pattern.".to_owned(),
            "must_match" => match param("other") {
                Some(other) => format!("Must match {other}."),
                None => "Must match the other field.".to_owned(),
            },
            "contains" => match param("needle") {
                Some(needle) => format!("Must contain {needle}."),
                None => "Must contain the required text.".to_owned(),
            },
            "does_not_contain" => match param("needle") {
                Some(needle) => format!("Must not contain {needle}."),
                None => "Must not contain the forbidden text.".to_owned(),
            },
            "length" => match (param("equal"), param("min"), param("max")) {
                (Some(equal), _, _) => format!("Must have a length of exactly {equal}."),
                (None, Some(min), Some(max)) => {
                    format!("Must have a length between {min} and {max}.")
                }
                (None, Some(min), None) => format!("Must have a length of at least {min}."),
                (None, None, Some(max)) => format!("Must have a length of at most {max}."),
                (None, None, None) => "Has the wrong length.".to_owned(),
            },
            "range" => {
                let bounds = [
                    ("min", "at least"),
                    ("exclusive_min", "greater than"),
                    ("max", "at most"),
                    ("exclusive_max", "less than"),
                ];
                let mut text = String::from("Must be");
                let mut any = false;
                for (name, words) in bounds {
                    if let Some(value) = param(name) {
                        let joint = if any { " and" } else { "" };
                        let _ = write!(text, "{joint} {words} {value}");
                        any = true;
                    }
                }
                if any {
                    text.push('.');
                    text
                } else {
                    "Is out of range.".to_owned()
                }
            }
            code => format!("Failed the check {code}."),
        };
        f.write_str(&text)
    }
}
