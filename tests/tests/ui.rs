//! Every diagnostic of `#[derive(RichStatus)]`, with its exact text, under trybuild.
//! After changing a message on purpose: `TRYBUILD=overwrite cargo test -p rich-status-tests --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
