use rich_status::RichStatus;
/// A struct is its own single variant.
#[derive(Debug, RichStatus)]
#[rich_status(
    code = InvalidArgument,
    domain = "accounts.example.com",
    message = "account {id} is locked until {until:?}",
)]
pub struct AccountLocked {
    #[rich_status(metadata = "accountId")]
    pub id: u64,
    pub until: std::time::Duration,
}
#[automatically_derived]
#[allow(unused_qualifications)]
impl ::rich_status::RichStatus for AccountLocked {
    fn code(&self) -> ::rich_status::__private::Code {
        ::rich_status::__private::Code::InvalidArgument
    }
    fn message(&self) -> ::std::string::String {
        match self {
            Self { id, until } => {
                ::std::format!("account {id} is locked until {until:?}")
            }
        }
    }
    #[allow(unused_variables, unused_imports)]
    fn with_details(
        &self,
        __details: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
    ) {
        match self {
            Self { id, until } => {
                ::rich_status::__private::details(
                    __details,
                    "ACCOUNT_LOCKED",
                    "accounts.example.com",
                    "accountId",
                    "",
                    (::rich_status::__private::Displayed(id),),
                )
            }
        }
    }
}
#[automatically_derived]
impl ::core::convert::From<AccountLocked> for ::rich_status::__private::Status {
    fn from(error: AccountLocked) -> Self {
        ::rich_status::__private::convert(
            &error,
            ::rich_status::__private::describe!(error),
        )
    }
}
::rich_status::__private::impl_into_response! {
    [] [AccountLocked] []
}
/// Generic over what it failed to find, borrowing its name.
#[derive(Debug, RichStatus)]
#[rich_status(domain = "store.example.com", code = NotFound)]
pub enum Missing<'a, K>
where
    K: Clone,
{
    #[rich_status(message = "no {kind} named {name}")]
    Named { kind: K, #[rich_status(metadata)] name: &'a str },
    #[rich_status(code = Unimplemented, message = "lookups are switched off")]
    Disabled,
}
#[automatically_derived]
#[allow(unused_qualifications)]
impl<'a, K> ::rich_status::RichStatus for Missing<'a, K>
where
    K: Clone,
    K: ::core::fmt::Display,
{
    fn code(&self) -> ::rich_status::__private::Code {
        match self {
            Self::Named { .. } => ::rich_status::__private::Code::NotFound,
            Self::Disabled => ::rich_status::__private::Code::Unimplemented,
        }
    }
    fn message(&self) -> ::std::string::String {
        match self {
            Self::Named { kind, name } => {
                ::rich_status::__private::display_message(
                    &::rich_status::__private::Pieces {
                        pieces: &["no ", " named ", ""],
                        values: &[
                            kind as &dyn ::core::fmt::Display,
                            name as &dyn ::core::fmt::Display,
                        ],
                    },
                )
            }
            Self::Disabled => ::std::string::String::from("lookups are switched off"),
        }
    }
    #[allow(unused_variables, unused_imports)]
    fn with_details(
        &self,
        __details: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
    ) {
        match self {
            Self::Named { kind, name } => {
                ::rich_status::__private::details(
                    __details,
                    "NAMED",
                    "store.example.com",
                    "name",
                    "",
                    (name,),
                )
            }
            Self::Disabled => {
                ::rich_status::__private::details(
                    __details,
                    "DISABLED",
                    "store.example.com",
                    "",
                    "",
                    (),
                )
            }
        }
    }
}
#[automatically_derived]
impl<'a, K> ::core::convert::From<Missing<'a, K>> for ::rich_status::__private::Status
where
    K: Clone,
    K: ::core::fmt::Display,
{
    fn from(error: Missing<'a, K>) -> Self {
        ::rich_status::__private::convert(
            &error,
            ::rich_status::__private::describe!(error),
        )
    }
}
::rich_status::__private::impl_into_response! {
    [< 'a, K >] [Missing < 'a, K >] [where K : Clone, K : ::core::fmt::Display]
}
