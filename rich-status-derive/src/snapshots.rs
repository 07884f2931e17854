//! Expansion snapshots: what `#[derive(RichStatus)]` generates for the inputs in
//! `tests/expand/*.rs`, formatted as `cargo expand` would show it, checked in beside them
//! as `*.expanded.rs` so that a change in what users get shows in review.
//!
//! After changing the generated code on purpose:
//! `RICH_STATUS_BLESS=1 cargo test -p rich-status-derive snapshots`.

use std::path::Path;

use quote::quote;

fn derives_rich_status(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .is_ok_and(|paths| paths.iter().any(|p| p.is_ident("RichStatus")))
    })
}

/// The input file with each deriving item followed by what the derive generates for it.
fn expand_file(source: &str) -> String {
    let file = syn::parse_file(source).expect("expansion inputs are valid Rust");
    let mut items = Vec::new();
    for item in file.items {
        let generated = match &item {
            syn::Item::Enum(e) if derives_rich_status(&e.attrs) => Some(quote!(#e)),
            syn::Item::Struct(s) if derives_rich_status(&s.attrs) => Some(quote!(#s)),
            _ => None,
        }
        .map(|tokens| {
            let input: syn::DeriveInput = syn::parse2(tokens).unwrap();
            crate::expand::derive(&input)
        });
        items.push(item);
        if let Some(generated) = generated {
            let generated: syn::File = syn::parse2(generated).expect("generated code parses");
            items.extend(generated.items);
        }
    }
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: file.attrs,
        items,
    })
}

#[test]
fn snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/expand");
    let bless = std::env::var_os("RICH_STATUS_BLESS").is_some();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".rs") && !name.ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    let mut stale = Vec::new();
    for input in inputs {
        let expanded = expand_file(&std::fs::read_to_string(&input).unwrap());
        let snapshot = input.with_extension("expanded.rs");
        if bless {
            std::fs::write(&snapshot, &expanded).unwrap();
        } else if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(expanded.as_str()) {
            stale.push(snapshot.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "expansion snapshots differ from what the derive generates: {stale:?}\n\
         Review the change, then: RICH_STATUS_BLESS=1 cargo test -p rich-status-derive snapshots"
    );
}
