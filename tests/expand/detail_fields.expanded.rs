use rich_status::{RichStatus, pb};
#[derive(Debug, RichStatus)]
#[rich_status(domain = "bank.example.com", code = ResourceExhausted, decode)]
#[rich_status(message = "rate limited", quota_failure(subject = "account: {account}"))]
pub struct RateLimited {
    pub account: String,
    #[rich_status(detail)]
    pub more: Vec<pb::quota_failure::Violation>,
    #[rich_status(detail)]
    pub retry: Option<pb::RetryInfo>,
}
#[automatically_derived]
#[allow(unused_qualifications)]
impl ::rich_status::RichStatus for RateLimited {
    fn code(&self) -> ::rich_status::__private::Code {
        ::rich_status::__private::Code::ResourceExhausted
    }
    fn message(&self) -> ::std::string::String {
        ::std::string::String::from("rate limited")
    }
    #[allow(unused_variables, unused_imports)]
    fn with_details(
        &self,
        __details: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
    ) {
        use ::rich_status::__private::{
            ViaList as _, ViaMessage as _, ViaOption as _, ViaViolations as _,
        };
        match self {
            Self { account, more, retry } => {
                let __error_info = ::rich_status::ErrorInfoRef::new(
                    "RATE_LIMITED",
                    "bank.example.com",
                );
                let __field_detail0 = (&&&&::rich_status::__private::Wrap(more))
                    .rich_status_detail();
                let __field_detail1 = (&&&&::rich_status::__private::Wrap(retry))
                    .rich_status_detail();
                let __field_details = ::rich_status::__private::FieldDetails::new(
                    [
                        &__field_detail0 as &dyn ::rich_status::__private::FieldDetail,
                        &__field_detail1 as &dyn ::rich_status::__private::FieldDetail,
                    ],
                    ::rich_status::__private::MERGED_QUOTA,
                );
                let __text0 = ::rich_status::__private::Pieces {
                    pieces: &["account: ", ""],
                    values: &[account as &dyn ::core::fmt::Display],
                };
                let __quota_failure_items = [
                    ::rich_status::QuotaViolationRef::new(
                        ::rich_status::Text::display(&__text0),
                        ::rich_status::Text::EMPTY,
                    ),
                ];
                let __quota_failure_owned = __field_details.quota_violations();
                let __quota_failure = ::rich_status::QuotaFailureRef::new(
                        &__quota_failure_items,
                    )
                    .with_owned_violations(&__quota_failure_owned);
                __details(&[&__error_info, &__quota_failure, &__field_details]);
            }
        }
    }
}
#[automatically_derived]
impl ::core::convert::From<RateLimited> for ::rich_status::__private::Status {
    fn from(error: RateLimited) -> Self {
        ::rich_status::__private::convert(
            &error,
            ::rich_status::__private::describe!(error),
        )
    }
}
::rich_status::__private::impl_into_response! {
    [] [RateLimited] []
}
#[automatically_derived]
impl ::core::convert::TryFrom<&::rich_status::__private::Status> for RateLimited {
    type Error = ::rich_status::FromStatusError;
    fn try_from(
        status: &::rich_status::__private::Status,
    ) -> ::core::result::Result<Self, Self::Error> {
        use ::rich_status::__private::{
            RebuildList as _, RebuildMessage as _, RebuildOption as _,
            RebuildViolations as _,
        };
        let __decoded = ::rich_status::__private::Decoded::new(status)?;
        match (__decoded.domain(), __decoded.reason()) {
            ("bank.example.com", "RATE_LIMITED") => {
                return ::core::result::Result::Ok(Self {
                    account: <String as ::rich_status::__private::RebuildDefault>::rebuild_default(),
                    more: (&&&&::rich_status::__private::RebuildOf::<
                        Vec<pb::quota_failure::Violation>,
                    >::NEW)
                        .rich_status_rebuild(
                            &__decoded,
                            [1usize, 0usize, 0usize, 0usize],
                            "more",
                        )?,
                    retry: (&&&&::rich_status::__private::RebuildOf::<
                        Option<pb::RetryInfo>,
                    >::NEW)
                        .rich_status_rebuild(
                            &__decoded,
                            [1usize, 0usize, 0usize, 0usize],
                            "retry",
                        )?,
                });
            }
            _ => {}
        }
        ::core::result::Result::Err(__decoded.no_match())
    }
}
