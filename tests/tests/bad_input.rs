//! Bad bytes on the wire come back as error values, never a panic, and whatever valid
//! details they hold stay readable.

use proptest::prelude::*;
use prost::Message;
use rich_status::{DetailWriter, Details, StatusExt, decode::DecodeErrorKind, pb};
use rich_status_tests::*;
use tonic::{Code, Status};

fn packed(type_url: &str, value: Vec<u8>) -> prost_types::Any {
    prost_types::Any {
        type_url: type_url.into(),
        value,
    }
}

/// A `google.rpc.Status` of an `ErrorInfo` and a `RequestInfo` with, at `place`, a
/// `DebugInfo` whose first field claims more bytes than there are.
fn with_a_malformed_debug_info(place: usize) -> Vec<u8> {
    let mut details = vec![
        packed(
            rich_status::detail::type_url::ERROR_INFO,
            error_info().encode_to_vec(),
        ),
        packed(
            rich_status::detail::type_url::REQUEST_INFO,
            request_info().encode_to_vec(),
        ),
    ];
    let debug_info = packed(
        rich_status::detail::type_url::DEBUG_INFO,
        vec![0x0a, 0x10, b'x'],
    );
    details.insert(place, debug_info);
    let status = pb::Status {
        code: Code::NotFound as i32,
        message: "gone".into(),
        details,
    };
    status.encode_to_vec()
}

fn malformed(bytes: &[u8]) -> (usize, &'static str) {
    match Details::decode(bytes).unwrap_err().kind() {
        DecodeErrorKind::Malformed { offset, problem } => (*offset, *problem),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn empty_bytes_are_an_empty_status() {
    let details = Details::decode(&[]).unwrap();
    assert_eq!(details.code(), Code::Ok);
    assert_eq!(details.message(), "");
    assert!(details.is_empty());
}

#[test]
fn a_status_without_details_reads_as_its_code_and_message() {
    let details = Status::unavailable("draining").rich_details().unwrap();
    assert_eq!(details.code(), Code::Unavailable);
    assert_eq!(details.message(), "draining");
    assert!(details.is_empty());
}

#[test]
fn truncation_anywhere_is_an_error_value() {
    let full = every_detail_status().encode_to_vec();
    for len in 0..full.len() {
        // Every prefix either ends on a field boundary of the Status (a shorter valid
        // Status) or is reported; none panics.
        if let Ok(d) = Details::decode(&full[..len]) {
            assert!(d.len() < 10, "prefix {len} decoded as the whole thing");
        }
    }
    // Cut inside the first detail: the Any's length runs past the end.
    let cut = 30;
    assert_eq!(malformed(&full[..cut]).1, "length beyond the input");
}

#[test]
fn wrong_wire_types_are_reported() {
    // code (field 1) sent as a length-delimited field.
    assert_eq!(
        malformed(&[0x0a, 0x00]).1,
        "known field with the wrong wire type"
    );
    // message (field 2) sent as a varint.
    assert_eq!(
        malformed(&[0x10, 0x01]).1,
        "known field with the wrong wire type"
    );
    // a detail (field 3) sent as a fixed32.
    assert_eq!(
        malformed(&[0x1d, 0, 0, 0, 0]).1,
        "known field with the wrong wire type"
    );
    // an Any whose type_url is a varint.
    assert_eq!(
        malformed(&[0x1a, 0x02, 0x08, 0x01]).1,
        "known field with the wrong wire type"
    );
}

#[test]
fn huge_lengths_are_reported_not_allocated() {
    let mut bytes = vec![0x1a];
    bytes.extend([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    assert_eq!(malformed(&bytes), (11, "length beyond the input"));
    let mut overlong = vec![0x08];
    overlong.extend([0xff; 10]);
    assert_eq!(malformed(&overlong).1, "invalid varint");
    // A detail claiming 2 GiB with three bytes behind it.
    assert_eq!(
        malformed(&[0x1a, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 2, 3]).1,
        "length beyond the input"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_field() {
    let err = Details::decode(&[0x12, 0x02, 0xc3, 0x28]).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::InvalidUtf8 {
            field: "google.rpc.Status.message",
            offset: 2
        }
    );
    let err = Details::decode(&[0x1a, 0x03, 0x0a, 0x01, 0xff]).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::InvalidUtf8 {
            field: "google.protobuf.Any.type_url",
            offset: 4
        }
    );
    assert_eq!(
        err.to_string(),
        "google.protobuf.Any.type_url at byte 4 is not valid UTF-8"
    );
}

#[test]
fn a_malformed_detail_reads_as_absent_and_get_says_why() {
    // Decoding checks the envelope, as prost does; a detail is decoded when it is read.
    let bytes = with_a_malformed_debug_info(1);
    assert!(pb::Status::decode(&bytes[..]).is_ok());
    let details = Details::decode(&bytes).unwrap();
    assert_eq!(details.len(), 3);
    assert_eq!(details.error_info(), Some(error_info()));
    assert_eq!(details.request_info(), Some(request_info()));
    assert_eq!(details.debug_info(), None);
    assert_eq!(details.standard().count(), 2);
    let err = details.get::<pb::DebugInfo>().unwrap_err();
    match err.kind() {
        DecodeErrorKind::Detail {
            index, type_url, ..
        } => {
            assert_eq!(*index, Some(1));
            assert_eq!(type_url, rich_status::detail::type_url::DEBUG_INFO);
        }
        other => panic!("expected Detail, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "detail 1 (type.googleapis.com/google.rpc.DebugInfo) does not decode"
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn mismatched_code_and_message_are_reported_with_the_details() {
    let bytes = rich_status::encode_status(Code::NotFound, "gone", |w| {
        w.request_info("r-1");
    });
    let err = Status::with_details(Code::Internal, "gone", bytes.clone())
        .rich_details()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::CodeMismatch {
            outer: 13,
            inner: 5
        }
    );
    assert_eq!(
        err.to_string(),
        "status code 13 (Internal) differs from the code 5 in grpc-status-details-bin"
    );
    assert_eq!(
        err.details().unwrap().request_info().unwrap().request_id,
        "r-1"
    );

    let err = Status::with_details(Code::NotFound, "GONE", bytes)
        .rich_details()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::MessageMismatch {
            outer: "GONE".into(),
            inner: "gone".into()
        }
    );
    assert_eq!(err.into_details().unwrap().message(), "gone");
}

#[test]
fn codes_outside_the_known_range_read_as_unknown() {
    let status = pb::Status {
        code: 99,
        message: "?".into(),
        details: vec![],
    };
    assert_eq!(
        Details::decode(&status.encode_to_vec()).unwrap().code(),
        Code::Unknown
    );
    let negative = pb::Status {
        code: -1,
        message: String::new(),
        details: vec![],
    };
    let details = Details::decode(&negative.encode_to_vec()).unwrap();
    assert_eq!(details.to_proto().code, -1);
}

#[test]
fn unknown_type_urls_are_kept_and_reported_when_asked_for_as_standard() {
    let status = pb::Status {
        code: 3,
        message: "bad".into(),
        details: vec![
            packed("type.googleapis.com/acme.v1.Thing", vec![0x08, 0x01]),
            packed("", vec![]),
        ],
    };
    let details = Details::decode(&status.encode_to_vec()).unwrap();
    assert_eq!(details.len(), 2);
    assert_eq!(details.standard().count(), 0);
    let thing = details.anys().next().unwrap();
    assert_eq!(thing.type_name(), "acme.v1.Thing");
    let err = rich_status::decode::StandardDetail::from_any(thing).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::UnknownTypeUrl {
            type_url: "type.googleapis.com/acme.v1.Thing".into()
        }
    );
    let err = thing.unpack::<pb::ErrorInfo>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a detail of type type.googleapis.com/google.rpc.ErrorInfo, found type.googleapis.com/acme.v1.Thing"
    );
}

#[test]
fn any_type_url_prefix_is_accepted_for_standard_details() {
    // prost's default type URL has no domain: "/google.rpc.ErrorInfo".
    let status = pb::Status {
        code: 5,
        message: "x".into(),
        details: vec![packed(
            "/google.rpc.ErrorInfo",
            error_info().encode_to_vec(),
        )],
    };
    assert_eq!(
        Details::decode(&status.encode_to_vec())
            .unwrap()
            .error_info(),
        Some(error_info())
    );
}

#[test]
fn unknown_fields_and_groups_are_skipped() {
    let mut bytes = every_detail_status().encode_to_vec();
    // Unknown fields of every wire type at the end of the Status...
    bytes.extend([0x20, 0x05]); // field 4 varint
    bytes.extend([0x29, 0, 0, 0, 0, 0, 0, 0, 0]); // field 5 fixed64
    bytes.extend([0x33, 0x08, 0x01, 0x34]); // field 6 group holding a varint
    bytes.extend([0x3d, 0, 0, 0, 0]); // field 7 fixed32
    bytes.extend([0x42, 0x01, b'z']); // field 8 bytes
    // ...and one inside an extra Any.
    let extra = [0x0a, 0x02, b'/', b'x', 0x18, 0x07];
    bytes.push(0x1a);
    bytes.push(extra.len() as u8);
    bytes.extend(extra);
    let details = Details::decode(&bytes).unwrap();
    assert_eq!(details.len(), 11);
    assert_eq!(details.error_info(), Some(error_info()));
    assert_eq!(details.anys().last().unwrap().type_url(), "/x");
}

#[test]
fn trailer_values_in_base64_with_or_without_padding() {
    let bytes = rich_status::encode_status(Code::NotFound, "ab", |_| {});
    assert_eq!(&bytes[..], &[0x08, 0x05, 0x12, 0x02, b'a', b'b']);
    let unpadded = Details::from_trailer(b"CAUSAmFi").unwrap();
    assert_eq!(unpadded.message(), "ab");
    let bytes = rich_status::encode_status(Code::NotFound, "a", |_| {});
    assert_eq!(&bytes[..], &[0x08, 0x05, 0x12, 0x01, b'a']);
    assert_eq!(Details::from_trailer(b"CAUSAWE=").unwrap().message(), "a");
    assert_eq!(Details::from_trailer(b"CAUSAWE").unwrap().message(), "a");
    for bad in [&b"CAUSAWE=="[..], b"CA US", b"\xff\xfe", b"C"] {
        let err = Details::from_trailer(bad).unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::Base64 { .. }),
            "{bad:?}: {err:?}"
        );
    }
}

/// Writes a custom detail with one more field each time it is asked.
struct Shifty(std::cell::Cell<u32>);

impl Shifty {
    fn write(&self, w: &mut DetailWriter<'_>) {
        self.0.set(self.0.get() + 1);
        // Each field is `1 { 1: "x" }`.
        let value = b"\x0a\x03\x0a\x01x".repeat(self.0.get() as usize);
        w.any("type.googleapis.com/acme.v1.Shifty", &value);
    }
}

#[test]
fn a_status_within_budget_asks_each_detail_once() {
    let shifty = Shifty(Default::default());
    let status = rich_status::status(Code::Internal, "x", |w| {
        w.error_info("A", "b");
        shifty.write(w);
        w.request_info("r");
    });
    assert_eq!(shifty.0.get(), 1);
    let details = status.rich_details().unwrap();
    let names: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
    assert_eq!(
        names,
        [
            "google.rpc.ErrorInfo",
            "acme.v1.Shifty",
            "google.rpc.RequestInfo"
        ]
    );
    // The one field it described: `1 { 1: "x" }`.
    assert_eq!(details.anys().nth(1).unwrap().value(), b"\x0a\x03\x0a\x01x");
}

#[test]
fn an_inconsistent_custom_detail_over_budget_leaves_the_error_info_marked_not_corrupt() {
    // Over its budget, a status is measured before it is written; a detail that
    // describes itself differently each time cannot be written to its measured size.
    // What cannot change is sent instead, and the mark says the rest was left out.
    let shifty = Shifty(Default::default());
    let long = "frame ".repeat(1000);
    rich_status::policy::set_debug_info(true);
    let status = rich_status::status_with_budget(Code::Internal, "x", 1024, |w| {
        w.error_info("A", "b")
            .metadata("kept", "until the fallback");
        shifty.write(w);
        w.request_info("r");
        w.debug_info_entries([&long], "");
    });
    assert!(shifty.0.get() > 2);
    let details = status.rich_details().unwrap();
    let names: Vec<&str> = details.anys().map(|a| a.type_name()).collect();
    assert_eq!(names, ["google.rpc.ErrorInfo"]);
    let info = details.error_info().unwrap();
    assert_eq!((info.reason.as_str(), info.domain.as_str()), ("A", "b"));
    assert_eq!(
        info.metadata[rich_status::policy::TRUNCATED_KEY],
        "allButErrorInfo"
    );
    assert_eq!(status.message(), "x");
}

#[test]
fn a_display_that_converts_an_error_while_formatted_gets_its_own_buffer() {
    fn inner() -> bytes::Bytes {
        rich_status::encode_status(Code::NotFound, "inner", |w| {
            w.error_info("INNER", "example.com");
        })
    }
    /// Formats as the bytes of a status it builds on the way.
    struct Nested;
    impl std::fmt::Display for Nested {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", inner())
        }
    }
    let status = rich_status::status(Code::Internal, "outer", |w| {
        w.error_info("OUTER", "example.com")
            .metadata("nested", Nested);
    });
    let info = status.rich_details().unwrap().error_info().unwrap();
    assert_eq!(info.reason, "OUTER");
    assert_eq!(info.metadata["nested"], format!("{:?}", inner()));
    assert!(info.metadata["nested"].contains("INNER"));
}

#[test]
fn long_values_encode_exactly_as_prost() {
    // Lengths of one, two and three varint bytes, in every nesting level.
    for len in [127, 128, 16_383, 16_384, 70_000] {
        let value = "v".repeat(len);
        let number = len as u64 * 1_000_003;
        let bytes = rich_status::encode_status(Code::Internal, &value, |w| {
            w.error_info(&value, "d")
                .metadata("long", &value)
                .metadata("n", number);
        });
        let reference = pb::Status {
            code: Code::Internal as i32,
            message: value.clone(),
            details: vec![packed(
                rich_status::detail::type_url::ERROR_INFO,
                pb::ErrorInfo {
                    reason: value.clone(),
                    domain: "d".into(),
                    metadata: [
                        ("long".to_string(), value.clone()),
                        ("n".to_string(), number.to_string()),
                    ]
                    .into_iter()
                    .collect(),
                }
                .encode_to_vec(),
            )],
        };
        assert!(bytes == reference.encode_to_vec(), "length {len}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Details::decode(&bytes);
        let _ = Details::from_trailer(&bytes);
        let status = Status::with_details(Code::Internal, "x", bytes.into());
        let _ = status.rich_details();
    }

    #[test]
    fn mutated_valid_statuses_never_panic_and_agree_with_prost(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6),
        cut in any::<usize>(),
    ) {
        let bytes = mutated_every_detail(&flips, cut);
        // Whenever prost reads the envelope, so do we, with the same code and message.
        if let (Ok(ours), Ok(theirs)) = (Details::decode(&bytes), pb::Status::decode(&bytes[..])) {
            prop_assert_eq!(ours.to_proto(), theirs);
        }
    }

    #[test]
    fn arbitrary_text_encodes_exactly_as_prost(
        reason in ".{0,40}",
        domain in "\\PC{0,40}",
        // Sorts before "z", the other key, so the order given is prost's BTreeMap order.
        key in "[a-y][a-zA-Z0-9]{0,10}",
        value in any::<String>(),
        message in any::<String>(),
        code in any::<i32>(),
        number in any::<i64>(),
    ) {
        let code_value = tonic::Code::from_i32(code);
        let bytes = rich_status::encode_status(code_value, &message, |w| {
            w.error_info(&reason, &domain)
                .metadata(&key, number)
                .metadata("z", &value);
        });
        let reference = pb::Status {
            code: code_value as i32,
            message: message.clone(),
            details: vec![packed(
                rich_status::detail::type_url::ERROR_INFO,
                pb::ErrorInfo {
                    reason: reason.clone(),
                    domain: domain.clone(),
                    metadata: [(key.clone(), number.to_string()), ("z".to_string(), value.clone())]
                        .into_iter()
                        .collect(),
                }
                .encode_to_vec(),
            )],
        };
        prop_assert_eq!(&bytes[..], &reference.encode_to_vec()[..]);
        let details = Details::decode(&bytes).unwrap();
        prop_assert_eq!(details.message(), message.as_str());
        let info = details.error_info().unwrap();
        prop_assert_eq!(&info.reason, &reason);
        prop_assert_eq!(&info.metadata[&key], &number.to_string());
    }
}

/// A `google.rpc.Status` (code 5, message "g") with `depth` unknown groups of field 9
/// nested in one another, the innermost holding `inner`.
fn status_with_groups(depth: usize, inner: &[u8]) -> Vec<u8> {
    let mut bytes = b"\x08\x05\x12\x01g".to_vec();
    bytes.extend(vec![0x4b; depth]);
    bytes.extend(inner);
    bytes.extend(vec![0x4c; depth]);
    bytes
}

#[test]
fn unknown_groups_nest_as_deep_as_prost_lets_them() {
    for depth in [1, 64, 65, 99, 100, 101, 150] {
        for inner in [&[][..], &[0x50, 0x01]] {
            let bytes = status_with_groups(depth, inner);
            let prost = pb::Status::decode(&bytes[..]).is_ok();
            let status = Status::with_details(Code::NotFound, "g", bytes.clone().into());
            assert_eq!(
                Details::decode(&bytes).is_ok(),
                prost,
                "{depth} deep, {inner:?}"
            );
            assert_eq!(
                status.rich_details().is_ok(),
                prost,
                "{depth} deep, {inner:?}"
            );
            assert_eq!(status.rich_view().is_ok(), prost, "{depth} deep, {inner:?}");
        }
    }
    assert!(Details::decode(&status_with_groups(100, &[])).is_ok());
    assert!(Details::decode(&status_with_groups(100, &[0x50, 0x01])).is_err());
}

#[test]
fn a_message_that_is_not_utf8_is_refused_even_when_a_valid_one_follows() {
    let bytes = b"\x08\x05\x12\x02\xff\xfe\x12\x04gone";
    assert!(pb::Status::decode(&bytes[..]).is_err());
    let err = Details::decode(bytes).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::InvalidUtf8 {
            field: "google.rpc.Status.message",
            offset: 4
        }
    );
    let status = Status::with_details(Code::NotFound, "gone", bytes.to_vec().into());
    assert!(status.rich_details().is_err());
    assert!(status.rich_view().is_err());
}

#[test]
fn an_envelope_prost_reads_is_read_whatever_its_details_hold() {
    // A detail whose bytes are not the message its type URL names, and one that is not
    // protobuf at all: the envelope is sound, so it decodes, as prost decodes it.
    let status = pb::Status {
        code: 5,
        message: "gone".into(),
        details: vec![
            packed(
                rich_status::detail::type_url::QUOTA_FAILURE,
                vec![0x0a, 0x10, b'x'],
            ),
            packed("type.googleapis.com/acme.v1.Thing", vec![0xff; 4]),
        ],
    };
    let bytes = status.encode_to_vec();
    assert!(pb::Status::decode(&bytes[..]).is_ok());
    let details = Details::decode(&bytes).unwrap();
    assert_eq!(details.len(), 2);
    assert_eq!(details.to_proto(), status);
    let status = Status::with_details(Code::NotFound, "gone", bytes.into());
    assert!(status.rich_details().is_ok());
    assert!(status.rich_view().is_ok());
}

#[test]
fn codes_outside_tonic_keep_their_number_in_a_mismatch() {
    use base64::Engine as _;
    use tonic::codegen::http::HeaderMap;
    let trailers = |code: &str, details: &[u8]| {
        let mut map = HeaderMap::new();
        map.insert("grpc-status", code.parse().unwrap());
        map.insert("grpc-message", "odd".parse().unwrap());
        let value = base64::engine::general_purpose::STANDARD_NO_PAD.encode(details);
        map.insert("grpc-status-details-bin", value.parse().unwrap());
        Status::from_header_map(&map).unwrap()
    };
    let ninety_nine = pb::Status {
        code: 99,
        message: "odd".into(),
        details: vec![],
    }
    .encode_to_vec();
    // grpc-status 99 and 99 inside: tonic reads the status as Unknown, and so reads the
    // code inside; they agree.
    let status = trailers("99", &ninety_nine);
    assert_eq!(status.code(), Code::Unknown);
    let details = status.rich_details().unwrap();
    assert_eq!(
        (details.code(), details.to_proto().code),
        (Code::Unknown, 99)
    );
    assert!(status.rich_view().is_ok());

    // 99 inside a NotFound: the error names the code sent, and says true things.
    let status = trailers("5", &ninety_nine);
    let err = status.rich_details().unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::CodeMismatch {
            outer: 5,
            inner: 99
        }
    );
    assert_eq!(
        err.to_string(),
        "status code 5 (NotFound) differs from the code 99 in grpc-status-details-bin"
    );
    assert_eq!(status.rich_view().unwrap_err().kind(), err.kind());
}

#[test]
fn a_grpc_message_that_is_not_utf8_is_named_as_such() {
    use base64::Engine as _;
    use tonic::codegen::http::HeaderMap;
    let bytes = rich_status::encode_status(Code::NotFound, "caf\u{e9}", |w| {
        w.error_info("GONE", "example.com");
    });
    let mut map = HeaderMap::new();
    map.insert("grpc-status", "5".parse().unwrap());
    // Latin-1 "café", percent-encoded: not UTF-8 once decoded.
    map.insert("grpc-message", "caf%E9".parse().unwrap());
    let value = base64::engine::general_purpose::STANDARD.encode(&bytes);
    map.insert("grpc-status-details-bin", value.parse().unwrap());
    let status = Status::from_header_map(&map).unwrap();
    assert_eq!(status.code(), Code::Unknown);

    let err = status.rich_details().unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::GrpcMessageNotUtf8);
    assert_eq!(
        err.to_string(),
        "grpc-message is not UTF-8 once percent-decoded, so tonic read the status as Unknown; \
         grpc-status-details-bin still has the code and message sent"
    );
    let details = err.details().unwrap();
    assert_eq!(
        (details.code(), details.message()),
        (Code::NotFound, "café")
    );
    assert_eq!(details.error_info().unwrap().reason, "GONE");
    assert_eq!(status.rich_view().unwrap_err().kind(), err.kind());
}

#[test]
fn raw_inputs_over_the_decode_limit_are_refused_unread() {
    let limit = rich_status::policy::DEFAULT_DECODE_LIMIT;
    assert_eq!(rich_status::policy::decode_limit(), limit);
    let long = "x".repeat(limit);
    let bytes = rich_status::encode_status(Code::NotFound, &long, |_| {});
    let err = Details::decode(&bytes).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::TooLarge {
            len: bytes.len(),
            limit
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "grpc-status-details-bin of {} bytes is over the decode limit of {limit}",
            bytes.len()
        )
    );
    assert_eq!(
        rich_status::decode::DetailsView::decode(&bytes)
            .unwrap_err()
            .kind(),
        err.kind()
    );
    // 16 KiB of base64 is the limit in trailer characters; a longer value is not decoded.
    let text = vec![b'A'; 16 * 1024 + 4];
    let err = Details::from_trailer(&text).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::TooLarge {
            len: 16 * 1024 + 4,
            limit: 16 * 1024
        }
    );
    // Up to the limit, all is read; a status from tonic is bounded by its transport.
    let fits = rich_status::encode_status(Code::NotFound, &long[..limit - 8], |_| {});
    assert!(fits.len() <= limit);
    assert!(Details::decode(&fits).is_ok());
    let status = Status::with_details(Code::NotFound, &long, bytes);
    assert_eq!(status.rich_details().unwrap().message(), long);
}

#[test]
fn an_unpacked_detail_says_where_it_stands() {
    let bytes = with_a_malformed_debug_info(2);
    let expected = "detail 2 (type.googleapis.com/google.rpc.DebugInfo) does not decode";
    let details = Details::decode(&bytes).unwrap();
    let any = details.anys().nth(2).unwrap();
    assert_eq!(any.index(), Some(2));
    let err = any.unpack::<pb::DebugInfo>().unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::Detail { index: Some(2), .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), expected);
    let view = rich_status::decode::DetailsView::decode(&bytes).unwrap();
    let err = view
        .anys()
        .nth(2)
        .unwrap()
        .unpack::<pb::DebugInfo>()
        .unwrap_err();
    assert_eq!(err.to_string(), expected);
    let err = rich_status::decode::StandardDetail::from_any(any).unwrap_err();
    assert_eq!(err.to_string(), expected);

    // An `Any` that stands in no status has no place to name.
    let alone =
        rich_status::decode::AnyRef::new(rich_status::detail::type_url::DEBUG_INFO, b"\x0a\x10x");
    assert_eq!(alone.index(), None);
    assert_eq!(
        alone.unpack::<pb::DebugInfo>().unwrap_err().to_string(),
        "a detail of type type.googleapis.com/google.rpc.DebugInfo does not decode"
    );
    // Where it stands is not what it is.
    assert_eq!(alone, any);
}

#[test]
fn decode_errors_quote_at_most_a_little_of_what_a_peer_sent() {
    let huge = "x".repeat(1 << 20);
    let status = Status::with_details(
        Code::NotFound,
        "gone",
        rich_status::encode_status(Code::NotFound, &huge, |_| {}),
    );
    let err = status.rich_details().unwrap_err();
    let text = err.to_string();
    assert!(text.len() < 400, "{} bytes", text.len());
    assert!(text.contains("(1048576 bytes)"), "{text}");
    let alone = rich_status::decode::AnyRef::new(&huge, b"");
    let text = alone.unpack::<pb::Help>().unwrap_err().to_string();
    assert!(text.len() < 400, "{} bytes", text.len());
}
