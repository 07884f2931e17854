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
    ///
    /// ```
    /// use rich_status::{BadRequestRef, FieldViolationRef};
    /// let violations = [FieldViolationRef::new("name", "must not be empty")];
    /// assert!(!BadRequestRef::new(&violations).is_empty());
    /// ```
    pub fn new(violations: &'a [FieldViolationRef<'a>]) -> Self {
        BadRequestRef {
            violations,
            owned: &[],
        }
    }

    /// Appends field violations held as owned prost values (say, a field of the error), after the
    /// borrowed ones.
    ///
    /// ```
    /// use rich_status::{pb, BadRequestRef, StatusExt};
    /// let owned = vec![pb::bad_request::FieldViolation { field: "age".into(), ..Default::default() }];
    /// let parts = [owned.as_slice()];
    /// let bad = BadRequestRef::new(&[]).with_owned_violations(&parts);
    /// let status = rich_status::status(tonic::Code::InvalidArgument, "bad", &[&bad]);
    /// assert_eq!(status.rich_details().unwrap().bad_request().unwrap().field_violations, owned);
    /// ```
    pub fn with_owned_violations(
        mut self,
        owned: &'a [&'a [crate::pb::bad_request::FieldViolation]],
    ) -> Self {
        self.owned = owned;
        self
    }

    /// True when there is nothing to list.
    ///
    /// ```
    /// let empty: [&[rich_status::pb::bad_request::FieldViolation]; 1] = [&[]];
    /// assert!(rich_status::BadRequestRef::new(&[]).with_owned_violations(&empty).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.owned.iter().all(|o| o.is_empty())
    }
}

impl EncodeDetail for BadRequestRef<'_> {
    fn type_url(&self) -> &str {
        type_url::BAD_REQUEST
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let keep = fields.cut().violations;
        if self.violations.len() + self.owned.iter().map(|o| o.len()).sum::<usize>() > keep {
            fields.note(crate::budget::effect::VIOLATIONS);
        }
        for violation in self.violations.iter().take(keep) {
            fields.message(1, |v| {
                v.string(1, violation.field);
                v.string(2, violation.description);
                v.string(3, violation.reason);
                if let Some(localized) = &violation.localized_message {
                    v.message(4, |m| localized.encode_fields(m));
                }
            });
        }
        let owned = self.owned.iter().flat_map(|o| o.iter());
        for owned in owned.take(keep.saturating_sub(self.violations.len())) {
            fields.message(1, |v| {
                v.string(1, Text::from(&owned.field));
                v.string(2, Text::from(&owned.description));
                v.string(3, Text::from(&owned.reason));
                if let Some(localized) = &owned.localized_message {
                    v.message(4, |m| {
                        LocalizedMessageRef::new(&localized.locale, &localized.message)
                            .encode_fields(m)
                    });
                }
            });
        }
    }
}

impl EncodeDetail for crate::pb::BadRequest {
    fn type_url(&self) -> &str {
        type_url::BAD_REQUEST
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        BadRequestRef::new(&[])
            .with_owned_violations(&[&self.field_violations])
            .encode_fields(fields);
    }
}

/// One `google.rpc.BadRequest.FieldViolation`; see [`BadRequestRef`].
///
/// ```
/// let v = rich_status::FieldViolationRef::new("email", "not an address").with_reason("INVALID_EMAIL");
/// let status = rich_status::status(tonic::Code::InvalidArgument, "bad", &[&rich_status::BadRequestRef::new(&[v])]);
/// assert_eq!(status.code(), tonic::Code::InvalidArgument);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FieldViolationRef<'a> {
    field: Text<'a>,
    description: Text<'a>,
    reason: Text<'a>,
    localized_message: Option<LocalizedMessageRef<'a>>,
}

impl<'a> FieldViolationRef<'a> {
    /// A violation of the request field at path `field`.
    ///
    /// ```
    /// let _ = rich_status::FieldViolationRef::new("items[3].price", "must be positive");
    /// ```
    pub fn new(field: impl Into<Text<'a>>, description: impl Into<Text<'a>>) -> Self {
        FieldViolationRef {
            field: field.into(),
            description: description.into(),
            reason: Text::EMPTY,
            localized_message: None,
        }
    }

    /// Sets the UPPER_SNAKE_CASE reason of the violation.
    ///
    /// ```
    /// let _ = rich_status::FieldViolationRef::new("price", "negative").with_reason("NEGATIVE_PRICE");
    /// ```
    pub fn with_reason(mut self, reason: impl Into<Text<'a>>) -> Self {
        self.reason = reason.into();
        self
    }

    /// Sets a message about the violation that is safe to show to an end user.
    ///
    /// ```
    /// use rich_status::{FieldViolationRef, LocalizedMessageRef};
    /// let _ = FieldViolationRef::new("price", "negative")
    ///     .with_localized_message(LocalizedMessageRef::new("de-DE", "Preis ist negativ"));
    /// ```
    pub fn with_localized_message(mut self, message: LocalizedMessageRef<'a>) -> Self {
        self.localized_message = Some(message);
        self
    }
}
