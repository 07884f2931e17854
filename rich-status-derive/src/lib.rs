//! The `#[derive(RichStatus)]` macro of [rich-status](https://docs.rs/rich-status).
//!
//! Use it through the `rich-status` crate, which re-exports it. The derive is being built
//! in this crate; until it lands, `rich_status::status` and the detail views are the way
//! to build rich statuses.
