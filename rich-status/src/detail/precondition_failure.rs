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
    owned: &'a [&'a [crate::pb::precondition_failure::Violation]],
}

impl<'a> PreconditionFailureRef<'a> {
    /// A `PreconditionFailure` listing `violations`.
    ///
    /// ```
    /// use rich_status::{PreconditionFailureRef, PreconditionViolationRef};
    /// let violations = [PreconditionViolationRef::new("TOS", "example.com/terms", "not accepted")];
    /// assert!(!PreconditionFailureRef::new(&violations).is_empty());
    /// ```
    pub fn new(violations: &'a [PreconditionViolationRef<'a>]) -> Self {
        PreconditionFailureRef {
            violations,
            owned: &[],
        }
    }

    /// Appends violations held as owned prost values (say, a field of the error), after the
    /// borrowed ones.
    ///
    /// ```
    /// use rich_status::{pb, PreconditionFailureRef};
    /// let owned = vec![pb::precondition_failure::Violation { r#type: "TOS".into(), ..Default::default() }];
    /// let parts = [owned.as_slice()];
    /// assert!(!PreconditionFailureRef::new(&[]).with_owned_violations(&parts).is_empty());
    /// ```
    pub fn with_owned_violations(
        mut self,
        owned: &'a [&'a [crate::pb::precondition_failure::Violation]],
    ) -> Self {
        self.owned = owned;
        self
    }

    /// True when there is nothing to list.
    ///
    /// ```
    /// assert!(rich_status::PreconditionFailureRef::new(&[]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.owned.iter().all(|o| o.is_empty())
    }
}

impl EncodeDetail for PreconditionFailureRef<'_> {
    fn type_url(&self) -> &str {
        type_url::PRECONDITION_FAILURE
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let keep = fields.cut().violations;
        if self.violations.len() + self.owned.iter().map(|o| o.len()).sum::<usize>() > keep {
            fields.note(crate::budget::effect::VIOLATIONS);
        }
        let borrowed = self
            .violations
            .iter()
            .map(|v| (v.kind, v.subject, v.description));
        let owned = self.owned.iter().flat_map(|o| o.iter()).map(|v| {
            (
                Text::from(&v.r#type),
                Text::from(&v.subject),
                Text::from(&v.description),
            )
        });
        for (kind, subject, description) in borrowed.chain(owned).take(keep) {
            fields.message(1, |v| {
                v.string(1, kind);
                v.string(2, subject);
                v.string(3, description);
            });
        }
    }
}

/// One `google.rpc.PreconditionFailure.Violation`; see [`PreconditionFailureRef`].
///
/// ```
/// let v = rich_status::PreconditionViolationRef::new("STATE", "order/42", "order is already shipped");
/// let _ = rich_status::PreconditionFailureRef::new(&[v]);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PreconditionViolationRef<'a> {
    kind: Text<'a>,
    subject: Text<'a>,
    description: Text<'a>,
}

impl<'a> PreconditionViolationRef<'a> {
    /// A violation of the precondition of type `kind` (the proto's `type`) on `subject`.
    ///
    /// ```
    /// let _ = rich_status::PreconditionViolationRef::new("TOS", "example.com/terms", "not accepted");
    /// ```
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

impl EncodeDetail for crate::pb::PreconditionFailure {
    fn type_url(&self) -> &str {
        type_url::PRECONDITION_FAILURE
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        PreconditionFailureRef::new(&[])
            .with_owned_violations(&[&self.violations])
            .encode_fields(fields);
    }
}
