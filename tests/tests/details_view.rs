//! `DetailsView`, the details read in place: it accepts and refuses exactly what the owned
//! `Details` does, with the same error, reads what they read, and reads repeated fields as
//! protobuf does.

use proptest::prelude::*;
use prost::Message;
use rich_status::{
    Details, StatusExt,
    decode::{DecodeErrorKind, DetailsView},
    pb,
};
use rich_status_tests::*;
use tonic::{Code, Status};

fn packed(type_url: &str, value: Vec<u8>) -> prost_types::Any {
    prost_types::Any {
        type_url: type_url.into(),
        value,
    }
}

/// Everything a view reads, compared with the owned decoding of the same bytes.
fn assert_agrees(view: &DetailsView<'_>, details: &Details) {
    assert_eq!(view.code(), details.code());
    assert_eq!(view.message(), details.message());
    assert_eq!(view.len(), details.len());
    assert!(view.anys().eq(details.anys()));
    assert_eq!(
        view.error_info().map(|info| info.to_proto()),
        details.error_info()
    );
    if let Some(info) = details.error_info() {
        let view = view.error_info().unwrap();
        assert_eq!(view.reason(), info.reason);
        assert_eq!(view.domain(), info.domain);
        for (key, value) in &info.metadata {
            assert_eq!(view.get(key), Some(value.as_str()), "{key}");
        }
    }
}

#[test]
fn every_detail_reads_as_the_owned_details() {
    let bytes = every_detail_status().encode_to_vec();
    let view = DetailsView::decode(&bytes).unwrap();
    assert_agrees(&view, &Details::decode(&bytes).unwrap());
    assert_eq!(view.to_details(), Details::decode(&bytes).unwrap());
}

#[test]
fn a_status_reads_in_place_with_its_checks() {
    let status = rich_status::status(Code::NotFound, "user u-7 not found", |w| {
        w.error_info("USER_UNKNOWN", "users.example.com")
            .metadata("userId", "u-7")
            .metadata("shard", 3);
    });
    let view = status.rich_view().unwrap();
    assert_agrees(&view, &status.rich_details().unwrap());
    let info = view.error_info().unwrap();
    assert_eq!(
        info.metadata().collect::<Vec<_>>(),
        [("userId", "u-7"), ("shard", "3")]
    );
    // The strings are the status's own bytes, not copies.
    let details = status.details().as_ptr_range();
    assert!(details.contains(&info.reason().as_ptr()));
    assert!(details.contains(&view.message().as_ptr()));

    let plain = Status::unavailable("try later");
    let view = plain.rich_view().unwrap();
    assert_eq!(
        (view.code(), view.message()),
        (Code::Unavailable, "try later")
    );
    assert!(view.is_empty() && view.error_info().is_none());
    assert_eq!(view.to_details(), plain.rich_details().unwrap());
}

#[test]
fn repeated_fields_read_as_protobuf_reads_them() {
    // Two reasons, a key sent twice, and an entry without a value: protobuf keeps the
    // last reason and the last value of a key, and reads a missing value as "".
    let entry = |key: &str, value: Option<&str>| {
        let mut bytes = vec![0x0a, key.len() as u8];
        bytes.extend(key.as_bytes());
        if let Some(value) = value {
            bytes.extend([0x12, value.len() as u8]);
            bytes.extend(value.as_bytes());
        }
        bytes
    };
    let mut info = b"\x0a\x05FIRST\x12\x01d\x0a\x06SECOND".to_vec();
    for e in [
        entry("k", Some("1")),
        entry("k", Some("2")),
        entry("empty", None),
    ] {
        info.push(0x1a);
        info.push(e.len() as u8);
        info.extend(e);
    }
    let status = pb::Status {
        code: 5,
        message: "m".into(),
        details: vec![packed(rich_status::detail::type_url::ERROR_INFO, info)],
    };
    let bytes = status.encode_to_vec();
    let view = DetailsView::decode(&bytes).unwrap();
    let info = view.error_info().unwrap();
    assert_eq!(info.reason(), "SECOND");
    assert_eq!(info.get("k"), Some("2"));
    assert_eq!(info.get("empty"), Some(""));
    assert_eq!(
        info.metadata().collect::<Vec<_>>(),
        [("k", "1"), ("k", "2"), ("empty", "")]
    );
    assert_agrees(&view, &Details::decode(&bytes).unwrap());
}

#[test]
fn the_envelope_is_read_as_prost_reads_it() {
    // A message sent twice reads as the last one; each must be UTF-8, as prost requires.
    let twice = b"\x08\x05\x12\x01a\x12\x04gone";
    let view = DetailsView::decode(twice).unwrap();
    assert_eq!(view.message(), "gone");
    assert_agrees(&view, &Details::decode(twice).unwrap());

    let invalid_first = b"\x08\x05\x12\x02\xff\xfe\x12\x04gone";
    assert!(pb::Status::decode(&invalid_first[..]).is_err());
    let error = DetailsView::decode(invalid_first).unwrap_err();
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::InvalidUtf8 {
            field: "google.rpc.Status.message",
            offset: 4
        }
    );
    assert_eq!(
        error.kind(),
        Details::decode(invalid_first).unwrap_err().kind()
    );
}

#[test]
fn a_malformed_error_info_reads_as_absent_in_both() {
    // A reason that is not UTF-8: prost's ErrorInfo decoder refuses it, and so does the view.
    let status = pb::Status {
        code: 13,
        message: "m".into(),
        details: vec![packed(
            rich_status::detail::type_url::ERROR_INFO,
            b"\x0a\x02\xff\xfe".to_vec(),
        )],
    };
    let bytes = status.encode_to_vec();
    let view = DetailsView::decode(&bytes).unwrap();
    let details = Details::decode(&bytes).unwrap();
    assert!(view.error_info().is_none());
    assert!(details.error_info().is_none());
    assert!(details.get::<pb::ErrorInfo>().is_err());
    assert_eq!(view.len(), 1);
}

#[test]
fn problems_are_the_owned_decoders_errors() {
    // A truncated envelope.
    let view_error = DetailsView::decode(&[0x12, 0x40, b'x']).unwrap_err();
    assert_eq!(
        view_error.kind(),
        Details::decode(&[0x12, 0x40, b'x']).unwrap_err().kind()
    );

    // A code that is not the status's own: the error carries the owned details.
    let bytes = rich_status::encode_status(Code::NotFound, "gone", |_| {});
    let lying = Status::with_details(Code::Internal, "gone", bytes);
    let error = lying.rich_view().unwrap_err();
    assert!(matches!(
        error.kind(),
        DecodeErrorKind::CodeMismatch {
            outer: 13,
            inner: 5
        }
    ));
    assert_eq!(error.details().unwrap().code(), Code::NotFound);
    let bytes = rich_status::encode_status(Code::NotFound, "gone", |_| {});
    let lying = Status::with_details(Code::NotFound, "here", bytes);
    assert!(matches!(
        lying.rich_view().unwrap_err().kind(),
        DecodeErrorKind::MessageMismatch { .. }
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(view) = DetailsView::decode(&bytes) {
            let _ = format!("{view:?}");
            let _ = view.anys().count();
            if let Some(info) = view.error_info() {
                let _ = info.metadata().count();
                let _ = info.get("k");
            }
        }
    }

    #[test]
    fn mutated_statuses_read_as_the_owned_details(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6),
        cut in any::<usize>(),
    ) {
        let bytes = mutated_every_detail(&flips, cut);
        match (DetailsView::decode(&bytes), Details::decode(&bytes)) {
            (Ok(view), Ok(details)) => assert_agrees(&view, &details),
            (Err(view), Err(owned)) => prop_assert_eq!(view.kind(), owned.kind()),
            (view, owned) => prop_assert!(false, "the view says {view:?}, Details {owned:?}"),
        }
    }
}
