use rich_status::{DetailWriter, RichStatus, pb};
/// Details computed at run time.
fn request_details(error: &JobError, w: &mut DetailWriter<'_>) {
    w.request_info(format_args!("job-{}", error.id()));
}
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "jobs.example.com", code = Unavailable, log = warn)]
pub enum JobError {
    /// A backtrace feeds `debug_info` its frames; the source its chain.
    #[error("worker crashed")]
    #[rich_status(code = Internal, debug_info)]
    Crashed {
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
        backtrace: std::backtrace::Backtrace,
    },
    /// A retry delay from a field, a `Debug` placeholder, a literal delay elsewhere.
    #[error("queue {queue} is full")]
    #[rich_status(
        retry_info(delay = wait),
        help(
            description = "queue {queue:?} limits",
            url = "https://jobs.example.com/limits"
        ),
        log = off,
    )]
    QueueFull { queue: String, wait: std::time::Duration },
    #[error("job {0} is paused")]
    #[rich_status(retry_info(delay = "1.5s"), details = request_details)]
    Paused(u64),
    /// `detail` fields: one message, a list of messages, and violations that join.
    #[error("job rejected")]
    #[rich_status(code = InvalidArgument)]
    Rejected {
        #[rich_status(detail)]
        resource: pb::ResourceInfo,
        #[rich_status(detail)]
        localized: Vec<pb::LocalizedMessage>,
        #[rich_status(bad_request)]
        violations: Vec<pb::bad_request::FieldViolation>,
        #[rich_status(precondition_failure)]
        preconditions: Vec<pb::precondition_failure::Violation>,
    },
}
#[automatically_derived]
impl ::rich_status::RichStatus for JobError {
    fn code(&self) -> ::rich_status::tonic::Code {
        match self {
            Self::Crashed { .. } => ::rich_status::tonic::Code::Internal,
            Self::QueueFull { .. } | Self::Paused(..) => {
                ::rich_status::tonic::Code::Unavailable
            }
            Self::Rejected { .. } => ::rich_status::tonic::Code::InvalidArgument,
        }
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        match self {
            Self::Crashed { .. } => {
                __formatter
                    .write_str(
                        ::rich_status::policy::generic_message(
                            ::rich_status::tonic::Code::Internal,
                        ),
                    )
            }
            Self::QueueFull { .. } | Self::Paused(..) | Self::Rejected { .. } => {
                ::core::fmt::Display::fmt(self, __formatter)
            }
        }
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self::Crashed { cause, backtrace } => {
                __writer.error_info("CRASHED", "jobs.example.com");
                __writer
                    .debug_info(
                        self,
                        ::core::option::Option::Some({
                            use ::rich_status::detail::AsDynError as _;
                            (*cause).as_dyn_error()
                        }),
                        ::core::option::Option::Some(backtrace),
                    );
            }
            Self::QueueFull { queue, wait } => {
                __writer.error_info("QUEUE_FULL", "jobs.example.com");
                __writer.retry_info(*wait);
                __writer
                    .help_link(
                        ::core::format_args!("queue {queue:?} limits"),
                        "https://jobs.example.com/limits",
                    );
            }
            Self::Paused(..) => {
                __writer.error_info("PAUSED", "jobs.example.com");
                __writer.retry_info(::core::time::Duration::from_millis(1500));
                let hook: fn(&Self, &mut ::rich_status::DetailWriter<'_>) = request_details;
                hook(self, __writer);
            }
            Self::Rejected { resource, localized, violations, preconditions } => {
                __writer.error_info("REJECTED", "jobs.example.com");
                __writer.field_violations(violations);
                __writer.precondition_violations(preconditions);
                __writer.detail(resource);
                __writer.detail_all(localized);
            }
        }
    }
    fn log_level(&self) -> ::rich_status::LogLevel {
        match self {
            Self::Crashed { .. } => ::rich_status::LogLevel::Warn,
            Self::QueueFull { .. } => ::rich_status::LogLevel::Off,
            Self::Paused(..) | Self::Rejected { .. } => ::rich_status::LogLevel::Warn,
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "JobError::Crashed",
                            "jobs.example.com",
                            "CRASHED",
                            ::rich_status::tonic::Code::Internal,
                        )
                        .with_debug_info()
                        .with_log_level(::rich_status::LogLevel::Warn)
                        .with_description(
                            "A backtrace feeds `debug_info` its frames; the source its chain.",
                        ),
                    ::rich_status::catalog::Entry::new(
                            "JobError::QueueFull",
                            "jobs.example.com",
                            "QUEUE_FULL",
                            ::rich_status::tonic::Code::Unavailable,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "queue {queue} is full",
                            ),
                        )
                        .with_details(
                            &[
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "RetryInfo",
                                },
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "Help",
                                },
                            ],
                        )
                        .with_log_level(::rich_status::LogLevel::Off)
                        .with_description(
                            "A retry delay from a field, a `Debug` placeholder, a literal delay elsewhere.",
                        ),
                    ::rich_status::catalog::Entry::new(
                            "JobError::Paused",
                            "jobs.example.com",
                            "PAUSED",
                            ::rich_status::tonic::Code::Unavailable,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template(
                                "job {0} is paused",
                            ),
                        )
                        .with_details(
                            &[
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "RetryInfo",
                                },
                            ],
                        )
                        .with_log_level(::rich_status::LogLevel::Warn),
                    ::rich_status::catalog::Entry::new(
                            "JobError::Rejected",
                            "jobs.example.com",
                            "REJECTED",
                            ::rich_status::tonic::Code::InvalidArgument,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template("job rejected"),
                        )
                        .with_details(
                            &[
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "BadRequest",
                                },
                                ::rich_status::catalog::DetailName {
                                    package: "google.rpc",
                                    name: "PreconditionFailure",
                                },
                                const {
                                    ::rich_status::catalog::DetailName::of::<pb::ResourceInfo>()
                                },
                                const {
                                    ::rich_status::catalog::DetailName::of::<
                                        pb::LocalizedMessage,
                                    >()
                                },
                            ],
                        )
                        .with_log_level(::rich_status::LogLevel::Warn)
                        .with_description(
                            "`detail` fields: one message, a list of messages, and violations that join.",
                        ),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<JobError> for ::rich_status::tonic::Status {
    fn from(error: JobError) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
}
impl JobError {
    fn id(&self) -> u64 {
        match self {
            JobError::Paused(id) => *id,
            _ => 0,
        }
    }
}
/// Twenty fields, each in the metadata.
#[derive(Debug, RichStatus)]
#[rich_status(
    domain = "wide.example.com",
    code = FailedPrecondition,
    message = "{f0} to {f19}"
)]
pub struct Wide {
    #[rich_status(metadata)]
    pub f0: u32,
    #[rich_status(metadata)]
    pub f1: u32,
    #[rich_status(metadata)]
    pub f2: u32,
    #[rich_status(metadata)]
    pub f3: u32,
    #[rich_status(metadata)]
    pub f4: u32,
    #[rich_status(metadata)]
    pub f5: u32,
    #[rich_status(metadata)]
    pub f6: u32,
    #[rich_status(metadata)]
    pub f7: u32,
    #[rich_status(metadata)]
    pub f8: u32,
    #[rich_status(metadata)]
    pub f9: u32,
    #[rich_status(metadata)]
    pub f10: String,
    #[rich_status(metadata)]
    pub f11: String,
    #[rich_status(metadata)]
    pub f12: String,
    #[rich_status(metadata)]
    pub f13: String,
    #[rich_status(metadata)]
    pub f14: String,
    #[rich_status(metadata)]
    pub f15: String,
    #[rich_status(metadata)]
    pub f16: String,
    #[rich_status(metadata)]
    pub f17: String,
    #[rich_status(metadata)]
    pub f18: String,
    #[rich_status(metadata)]
    pub f19: String,
}
#[automatically_derived]
impl ::rich_status::RichStatus for Wide {
    fn code(&self) -> ::rich_status::tonic::Code {
        ::rich_status::tonic::Code::FailedPrecondition
    }
    fn write_message(
        &self,
        __formatter: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        match self {
            Self { f0, f19, .. } => ::core::write!(__formatter, "{f0} to {f19}"),
        }
    }
    fn details(&self, __writer: &mut ::rich_status::DetailWriter<'_>) {
        match self {
            Self {
                f0,
                f1,
                f2,
                f3,
                f4,
                f5,
                f6,
                f7,
                f8,
                f9,
                f10,
                f11,
                f12,
                f13,
                f14,
                f15,
                f16,
                f17,
                f18,
                f19,
            } => {
                __writer
                    .error_info("WIDE", "wide.example.com")
                    .metadata("f0", f0)
                    .metadata("f1", f1)
                    .metadata("f2", f2)
                    .metadata("f3", f3)
                    .metadata("f4", f4)
                    .metadata("f5", f5)
                    .metadata("f6", f6)
                    .metadata("f7", f7)
                    .metadata("f8", f8)
                    .metadata("f9", f9)
                    .metadata("f10", f10)
                    .metadata("f11", f11)
                    .metadata("f12", f12)
                    .metadata("f13", f13)
                    .metadata("f14", f14)
                    .metadata("f15", f15)
                    .metadata("f16", f16)
                    .metadata("f17", f17)
                    .metadata("f18", f18)
                    .metadata("f19", f19);
            }
        }
    }
    fn catalog() -> ::rich_status::catalog::Catalog {
        let mut catalog = ::rich_status::catalog::Catalog::new();
        catalog
            .push_all(const {
                &[
                    ::rich_status::catalog::Entry::new(
                            "Wide",
                            "wide.example.com",
                            "WIDE",
                            ::rich_status::tonic::Code::FailedPrecondition,
                        )
                        .with_message(
                            ::rich_status::catalog::Message::Template("{f0} to {f19}"),
                        )
                        .with_metadata(
                            &[
                                ::rich_status::catalog::MetadataKey {
                                    key: "f0",
                                    field: "f0",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f1",
                                    field: "f1",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f2",
                                    field: "f2",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f3",
                                    field: "f3",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f4",
                                    field: "f4",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f5",
                                    field: "f5",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f6",
                                    field: "f6",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f7",
                                    field: "f7",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f8",
                                    field: "f8",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f9",
                                    field: "f9",
                                    rust_type: "u32",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f10",
                                    field: "f10",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f11",
                                    field: "f11",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f12",
                                    field: "f12",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f13",
                                    field: "f13",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f14",
                                    field: "f14",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f15",
                                    field: "f15",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f16",
                                    field: "f16",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f17",
                                    field: "f17",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f18",
                                    field: "f18",
                                    rust_type: "String",
                                },
                                ::rich_status::catalog::MetadataKey {
                                    key: "f19",
                                    field: "f19",
                                    rust_type: "String",
                                },
                            ],
                        )
                        .with_description("Twenty fields, each in the metadata."),
                ]
            });
        catalog
    }
}
#[automatically_derived]
impl ::core::convert::From<Wide> for ::rich_status::tonic::Status {
    fn from(error: Wide) -> Self {
        use ::rich_status::__private::{LogError as _, LogOther as _};
        let status = ::rich_status::RichStatus::to_status(&error);
        (&::rich_status::__private::Log(&error)).log(&status);
        status
    }
}
