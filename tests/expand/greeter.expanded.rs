use rich_status::RichStatus;
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "repo.example.com", code = Unavailable)]
pub enum RepoError {
    #[error("replica {replica} is lagging")]
    Lagging { #[rich_status(metadata)] replica: u32 },
}
#[automatically_derived]
#[allow(unused_qualifications)]
impl ::rich_status::RichStatus for RepoError {
    fn code(&self) -> ::rich_status::__private::Code {
        ::rich_status::__private::Code::Unavailable
    }
    fn message(&self) -> ::std::string::String {
        ::rich_status::__private::display_message(self)
    }
    #[allow(unused_variables, unused_imports)]
    fn with_details(
        &self,
        __details: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
    ) {
        match self {
            Self::Lagging { replica } => {
                ::rich_status::__private::details(
                    __details,
                    "LAGGING",
                    "repo.example.com",
                    "replica",
                    "",
                    (::rich_status::__private::Displayed(replica),),
                )
            }
        }
    }
}
#[automatically_derived]
impl ::core::convert::From<RepoError> for ::rich_status::__private::Status {
    fn from(error: RepoError) -> Self {
        ::rich_status::__private::convert(
            &error,
            ::rich_status::__private::describe!(error),
        )
    }
}
::rich_status::__private::impl_into_response! {
    [] [RepoError] []
}
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "greeter.example.com")]
pub enum GreetError {
    #[error("Request limit exceeded.")]
    #[rich_status(
        code = ResourceExhausted,
        quota_failure(
            subject = "name: {name}",
            description = "Limit one greeting per person."
        ),
    )]
    TooManyGreetings { #[rich_status(metadata)] name: String },
    #[error("user {0} not found")]
    #[rich_status(code = NotFound, reason = "USER_UNKNOWN")]
    NotFound(#[rich_status(metadata = "userId")] String),
    #[error("storage failed")]
    #[rich_status(code = Internal, debug_info)]
    Storage(#[source] std::io::Error),
    #[error(transparent)]
    #[rich_status(transparent)]
    Repo(#[from] RepoError),
}
#[automatically_derived]
#[allow(unused_qualifications)]
impl ::rich_status::RichStatus for GreetError {
    fn code(&self) -> ::rich_status::__private::Code {
        match self {
            Self::TooManyGreetings { .. } => {
                ::rich_status::__private::Code::ResourceExhausted
            }
            Self::NotFound(..) => ::rich_status::__private::Code::NotFound,
            Self::Storage(..) => ::rich_status::__private::Code::Internal,
            Self::Repo(_0) => ::rich_status::RichStatus::code(_0),
        }
    }
    fn message(&self) -> ::std::string::String {
        match self {
            Self::TooManyGreetings { .. } | Self::NotFound(..) => {
                ::rich_status::__private::display_message(self)
            }
            Self::Storage(..) => {
                ::rich_status::__private::generic_message(
                    ::rich_status::__private::Code::Internal,
                )
            }
            Self::Repo(_0) => ::rich_status::RichStatus::message(_0),
        }
    }
    fn log_level(&self) -> ::rich_status::__private::LogLevel {
        match self {
            Self::Repo(_0) => ::rich_status::RichStatus::log_level(_0),
            _ => {
                ::rich_status::__private::LogLevel::for_code(
                    ::rich_status::RichStatus::code(self),
                )
            }
        }
    }
    #[allow(unused_variables, unused_imports)]
    fn with_details(
        &self,
        __details: &mut dyn ::core::ops::FnMut(&[&dyn ::rich_status::EncodeDetail]),
    ) {
        match self {
            Self::TooManyGreetings { name } => {
                ::rich_status::__private::details(
                    __details,
                    "TOO_MANY_GREETINGS",
                    "greeter.example.com",
                    "name",
                    "quota_failure[77](subject[9] = f\"name: {0}\", description[30] = \"Limit one greeting per person.\")",
                    (name,),
                )
            }
            Self::NotFound(_0) => {
                ::rich_status::__private::details(
                    __details,
                    "USER_UNKNOWN",
                    "greeter.example.com",
                    "userId",
                    "",
                    (_0,),
                )
            }
            Self::Storage(_0) => {
                ::rich_status::__private::details_debug(
                    __details,
                    "STORAGE",
                    "greeter.example.com",
                    "",
                    "debug_info[0]()",
                    (),
                    self,
                    ::core::option::Option::Some({
                        use ::rich_status::__private::AsDynError as _;
                        _0.as_dyn_error()
                    }),
                )
            }
            Self::Repo(_0) => ::rich_status::RichStatus::with_details(_0, __details),
        }
    }
}
#[automatically_derived]
impl ::core::convert::From<GreetError> for ::rich_status::__private::Status {
    fn from(error: GreetError) -> Self {
        ::rich_status::__private::convert(
            &error,
            ::rich_status::__private::describe!(error),
        )
    }
}
::rich_status::__private::impl_into_response! {
    [] [GreetError] []
}
