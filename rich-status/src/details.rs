//! The decoded details of a rich status: the type the decoder fills and whose accessors
//! the decoder ([`decoding`]) and each standard detail's module add.
//!
//! The type sits below [`DecodeError`](crate::DecodeError), which can carry one, so that
//! the decoding, which returns that error, is built on both.

use bytes::Bytes;
use tonic::Code;

pub(crate) mod decoding;

/// The details of a rich status, decoded: the `google.rpc.Status` code and message, and
/// every packed detail in the order it was sent.
///
/// Decoding checks the envelope (the `google.rpc.Status` and each `Any` in it, as prost
/// checks them) and keeps one copy of its bytes; each detail is decoded when it is read:
/// the standard `google.rpc` details through accessors such as
/// [`error_info`](Details::error_info), any other message (a service's own) with
/// [`get`](Details::get). So decoding costs a copy of the trailer whatever it packs, and
/// a detail costs what its owned prost message costs only when asked for. An accessor
/// gives `None` for a detail that does not decode as its type; [`get`](Details::get)
/// says why.
///
/// ```
/// use rich_status::StatusExt;
/// use std::time::Duration;
///
/// let status = rich_status::status(tonic::Code::Unavailable, "shard 3 is restarting", |w| {
///     w.error_info("SHARD_RESTARTING", "kv.example.com").metadata("shard", 3);
///     w.retry_info(Duration::from_secs(2));
/// });
///
/// let details = status.rich_details().unwrap();
/// assert_eq!(details.code(), tonic::Code::Unavailable);
/// assert_eq!(details.message(), "shard 3 is restarting");
/// assert_eq!(details.len(), 2);
/// assert_eq!(details.error_info().unwrap().metadata["shard"], "3");
/// assert_eq!(details.retry_info().unwrap().retry_delay.unwrap().seconds, 2);
/// assert!(details.debug_info().is_none());
/// ```
#[derive(Clone)]
pub struct Details {
    code: i32,
    message: String,
    /// The encoded `google.rpc.Status`, checked; empty for a status without details.
    raw: Bytes,
    len: usize,
}

impl Details {
    /// Details with a code and message and nothing packed.
    pub(crate) fn empty(code: Code, message: String) -> Details {
        Details {
            code: code as i32,
            message,
            raw: Bytes::new(),
            len: 0,
        }
    }

    /// The encoded `google.rpc.Status` these details were read from (empty when the
    /// status had none).
    #[cfg(feature = "tonic-types")]
    pub(crate) fn raw_bytes(&self) -> Bytes {
        self.raw.clone()
    }

    /// Details of `raw`, an envelope already checked, with its code, message and number
    /// of details.
    pub(crate) fn checked(code: i32, message: String, raw: Bytes, len: usize) -> Details {
        Details {
            code,
            message,
            raw,
            len,
        }
    }

    /// The status code of the `google.rpc.Status`; a number outside `tonic::Code` reads as
    /// `Code::Unknown`.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::DataLoss, "", |_| {});
    /// let details = rich_status::Details::decode(&bytes).unwrap();
    /// assert_eq!(details.code(), tonic::Code::DataLoss);
    /// ```
    pub fn code(&self) -> Code {
        Code::from_i32(self.code)
    }

    /// The message of the `google.rpc.Status`.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::DataLoss, "lost: ß", |_| {});
    /// assert_eq!(rich_status::Details::decode(&bytes).unwrap().message(), "lost: ß");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The number of packed details.
    ///
    /// ```
    /// let bytes = rich_status::encode_status(tonic::Code::Internal, "", |_| {});
    /// assert_eq!(rich_status::Details::decode(&bytes).unwrap().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the status carries no packed details.
    ///
    /// ```
    /// let status = tonic::Status::internal("no details");
    /// assert!(rich_status::Details::from_status(&status).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
