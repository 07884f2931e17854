//! `garde::Report` as field violations: one per failed rule, in path order.

use ::garde::Report;
use ::garde::error::{Kind, Path};

use super::{FieldViolations, Step, in_path_order};
use crate::DetailWriter;
use crate::pb::bad_request::FieldViolation;

/// Each failed rule of the report as one violation: the path of its field and the
/// rule's message as the description (garde gives no code, so no reason). Violations
/// come in the order of their paths (list items by index, map entries by key, so that a
/// map's entries do not follow its hash order), the rules of one field in the order
/// garde ran them.
impl FieldViolations for Report {
    fn write_to(&self, writer: &mut DetailWriter<'_>) {
        let failed = self
            .iter()
            .map(|(path, error)| (steps(path), error))
            .collect();
        in_path_order(writer, failed, |writer, path, error| {
            writer.field_violation(path, error.message());
        });
    }

    fn from_received(_: impl Iterator<Item = FieldViolation>) -> Self {
        Report::new()
    }
}

/// The steps of a garde path. garde names a struct's field and a map's key alike, so
/// both are written as map keys are: in backticks when not a plain identifier (a field
/// name always is one).
fn steps(path: &Path) -> Vec<Step<'_>> {
    // `__iter` is the only way garde offers to tell a name from an index (its `Display`
    // does not escape keys); it yields the last step first.
    path.__iter()
        .rev()
        .filter_map(|(kind, component)| match kind {
            Kind::Key => Some(Step::Key(component.as_str().into())),
            Kind::Index => Some(match component.parse() {
                Ok(index) => Step::Index(index),
                Err(_) => Step::Key(component.as_str().into()),
            }),
            Kind::None => None,
        })
        .collect()
}
