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
impl ::rich_status::RichStatus for AccountLocked {
    fn code(&self) -> ::rich_status::tonic::Code {
        ::rich_status::tonic::Code::InvalidArgument
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        match self {
            Self { id, until } => {
                ::core::write!(__formatter, "account {id} is locked until {until:?}")
            }
        }
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self { id, .. } => {
                __writer
                    .error_info("ACCOUNT_LOCKED", "accounts.example.com")
                    .metadata("accountId", id);
            }
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "AccountLocked",
                            "accounts.example.com",
                            "ACCOUNT_LOCKED",
                            ::rich_status::tonic::Code::InvalidArgument,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "account {id} is locked until {until:?}",
                            ),
                        )
                        .with_metadata(
                            &[
                                ::rich_status::catalog::MetadataKey {
                                    key: "accountId",
                                    field: "id",
                                    rust_type: "u64",
                                },
                            ],
                        )
                        .with_description("A struct is its own single variant."),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<AccountLocked> for ::rich_status::tonic::Status {
    fn from(error: AccountLocked) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
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
impl<'a, K> ::rich_status::RichStatus for Missing<'a, K>
where
    K: Clone,
    K: ::core::fmt::Display,
{
    fn code(&self) -> ::rich_status::tonic::Code {
        match self {
            Self::Named { .. } => ::rich_status::tonic::Code::NotFound,
            Self::Disabled => ::rich_status::tonic::Code::Unimplemented,
        }
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        match self {
            Self::Named { kind, name } => {
                ::core::write!(__formatter, "no {kind} named {name}")
            }
            Self::Disabled => __formatter.write_str("lookups are switched off"),
        }
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self::Named { name, .. } => {
                __writer.error_info("NAMED", "store.example.com").metadata("name", name);
            }
            Self::Disabled => {
                __writer.error_info("DISABLED", "store.example.com");
            }
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "Missing::Named",
                            "store.example.com",
                            "NAMED",
                            ::rich_status::tonic::Code::NotFound,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "no {kind} named {name}",
                            ),
                        )
                        .with_metadata(
                            &[
                                ::rich_status::catalog::MetadataKey {
                                    key: "name",
                                    field: "name",
                                    rust_type: "&'a str",
                                },
                            ],
                        ),
                    ::rich_status::catalog::Entry::new(
                            "Missing::Disabled",
                            "store.example.com",
                            "DISABLED",
                            ::rich_status::tonic::Code::Unimplemented,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "lookups are switched off",
                            ),
                        ),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl<'a, K> ::core::convert::From<Missing<'a, K>> for ::rich_status::tonic::Status
where
    K: Clone,
    K: ::core::fmt::Display,
{
    fn from(error: Missing<'a, K>) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
}
