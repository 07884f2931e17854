//! The names of every `#[rich_status(...)]` key, in one place.

pub const RICH_STATUS: &str = "rich_status";

pub const CODE: &str = "code";
pub const DOMAIN: &str = "domain";
pub const REASON: &str = "reason";
pub const MESSAGE: &str = "message";
pub const TRANSPARENT: &str = "transparent";
pub const METADATA: &str = "metadata";
pub const DETAIL: &str = "detail";
pub const DEBUG_INFO: &str = "debug_info";
pub const DETAILS: &str = "details";
pub const DECODE: &str = "decode";
pub const LOG: &str = "log";
pub const INTO_RESPONSE: &str = "into_response";
pub const CONNECT: &str = "connect";

/// `log = level` values, and the `rich_status::LogLevel` variant each stands for.
pub const LEVELS: &[(&str, &str)] = &[
    ("off", "Off"),
    ("error", "Error"),
    ("warn", "Warn"),
    ("info", "Info"),
    ("debug", "Debug"),
    ("trace", "Trace"),
];

/// A standard detail that a variant attribute describes with `key = "template"` pairs,
/// and the `rich_status::DetailWriter` calls that write it.
pub struct DetailKind {
    /// The attribute's name, e.g. `quota_failure`.
    pub name: &'static str,
    /// Its message in `rich_status::pb`, e.g. `QuotaFailure`.
    pub message: &'static str,
    /// The keys it takes, in field order.
    pub keys: &'static [&'static str],
    /// Whether it may be given more than once (each one a violation or link).
    pub repeatable: bool,
    /// The writer method; it takes the first `required` keys (empty when not given),
    /// and the others are set by the typed writer's methods of the same names.
    pub method: &'static str,
    pub required: usize,
    /// For a list detail: the writer method that writes a field's owned violations or
    /// links into it, and the `StatusReader` method of the same name that reads them back.
    pub join: Option<&'static str>,
    /// For a list detail: the message of one violation or link, in the module of
    /// `rich_status::pb` named like the attribute (`pb::quota_failure::Violation`).
    pub item: Option<&'static str>,
    /// For a list detail whose joined fields may be any type implementing a trait (a
    /// validation library's report for `bad_request`): that trait in
    /// `rich_status::validation`, whose `from_received` rebuilds the field when decoding.
    /// Without one, a joined field is a `Vec` the violations or links are collected into.
    pub received_by: Option<&'static str>,
}

pub const QUOTA_FAILURE: &DetailKind = &DetailKind {
    name: "quota_failure",
    message: "QuotaFailure",
    keys: &[
        "subject",
        "description",
        "api_service",
        "quota_metric",
        "quota_id",
    ],
    repeatable: true,
    method: "quota_violation",
    required: 2,
    join: Some("quota_violations"),
    item: Some("Violation"),
    received_by: None,
};
pub const PRECONDITION_FAILURE: &DetailKind = &DetailKind {
    name: "precondition_failure",
    message: "PreconditionFailure",
    keys: &["type", "subject", "description"],
    repeatable: true,
    method: "precondition_violation",
    required: 3,
    join: Some("precondition_violations"),
    item: Some("Violation"),
    received_by: None,
};
pub const BAD_REQUEST: &DetailKind = &DetailKind {
    name: "bad_request",
    message: "BadRequest",
    keys: &["field", "description", "reason"],
    repeatable: true,
    method: "field_violation",
    required: 2,
    join: Some("field_violations"),
    item: Some("FieldViolation"),
    received_by: Some("FieldViolations"),
};
pub const HELP: &DetailKind = &DetailKind {
    name: "help",
    message: "Help",
    keys: &["description", "url"],
    repeatable: true,
    method: "help_link",
    required: 2,
    join: Some("help_links"),
    item: Some("Link"),
    received_by: None,
};
pub const RESOURCE_INFO: &DetailKind = &DetailKind {
    name: "resource_info",
    message: "ResourceInfo",
    keys: &["resource_type", "resource_name", "owner", "description"],
    repeatable: false,
    method: "resource_info",
    required: 2,
    join: None,
    item: None,
    received_by: None,
};
pub const REQUEST_INFO: &DetailKind = &DetailKind {
    name: "request_info",
    message: "RequestInfo",
    keys: &["request_id", "serving_data"],
    repeatable: false,
    method: "request_info",
    required: 1,
    join: None,
    item: None,
    received_by: None,
};
pub const LOCALIZED_MESSAGE: &DetailKind = &DetailKind {
    name: "localized_message",
    message: "LocalizedMessage",
    keys: &["locale", "message"],
    repeatable: false,
    method: "localized_message",
    required: 2,
    join: None,
    item: None,
    received_by: None,
};
pub const RETRY_INFO: &DetailKind = &DetailKind {
    name: "retry_info",
    message: "RetryInfo",
    keys: &["delay"],
    repeatable: false,
    method: "retry_info",
    required: 1,
    join: None,
    item: None,
    received_by: None,
};

/// Every detail attribute with `key = value` arguments.
pub const DETAIL_KINDS: &[&DetailKind] = &[
    QUOTA_FAILURE,
    PRECONDITION_FAILURE,
    BAD_REQUEST,
    HELP,
    RESOURCE_INFO,
    REQUEST_INFO,
    LOCALIZED_MESSAGE,
    RETRY_INFO,
];

/// The details whose violations or links a field joins (`#[rich_status(bad_request)]`).
pub fn list_kinds() -> impl Iterator<Item = &'static DetailKind> {
    DETAIL_KINDS
        .iter()
        .copied()
        .filter(|kind| kind.join.is_some())
}

/// Keys accepted on an enum.
pub const ENUM_KEYS: &[&str] = &[CODE, DOMAIN, DECODE, LOG, INTO_RESPONSE, CONNECT];
/// Keys accepted on an enum variant.
pub const VARIANT_KEYS: &[&str] = &[
    CODE,
    DOMAIN,
    REASON,
    MESSAGE,
    TRANSPARENT,
    DEBUG_INFO,
    DETAILS,
    DECODE,
    LOG,
    INTO_RESPONSE,
    CONNECT,
    "quota_failure",
    "precondition_failure",
    "bad_request",
    "help",
    "resource_info",
    "request_info",
    "localized_message",
    "retry_info",
];
/// Keys accepted on a field.
pub const FIELD_KEYS: &[&str] = &[
    METADATA,
    DETAIL,
    "quota_failure",
    "precondition_failure",
    "bad_request",
    "help",
];

/// The `tonic::Code` variants, in code order.
pub const CODES: &[&str] = &[
    "Ok",
    "Cancelled",
    "Unknown",
    "InvalidArgument",
    "DeadlineExceeded",
    "NotFound",
    "AlreadyExists",
    "PermissionDenied",
    "ResourceExhausted",
    "FailedPrecondition",
    "Aborted",
    "OutOfRange",
    "Unimplemented",
    "Internal",
    "Unavailable",
    "DataLoss",
    "Unauthenticated",
];
