//! The `google.rpc` messages as prost types: `Status` and the standard details.
//!
//! Generated from `proto/google/rpc/` by prost-build with protox and checked in, so no
//! build needs `protoc` (a test regenerates them and fails on drift). Every message
//! implements [`prost::Name`] with the `type.googleapis.com/` type URL that other gRPC
//! stacks use, and maps decode into `BTreeMap`s.
//!
//! ```
//! use prost::{Message, Name};
//! use rich_status::pb;
//!
//! assert_eq!(pb::ErrorInfo::type_url(), "type.googleapis.com/google.rpc.ErrorInfo");
//! let info = pb::ErrorInfo { reason: "GONE".into(), ..Default::default() };
//! assert_eq!(pb::ErrorInfo::decode(info.encode_to_vec().as_slice()).unwrap(), info);
//! ```

#![allow(missing_docs)]

include!("pb/google.rpc.rs");
