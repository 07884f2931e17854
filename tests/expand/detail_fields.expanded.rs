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
                __writer.quota_violation(::core::format_args!("account: {account}"), "");
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
                        .with_details(const {
                            &[
                                ::rich_status::catalog::DetailName::of::<
                                    ::rich_status::pb::QuotaFailure,
                                >(),
                                ::rich_status::catalog::DetailName::of::<pb::RetryInfo>(),
                            ]
                        }),
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
