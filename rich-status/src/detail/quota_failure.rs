//! `google.rpc.QuotaFailure`: the quotas a request ran out of, one violation each.

use std::fmt;

use crate::kind;
use crate::pb::quota_failure::Violation;
use crate::writer::Nested;
use crate::{DetailWriter, Text};

impl<'e> DetailWriter<'e> {
    /// Writes one `QuotaFailure` violation: the quota on `subject` that ran out, and how.
    /// Consecutive quota violations make one `QuotaFailure`. The other fields follow
    /// through [`QuotaViolationWriter`], in field order.
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let name = "Ada";
    /// let status = rich_status::status(tonic::Code::ResourceExhausted, "Request limit exceeded.", |w| {
    ///     w.quota_violation(format_args!("name: {name}"), "Limit one greeting per person.")
    ///         .api_service("greeter.example.com")
    ///         .quota_id("GreetingsPerName")
    ///         .quota_dimension("name", name)
    ///         .quota_value(1)
    ///         .future_quota_value(2);
    ///     w.quota_violation("name: *", "Limit 100 greetings a day.");
    /// });
    ///
    /// let details = status.rich_details().unwrap();
    /// let violations = &details.quota_failure().unwrap().violations;
    /// assert_eq!(violations.len(), 2);
    /// assert_eq!(violations[0].subject, "name: Ada");
    /// assert_eq!(violations[0].quota_dimensions["name"], "Ada");
    /// assert_eq!(violations[0].future_quota_value, Some(2));
    /// ```
    pub fn quota_violation(
        &mut self,
        subject: impl fmt::Display,
        description: impl fmt::Display,
    ) -> QuotaViolationWriter<'_, 'e> {
        self.quota_violation_dyn(&subject, &description)
    }

    fn quota_violation_dyn(
        &mut self,
        subject: &dyn fmt::Display,
        description: &dyn fmt::Display,
    ) -> QuotaViolationWriter<'_, 'e> {
        let opened = self.open_item(&kind::QUOTA_FAILURE);
        let mut violation = Nested::new(self, opened);
        violation.string(1, subject);
        violation.string(2, description);
        QuotaViolationWriter(violation)
    }

    /// Writes owned violations (a field of the error, say) into the `QuotaFailure`, after
    /// the violations just before them.
    ///
    /// ```
    /// use rich_status::{StatusExt, pb};
    ///
    /// let more = vec![pb::quota_failure::Violation { subject: "ip: 192.0.2.1".into(), ..Default::default() }];
    /// let status = rich_status::status(tonic::Code::ResourceExhausted, "slow down", |w| {
    ///     w.quota_violation("account: 7", "");
    ///     w.quota_violations(&more);
    /// });
    /// let details = status.rich_details().unwrap();
    /// assert_eq!(details.quota_failure().unwrap().violations[1], more[0]);
    /// ```
    pub fn quota_violations(&mut self, violations: &[Violation]) {
        self.items(&kind::QUOTA_FAILURE, violations, |fields, v| {
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
        });
    }
}

/// One quota violation that [`DetailWriter::quota_violation`] opened; its other fields
/// are set in this order, each written as it is set.
#[derive(Debug)]
pub struct QuotaViolationWriter<'w, 'e>(Nested<'w, 'e>);

impl QuotaViolationWriter<'_, '_> {
    /// The API service that owns the quota.
    pub fn api_service(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(3, &value);
        self
    }

    /// The metric the quota is measured on.
    pub fn quota_metric(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(4, &value);
        self
    }

    /// The quota's identifier.
    pub fn quota_id(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(5, &value);
        self
    }

    /// One of the quota's dimensions, `quota_dimensions[key] = value`.
    pub fn quota_dimension(&mut self, key: &str, value: impl fmt::Display) -> &mut Self {
        self.0.map_entry(6, key, &value);
        self
    }

    /// The enforced limit.
    pub fn quota_value(&mut self, value: i64) -> &mut Self {
        if let Some(fields) = self.0.fields() {
            fields.int64(7, value);
        }
        self
    }

    /// The limit being rolled out (written even when zero).
    pub fn future_quota_value(&mut self, value: i64) -> &mut Self {
        if let Some(fields) = self.0.fields() {
            fields.optional_int64(8, Some(value));
        }
        self
    }
}

impl crate::Details {
    /// The first `QuotaFailure`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::quota_violation`](crate::DetailWriter::quota_violation) for an example.
    pub fn quota_failure(&self) -> Option<crate::pb::QuotaFailure> {
        self.first()
    }
}

/// The `QuotaFailure`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[Field::new(
        1,
        "violations",
        Form::Messages(&[
            Field::new(1, "subject", Form::String),
            Field::new(2, "description", Form::String),
            Field::new(3, "apiService", Form::String),
            Field::new(4, "quotaMetric", Form::String),
            Field::new(5, "quotaId", Form::String),
            Field::new(6, "quotaDimensions", Form::StringMap),
            Field::new(7, "quotaValue", Form::Int64),
            Field::new(8, "futureQuotaValue", Form::OptionalInt64),
        ]),
    )]
};
