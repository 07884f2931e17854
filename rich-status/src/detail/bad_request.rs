use super::type_url;
use crate::{EncodeDetail, Fields, LocalizedMessageRef, Text};

/// `google.rpc.BadRequest` from borrowed field violations.
///
/// ```
/// use rich_status::{BadRequestRef, FieldViolationRef, LocalizedMessageRef, StatusExt};
///
/// let violations = [
///     FieldViolationRef::new("name", "must not be empty").with_reason("EMPTY"),
///     FieldViolationRef::new("age", "must be positive")
///         .with_localized_message(LocalizedMessageRef::new("fr-FR", "doit être positif")),
/// ];
/// let status = rich_status::status(
///     tonic::Code::InvalidArgument,
///     "invalid request",
///     &[&BadRequestRef::new(&violations)],
/// );
///
/// let decoded = status.rich_details().unwrap();
/// let v = &decoded.bad_request().unwrap().field_violations;
/// assert_eq!((v[0].field.as_str(), v[0].reason.as_str()), ("name", "EMPTY"));
/// assert_eq!(v[1].localized_message.as_ref().unwrap().message, "doit être positif");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct BadRequestRef<'a> {
    violations: &'a [FieldViolationRef<'a>],
    owned: &'a [&'a [crate::pb::bad_request::FieldViolation]],
}

impl<'a> BadRequestRef<'a> {
    /// A `BadRequest` listing `violations`.
    pub fn new(violations: &'a [FieldViolationRef<'a>]) -> Self {
        BadRequestRef {
            violations,
            owned: &[],
        }
    }

    /// Appends field violations held as owned prost values (say, a field of the error), after the
    /// borrowed ones.
    pub fn with_owned_violations(
        mut self,
        owned: &'a [&'a [crate::pb::bad_request::FieldViolation]],
    ) -> Self {
        self.owned = owned;
        self
    }

    /// True when there is nothing to list.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.owned.iter().all(|o| o.is_empty())
    }
}

impl EncodeDetail for BadRequestRef<'_> {
    fn type_url(&self) -> &str {
        type_url::BAD_REQUEST
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        for violation in self.violations {
            fields.message(1, |v| {
                v.string(1, violation.field);
                v.string(2, violation.description);
                v.string(3, violation.reason);
                if let Some(localized) = &violation.localized_message {
                    v.message(4, |m| localized.encode_fields(m));
                }
            });
        }
        for owned in self.owned.iter().flat_map(|o| o.iter()) {
            fields.message(1, |m| m.prost_fields(owned));
        }
    }
}

/// One `google.rpc.BadRequest.FieldViolation`; see [`BadRequestRef`].
#[derive(Debug, Clone, Copy)]
pub struct FieldViolationRef<'a> {
    field: Text<'a>,
    description: Text<'a>,
    reason: Text<'a>,
    localized_message: Option<LocalizedMessageRef<'a>>,
}

impl<'a> FieldViolationRef<'a> {
    /// A violation of the request field at path `field`.
    pub fn new(field: impl Into<Text<'a>>, description: impl Into<Text<'a>>) -> Self {
        FieldViolationRef {
            field: field.into(),
            description: description.into(),
            reason: Text::EMPTY,
            localized_message: None,
        }
    }

    /// Sets the UPPER_SNAKE_CASE reason of the violation.
    pub fn with_reason(mut self, reason: impl Into<Text<'a>>) -> Self {
        self.reason = reason.into();
        self
    }

    /// Sets a message about the violation that is safe to show to an end user.
    pub fn with_localized_message(mut self, message: LocalizedMessageRef<'a>) -> Self {
        self.localized_message = Some(message);
        self
    }
}
