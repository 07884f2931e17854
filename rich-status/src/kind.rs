//! The standard `google.rpc` detail kinds, at the bottom of the crate: for each, what
//! the rest of the crate asks of it, in one row. The writer opens a detail by its row,
//! the trailer budget cuts by the row's class, consecutive violations or links join one
//! detail when the row is a list, and [`type_url`] gives the URLs everyone writes and
//! matches. This module imports nothing of the crate's.
//!
//! Adding a standard detail kind touches these files:
//! 1. `proto/google/rpc/error_details.proto`, and the generated
//!    `src/pb/google.rpc.rs` (`RICH_STATUS_BLESS=1 cargo test -p rich-status-tests
//!    --test codegen`);
//! 2. its module in `src/detail/` (the only module its field numbers appear in): the
//!    `DetailWriter` methods that write it, its accessor on `Details`, and its `JSON`
//!    table (each field's number, proto3 JSON name and form);
//! 3. here: its type URL and its row, in [`ALL`];
//! 4. `src/standard.rs`: its `StandardDetail` variant, and its name in `json_fields`
//!    (decoding, the HTTP answer and Connect's `debug` follow from them);
//! 5. the derive's `rich-status-derive/src/symbol.rs`: its attribute's row, if it has
//!    one (its keys, its writer methods, and for a list its violation or link message).

/// How the trailer budget treats a detail kind (see [the trailer budget](crate::policy#the-trailer-budget) for the
/// order of the cuts).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    /// Never left out (`ErrorInfo`).
    ErrorInfo,
    /// Left out only when every detail but `ErrorInfo` is (step 7).
    Kept,
    /// `DebugInfo`: its stack entries and its detail go first (steps 1 and 2), and with
    /// both gone, the detail itself.
    Debug,
    /// Optional (step 3), as is any message of the service's own.
    Optional,
}

/// One standard detail kind.
#[derive(Debug)]
pub(crate) struct Kind {
    pub(crate) type_url: &'static str,
    /// How the trailer budget treats it.
    pub(crate) class: Class,
    /// Whether it lists violations or links, which consecutive calls of its kind join
    /// into one detail.
    pub(crate) list: bool,
}

impl Kind {
    /// The row of the standard kind `type_url` names exactly, if it names one.
    pub(crate) fn of_url(type_url: &str) -> Option<&'static Kind> {
        ALL.iter().copied().find(|kind| kind.type_url == type_url)
    }

    /// How the budget treats a detail of `type_url`: its kind's class, optional for a
    /// message of the service's own.
    pub(crate) fn class_of(type_url: &str) -> Class {
        Kind::of_url(type_url).map_or(Class::Optional, |kind| kind.class)
    }

    /// True when `self` and `other` are the same row.
    #[inline]
    pub(crate) fn is(&self, other: &Kind) -> bool {
        std::ptr::eq(self, other)
    }
}

/// True when `type_url` names the message `M`: its full name after the URL's last `/`
/// (any host before it, or none), as `Any` type URLs are matched on decoding.
pub(crate) fn names<M: prost::Name>(type_url: &str) -> bool {
    // `M::full_name()` compared from the end of the URL, without building it: what comes
    // before the name is nothing or ends with the last `/`.
    let Some(rest) = type_url.strip_suffix(M::NAME) else {
        return false;
    };
    let rest = match M::PACKAGE {
        "" => Some(rest),
        package => rest
            .strip_suffix('.')
            .and_then(|rest| rest.strip_suffix(package)),
    };
    rest.is_some_and(|rest| rest.is_empty() || rest.ends_with('/'))
}

/// A row of the table.
const fn row(type_url: &'static str, class: Class, list: bool) -> Kind {
    Kind {
        type_url,
        class,
        list,
    }
}

pub(crate) static ERROR_INFO: Kind = row(type_url::ERROR_INFO, Class::ErrorInfo, false);
pub(crate) static RETRY_INFO: Kind = row(type_url::RETRY_INFO, Class::Kept, false);
pub(crate) static DEBUG_INFO: Kind = row(type_url::DEBUG_INFO, Class::Debug, false);
pub(crate) static QUOTA_FAILURE: Kind = row(type_url::QUOTA_FAILURE, Class::Kept, true);
pub(crate) static PRECONDITION_FAILURE: Kind =
    row(type_url::PRECONDITION_FAILURE, Class::Kept, true);
pub(crate) static BAD_REQUEST: Kind = row(type_url::BAD_REQUEST, Class::Kept, true);
pub(crate) static REQUEST_INFO: Kind = row(type_url::REQUEST_INFO, Class::Optional, false);
pub(crate) static RESOURCE_INFO: Kind = row(type_url::RESOURCE_INFO, Class::Optional, false);
pub(crate) static HELP: Kind = row(type_url::HELP, Class::Optional, true);
pub(crate) static LOCALIZED_MESSAGE: Kind =
    row(type_url::LOCALIZED_MESSAGE, Class::Optional, false);

/// Every standard kind.
pub(crate) static ALL: [&Kind; 10] = [
    &ERROR_INFO,
    &RETRY_INFO,
    &DEBUG_INFO,
    &QUOTA_FAILURE,
    &PRECONDITION_FAILURE,
    &BAD_REQUEST,
    &REQUEST_INFO,
    &RESOURCE_INFO,
    &HELP,
    &LOCALIZED_MESSAGE,
];

/// The type URLs of the standard detail messages, as other gRPC stacks write them.
///
/// ```
/// use prost::Name;
/// assert_eq!(rich_status::detail::type_url::ERROR_INFO, rich_status::pb::ErrorInfo::type_url());
/// ```
pub mod type_url {
    /// `google.rpc.ErrorInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::ERROR_INFO, "type.googleapis.com/google.rpc.ErrorInfo");
    /// ```
    pub const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
    /// `google.rpc.RetryInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::RETRY_INFO, "type.googleapis.com/google.rpc.RetryInfo");
    /// ```
    pub const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
    /// `google.rpc.DebugInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::DEBUG_INFO, "type.googleapis.com/google.rpc.DebugInfo");
    /// ```
    pub const DEBUG_INFO: &str = "type.googleapis.com/google.rpc.DebugInfo";
    /// `google.rpc.QuotaFailure`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::QUOTA_FAILURE, "type.googleapis.com/google.rpc.QuotaFailure");
    /// ```
    pub const QUOTA_FAILURE: &str = "type.googleapis.com/google.rpc.QuotaFailure";
    /// `google.rpc.PreconditionFailure`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::PRECONDITION_FAILURE, "type.googleapis.com/google.rpc.PreconditionFailure");
    /// ```
    pub const PRECONDITION_FAILURE: &str = "type.googleapis.com/google.rpc.PreconditionFailure";
    /// `google.rpc.BadRequest`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::BAD_REQUEST, "type.googleapis.com/google.rpc.BadRequest");
    /// ```
    pub const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
    /// `google.rpc.RequestInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::REQUEST_INFO, "type.googleapis.com/google.rpc.RequestInfo");
    /// ```
    pub const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";
    /// `google.rpc.ResourceInfo`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::RESOURCE_INFO, "type.googleapis.com/google.rpc.ResourceInfo");
    /// ```
    pub const RESOURCE_INFO: &str = "type.googleapis.com/google.rpc.ResourceInfo";
    /// `google.rpc.Help`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::HELP, "type.googleapis.com/google.rpc.Help");
    /// ```
    pub const HELP: &str = "type.googleapis.com/google.rpc.Help";
    /// `google.rpc.LocalizedMessage`
    ///
    /// ```
    /// assert_eq!(rich_status::detail::type_url::LOCALIZED_MESSAGE, "type.googleapis.com/google.rpc.LocalizedMessage");
    /// ```
    pub const LOCALIZED_MESSAGE: &str = "type.googleapis.com/google.rpc.LocalizedMessage";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pb;
    use prost::Name;

    #[test]
    fn each_row_has_its_messages_type_url() {
        let generated = [
            pb::ErrorInfo::type_url(),
            pb::RetryInfo::type_url(),
            pb::DebugInfo::type_url(),
            pb::QuotaFailure::type_url(),
            pb::PreconditionFailure::type_url(),
            pb::BadRequest::type_url(),
            pb::RequestInfo::type_url(),
            pb::ResourceInfo::type_url(),
            pb::Help::type_url(),
            pb::LocalizedMessage::type_url(),
        ];
        let table: Vec<&str> = ALL.iter().map(|kind| kind.type_url).collect();
        assert_eq!(table, generated);
        for kind in ALL {
            assert!(Kind::of_url(kind.type_url).unwrap().is(kind));
        }
        assert_eq!(
            Kind::class_of("type.googleapis.com/acme.v1.Thing"),
            Class::Optional
        );
    }
}
