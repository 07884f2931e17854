//! Reading a `tonic::Status` back into the error enum that produced it:
//! `#[rich_status(decode)]` generates `impl TryFrom<&tonic::Status>` on top of these.

use std::fmt;

use tonic::{Code, Status};

use crate::error::Quoted;
use crate::{DecodeError, Details, StatusExt, pb};

/// Why a status could not be turned back into an error enum; it keeps the status.
///
/// ```
/// use rich_status::{FromStatusErrorKind, RichStatus};
///
/// #[derive(Debug, thiserror::Error, RichStatus)]
/// #[rich_status(domain = "users.example.com", code = NotFound, decode)]
/// enum UserError {
///     #[error("user {id} not found")]
///     Unknown {
///         #[rich_status(metadata)]
///         id: u64,
///     },
/// }
///
/// let other = tonic::Status::not_found("plain");
/// let err = UserError::try_from(&other).unwrap_err();
/// assert!(matches!(err.kind(), FromStatusErrorKind::NoErrorInfo));
/// assert_eq!(err.status().message(), "plain");
/// ```
#[derive(Debug, Clone)]
pub struct FromStatusError {
    kind: FromStatusErrorKind,
    status: Box<Status>,
}

/// What went wrong; see [`FromStatusError`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum FromStatusErrorKind {
    /// The details could not be read.
    Details(DecodeError),
    /// The status carries no `ErrorInfo`, so nothing names a variant.
    NoErrorInfo,
    /// A variant has this domain and reason, but it is sent with another code (a
    /// `Code::Ok` status included): the status is not that variant's error.
    Code {
        /// The variant's code.
        expected: Code,
        /// The status's code.
        found: Code,
    },
    /// No variant has this domain and reason.
    NoMatch {
        /// `ErrorInfo.domain`.
        domain: String,
        /// `ErrorInfo.reason`.
        reason: String,
    },
    /// The variant matched, but one of its fields could not be rebuilt.
    Field {
        /// The field, as written in the enum.
        field: &'static str,
        /// Why.
        problem: String,
    },
}

impl FromStatusError {
    /// What went wrong.
    ///
    /// ```
    /// use rich_status::FromStatusErrorKind;
    /// # #[derive(Debug, thiserror::Error, rich_status::RichStatus)]
    /// # #[rich_status(domain = "users.example.com", code = NotFound, decode)]
    /// # enum UserError {
    /// #     #[error("gone")]
    /// #     Gone,
    /// # }
    /// let err = UserError::try_from(&tonic::Status::internal("x")).unwrap_err();
    /// assert!(matches!(err.kind(), FromStatusErrorKind::NoErrorInfo));
    /// ```
    pub fn kind(&self) -> &FromStatusErrorKind {
        &self.kind
    }

    /// The status that could not be converted.
    ///
    /// ```
    /// # #[derive(Debug, thiserror::Error, rich_status::RichStatus)]
    /// # #[rich_status(domain = "users.example.com", code = NotFound, decode)]
    /// # enum UserError {
    /// #     #[error("gone")]
    /// #     Gone,
    /// # }
    /// let err = UserError::try_from(&tonic::Status::internal("x")).unwrap_err();
    /// assert_eq!(err.status().code(), tonic::Code::Internal);
    /// ```
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Takes the status back.
    ///
    /// ```
    /// # #[derive(Debug, thiserror::Error, rich_status::RichStatus)]
    /// # #[rich_status(domain = "users.example.com", code = NotFound, decode)]
    /// # enum UserError {
    /// #     #[error("gone")]
    /// #     Gone,
    /// # }
    /// let err = UserError::try_from(&tonic::Status::internal("x")).unwrap_err();
    /// let status: tonic::Status = err.into_status();
    /// assert_eq!(status.message(), "x");
    /// ```
    pub fn into_status(self) -> Status {
        *self.status
    }

    pub(crate) fn new(kind: FromStatusErrorKind, status: &Status) -> Self {
        FromStatusError {
            kind,
            status: Box::new(status.clone()),
        }
    }
}

impl fmt::Display for FromStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FromStatusErrorKind::Details(e) => write!(f, "the status details do not decode: {e}"),
            FromStatusErrorKind::NoErrorInfo => f.write_str("the status carries no ErrorInfo"),
            FromStatusErrorKind::Code { expected, found } => {
                let info = self
                    .status
                    .rich_view()
                    .ok()
                    .and_then(|view| view.error_info());
                let (reason, domain) = info.map_or(("", ""), |info| (info.reason(), info.domain()));
                write!(
                    f,
                    "the status code is {}, but reason {} of domain {} is sent with {}",
                    crate::rest::status_name(*found),
                    Quoted(reason),
                    Quoted(domain),
                    crate::rest::status_name(*expected),
                )
            }
            FromStatusErrorKind::NoMatch { domain, reason } => write!(
                f,
                "no variant has domain {} and reason {}",
                Quoted(domain),
                Quoted(reason)
            ),
            FromStatusErrorKind::Field { field, problem } => {
                write!(f, "field `{field}` could not be rebuilt: {problem}")
            }
        }
    }
}

impl std::error::Error for FromStatusError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            FromStatusErrorKind::Details(e) => Some(e),
            _ => None,
        }
    }
}

/// A status being turned back into an enum: its details and `ErrorInfo`, read once.
pub struct Decoded<'s> {
    status: &'s Status,
    details: Details,
    error_info: pb::ErrorInfo,
    /// Which packed details a field has taken already: fields are rebuilt in the order
    /// they were written, each taking the next detail(s) of its type.
    taken: std::cell::RefCell<Vec<bool>>,
}

impl<'s> Decoded<'s> {
    /// Reads the details; a status without `ErrorInfo` names no variant, and one whose
    /// first `ErrorInfo` does not decode names none either (the error says why).
    pub fn new(status: &'s Status) -> Result<Self, FromStatusError> {
        let details_error = |e| FromStatusError::new(FromStatusErrorKind::Details(e), status);
        let details = status.rich_details().map_err(details_error)?;
        let error_info = match details.get::<pb::ErrorInfo>() {
            Ok(Some(error_info)) => error_info,
            Ok(None) => {
                let kind = FromStatusErrorKind::NoErrorInfo;
                return Err(FromStatusError::new(kind, status));
            }
            Err(e) => return Err(details_error(e)),
        };
        let taken = std::cell::RefCell::new(vec![false; details.len()]);
        Ok(Decoded {
            status,
            details,
            error_info,
            taken,
        })
    }

    /// The `detail` field of type `M`: the next packed `M` no field has taken yet.
    pub fn detail<M>(&self, field: &'static str) -> Result<M, FromStatusError>
    where
        M: prost::Message + prost::Name + Default,
    {
        self.optional_detail(field)?
            .ok_or_else(|| self.field_error(field, format_args!("no {} detail", M::full_name())))
    }

    /// The `detail` field of type `Option<M>`: the next packed `M` no field has taken yet.
    pub fn optional_detail<M>(&self, field: &'static str) -> Result<Option<M>, FromStatusError>
    where
        M: prost::Message + prost::Name + Default,
    {
        Ok(self.take::<M>(field, false)?.pop())
    }

    /// The `detail` field of type `Vec<M>`: every packed `M` no field has taken yet.
    pub fn all_details<M>(&self, field: &'static str) -> Result<Vec<M>, FromStatusError>
    where
        M: prost::Message + prost::Name + Default,
    {
        self.take::<M>(field, true)
    }

    /// A field that is not sent, rebuilt as its type's `Default`.
    pub fn unsent<T: Unsent>(&self) -> T {
        T::default()
    }

    /// The `QuotaFailure` violations after the first `skip` (those the variant's
    /// attributes wrote).
    pub fn quota_violations(&self, skip: usize) -> Vec<pb::quota_failure::Violation> {
        after(self.details.quota_failure().map(|d| d.violations), skip)
    }

    /// The `PreconditionFailure` violations after the first `skip`.
    pub fn precondition_violations(&self, skip: usize) -> Vec<pb::precondition_failure::Violation> {
        after(
            self.details.precondition_failure().map(|d| d.violations),
            skip,
        )
    }

    /// The `BadRequest` field violations after the first `skip`.
    pub fn field_violations(&self, skip: usize) -> Vec<pb::bad_request::FieldViolation> {
        after(self.details.bad_request().map(|d| d.field_violations), skip)
    }

    /// The `Help` links after the first `skip`.
    pub fn help_links(&self, skip: usize) -> Vec<pb::help::Link> {
        after(self.details.help().map(|d| d.links), skip)
    }

    fn take<M>(&self, field: &'static str, all: bool) -> Result<Vec<M>, FromStatusError>
    where
        M: prost::Message + prost::Name + Default,
    {
        let mut taken = self.taken.borrow_mut();
        let mut out = Vec::new();
        for (index, any) in self.details.anys().enumerate() {
            if taken[index] || !any.is::<M>() {
                continue;
            }
            taken[index] = true;
            out.push(any.unpack::<M>().map_err(|e| self.field_error(field, e))?);
            if !all {
                break;
            }
        }
        Ok(out)
    }

    /// `ErrorInfo.domain`.
    pub fn domain(&self) -> &str {
        &self.error_info.domain
    }

    /// `ErrorInfo.reason`.
    pub fn reason(&self) -> &str {
        &self.error_info.reason
    }

    /// The details.
    pub fn details(&self) -> &Details {
        &self.details
    }

    /// Checks that the status has the code of the variant its `ErrorInfo` names.
    pub fn code(&self, expected: Code) -> Result<(), FromStatusError> {
        let found = self.status.code();
        if found == expected {
            return Ok(());
        }
        let kind = FromStatusErrorKind::Code { expected, found };
        Err(FromStatusError::new(kind, self.status))
    }

    /// The error for a status that matches no variant.
    pub fn no_match(&self) -> FromStatusError {
        let kind = FromStatusErrorKind::NoMatch {
            domain: self.domain().to_owned(),
            reason: self.reason().to_owned(),
        };
        FromStatusError::new(kind, self.status)
    }

    /// The error for a field that could not be rebuilt; `problem` is cut after
    /// [`MAX_PROBLEM`] bytes, since a parse error may quote what the peer sent.
    pub fn field_error(&self, field: &'static str, problem: impl fmt::Display) -> FromStatusError {
        let mut problem = problem.to_string();
        if problem.len() > MAX_PROBLEM {
            let mut end = MAX_PROBLEM;
            while !problem.is_char_boundary(end) {
                end -= 1;
            }
            problem.truncate(end);
            problem.push('…');
        }
        let kind = FromStatusErrorKind::Field { field, problem };
        FromStatusError::new(kind, self.status)
    }

    /// The field a `message = field` names, parsed from the status's message with
    /// `FromStr`.
    pub fn message<T>(&self, field: &'static str) -> Result<T, FromStatusError>
    where
        T: std::str::FromStr,
        T::Err: fmt::Display,
    {
        let message = self.status.message();
        message
            .parse()
            .map_err(|e| self.field_error(field, format_args!("message {}: {e}", Quoted(message))))
    }

    /// A metadata field, parsed with `FromStr`.
    pub fn metadata<T>(&self, key: &str, field: &'static str) -> Result<T, FromStatusError>
    where
        T: std::str::FromStr,
        T::Err: fmt::Display,
    {
        let Some(value) = self.error_info.metadata.get(key) else {
            return Err(self.field_error(field, format_args!("no metadata {key:?}")));
        };
        value.parse().map_err(|e| {
            let value = Quoted(value);
            self.field_error(field, format_args!("metadata {key:?} = {value}: {e}"))
        })
    }
}

/// The most of a field's problem a [`FromStatusError`] keeps, in bytes.
const MAX_PROBLEM: usize = 256;

/// A field `decode` rebuilds as its `Default`: neither metadata nor a detail, so its
/// value is not in the status.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be rebuilt by `#[rich_status(decode)]`",
    label = "neither `metadata` nor `detail`, and no `Default`",
    note = "decode rebuilds a field from ErrorInfo metadata (`#[rich_status(metadata)]`, parsed with `FromStr`), from a packed detail (`#[rich_status(detail)]`), or as its type's `Default`"
)]
pub trait Unsent: Default {}

impl<T: Default> Unsent for T {}

/// The items of a list after the first `skip`; none when there is no list.
fn after<T>(list: Option<Vec<T>>, skip: usize) -> Vec<T> {
    list.unwrap_or_default().into_iter().skip(skip).collect()
}
