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
pub const SKIP_INTO_RESPONSE: &str = "skip_into_response";

/// `log = level` values, and the `rich_status::LogLevel` variant each stands for.
pub const LEVELS: &[(&str, &str)] = &[
    ("off", "Off"),
    ("error", "Error"),
    ("warn", "Warn"),
    ("info", "Info"),
    ("debug", "Debug"),
    ("trace", "Trace"),
];

/// A standard detail that a variant attribute describes with `key = "template"` pairs.
pub struct DetailKind {
    /// The attribute's name, e.g. `quota_failure`.
    pub name: &'static str,
    /// The keys it takes, in the order of the view's constructor.
    pub keys: &'static [&'static str],
    /// Whether it may be given more than once (each one a violation or link).
    pub repeatable: bool,
}

pub const QUOTA_FAILURE: &DetailKind = &DetailKind {
    name: "quota_failure",
    keys: &[
        "subject",
        "description",
        "api_service",
        "quota_metric",
        "quota_id",
    ],
    repeatable: true,
};
pub const PRECONDITION_FAILURE: &DetailKind = &DetailKind {
    name: "precondition_failure",
    keys: &["type", "subject", "description"],
    repeatable: true,
};
pub const BAD_REQUEST: &DetailKind = &DetailKind {
    name: "bad_request",
    keys: &["field", "description", "reason"],
    repeatable: true,
};
pub const HELP: &DetailKind = &DetailKind {
    name: "help",
    keys: &["description", "url"],
    repeatable: true,
};
pub const RESOURCE_INFO: &DetailKind = &DetailKind {
    name: "resource_info",
    keys: &["resource_type", "resource_name", "owner", "description"],
    repeatable: false,
};
pub const REQUEST_INFO: &DetailKind = &DetailKind {
    name: "request_info",
    keys: &["request_id", "serving_data"],
    repeatable: false,
};
pub const LOCALIZED_MESSAGE: &DetailKind = &DetailKind {
    name: "localized_message",
    keys: &["locale", "message"],
    repeatable: false,
};
pub const RETRY_INFO: &DetailKind = &DetailKind {
    name: "retry_info",
    keys: &["delay"],
    repeatable: false,
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

/// Keys accepted on an enum.
pub const ENUM_KEYS: &[&str] = &[CODE, DOMAIN, DECODE, LOG, SKIP_INTO_RESPONSE];
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
    SKIP_INTO_RESPONSE,
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
pub const FIELD_KEYS: &[&str] = &[METADATA, DETAIL];

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
