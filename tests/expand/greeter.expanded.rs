use rich_status::RichStatus;
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "repo.example.com", code = Unavailable)]
pub enum RepoError {
    #[error("replica {replica} is lagging")]
    Lagging { #[rich_status(metadata)] replica: u32 },
}
#[automatically_derived]
impl ::rich_status::RichStatus for RepoError {
    fn code(&self) -> ::rich_status::tonic::Code {
        ::rich_status::tonic::Code::Unavailable
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        ::core::fmt::Display::fmt(self, __formatter)
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self::Lagging { replica } => {
                __writer
                    .error_info("LAGGING", "repo.example.com")
                    .metadata("replica", replica);
            }
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "RepoError::Lagging",
                            "repo.example.com",
                            "LAGGING",
                            ::rich_status::tonic::Code::Unavailable,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "replica {replica} is lagging",
                            ),
                        )
                        .with_metadata(
                            &[
                                ::rich_status::catalog::MetadataKey {
                                    key: "replica",
                                    field: "replica",
                                    rust_type: "u32",
                                },
                            ],
                        ),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<RepoError> for ::rich_status::tonic::Status {
    fn from(error: RepoError) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
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
impl ::rich_status::RichStatus for GreetError {
    fn code(&self) -> ::rich_status::tonic::Code {
        match self {
            Self::TooManyGreetings { .. } => {
                ::rich_status::tonic::Code::ResourceExhausted
            }
            Self::NotFound(..) => ::rich_status::tonic::Code::NotFound,
            Self::Storage(..) => ::rich_status::tonic::Code::Internal,
            Self::Repo(_0) => ::rich_status::RichStatus::code(_0),
        }
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        match self {
            Self::TooManyGreetings { .. } | Self::NotFound(..) => {
                ::core::fmt::Display::fmt(self, __formatter)
            }
            Self::Storage(..) => {
                __formatter
                    .write_str(
                        ::rich_status::policy::generic_message(
                            ::rich_status::tonic::Code::Internal,
                        ),
                    )
            }
            Self::Repo(_0) => ::rich_status::RichStatus::write_message(_0, __formatter),
        }
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self::TooManyGreetings { name } => {
                __writer
                    .error_info("TOO_MANY_GREETINGS", "greeter.example.com")
                    .metadata("name", name);
                __writer
                    .quota_violation(
                        ::rich_status::detail::Concat(("name: ", name)),
                        "Limit one greeting per person.",
                    );
            }
            Self::NotFound(_0) => {
                __writer
                    .error_info("USER_UNKNOWN", "greeter.example.com")
                    .metadata("userId", _0);
            }
            Self::Storage(_0) => {
                __writer.error_info("STORAGE", "greeter.example.com");
                __writer
                    .debug_info(
                        self,
                        ::core::option::Option::Some({
                            use ::rich_status::detail::AsDynError as _;
                            (*_0).as_dyn_error()
                        }),
                        ::core::option::Option::None,
                    );
            }
            Self::Repo(_0) => ::rich_status::RichStatus::details(_0, __writer),
        }
    }
    fn log_level(&self) -> ::rich_status::LogLevel {
        match self {
            Self::Repo(_0) => ::rich_status::RichStatus::log_level(_0),
            _ => ::rich_status::LogLevel::for_code(::rich_status::RichStatus::code(self)),
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "GreetError::TooManyGreetings",
                            "greeter.example.com",
                            "TOO_MANY_GREETINGS",
                            ::rich_status::tonic::Code::ResourceExhausted,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "Request limit exceeded.",
                            ),
                        )
                        .with_metadata(
                            &[
                                ::rich_status::catalog::MetadataKey {
                                    key: "name",
                                    field: "name",
                                    rust_type: "String",
                                },
                            ],
                        )
                        .with_details(
                            &[
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "QuotaFailure",
                                },
                            ],
                        ),
                    ::rich_status::catalog::Entry::new(
                            "GreetError::NotFound",
                            "greeter.example.com",
                            "USER_UNKNOWN",
                            ::rich_status::tonic::Code::NotFound,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "user {0} not found",
                            ),
                        )
                        .with_metadata(
                            &[
                                ::rich_status::catalog::MetadataKey {
                                    key: "userId",
                                    field: "0",
                                    rust_type: "String",
                                },
                            ],
                        ),
                    ::rich_status::catalog::Entry::new(
                            "GreetError::Storage",
                            "greeter.example.com",
                            "STORAGE",
                            ::rich_status::tonic::Code::Internal,
                        )
                        .with_debug_info(),
                ]
            });
        catalog.extend(<RepoError as ::rich_status::RichStatus>::catalog());
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<GreetError> for ::rich_status::tonic::Status {
    fn from(error: GreetError) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
}
