//! `google.rpc.ResourceInfo`: the resource a request was about.

use std::fmt;

use crate::DetailWriter;
use crate::kind;
use crate::writer::Nested;

impl<'e> DetailWriter<'e> {
    /// Writes a `ResourceInfo`: the type and name of the resource the error is about; its
    /// owner and a description follow through [`ResourceInfoWriter`].
    ///
    /// ```
    /// use rich_status::StatusExt;
    ///
    /// let status = rich_status::status(tonic::Code::NotFound, "no such bucket", |w| {
    ///     w.resource_info("storage.example.com/Bucket", "photos").owner("project:7");
    /// });
    /// let details = status.rich_details().unwrap();
    /// let info = details.resource_info().unwrap();
    /// assert_eq!((info.resource_name.as_str(), info.owner.as_str()), ("photos", "project:7"));
    /// ```
    pub fn resource_info(
        &mut self,
        resource_type: impl fmt::Display,
        resource_name: impl fmt::Display,
    ) -> ResourceInfoWriter<'_, 'e> {
        self.resource_info_dyn(&resource_type, &resource_name)
    }

    fn resource_info_dyn(
        &mut self,
        resource_type: &dyn fmt::Display,
        resource_name: &dyn fmt::Display,
    ) -> ResourceInfoWriter<'_, 'e> {
        let opened = self.open_detail(&kind::RESOURCE_INFO);
        let mut info = Nested::new(self, opened);
        info.string(1, resource_type);
        info.string(2, resource_name);
        ResourceInfoWriter(info)
    }
}

/// The `ResourceInfo` that [`DetailWriter::resource_info`] opened; its other fields are
/// set in this order, each written as it is set.
#[derive(Debug)]
pub struct ResourceInfoWriter<'w, 'e>(Nested<'w, 'e>);

impl ResourceInfoWriter<'_, '_> {
    /// Who owns the resource.
    pub fn owner(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(3, &value);
        self
    }

    /// What went wrong with the resource.
    pub fn description(&mut self, value: impl fmt::Display) -> &mut Self {
        self.0.string(4, &value);
        self
    }
}

impl crate::Details {
    /// The first `ResourceInfo`, decoded (`None` when there is none or it does not decode); see [`DetailWriter::resource_info`](crate::DetailWriter::resource_info) for an example.
    pub fn resource_info(&self) -> Option<crate::pb::ResourceInfo> {
        self.first()
    }
}

/// The `ResourceInfo`'s fields in the proto3 JSON mapping, for an HTTP answer or a Connect
/// error's `debug`.
#[cfg(any(feature = "axum", feature = "connect"))]
pub(crate) const JSON: &[crate::json::Field] = {
    use crate::json::{Field, Form};
    &[
        Field::new(1, "resourceType", Form::String),
        Field::new(2, "resourceName", Form::String),
        Field::new(3, "owner", Form::String),
        Field::new(4, "description", Form::String),
    ]
};
