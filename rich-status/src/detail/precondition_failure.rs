use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.PreconditionFailure` from borrowed violations.
///
/// ```
/// use rich_status::{PreconditionFailureRef, PreconditionViolationRef, StatusExt};
///
/// let violations = [PreconditionViolationRef::new("TOS", "example.com/terms", "Terms not accepted")];
/// let status = rich_status::status(
///     tonic::Code::FailedPrecondition,
///     "accept the terms first",
///     &[&PreconditionFailureRef::new(&violations)],
/// );
///
/// let decoded = status.rich_details().unwrap();
/// let v = &decoded.precondition_failure().unwrap().violations[0];
/// assert_eq!((v.r#type.as_str(), v.subject.as_str()), ("TOS", "example.com/terms"));
/// assert_eq!(v.description, "Terms not accepted");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PreconditionFailureRef<'a> {
    violations: &'a [PreconditionViolationRef<'a>],
}

impl<'a> PreconditionFailureRef<'a> {
    /// A `PreconditionFailure` listing `violations`.
    pub fn new(violations: &'a [PreconditionViolationRef<'a>]) -> Self {
        PreconditionFailureRef { violations }
    }
}

impl EncodeDetail for PreconditionFailureRef<'_> {
    fn type_url(&self) -> &str {
        type_url::PRECONDITION_FAILURE
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        for violation in self.violations {
            fields.message(1, |v| {
                v.string(1, violation.kind);
                v.string(2, violation.subject);
                v.string(3, violation.description);
            });
        }
    }
}

/// One `google.rpc.PreconditionFailure.Violation`; see [`PreconditionFailureRef`].
#[derive(Debug, Clone, Copy)]
pub struct PreconditionViolationRef<'a> {
    kind: Text<'a>,
    subject: Text<'a>,
    description: Text<'a>,
}

impl<'a> PreconditionViolationRef<'a> {
    /// A violation of the precondition of type `kind` (the proto's `type`) on `subject`.
    pub fn new(
        kind: impl Into<Text<'a>>,
        subject: impl Into<Text<'a>>,
        description: impl Into<Text<'a>>,
    ) -> Self {
        PreconditionViolationRef {
            kind: kind.into(),
            subject: subject.into(),
            description: description.into(),
        }
    }
}
