use super::type_url;
use crate::{EncodeDetail, Fields, Text};

/// `google.rpc.ResourceInfo`: the resource that was being accessed.
///
/// ```
/// use rich_status::{ResourceInfoRef, StatusExt};
///
/// let info = ResourceInfoRef::new("bucket", "photos")
///     .with_owner("user:ada@example.com")
///     .with_description("needs the writer role");
/// let status = rich_status::status(tonic::Code::PermissionDenied, "denied", &[&info]);
///
/// let decoded = status.rich_details().unwrap();
/// let info = decoded.resource_info().unwrap();
/// assert_eq!((info.resource_type.as_str(), info.resource_name.as_str()), ("bucket", "photos"));
/// assert_eq!(info.owner, "user:ada@example.com");
/// assert_eq!(info.description, "needs the writer role");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ResourceInfoRef<'a> {
    resource_type: Text<'a>,
    resource_name: Text<'a>,
    owner: Text<'a>,
    description: Text<'a>,
}

impl<'a> ResourceInfoRef<'a> {
    /// A `ResourceInfo` for the resource `resource_name` of kind `resource_type`.
    ///
    /// ```
    /// let _ = rich_status::ResourceInfoRef::new("sql table", "orders");
    /// ```
    pub fn new(resource_type: impl Into<Text<'a>>, resource_name: impl Into<Text<'a>>) -> Self {
        ResourceInfoRef {
            resource_type: resource_type.into(),
            resource_name: resource_name.into(),
            owner: Text::EMPTY,
            description: Text::EMPTY,
        }
    }

    /// Sets the resource's owner.
    ///
    /// ```
    /// let _ = rich_status::ResourceInfoRef::new("bucket", "photos").with_owner("user:ada@example.com");
    /// ```
    pub fn with_owner(mut self, owner: impl Into<Text<'a>>) -> Self {
        self.owner = owner.into();
        self
    }

    /// Sets what went wrong with the resource.
    ///
    /// ```
    /// let _ = rich_status::ResourceInfoRef::new("bucket", "photos").with_description("needs the writer role");
    /// ```
    pub fn with_description(mut self, description: impl Into<Text<'a>>) -> Self {
        self.description = description.into();
        self
    }
}

impl EncodeDetail for ResourceInfoRef<'_> {
    fn type_url(&self) -> &str {
        type_url::RESOURCE_INFO
    }
    fn encode_fields(&self, fields: &mut Fields<'_>) {
        fields.string(1, self.resource_type);
        fields.string(2, self.resource_name);
        fields.string(3, self.owner);
        fields.string(4, self.description);
    }
}
