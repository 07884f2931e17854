//! The error catalogue: what the derive lists, each rendering's exact output for the
//! greeter and for a shop whose errors use `transparent`, generics, a struct and every
//! detail kind (checked against `tests/catalog/*`), the checks a service runs, and the
//! README's table against what `cargo run --example catalog` prints.
//!
//! After a deliberate change to a rendering:
//! RICH_STATUS_BLESS=1 cargo test -p rich-status-tests --test catalog

use std::fmt::Display;
use std::path::Path;

use rich_status::catalog::{Catalog, Message, MetadataKey, Problem};
use rich_status::{DetailWriter, LogLevel, RichStatus, pb};
use rich_status_examples::GreetError;
use tonic::Code;

/// The store's outage, as a struct error.
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "store.example.com", code = Unavailable, reason = "STORE_DOWN", log = warn)]
#[error("store shard {shard} is down")]
pub struct StoreDown {
    #[rich_status(metadata)]
    shard: u32,
}

/// Everything a checkout can fail with; the item type is the shop's.
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "shop.example.com")]
pub enum ShopError<T: Display + std::fmt::Debug> {
    /// Every detail kind at once.
    ///
    /// Its second paragraph is joined to the first.
    #[error("checkout of {item} failed")]
    #[rich_status(
        code = FailedPrecondition,
        quota_failure(subject = "item: {item}", description = "one per customer"),
        precondition_failure(type = "TOS", subject = "terms", description = "accept the terms"),
        bad_request(field = "item", description = "sold out"),
        help(description = "docs", url = "https://docs.example.com"),
        resource_info(resource_type = "item", resource_name = "{item}"),
        request_info(request_id = "req-1"),
        localized_message(locale = "de-DE", message = "Kasse fehlgeschlagen"),
        retry_info(delay = "2s"),
        debug_info,
    )]
    Everything {
        #[rich_status(metadata = "itemId")]
        item: T,
        #[rich_status(help)]
        more_links: Vec<pb::help::Link>,
        #[rich_status(detail)]
        when: Option<prost_types::Timestamp>,
        #[rich_status(detail)]
        tags: Vec<prost_types::Duration>,
    },

    /// Violations only a field brings.
    #[error("the basket is invalid")]
    #[rich_status(code = InvalidArgument, details = extra_details)]
    Basket {
        #[rich_status(bad_request)]
        violations: Vec<pb::bad_request::FieldViolation>,
    },

    /// The shop broke.
    #[error("ledger {0} failed")]
    #[rich_status(code = Internal)]
    Ledger(String),

    #[error("price of {item} changed")]
    #[rich_status(code = Aborted, message = public, log = info)]
    PriceChanged {
        public: String,
        #[rich_status(metadata)]
        item: T,
    },

    /// Display with arguments the catalogue cannot read.
    #[error("{}", .0.len())]
    #[rich_status(code = OutOfRange, message = Display)]
    Odd(Vec<u8>),

    #[error(transparent)]
    #[rich_status(transparent, log = error)]
    Store(StoreDown),
}

fn extra_details<T: Display + std::fmt::Debug>(_: &ShopError<T>, w: &mut DetailWriter<'_>) {
    w.request_info("req-2");
}

/// A hand-written error, which lists nothing unless it says.
struct HandWritten;

impl RichStatus for HandWritten {
    fn code(&self) -> Code {
        Code::NotFound
    }
    fn write_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not found")
    }
    fn details(&self, w: &mut DetailWriter<'_>) {
        w.error_info("GONE", "hand.example.com");
    }
}

fn shop() -> Catalog {
    ShopError::<u64>::catalog()
}

/// `rendered` equals `tests/catalog/<name>`, or becomes it under RICH_STATUS_BLESS.
fn assert_rendering(name: &str, rendered: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("catalog")
        .join(name);
    if std::env::var_os("RICH_STATUS_BLESS").is_some() {
        std::fs::write(&path, rendered).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        rendered == expected,
        "tests/catalog/{name} differs from the rendering:\n{rendered}\n\
         Review the change, then: RICH_STATUS_BLESS=1 cargo test -p rich-status-tests --test catalog"
    );
}

#[test]
fn the_greeters_renderings() {
    let catalog = GreetError::catalog();
    assert_rendering("greeter.md", &catalog.to_markdown());
    assert_rendering("greeter.json", &catalog.to_json());
    assert_rendering("greeter.proto", &catalog.to_proto("helloworld").unwrap());
}

#[test]
fn the_shops_renderings() {
    let catalog = shop();
    assert_rendering("shop.md", &catalog.to_markdown());
    assert_rendering("shop.json", &catalog.to_json());
    assert_rendering("shop.proto", &catalog.to_proto("shop.v1").unwrap());
}

#[test]
fn the_derive_lists_each_variant_as_written() {
    let catalog = shop();
    let entries = catalog.entries();
    let reasons: Vec<&str> = entries.iter().map(|e| e.reason).collect();
    assert_eq!(
        reasons,
        [
            "EVERYTHING",
            "BASKET",
            "LEDGER",
            "PRICE_CHANGED",
            "ODD",
            "STORE_DOWN"
        ]
    );

    let everything = &entries[0];
    assert_eq!(everything.rust_name, "ShopError::Everything");
    assert_eq!(everything.code, Code::FailedPrecondition);
    assert_eq!(
        everything.message,
        Message::Template("checkout of {item} failed")
    );
    assert_eq!(
        everything.metadata,
        [MetadataKey {
            key: "itemId",
            field: "item",
            rust_type: "T"
        }]
    );
    let names = |entry: &rich_status::catalog::Entry| -> Vec<String> {
        entry.details.iter().map(|d| d.to_string()).collect()
    };
    assert_eq!(
        names(everything),
        [
            "google.rpc.QuotaFailure",
            "google.rpc.PreconditionFailure",
            "google.rpc.BadRequest",
            "google.rpc.Help",
            "google.rpc.ResourceInfo",
            "google.rpc.RequestInfo",
            "google.rpc.LocalizedMessage",
            "google.rpc.RetryInfo",
            "google.protobuf.Timestamp",
            "google.protobuf.Duration",
        ]
    );
    assert!(everything.debug_info);
    assert_eq!(everything.log_level, LogLevel::Debug);
    assert_eq!(
        everything.description,
        "Every detail kind at once. Its second paragraph is joined to the first."
    );

    // A hook's details are known at run time only; a field's violations bring their kind.
    assert_eq!(names(&entries[1]), ["google.rpc.BadRequest"]);
    assert_eq!(
        entries[1].message,
        Message::Template("the basket is invalid")
    );
    // Internal sends the generic text, and logs at error.
    assert_eq!(entries[2].message, Message::Generic);
    assert_eq!(entries[2].log_level, LogLevel::Error);
    // `message = field` is that field's Display; `log = info` is kept.
    assert_eq!(entries[3].message, Message::Template("{public}"));
    assert_eq!(entries[3].log_level, LogLevel::Info);
    assert_eq!(entries[3].description, "");
    // A Display whose format string has arguments is just Display.
    assert_eq!(entries[4].message, Message::Display);
    // The transparent variant's inner struct, at the variant's log level.
    let store = &entries[5];
    assert_eq!(
        (store.rust_name, store.domain, store.code),
        ("StoreDown", "store.example.com", Code::Unavailable)
    );
    assert_eq!(
        store.message,
        Message::Template("store shard {shard} is down")
    );
    assert_eq!(store.log_level, LogLevel::Error);
    assert_eq!(StoreDown::catalog().entries()[0].log_level, LogLevel::Warn);
    assert_eq!(store.description, "The store's outage, as a struct error.");

    assert!(HandWritten::catalog().entries().is_empty());
}

#[test]
fn the_checks_report_conflicts_across_types_and_fields_missing_from_metadata() {
    #[allow(dead_code)] // only its catalogue is read
    #[derive(Debug, thiserror::Error, RichStatus)]
    #[rich_status(domain = "shop.example.com")]
    enum LegacyShopError {
        // Same reason as ShopError::Ledger, another code.
        #[error("ledger failed")]
        #[rich_status(code = Unavailable)]
        Ledger,
        // Same reason and code as ShopError::Basket, other metadata keys.
        #[error("basket {id} is invalid")]
        #[rich_status(code = InvalidArgument)]
        Basket {
            #[rich_status(metadata)]
            id: u32,
        },
        // Same reason, code and keys as StoreDown: no conflict.
        #[error("down")]
        #[rich_status(code = Unavailable, domain = "store.example.com", reason = "STORE_DOWN")]
        Down {
            #[rich_status(metadata)]
            shard: u32,
        },
    }

    let catalog = Catalog::new()
        .with::<ShopError<u64>>()
        .with::<LegacyShopError>();
    let problems: Vec<String> = catalog.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "ShopError::Ledger and LegacyShopError::Ledger both send reason LEDGER of domain \
             shop.example.com, with codes INTERNAL and UNAVAILABLE",
            "ShopError::Basket and LegacyShopError::Basket both send reason BASKET of domain \
             shop.example.com, with metadata keys [] and [id]",
            "the message of ShopError::PriceChanged (PRICE_CHANGED) names `public`, which is \
             not in its metadata",
        ]
    );
    assert!(matches!(
        catalog.problems()[0],
        Problem::Conflict {
            first: "ShopError::Ledger",
            second: "LegacyShopError::Ledger",
            ..
        }
    ));
    // The greeter's catalogue is clean: `{name}` is in its metadata.
    assert_eq!(GreetError::catalog().problems(), []);
    // A conflicting reason renders once, as first declared.
    assert_eq!(
        catalog.to_json().matches("\"reason\": \"LEDGER\"").count(),
        1
    );
}

#[test]
fn one_proto_package_cannot_hold_a_reason_of_two_domains() {
    #[allow(dead_code)] // only its catalogue is read
    #[derive(Debug, thiserror::Error, RichStatus)]
    #[rich_status(domain = "warehouse.example.com")]
    enum WarehouseError {
        #[error("down")]
        #[rich_status(code = Unavailable)]
        StoreDown,
    }
    let catalog = shop().with::<WarehouseError>();
    let error = catalog.to_proto("shop.v1").unwrap_err();
    assert_eq!(
        error.to_string(),
        "`STORE_DOWN` of WarehouseError::StoreDown is also a value of domain \
         store.example.com: render each domain's catalogue in a package of its own"
    );
    let warehouse = catalog.domain("warehouse.example.com");
    let proto = warehouse.to_proto("warehouse.v1").unwrap();
    assert!(proto.contains("enum WarehouseExampleComErrorReason {\n"));
    assert!(proto.contains("  STORE_DOWN = 1;\n"));
}

#[test]
fn the_example_prints_each_rendering_and_the_readme_shows_its_table() {
    let catalog = GreetError::catalog();
    let markdown = rich_status_tests::catalog_example("markdown");
    assert_eq!(markdown, catalog.to_markdown());
    assert_eq!(
        rich_status_tests::catalog_example("json"),
        catalog.to_json()
    );
    assert_eq!(
        rich_status_tests::catalog_example("proto"),
        catalog.to_proto("helloworld").unwrap()
    );
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&markdown),
        "README.md's catalogue table differs from what `cargo run --example catalog` prints:\n{markdown}"
    );
}
