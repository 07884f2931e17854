use rich_status::{RichStatus, pb};
#[derive(Debug, RichStatus)]
#[rich_status(domain = "bank.example.com", code = ResourceExhausted, decode)]
#[rich_status(message = "rate limited", quota_failure(subject = "account: {account}"))]
pub struct RateLimited {
    pub account: String,
    #[rich_status(quota_failure)]
    pub more: Vec<pb::quota_failure::Violation>,
    #[rich_status(detail)]
    pub retry: Option<pb::RetryInfo>,
}
#[automatically_derived]
impl ::rich_status::RichStatus for RateLimited {
    fn code(&self) -> ::rich_status::tonic::Code {
        ::rich_status::tonic::Code::ResourceExhausted
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        __formatter.write_str("rate limited")
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self { account, more, retry } => {
                __writer.error_info("RATE_LIMITED", "bank.example.com");
                __writer
                    .quota_violation(
                        ::rich_status::detail::Concat(("account: ", account)),
                        "",
                    );
                __writer.quota_violations(more);
                __writer.detail_all(retry);
            }
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "RateLimited",
                            "bank.example.com",
                            "RATE_LIMITED",
                            ::rich_status::tonic::Code::ResourceExhausted,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template("rate limited"),
                        )
                        .with_details(
                            &[
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "QuotaFailure",
                                },
                                const {
                                    ::rich_status::catalog::DetailName::of::<pb::RetryInfo>()
                                },
                            ],
                        ),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<RateLimited> for ::rich_status::tonic::Status {
    fn from(error: RateLimited) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
}
#[automatically_derived]
impl ::core::convert::TryFrom<&::rich_status::tonic::Status> for RateLimited {
    type Error = ::rich_status::decode::FromStatusError;
    fn try_from(
        status: &::rich_status::tonic::Status,
    ) -> ::core::result::Result<Self, Self::Error> {
        let reader = ::rich_status::decode::StatusReader::new(status)?;
        match (reader.domain(), reader.reason()) {
            ("bank.example.com", "RATE_LIMITED") => {
                reader.expect_code(::rich_status::tonic::Code::ResourceExhausted)?;
                ::core::result::Result::Ok(Self {
                    account: reader.unsent::<String>(),
                    more: reader.quota_violations().skip(1).collect(),
                    retry: reader.optional_detail("retry")?,
                })
            }
            _ => ::core::result::Result::Err(reader.no_match()),
        }
    }
}
/// A validation library's report joins the `BadRequest` after the attribute's violation;
/// decoded, it is its `Default` (the report does not cross the wire).
#[derive(Debug, RichStatus)]
#[rich_status(domain = "bank.example.com", code = InvalidArgument, decode)]
#[rich_status(
    message = "invalid transfer",
    bad_request(field = "terms", description = "must be accepted")
)]
pub struct InvalidTransfer {
    #[rich_status(bad_request)]
    pub report: validator::ValidationErrors,
}
#[automatically_derived]
impl ::rich_status::RichStatus for InvalidTransfer {
    fn code(&self) -> ::rich_status::tonic::Code {
        ::rich_status::tonic::Code::InvalidArgument
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        __formatter.write_str("invalid transfer")
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self { report } => {
                __writer.error_info("INVALID_TRANSFER", "bank.example.com");
                __writer.field_violation("terms", "must be accepted");
                __writer.field_violations(report);
            }
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "InvalidTransfer",
                            "bank.example.com",
                            "INVALID_TRANSFER",
                            ::rich_status::tonic::Code::InvalidArgument,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template("invalid transfer"),
                        )
                        .with_details(
                            &[
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "BadRequest",
                                },
                            ],
                        )
                        .with_description(
                            "A validation library's report joins the `BadRequest` after the attribute's violation; decoded, it is its `Default` (the report does not cross the wire).",
                        ),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<InvalidTransfer> for ::rich_status::tonic::Status {
    fn from(error: InvalidTransfer) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
}
#[automatically_derived]
impl ::core::convert::TryFrom<&::rich_status::tonic::Status> for InvalidTransfer {
    type Error = ::rich_status::decode::FromStatusError;
    fn try_from(
        status: &::rich_status::tonic::Status,
    ) -> ::core::result::Result<Self, Self::Error> {
        let reader = ::rich_status::decode::StatusReader::new(status)?;
        match (reader.domain(), reader.reason()) {
            ("bank.example.com", "INVALID_TRANSFER") => {
                reader.expect_code(::rich_status::tonic::Code::InvalidArgument)?;
                ::core::result::Result::Ok(Self {
                    report: ::rich_status::validation::FieldViolations::from_received(
                        reader.field_violations().skip(1),
                    ),
                })
            }
            _ => ::core::result::Result::Err(reader.no_match()),
        }
    }
}
