//! Support for the code `#[derive(RichStatus)]` generates. Not public API: names here
//! change without notice.

use std::fmt;

pub use tonic::{Code, Status};

pub use crate::derived::{Displayed, Value, Values, details, details_debug};
pub use crate::policy::debug_info_enabled;
pub use crate::{
    DebugInfoRef, EncodeDetail, ErrorInfoRef, QuotaFailureRef, QuotaViolationRef, RichStatus, Text,
};

/// A `Display` made of a closure: how the derive formats a template such as
/// `"name: {name}"` straight into the encoder, without a `String`.
pub struct Fmt<F>(pub F)
where
    F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result;

impl<F> fmt::Display for Fmt<F>
where
    F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// A template of plain `{field}` placeholders: the literal pieces, one more than the
/// values, written around the values' `Display`s. One runtime type for every such
/// template, so that the derive generates an array per template instead of a closure
/// and a `format_args!` of its own.
///
/// A braced struct, so that the arrays a `let` binds it with live as long as it does.
pub struct Pieces<'a> {
    pub pieces: &'static [&'static str],
    pub values: &'a [&'a dyn fmt::Display],
}

impl fmt::Display for Pieces<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut pieces = self.pieces.iter();
        for value in self.values {
            if let Some(piece) = pieces.next() {
                f.write_str(piece)?;
            }
            value.fmt(f)?;
        }
        pieces.try_for_each(|piece| f.write_str(piece))
    }
}

/// Shows a value's `Debug` through `Display` (the `DebugInfo` detail text).
pub struct DebugText<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Display for DebugText<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

/// The message from `Display`; a `Display` that fails keeps what it wrote instead of
/// panicking as `ToString` would.
pub fn display_message<T: fmt::Display + ?Sized>(value: &T) -> String {
    let mut message = String::new();
    let _ = fmt::write(&mut message, format_args!("{value}"));
    message
}

/// The frames of a captured backtrace, one stack entry each; empty when the backtrace
/// was not captured (`RUST_BACKTRACE` unset).
pub fn backtrace_frames(backtrace: &std::backtrace::Backtrace) -> Vec<String> {
    if backtrace.status() != std::backtrace::BacktraceStatus::Captured {
        return Vec::new();
    }
    display_message(backtrace)
        .lines()
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// Views a `#[source]` field as `&dyn Error`, the start of its source chain: sized
/// errors directly, boxed `dyn Error`s through auto-deref to the trait object.
pub trait AsDynError<'a> {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a);
}

impl<'a, E: std::error::Error + 'a> AsDynError<'a> for E {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

/// A detail that writes nothing: fills the unused places of [`present`]'s array.
struct Absent;

impl EncodeDetail for Absent {
    fn type_url(&self) -> &str {
        ""
    }
    fn encode_fields(&self, _: &mut crate::Fields<'_>) {}
}

/// Moves the details that are present to the front, keeping their order, and returns
/// them with their count: how a detail that policy turns off (`DebugInfo`) is left out
/// without allocating.
pub fn present<'a, const N: usize>(
    details: [Option<&'a dyn EncodeDetail>; N],
) -> ([&'a dyn EncodeDetail; N], usize) {
    let mut out: [&'a dyn EncodeDetail; N] = [&Absent; N];
    let mut len = 0;
    for detail in details.into_iter().flatten() {
        out[len] = detail;
        len += 1;
    }
    (out, len)
}

pub use crate::{BadRequestRef, HelpRef, PreconditionFailureRef};

/// What a `#[rich_status(detail)]` field contributes to its status: violations or links
/// merged into the variant's `QuotaFailure`, `BadRequest`, `PreconditionFailure` or
/// `Help`, or messages packed as `Any`s of their own.
pub trait FieldDetail {
    fn quota_violations(&self) -> &[crate::pb::quota_failure::Violation] {
        &[]
    }
    fn field_violations(&self) -> &[crate::pb::bad_request::FieldViolation] {
        &[]
    }
    fn precondition_violations(&self) -> &[crate::pb::precondition_failure::Violation] {
        &[]
    }
    fn help_links(&self) -> &[crate::pb::help::Link] {
        &[]
    }
    fn packed(&self) -> Option<&dyn EncodeDetail> {
        None
    }
}

/// A detail field, wrapped so that the derive's generated code can pick, by the field's
/// type, the most specific of the `Via*` traits below (autoref specialization: the
/// expression `(&&&&Wrap(field)).rich_status_detail()` tries `ViaViolations` first and
/// `ViaMessage` last).
pub struct Wrap<'a, T: ?Sized>(pub &'a T);

/// `Vec` of violations or links of a standard detail: merged into that detail.
pub trait ViaViolations<'a> {
    type Out: FieldDetail;
    fn rich_status_detail(&self) -> Self::Out;
}

/// `Vec<M>`: one `Any` per message.
pub trait ViaList<'a> {
    type Out: FieldDetail;
    fn rich_status_detail(&self) -> Self::Out;
}

/// `Option<M>`: an `Any` when present.
pub trait ViaOption<'a> {
    type Out: FieldDetail;
    fn rich_status_detail(&self) -> Self::Out;
}

/// Any other type: must be a prost message with a name.
pub trait ViaMessage<'a> {
    type Message;
    fn rich_status_detail(&self) -> PackedOne<'a>
    where
        Self::Message: DetailMessage;
}

/// A prost message with [`prost::Name`]: what a `#[rich_status(detail)]` field holds.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[rich_status(detail)]` field",
    label = "not a prost message with `prost::Name`",
    note = "a detail field holds a prost message that implements `prost::Name` (a `google.rpc` detail from `rich_status::pb` or one of the service's own), an `Option` or a `Vec` of one, or a `Vec` of `QuotaFailure`/`PreconditionFailure` violations, `BadRequest` field violations or `Help` links"
)]
pub trait DetailMessage: prost::Message + prost::Name + Sized {}

impl<M: prost::Message + prost::Name> DetailMessage for M {}

macro_rules! via_violations {
    ($($ty:ty => $method:ident,)*) => {$(
        impl<'a> ViaViolations<'a> for &&&Wrap<'a, Vec<$ty>> {
            type Out = Merged<'a, $ty>;
            fn rich_status_detail(&self) -> Merged<'a, $ty> {
                Merged(self.0.as_slice())
            }
        }

        impl FieldDetail for Merged<'_, $ty> {
            fn $method(&self) -> &[$ty] {
                self.0
            }
        }
    )*};
}

/// Violations or links to merge into the variant's detail of their kind.
pub struct Merged<'a, T>(&'a [T]);

via_violations! {
    crate::pb::quota_failure::Violation => quota_violations,
    crate::pb::bad_request::FieldViolation => field_violations,
    crate::pb::precondition_failure::Violation => precondition_violations,
    crate::pb::help::Link => help_links,
}

impl<'a, M: DetailMessage> ViaList<'a> for &&Wrap<'a, Vec<M>> {
    type Out = crate::PackedAll<'a, M>;
    fn rich_status_detail(&self) -> crate::PackedAll<'a, M> {
        crate::PackedAll::new(self.0)
    }
}

impl<M: prost::Message> FieldDetail for crate::PackedAll<'_, M> {
    fn packed(&self) -> Option<&dyn EncodeDetail> {
        Some(self)
    }
}

impl<'a, M: DetailMessage> ViaOption<'a> for &Wrap<'a, Option<M>> {
    type Out = PackedOne<'a>;
    fn rich_status_detail(&self) -> PackedOne<'a> {
        PackedOne(self.0.as_ref().map(PackedOne::erase))
    }
}

impl<'a, M> ViaMessage<'a> for Wrap<'a, M> {
    type Message = M;
    fn rich_status_detail(&self) -> PackedOne<'a>
    where
        M: DetailMessage,
    {
        PackedOne(Some(PackedOne::erase(self.0)))
    }
}

/// A message packed as one `Any`, or nothing for an absent `Option`. Not generic, so that
/// a field of the wrong type is reported once, where it is declared.
pub struct PackedOne<'a>(Option<(&'a dyn crate::ProstMessage, String)>);

impl<'a> PackedOne<'a> {
    fn erase<M: DetailMessage>(message: &'a M) -> (&'a dyn crate::ProstMessage, String) {
        (message, M::type_url())
    }
}

impl EncodeDetail for PackedOne<'_> {
    fn type_url(&self) -> &str {
        self.0.as_ref().map_or("", |(_, url)| url)
    }
    fn encode_fields(&self, fields: &mut crate::Fields<'_>) {
        if let Some((message, _)) = &self.0 {
            message.encode_into(fields);
        }
    }
    fn encode_anys(&self, anys: &mut crate::Anys<'_, '_>) {
        if let Some((message, url)) = &self.0 {
            anys.push_message(url, *message);
        }
    }
}

impl FieldDetail for PackedOne<'_> {
    fn packed(&self) -> Option<&dyn EncodeDetail> {
        self.0.is_some().then_some(self as &dyn EncodeDetail)
    }
}

/// A variant's `detail` fields together: written as the merged `QuotaFailure`,
/// `PreconditionFailure`, `BadRequest` and `Help` (each unless an attribute's detail of
/// that kind took the fields' violations or links already, and only when it lists
/// anything), then the packed messages in field order.
pub struct FieldDetails<'a, const N: usize> {
    fields: [&'a dyn FieldDetail; N],
    merged: u8,
}

/// `merged` bits of [`FieldDetails::new`]: the variant's own detail of that kind takes
/// the fields' violations or links.
pub const MERGED_QUOTA: u8 = 1;
pub const MERGED_PRECONDITION: u8 = 1 << 1;
pub const MERGED_BAD_REQUEST: u8 = 1 << 2;
pub const MERGED_HELP: u8 = 1 << 3;

impl<'a, const N: usize> FieldDetails<'a, N> {
    pub fn new(fields: [&'a dyn FieldDetail; N], merged: u8) -> Self {
        FieldDetails { fields, merged }
    }

    pub fn quota_violations(&self) -> [&'a [crate::pb::quota_failure::Violation]; N] {
        self.fields.map(|f| f.quota_violations())
    }

    pub fn precondition_violations(&self) -> [&'a [crate::pb::precondition_failure::Violation]; N] {
        self.fields.map(|f| f.precondition_violations())
    }

    pub fn field_violations(&self) -> [&'a [crate::pb::bad_request::FieldViolation]; N] {
        self.fields.map(|f| f.field_violations())
    }

    pub fn help_links(&self) -> [&'a [crate::pb::help::Link]; N] {
        self.fields.map(|f| f.help_links())
    }
}

impl<const N: usize> EncodeDetail for FieldDetails<'_, N> {
    fn type_url(&self) -> &str {
        ""
    }
    fn encode_fields(&self, _: &mut crate::Fields<'_>) {}
    fn encode_anys(&self, anys: &mut crate::Anys<'_, '_>) {
        let unmerged = |bit: u8| self.merged & bit == 0;
        let quota = self.quota_violations();
        let quota = QuotaFailureRef::new(&[]).with_owned_violations(&quota);
        if unmerged(MERGED_QUOTA) && !quota.is_empty() {
            anys.push(&quota);
        }
        let preconditions = self.precondition_violations();
        let preconditions = PreconditionFailureRef::new(&[]).with_owned_violations(&preconditions);
        if unmerged(MERGED_PRECONDITION) && !preconditions.is_empty() {
            anys.push(&preconditions);
        }
        let bad_request = self.field_violations();
        let bad_request = BadRequestRef::new(&[]).with_owned_violations(&bad_request);
        if unmerged(MERGED_BAD_REQUEST) && !bad_request.is_empty() {
            anys.push(&bad_request);
        }
        let links = self.help_links();
        let help = HelpRef::new(&[]).with_owned_links(&links);
        if unmerged(MERGED_HELP) && !help.is_empty() {
            anys.push(&help);
        }
        for field in &self.fields {
            if let Some(packed) = field.packed() {
                packed.encode_anys(anys);
            }
        }
    }
}

/// A variant's `details = path::to::fn` hook: details computed at run time, written by
/// the function straight into the status. It runs in both encoder passes, so it must
/// write the same details both times.
pub struct Hook<'a, E> {
    pub error: &'a E,
    pub hook: fn(&E, &mut crate::Anys<'_, '_>),
}

impl<E> EncodeDetail for Hook<'_, E> {
    fn type_url(&self) -> &str {
        ""
    }
    fn encode_fields(&self, _: &mut crate::Fields<'_>) {}
    fn encode_anys(&self, anys: &mut crate::Anys<'_, '_>) {
        (self.hook)(self.error, anys)
    }
}

pub use crate::from_status::Decoded;

/// Rebuilds a `#[rich_status(detail)]` field from the details, by the field's type
/// (autoref specialization, as for encoding: `(&&&&RebuildOf::<T>::NEW)`): violations or
/// links after those the variant's attributes wrote, then `Vec<M>`, `Option<M>`, `M`.
pub struct RebuildOf<T>(std::marker::PhantomData<T>);

impl<T> RebuildOf<T> {
    pub const NEW: Self = RebuildOf(std::marker::PhantomData);
}

pub trait RebuildViolations<T> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        skip: [usize; 4],
        field: &'static str,
    ) -> Result<T, crate::FromStatusError>;
}

/// The order of the counts in `skip`: items the variant's attributes wrote, per kind.
pub const SKIP_QUOTA: usize = 0;
pub const SKIP_PRECONDITION: usize = 1;
pub const SKIP_BAD_REQUEST: usize = 2;
pub const SKIP_HELP: usize = 3;

macro_rules! rebuild_violations {
    ($($ty:ty => $skip:ident, |$details:ident| $list:expr,)*) => {$(
        impl RebuildViolations<Vec<$ty>> for &&&RebuildOf<Vec<$ty>> {
            fn rich_status_rebuild(
                &self,
                d: &Decoded<'_>,
                skip: [usize; 4],
                _field: &'static str,
            ) -> Result<Vec<$ty>, crate::FromStatusError> {
                let $details = d.details();
                let skip = skip[$skip];
                Ok($list.map(|l| l.iter().skip(skip).cloned().collect()).unwrap_or_default())
            }
        }
    )*};
}

rebuild_violations! {
    crate::pb::quota_failure::Violation => SKIP_QUOTA, |d| d.quota_failure().map(|q| &q.violations),
    crate::pb::precondition_failure::Violation => SKIP_PRECONDITION, |d| d.precondition_failure().map(|p| &p.violations),
    crate::pb::bad_request::FieldViolation => SKIP_BAD_REQUEST, |d| d.bad_request().map(|b| &b.field_violations),
    crate::pb::help::Link => SKIP_HELP, |d| d.help().map(|h| &h.links),
}

pub trait RebuildList<T> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        skip: [usize; 4],
        field: &'static str,
    ) -> Result<T, crate::FromStatusError>;
}

impl<M: DetailMessage + Default> RebuildList<Vec<M>> for &&RebuildOf<Vec<M>> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        _skip: [usize; 4],
        field: &'static str,
    ) -> Result<Vec<M>, crate::FromStatusError> {
        d.take_all::<M>(field)
    }
}

pub trait RebuildOption<T> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        skip: [usize; 4],
        field: &'static str,
    ) -> Result<T, crate::FromStatusError>;
}

impl<M: DetailMessage + Default> RebuildOption<Option<M>> for &RebuildOf<Option<M>> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        _skip: [usize; 4],
        field: &'static str,
    ) -> Result<Option<M>, crate::FromStatusError> {
        d.take_one::<M>(field)
    }
}

pub trait RebuildMessage<T> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        skip: [usize; 4],
        field: &'static str,
    ) -> Result<T, crate::FromStatusError>;
}

impl<M: DetailMessage + Default> RebuildMessage<M> for RebuildOf<M> {
    fn rich_status_rebuild(
        &self,
        d: &Decoded<'_>,
        _skip: [usize; 4],
        field: &'static str,
    ) -> Result<M, crate::FromStatusError> {
        d.take_one::<M>(field)?
            .ok_or_else(|| d.field_error(field, format_args!("no {} detail", M::full_name())))
    }
}

/// A field that is neither metadata nor a detail: rebuilt as its type's default.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be rebuilt by `#[rich_status(decode)]`",
    label = "neither `metadata` nor `detail`, and no `Default`",
    note = "decode rebuilds a field from ErrorInfo metadata (`#[rich_status(metadata)]`, parsed with `FromStr`), from a packed detail (`#[rich_status(detail)]`), or as its type's `Default`"
)]
pub trait RebuildDefault {
    fn rebuild_default() -> Self;
}

impl<T: Default> RebuildDefault for T {
    fn rebuild_default() -> Self {
        T::default()
    }
}

pub use crate::LogLevel;
pub use crate::logging::Described;

/// Turns an error into its status, logging the conversion at the error's level: the body
/// of the derived `From<E> for tonic::Status`.
pub fn convert<E: RichStatus + ?Sized>(error: &E, described: Described<'_>) -> Status {
    let status = error.to_status();
    crate::logging::conversion(error.log_level(), &status, described);
    status
}

/// The message sent for `Internal`, `Unknown` and `DataLoss` when the variant gives
/// none: their `Display` is for the service's logs (paths, queries, host names), not for
/// clients. A variant sends it with `#[rich_status(message = Display)]`.
pub fn generic_message(code: Code) -> String {
    String::from(match code {
        Code::Unknown => "unknown error",
        Code::DataLoss => "data loss",
        _ => "internal error",
    })
}

/// What the derive knows of the error for the log: `(&&&Describe(&error)).rich_status_describe()`
/// picks the `std::error::Error` view when the type is one, else `Display`, else nothing.
pub struct Describe<'a, T: ?Sized>(pub &'a T);

/// `describe!(error)`: the [`Described`] of an error, through the traits below.
#[doc(hidden)]
#[macro_export]
macro_rules! __rich_status_describe {
    ($error:expr) => {{
        use $crate::__private::{DescribeDisplay as _, DescribeError as _, DescribeNothing as _};
        (&&&$crate::__private::Describe(&$error)).rich_status_describe()
    }};
}

pub use crate::__rich_status_describe as describe;

pub trait DescribeError<'a> {
    fn rich_status_describe(&self) -> Described<'a>;
}

impl<'a, T: std::error::Error + 'a> DescribeError<'a> for &&Describe<'a, T> {
    fn rich_status_describe(&self) -> Described<'a> {
        Described::error(self.0)
    }
}

pub trait DescribeDisplay<'a> {
    fn rich_status_describe(&self) -> Described<'a>;
}

impl<'a, T: fmt::Display + 'a> DescribeDisplay<'a> for &Describe<'a, T> {
    fn rich_status_describe(&self) -> Described<'a> {
        Described::display(self.0)
    }
}

pub trait DescribeNothing<'a> {
    fn rich_status_describe(&self) -> Described<'a>;
}

impl<'a, T: ?Sized> DescribeNothing<'a> for Describe<'a, T> {
    fn rich_status_describe(&self) -> Described<'a> {
        Described::default()
    }
}

/// The HTTP answer for an error: its status encoded without a trailer budget (a body has
/// no 8 KiB limit), logged like a conversion into a `tonic::Status`, and answered with
/// [`rest::response`](crate::rest::response). The body of the derived `IntoResponse`.
#[cfg(feature = "axum")]
pub fn into_response<E: RichStatus + ?Sized>(
    error: &E,
    described: Described<'_>,
) -> axum_core::response::Response {
    let status = crate::rich_status::build_with(error, |code, message, details| {
        let bytes = crate::encode_status(code, &message, details);
        Status::with_details(code, message, bytes)
    });
    crate::logging::conversion(error.log_level(), &status, described);
    crate::rest::response(&status)
}

#[cfg(feature = "axum")]
pub use axum_core::response::{IntoResponse, Response};

/// `impl IntoResponse` for a derived type with the `axum` feature; nothing without it.
/// The derive calls it as `impl_into_response!([generics] [type] [where clause])`, so that
/// whether the impl exists depends on rich-status's features, not the user's crate's.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __rich_status_impl_into_response {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::IntoResponse for $($ty)* $($where)* {
            fn into_response(self) -> $crate::__private::Response {
                $crate::__private::into_response(&self, $crate::__private::describe!(self))
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __rich_status_impl_into_response {
    ($($tokens:tt)*) => {};
}

pub use crate::__rich_status_impl_into_response as impl_into_response;
