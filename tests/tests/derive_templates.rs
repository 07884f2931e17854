//! Templates in attributes and messages: literal braces, a field used twice, tuple
//! fields, a field's `Debug`, and a value whose `Display` honours no format flags.

use rich_status::{RichStatus, StatusExt};
use tonic::Status;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "shop.example.com")]
pub enum ShopError {
    #[error("order failed")]
    #[rich_status(
        code = FailedPrecondition,
        message = "{{{item}}} x{count}: {item} again, {{literal}}",
        quota_failure(subject = "{item}/{count}", description = "{{}} {count}{count}"),
    )]
    Order { item: String, count: u32 },

    #[error("tuple")]
    #[rich_status(
        code = ResourceExhausted,
        message = "{1} before {0}",
        quota_failure(subject = "{0:?}", description = "width {1:>4}|"),
    )]
    Tuple(String, u8),

    /// Nine pieces: more than a `Concat` tuple holds, written by `format_args!`.
    #[error("long")]
    #[rich_status(
        code = InvalidArgument,
        quota_failure(subject = "{a}-{b}-{c}-{d}-{e}", description = "{a}{b}{c}{d}"),
    )]
    Long { a: u8, b: u8, c: u8, d: u8, e: u8 },
}

#[test]
fn plain_templates_keep_braces_repeats_and_order() {
    let error = ShopError::Order {
        item: "tea".into(),
        count: 3,
    };
    assert_eq!(error.message(), "{tea} x3: tea again, {literal}");
    let status = Status::from(error);
    assert_eq!(status.message(), "{tea} x3: tea again, {literal}");
    let details = status.rich_details().unwrap();
    let violation = &details.quota_failure().unwrap().violations[0];
    assert_eq!(violation.subject, "tea/3");
    assert_eq!(violation.description, "{} 33");
}

#[test]
fn templates_with_format_specs_keep_them() {
    let status = Status::from(ShopError::Tuple("a\"b".into(), 7));
    assert_eq!(status.message(), "7 before a\"b");
    let details = status.rich_details().unwrap();
    let violation = &details.quota_failure().unwrap().violations[0];
    assert_eq!(violation.subject, "\"a\\\"b\"");
    assert_eq!(violation.description, "width    7|");
}

#[test]
fn a_template_of_more_pieces_than_a_concat_holds_reads_the_same() {
    let status = Status::from(ShopError::Long {
        a: 1,
        b: 2,
        c: 3,
        d: 4,
        e: 5,
    });
    let details = status.rich_details().unwrap();
    let violation = &details.quota_failure().unwrap().violations[0];
    assert_eq!(violation.subject, "1-2-3-4-5");
    assert_eq!(violation.description, "1234");
}
