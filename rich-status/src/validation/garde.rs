//! `garde::Report` as field violations: one per failed rule, in path order.

use ::garde::Report;
use ::garde::error::{Kind, Path};

use super::{FieldPath, FieldViolations};
use crate::DetailWriter;
use crate::pb::bad_request::FieldViolation;

/// Each failed rule of the report as one violation: the path of its field and the
/// rule's message as the description (garde gives no code, so no reason). Violations
/// come in the order of their paths (list items by index, map entries by key, so that a
/// map's entries do not follow its hash order), the rules of one field in the order
/// garde ran them.
impl FieldViolations for Report {
    fn write_to(&self, writer: &mut DetailWriter<'_>) {
        let mut failed: Vec<_> = self
            .iter()
            .map(|(path, error)| (steps(path), error))
            .collect();
        failed.sort_by(|(a, _), (b, _)| a.cmp(b));
        for (steps, error) in failed {
            let path = steps
                .iter()
                .fold(FieldPath::new(), |path, step| match step {
                    Step::Name(name) => path.key(name),
                    Step::Index(index) => path.index(*index),
                });
            writer.field_violation(path, error.message());
        }
    }

    fn from_received(_: impl Iterator<Item = FieldViolation>) -> Self {
        Report::new()
    }
}

/// One step of a garde path. garde names a struct's field and a map's key alike, so
/// both are written as map keys are: in backticks when not a plain identifier (a field
/// name always is one).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Step<'a> {
    Name(&'a str),
    Index(usize),
}

fn steps(path: &Path) -> Vec<Step<'_>> {
    // `__iter` is the only way garde offers to tell a name from an index (its `Display`
    // does not escape keys); it yields the last step first.
    path.__iter()
        .rev()
        .filter_map(|(kind, component)| match kind {
            Kind::Key => Some(Step::Name(component.as_str())),
            Kind::Index => Some(match component.parse() {
                Ok(index) => Step::Index(index),
                Err(_) => Step::Name(component.as_str()),
            }),
            Kind::None => None,
        })
        .collect()
}
