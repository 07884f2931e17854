//! `google.rpc.PreconditionFailure`: the preconditions a request failed, one violation
//! each.

use std::fmt;

use crate::kind;
use crate::pb::precondition_failure::Violation;
use crate::writer::Nested;
use crate::{DetailWriter, Text};

impl DetailWriter<'_> {
    /// Writes one `PreconditionFailure` violation: its type (such as `TOS`), the subject
    /// that failed it, and how. Consecutive precondition violations make one
    /// `PreconditionFailure`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::FailedPrecondition, "terms not accepted", |w| {
    ///     w.precondition_violation("TOS", "user:7", "Terms of service not accepted.");
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.precondition_failure().unwrap().violations[0].r#type, "TOS");
    /// ```
    pub fn precondition_violation(
        &mut self,
        r#type: impl fmt::Display,
        subject: impl fmt::Display,
        description: impl fmt::Display,
    ) {
        self.precondition_violation_dyn(&r#type, &subject, &description);
    }

    fn precondition_violation_dyn(
        &mut self,
        r#type: &dyn fmt::Display,
        subject: &dyn fmt::Display,
        description: &dyn fmt::Display,
    ) {
        let opened = self.open_item(&kind::PRECONDITION_FAILURE);
        let mut violation = Nested::new(self, opened);
        violation.string(1, r#type);
        violation.string(2, subject);
        violation.string(3, description);
    }

    /// Writes owned precondition violations (a field of the error, say) into the
    /// `PreconditionFailure`, after the violations just before them.
    ///
    /// ```
    /// use rich_status::{StatusExt, pb};
    ///
    /// let owned = vec![pb::precondition_failure::Violation { r#type: "TOS".into(), ..Default::default() }];
    /// let status = rich_status::status(tonic::Code::FailedPrecondition, "x", |w| w.precondition_violations(&owned));
    /// assert_eq!(status.rich_details().unwrap().precondition_failure().unwrap().violations, owned);
    /// ```
    pub fn precondition_violations(&mut self, violations: &[Violation]) {
        self.items(&kind::PRECONDITION_FAILURE, violations, |fields, v| {
            fields.string(1, Text::from(&v.r#type));
            fields.string(2, Text::from(&v.subject));
            fields.string(3, Text::from(&v.description));
        });
    }
}

impl crate::Details {
    /// The first `PreconditionFailure`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::precondition_violation`](crate::DetailWriter::precondition_violation) for an example.
    pub fn precondition_failure(&self) -> Option<crate::pb::PreconditionFailure> {
        self.first()
    }
}

/// The `PreconditionFailure`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[Field::new(
        1,
        "violations",
        Form::Messages(&[
            Field::new(1, "type", Form::String),
            Field::new(2, "subject", Form::String),
            Field::new(3, "description", Form::String),
        ]),
    )]
};
