//! Service-wide policy for what rich statuses may carry.
//!
//! `DebugInfo` holds stack entries and `Debug` output meant for the service's own
//! developers, not for untrusted clients, so the derive's `debug_info` attribute sends it
//! only when the service turns it on: with [`set_debug_info`] at start-up, or by starting
//! the process with the environment variable `RICH_STATUS_DEBUG_INFO` set to `1` or
//! `true`. The call wins over the variable.
//!
//! ```
//! // At start-up of a service whose clients are its own developers:
//! rich_status::policy::set_debug_info(true);
//! # rich_status::policy::set_debug_info(false);
//! ```

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// The environment variable that turns `DebugInfo` on when [`set_debug_info`] was not
/// called: `1` or `true` (any case) turns it on, anything else leaves it off.
///
/// ```
/// assert_eq!(rich_status::policy::DEBUG_INFO_ENV, "RICH_STATUS_DEBUG_INFO");
/// ```
pub const DEBUG_INFO_ENV: &str = "RICH_STATUS_DEBUG_INFO";

const UNSET: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

static DEBUG_INFO: AtomicU8 = AtomicU8::new(UNSET);
static DEBUG_INFO_FROM_ENV: OnceLock<bool> = OnceLock::new();

/// Turns `DebugInfo` on or off for every status built after the call.
///
/// ```
/// rich_status::policy::set_debug_info(true);
/// assert!(rich_status::policy::debug_info_enabled());
/// rich_status::policy::set_debug_info(false);
/// assert!(!rich_status::policy::debug_info_enabled());
/// ```
pub fn set_debug_info(enabled: bool) {
    DEBUG_INFO.store(if enabled { ON } else { OFF }, Ordering::Relaxed);
}

/// Whether `DebugInfo` details are sent: the last [`set_debug_info`], or else the
/// environment variable [`DEBUG_INFO_ENV`], read once; off by default.
///
/// ```
/// // Off unless the service said otherwise.
/// if std::env::var_os(rich_status::policy::DEBUG_INFO_ENV).is_none() {
///     assert!(!rich_status::policy::debug_info_enabled());
/// }
/// ```
pub fn debug_info_enabled() -> bool {
    match DEBUG_INFO.load(Ordering::Relaxed) {
        ON => true,
        OFF => false,
        _ => *DEBUG_INFO_FROM_ENV.get_or_init(|| {
            std::env::var(DEBUG_INFO_ENV)
                .map(|v| v == "1" || v.eq_ignore_ascii_case("true"))
                .unwrap_or(false)
        }),
    }
}
