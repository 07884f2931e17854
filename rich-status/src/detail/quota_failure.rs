use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.QuotaFailure` from borrowed violations.
///
/// ```
/// use rich_status::{QuotaFailureRef, QuotaViolationRef, StatusExt, Text};
///
/// let name = "Ada";
/// let subject = format!("name: {name}");
/// let dimensions = [("name", Text::str(name))];
/// let violations = [QuotaViolationRef::new(&subject, "Limit one greeting per person.")
/// .with_api_service("greeter.example.com")
/// .with_quota_id("GreetingsPerName")
/// .with_quota_dimensions(&dimensions)
/// .with_quota_value(1)
/// .with_future_quota_value(Some(2))];
/// let status = rich_status::status(
///     tonic::Code::ResourceExhausted,
///     "Request limit exceeded.",
///     &[&QuotaFailureRef::new(&violations)],
/// );
///
/// let decoded = status.rich_details().unwrap();
/// let violation = &decoded.quota_failure().unwrap().violations[0];
/// assert_eq!(violation.subject, "name: Ada");
/// assert_eq!(violation.description, "Limit one greeting per person.");
/// assert_eq!(violation.api_service, "greeter.example.com");
/// assert_eq!(violation.quota_id, "GreetingsPerName");
/// assert_eq!(violation.quota_dimensions["name"], "Ada");
/// assert_eq!(violation.quota_value, 1);
/// assert_eq!(violation.future_quota_value, Some(2));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct QuotaFailureRef<'a> {
    violations: &'a [QuotaViolationRef<'a>],
    owned: &'a [&'a [crate::pb::quota_failure::Violation]],
}

impl<'a> QuotaFailureRef<'a> {
    /// A `QuotaFailure` listing `violations`.
    ///
    /// ```
    /// use rich_status::{QuotaFailureRef, QuotaViolationRef};
    /// let violations = [QuotaViolationRef::new("project:42", "daily limit reached")];
    /// assert!(!QuotaFailureRef::new(&violations).is_empty());
    /// ```
    pub fn new(violations: &'a [QuotaViolationRef<'a>]) -> Self {
        QuotaFailureRef {
            violations,
            owned: &[],
        }
    }

    /// Appends violations held as owned prost values (say, a field of the error), after the
    /// borrowed ones.
    ///
    /// ```
    /// use rich_status::{pb, QuotaFailureRef};
    /// let owned = vec![pb::quota_failure::Violation { subject: "ip: 192.0.2.1".into(), ..Default::default() }];
    /// let parts = [owned.as_slice()];
    /// assert!(!QuotaFailureRef::new(&[]).with_owned_violations(&parts).is_empty());
    /// ```
    pub fn with_owned_violations(
        mut self,
        owned: &'a [&'a [crate::pb::quota_failure::Violation]],
    ) -> Self {
        self.owned = owned;
        self
    }

    /// True when there is nothing to list.
    ///
    /// ```
    /// assert!(rich_status::QuotaFailureRef::new(&[]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.owned.iter().all(|o| o.is_empty())
    }
}

impl EncodeDetail for QuotaFailureRef<'_> {
    fn type_url(&self) -> &str {
        type_url::QUOTA_FAILURE
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        let keep = fields.cut().violations;
        if self.violations.len() + self.owned.iter().map(|o| o.len()).sum::<usize>() > keep {
            fields.note(crate::budget::effect::VIOLATIONS);
        }
        for violation in self.violations.iter().take(keep) {
            fields.message(1, |v| violation.encode_fields(v));
        }
        let owned = self.owned.iter().flat_map(|o| o.iter());
        for owned in owned.take(keep.saturating_sub(self.violations.len())) {
            fields.message(1, |v| write_owned_violation(v, owned));
        }
    }
}

/// One `google.rpc.QuotaFailure.Violation`; see [`QuotaFailureRef`] for an example.
///
/// ```
/// let v = rich_status::QuotaViolationRef::new("clientip:192.0.2.1", "too many requests");
/// let _ = rich_status::QuotaFailureRef::new(&[v]);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct QuotaViolationRef<'a> {
    subject: Text<'a>,
    description: Text<'a>,
    api_service: Text<'a>,
    quota_metric: Text<'a>,
    quota_id: Text<'a>,
    quota_dimensions: &'a [(&'a str, Text<'a>)],
    quota_value: i64,
    future_quota_value: Option<i64>,
}

impl<'a> QuotaViolationRef<'a> {
    /// A violation of the quota on `subject`, described by `description`.
    ///
    /// ```
    /// let _ = rich_status::QuotaViolationRef::new("project:42", "read quota exceeded");
    /// ```
    pub fn new(subject: impl Into<Text<'a>>, description: impl Into<Text<'a>>) -> Self {
        QuotaViolationRef {
            subject: subject.into(),
            description: description.into(),
            api_service: Text::EMPTY,
            quota_metric: Text::EMPTY,
            quota_id: Text::EMPTY,
            quota_dimensions: &[],
            quota_value: 0,
            future_quota_value: None,
        }
    }

    /// Sets the API service that owns the quota.
    ///
    /// ```
    /// let _ = rich_status::QuotaViolationRef::new("p", "d").with_api_service("pubsub.example.com");
    /// ```
    pub fn with_api_service(mut self, api_service: impl Into<Text<'a>>) -> Self {
        self.api_service = api_service.into();
        self
    }

    /// Sets the metric the quota is measured on.
    ///
    /// ```
    /// let _ = rich_status::QuotaViolationRef::new("p", "d").with_quota_metric("example.com/reads");
    /// ```
    pub fn with_quota_metric(mut self, quota_metric: impl Into<Text<'a>>) -> Self {
        self.quota_metric = quota_metric.into();
        self
    }

    /// Sets the quota's identifier.
    ///
    /// ```
    /// let _ = rich_status::QuotaViolationRef::new("p", "d").with_quota_id("ReadsPerMinute");
    /// ```
    pub fn with_quota_id(mut self, quota_id: impl Into<Text<'a>>) -> Self {
        self.quota_id = quota_id.into();
        self
    }

    /// Sets the quota's dimensions, written in the order given.
    ///
    /// ```
    /// use rich_status::{QuotaViolationRef, Text};
    /// let dimensions = [("region", Text::str("eu-west1"))];
    /// let _ = QuotaViolationRef::new("p", "d").with_quota_dimensions(&dimensions);
    /// ```
    pub fn with_quota_dimensions(mut self, dimensions: &'a [(&'a str, Text<'a>)]) -> Self {
        self.quota_dimensions = dimensions;
        self
    }

    /// Sets the enforced limit.
    ///
    /// ```
    /// let _ = rich_status::QuotaViolationRef::new("p", "d").with_quota_value(100);
    /// ```
    pub fn with_quota_value(mut self, value: i64) -> Self {
        self.quota_value = value;
        self
    }

    /// Sets the limit being rolled out (`Some(0)` is written; `None` is not).
    ///
    /// ```
    /// let _ = rich_status::QuotaViolationRef::new("p", "d").with_future_quota_value(Some(50));
    /// ```
    pub fn with_future_quota_value(mut self, value: Option<i64>) -> Self {
        self.future_quota_value = value;
        self
    }

    fn encode_fields(&self, fields: &mut Fields<'_>) {
        fields.string(1, self.subject);
        fields.string(2, self.description);
        fields.string(3, self.api_service);
        fields.string(4, self.quota_metric);
        fields.string(5, self.quota_id);
        for (key, value) in self.quota_dimensions {
            fields.map_entry(6, Text::str(key), *value);
        }
        fields.int64(7, self.quota_value);
        fields.optional_int64(8, self.future_quota_value);
    }
}

/// An owned violation's fields, so that the trailer budget can cut its text.
fn write_owned_violation(fields: &mut Fields<'_>, v: &crate::pb::quota_failure::Violation) {
    fields.string(1, Text::from(&v.subject));
    fields.string(2, Text::from(&v.description));
    fields.string(3, Text::from(&v.api_service));
    fields.string(4, Text::from(&v.quota_metric));
    fields.string(5, Text::from(&v.quota_id));
    for (key, value) in &v.quota_dimensions {
        fields.map_entry(6, Text::from(key), Text::from(value));
    }
    fields.int64(7, v.quota_value);
    fields.optional_int64(8, v.future_quota_value);
}

impl EncodeDetail for crate::pb::QuotaFailure {
    fn type_url(&self) -> &str {
        type_url::QUOTA_FAILURE
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        QuotaFailureRef::new(&[])
            .with_owned_violations(&[&self.violations])
            .encode_fields(fields);
    }
}
