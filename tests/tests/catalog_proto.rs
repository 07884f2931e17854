//! The catalogue's `.proto` rendering against the compilers clients use: whatever
//! `to_proto` returns, protox and Debian's `protoc` compile; what they would refuse,
//! `to_proto` refuses with an error naming the entry, and `problems()` reports where no
//! choice of package mends it. Also: the Markdown table keeps one row per entry,
//! whatever its text holds.

use std::path::Path;

use rich_status::RichStatus;
use rich_status::catalog::{Catalog, Entry, Message, MetadataKey, Problem};
use rich_status_tests::protoc;
use tonic::Code;

/// A hand-built entry of `domain` and `reason`, with `description`.
fn entry(domain: &'static str, reason: &'static str, description: &'static str) -> Entry {
    Entry::new("Legacy", domain, reason, Code::Internal)
        .with_message(Message::Template("legacy \"{id}\"\n"))
        .with_metadata(&[MetadataKey {
            key: "id",
            field: "id",
            rust_type: "u64",
        }])
        .with_debug_info()
        .with_description(description)
}

fn catalog(entries: &[Entry]) -> Catalog {
    let mut catalog = Catalog::new();
    catalog.push_all(entries);
    catalog
}

/// What protox makes of the file at `path`: its enums' names, or why it refuses it.
fn protox_enums(path: &Path) -> Result<Vec<String>, String> {
    let files = protox::compile([path.file_name().unwrap()], [path.parent().unwrap()])
        .map_err(|e| format!("{e:?}"))?;
    let file = files.file.last().unwrap();
    assert!(file.message_type.is_empty(), "{:?}", file.message_type);
    Ok(file.enum_type.iter().map(|e| e.name().to_owned()).collect())
}

/// Both compilers accept `text`, which holds exactly the enums `enums`.
fn compiles(name: &str, text: &str, enums: &[&str]) {
    let path = protoc::write(name, text);
    assert_eq!(
        protox_enums(&path).unwrap_or_else(|e| panic!("protox refuses {name}: {e}\n{text}")),
        enums,
        "{name}"
    );
    protoc::compile(&path).unwrap_or_else(|e| panic!("protoc refuses {name}: {e}\n{text}"));
}

/// protoc refuses `text` (what the rendering wrote before it checked names; protox
/// accepts some of these, protoc is the reference).
fn refused(name: &str, text: &str) {
    let path = protoc::write(name, text);
    assert!(
        protoc::compile(&path).is_err(),
        "protoc accepts {name}:\n{text}"
    );
}

#[test]
fn every_rendering_of_the_fixtures_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, enums) in [
        ("greeter", &["GreeterExampleComErrorReason"][..]),
        (
            "shop",
            &["ShopExampleComErrorReason", "StoreExampleComErrorReason"][..],
        ),
    ] {
        let text = std::fs::read_to_string(root.join(format!("catalog/{name}.proto"))).unwrap();
        compiles(name, &text, enums);
    }
    let greeter = rich_status_examples::GreetError::catalog();
    compiles(
        "greeter_rendered",
        &greeter.to_proto("greeter.v1").unwrap(),
        &["GreeterExampleComErrorReason"],
    );
}

/// Two derived reasons that protoc reads as one value name, and one that it reads as
/// the zero value's.
#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "clash.example.com", code = Internal)]
pub enum Clashing {
    #[error("a")]
    #[rich_status(reason = "ABC1")]
    A,
    #[error("b")]
    #[rich_status(reason = "ABC_1")]
    B,
    #[error("c")]
    #[rich_status(reason = "UNSPECIFIED")]
    C,
}

#[test]
fn reasons_protoc_reads_as_one_name_are_refused_and_reported() {
    let catalog = Clashing::catalog();
    let error = catalog.to_proto("clash.v1").unwrap_err();
    assert_eq!(
        error.to_string(),
        "reason `ABC_1` of Clashing::B and reason `ABC1` of Clashing::A are one name to \
         protoc, `Abc1`, once the enum's name is stripped from their front and they are \
         written in PascalCase"
    );
    let problems: Vec<String> = catalog.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "reason `ABC_1` of Clashing::B and reason `ABC1` of Clashing::A are one name to \
             protoc, `Abc1`, once the enum's name is stripped from their front and they are \
             written in PascalCase",
            "reason `UNSPECIFIED` of Clashing::C and the zero value \
             CLASH_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED are one name to protoc, \
             `Unspecified`, once the enum's name is stripped from their front and they are \
             written in PascalCase",
        ]
    );
    assert!(matches!(
        &catalog.problems()[0],
        Problem::NotInProto {
            rust_name: "Clashing::B",
            reason: "ABC_1",
            ..
        }
    ));
    // What the rendering wrote before: both compilers refuse it.
    let naive = "syntax = \"proto3\";\npackage clash.v1;\nenum ClashExampleComErrorReason {\n  \
                 CLASH_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED = 0;\n  ABC1 = 1;\n  ABC_1 = 2;\n}\n";
    refused("abc_1", naive);
    let naive = "syntax = \"proto3\";\npackage clash.v1;\nenum ClashExampleComErrorReason {\n  \
                 CLASH_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED = 0;\n  UNSPECIFIED = 1;\n}\n";
    refused("unspecified", naive);
}

#[test]
fn packages_are_identifiers_joined_by_dots() {
    let catalog = catalog(&[entry("legacy.example.com", "LEGACY", "")]);
    for package in ["", "a;b", "v1 // x", "a..b", ".a", "a.", "1a", "a-b"] {
        let error = catalog.to_proto(package).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("package {package:?} is not identifiers joined by dots")
        );
    }
    for package in ["a", "legacy.v1", "_x.y_2"] {
        let text = catalog.to_proto(package).unwrap();
        compiles("package", &text, &["LegacyExampleComErrorReason"]);
    }
}

#[test]
fn text_in_comments_stays_in_its_comment() {
    let catalog = catalog(&[
        entry(
            "legacy.example.com\"\nmessage Injected { string pwned = 1; }\n//",
            "LEGACY",
            "A NUL \0 here, a CR \r there, a\u{85}NEL, a \u{b}tab and \u{c}feed.\n\
             message Injected2 {}",
        ),
        entry("other.example.com", "OTHER", "*/ /* } { ;"),
    ]);
    let text = catalog.to_proto("legacy.v1").unwrap();
    assert!(!text.contains('\0') && !text.contains('\r'), "{text}");
    compiles(
        "comments",
        &text,
        &[
            "LegacyExampleComMessageInjectedStringPwned1ErrorReason",
            "OtherExampleComErrorReason",
        ],
    );
}

#[test]
fn hand_built_reasons_protoc_refuses_are_refused() {
    let enum_name = "LegacyExampleComErrorReason";
    for (reason, expected) in [
        (
            "option",
            "reason `option` of Legacy begins a statement in an enum's body, not a value",
        ),
        (
            "reserved",
            "reason `reserved` of Legacy begins a statement in an enum's body, not a value",
        ),
        (
            enum_name,
            "`LegacyExampleComErrorReason` of Legacy is also the enum of domain \
             legacy.example.com: render each domain's catalogue in a package of its own",
        ),
        (
            "LEGACY_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED",
            "`LEGACY_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED` of Legacy is also the zero value \
             of LegacyExampleComErrorReason: render each domain's catalogue in a package of \
             its own",
        ),
        (
            "no\nway",
            "reason `no way` of Legacy is not a proto identifier",
        ),
    ] {
        let catalog = catalog(&[entry("legacy.example.com", reason, "")]);
        assert_eq!(
            catalog.to_proto("legacy.v1").unwrap_err().to_string(),
            expected
        );
        let problems = catalog.problems();
        assert!(
            problems.iter().any(|p| p.to_string() == expected),
            "{reason}: {problems:?}"
        );
        // What the rendering wrote before: both compilers refuse it.
        if reason != "no\nway" {
            let naive = format!(
                "syntax = \"proto3\";\npackage legacy.v1;\nenum {enum_name} {{\n  \
                 LEGACY_EXAMPLE_COM_ERROR_REASON_UNSPECIFIED = 0;\n  {reason} = 1;\n}}\n"
            );
            refused(reason, &naive);
        }
    }
    // A reason of two domains: only the one file is impossible.
    let two = catalog(&[
        entry("a.example.com", "SHARED", ""),
        entry("b.example.com", "SHARED", ""),
    ]);
    assert_eq!(
        two.to_proto("shared.v1").unwrap_err().to_string(),
        "`SHARED` of Legacy is also a value of domain a.example.com: render each domain's \
         catalogue in a package of its own"
    );
    assert_eq!(two.problems(), []);
    for domain in ["a.example.com", "b.example.com"] {
        let text = two.domain(domain).to_proto("shared.v1").unwrap();
        assert!(text.contains("  SHARED = 1;\n"));
    }
}

#[test]
fn the_markdown_keeps_one_row_per_entry_whatever_a_description_holds() {
    let catalog = catalog(&[
        entry(
            "a.example.com",
            "A",
            "one\ntwo\r\nthree\rfour | five \\| six \\\\| seven",
        ),
        entry("b.example.com", "B", "| starts and ends |"),
        entry("c.example.com", "C", "\0\u{85}\u{2028}"),
    ]);
    let markdown = catalog.to_markdown();
    let lines: Vec<&str> = markdown.split('\n').collect();
    assert_eq!(lines.len(), 2 + 3 + 1, "{markdown}");
    assert!(
        !markdown.contains('\r') && !markdown.contains('\0'),
        "{markdown}"
    );
    // A delimiter is a `|` after an even number of backslashes: nine per row.
    for line in &lines[..5] {
        let mut delimiters = 0;
        let mut backslashes = 0;
        for c in line.chars() {
            if c == '|' && backslashes % 2 == 0 {
                delimiters += 1;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        assert_eq!(delimiters, 9, "{line}");
    }
    assert!(
        lines[2].ends_with("| one two  three four \\| five \\\\\\| six \\\\\\\\\\| seven |"),
        "{}",
        lines[2]
    );
}
