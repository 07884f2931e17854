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
        help(description = "queue {queue:?} limits", url = "https://jobs.example.com/limits"),
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
#[rich_status(domain = "wide.example.com", code = FailedPrecondition, message = "{f0} to {f19}")]
pub struct Wide {
    #[rich_status(metadata)] pub f0: u32,
    #[rich_status(metadata)] pub f1: u32,
    #[rich_status(metadata)] pub f2: u32,
    #[rich_status(metadata)] pub f3: u32,
    #[rich_status(metadata)] pub f4: u32,
    #[rich_status(metadata)] pub f5: u32,
    #[rich_status(metadata)] pub f6: u32,
    #[rich_status(metadata)] pub f7: u32,
    #[rich_status(metadata)] pub f8: u32,
    #[rich_status(metadata)] pub f9: u32,
    #[rich_status(metadata)] pub f10: String,
    #[rich_status(metadata)] pub f11: String,
    #[rich_status(metadata)] pub f12: String,
    #[rich_status(metadata)] pub f13: String,
    #[rich_status(metadata)] pub f14: String,
    #[rich_status(metadata)] pub f15: String,
    #[rich_status(metadata)] pub f16: String,
    #[rich_status(metadata)] pub f17: String,
    #[rich_status(metadata)] pub f18: String,
    #[rich_status(metadata)] pub f19: String,
}
