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
pub const QUOTA_FAILURE: &str = "quota_failure";

/// Keys accepted on an enum.
pub const ENUM_KEYS: &[&str] = &[CODE, DOMAIN];
/// Keys accepted on an enum variant.
pub const VARIANT_KEYS: &[&str] = &[
    CODE,
    DOMAIN,
    REASON,
    MESSAGE,
    TRANSPARENT,
    DEBUG_INFO,
    QUOTA_FAILURE,
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
