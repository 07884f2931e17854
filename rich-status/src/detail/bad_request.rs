//! `google.rpc.BadRequest`: the fields of a request that were wrong, one violation each.

use std::fmt;

use crate::kind;
use crate::pb::bad_request::FieldViolation;
use crate::validation::FieldViolations;
use crate::writer::Nested;
use crate::{DetailWriter, Text};

impl<'e> DetailWriter<'e> {
    /// Writes one `BadRequest` field violation: the request field at path `field`, and
    /// what is wrong with it. Consecutive field violations make one `BadRequest`.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::InvalidArgument, "invalid request", |w| {
    ///     w.field_violation("name", "must not be empty").reason("EMPTY");
    ///     w.field_violation("age", "must be positive")
    ///         .localized_message("fr-FR", "doit être positif");
    /// });
    ///
    /// let details = status.rich_details().unwrap();
    /// let v = &details.bad_request().unwrap().field_violations;
    /// assert_eq!((v[0].field.as_str(), v[0].reason.as_str()), ("name", "EMPTY"));
    /// assert_eq!(v[1].localized_message.as_ref().unwrap().message, "doit être positif");
    /// ```
    pub fn field_violation(
        &mut self,
        field: impl fmt::Display,
        description: impl fmt::Display,
    ) -> FieldViolationWriter<'_, 'e> {
        self.field_violation_dyn(&field, &description)
    }

    fn field_violation_dyn(
        &mut self,
        field: &dyn fmt::Display,
        description: &dyn fmt::Display,
    ) -> FieldViolationWriter<'_, 'e> {
        let opened = self.open_item(&kind::BAD_REQUEST);
        let mut violation = Nested::new(self, opened);
        violation.string(1, field);
        violation.string(2, description);
        FieldViolationWriter(violation)
    }

    /// Writes field violations (a field of the error, say) into the `BadRequest`, after
    /// the violations just before them: owned [`FieldViolation`]s, or a validation
    /// library's report (see [`validation`](crate::validation)).
    ///
    /// ```
    /// use rich_status::{StatusExt, pb};
    ///
    /// let violations = vec![pb::bad_request::FieldViolation { field: "age".into(), ..Default::default() }];
    /// let status = rich_status::status(tonic::Code::InvalidArgument, "bad", |w| w.field_violations(&violations));
    /// assert_eq!(status.rich_details().unwrap().bad_request().unwrap().field_violations, violations);
    /// ```
    pub fn field_violations(&mut self, violations: &(impl FieldViolations + ?Sized)) {
        violations.write_to(self);
    }

    /// Writes owned field violations, one item each.
    pub(crate) fn owned_field_violations(&mut self, violations: &[FieldViolation]) {
        self.items(&kind::BAD_REQUEST, violations, |fields, v| {
            fields.string(1, Text::from(&v.field));
            fields.string(2, Text::from(&v.description));
            fields.string(3, Text::from(&v.reason));
            if let Some(localized) = &v.localized_message {
                fields.message(4, |m| {
                    m.string(1, Text::from(&localized.locale));
                    m.string(2, Text::from(&localized.message));
                });
            }
        });
    }
}

/// One field violation that [`DetailWriter::field_violation`] opened; its other fields
/// are set in this order, each written as it is set.
#[derive(Debug)]
pub struct FieldViolationWriter<'w, 'e>(Nested<'w, 'e>);

impl FieldViolationWriter<'_, '_> {
    /// The reason of the violation, in UPPER_SNAKE_CASE.
    pub fn reason(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(3, &value);
        self
    }

    /// A message about the violation that is safe to show to an end user.
    pub fn localized_message(
        &mut self,
        locale: impl fmt::Display,
        message: impl fmt::Display,
    ) -> &mut Self {
        self.0.message(4, |m| {
            m.string(1, &locale);
            m.string(2, &message);
        });
        self
    }
}

impl crate::Details {
    /// The first `BadRequest`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::field_violation`](crate::DetailWriter::field_violation) for an example.
    pub fn bad_request(&self) -> Option<crate::pb::BadRequest> {
        self.first()
    }
}

/// The `BadRequest`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[Field::new(
        1,
        "fieldViolations",
        Form::Messages(&[
            Field::new(1, "field", Form::FieldPath),
            Field::new(2, "description", Form::String),
            Field::new(3, "reason", Form::String),
            Field::new(
                4,
                "localizedMessage",
                Form::Message(super::localized_message::JSON),
            ),
        ]),
    )]
};
