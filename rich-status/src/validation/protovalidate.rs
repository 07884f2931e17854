//! `prost_protovalidate::ValidationError` (buf.validate rules over prost messages) as
//! field violations: one per violation, in path order.

use ::prost_protovalidate::ValidationError;
use ::prost_protovalidate::types::Violation;
use ::prost_protovalidate::types::field_path_element::Subscript;

use super::{FieldViolations, Step, in_path_order};
use crate::DetailWriter;
use crate::pb::bad_request::FieldViolation;

/// Each violation at its field's path (protovalidate's own path, its field names the
/// protobuf names, a map key in backticks unless a plain identifier), its rule id as
/// the reason (`string.min_len` is `STRING_MIN_LEN`), and its message as the
/// description, or, for the rules protovalidate gives no message (`string.email`),
/// "Failed the check string.email.". Violations come in the order of their paths, the
/// rules of one field in the order protovalidate reported them.
impl FieldViolations for ValidationError {
    fn write_to(&self, writer: &mut DetailWriter<'_>) {
        let protos: Vec<_> = self.violations().iter().map(|v| v.to_proto()).collect();
        let failed = protos.iter().map(|proto| (steps(proto), proto)).collect();
        in_path_order(writer, failed, |writer, path, proto| {
            let rule = proto.rule_id.as_deref().unwrap_or_default();
            let reason = rule.replace('.', "_").to_uppercase();
            match proto.message.as_deref() {
                Some(message) if !message.is_empty() => {
                    writer.field_violation(path, message).reason(reason);
                }
                _ => {
                    let description = format_args!("Failed the check {rule}.");
                    writer.field_violation(path, description).reason(reason);
                }
            }
        });
    }

    fn from_received(_: impl Iterator<Item = FieldViolation>) -> Self {
        ValidationError::new(Vec::new())
    }
}

/// The steps of a protovalidate path: each field, then its item or map entry if any.
fn steps(violation: &Violation) -> Vec<Step<'_>> {
    let elements = violation.field.iter().flat_map(|path| &path.elements);
    let mut steps = Vec::new();
    for element in elements {
        if let Some(name) = element.field_name.as_deref().filter(|n| !n.is_empty()) {
            steps.push(Step::Field(name));
        }
        match &element.subscript {
            Some(Subscript::Index(index)) => {
                steps.push(Step::Index(usize::try_from(*index).unwrap_or(usize::MAX)));
            }
            Some(Subscript::StringKey(key)) => steps.push(Step::Key(key.into())),
            Some(Subscript::IntKey(key)) => steps.push(Step::Key(key.to_string().into())),
            Some(Subscript::UintKey(key)) => steps.push(Step::Key(key.to_string().into())),
            Some(Subscript::BoolKey(key)) => steps.push(Step::Key(key.to_string().into())),
            None => {}
        }
    }
    steps
}
