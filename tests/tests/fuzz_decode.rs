//! Mutated trailers, by the hundred thousand: decoding never panics, accepts exactly the
//! `google.rpc.Status` envelopes prost accepts (and reads them as prost does), the owned
//! `Details` and the in-place `DetailsView` agree on every input, and decoding takes at
//! most about twice the input in heap whatever the input holds.
//!
//! The ordinary `cargo test --workspace` runs 100,000 inputs. For a longer run:
//!
//! ```text
//! RICH_STATUS_FUZZ_CASES=10000000 cargo test --release -p rich-status-tests --test fuzz_decode
//! ```
//!
//! `RICH_STATUS_FUZZ_SEED` picks another sequence of inputs; a failure prints the input.

use std::cell::Cell;

use base64::Engine as _;
use prost::Message;
use rich_status::{Details, StatusExt, decode::DetailsView, pb};
use rich_status_tests::every_detail_status;
use tonic::{Code, Status};

#[global_allocator]
static GLOBAL: rich_status_tests::heap::Counting = rich_status_tests::heap::Counting;

/// What `f` took on this thread: the peak of heap bytes above what was in use before,
/// and the number of allocations (reallocations included).
fn heap_of<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let (value, heap) = rich_status_tests::heap::measure(f);
    (value, heap.peak, heap.allocations + heap.reallocations)
}

/// The heap decoding may take: twice the input (the copy and the message) and a little.
fn heap_bound(input: usize) -> usize {
    2 * input + 256
}

thread_local! {
    /// The largest heap `Details::decode` took per input byte, over inputs of 64 bytes
    /// or more.
    static LARGEST_RATIO: Cell<f64> = const { Cell::new(0.0) };
}

/// A small, fast, reproducible source of randomness (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
        Err(_) => default,
    }
}

fn any(type_url: &str, value: Vec<u8>) -> prost_types::Any {
    prost_types::Any {
        type_url: type_url.into(),
        value,
    }
}

/// Inputs to start from: every standard detail, the shapes that once cost memory or
/// depth, and nested groups near prost's limit.
fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![every_detail_status().encode_to_vec()];
    let greeter =
        rich_status::encode_status(Code::ResourceExhausted, "Request limit exceeded.", |w| {
            w.error_info("TOO_MANY_GREETINGS", "greeter.example.com")
                .metadata("name", "Ada");
            w.quota_violation("name: Ada", "Limit one greeting per person.");
        });
    seeds.push(greeter.to_vec());
    // Empty QuotaFailure violations and empty Anys: the most objects per byte.
    let quota = [0x0a, 0x00].repeat(200);
    seeds.push(
        pb::Status {
            code: 8,
            message: "q".into(),
            details: vec![any(rich_status::detail::type_url::QUOTA_FAILURE, quota)],
        }
        .encode_to_vec(),
    );
    seeds.push([0x1a, 0x00].repeat(300));
    // Metadata entries with distinct keys.
    let mut info = b"\x0a\x01R\x12\x01d".to_vec();
    for key in 0..100u8 {
        info.extend([0x1a, 0x05, 0x0a, 0x01, key, 0x12, 0x00]);
    }
    seeds.push(
        pb::Status {
            code: 5,
            message: "m".into(),
            details: vec![any(rich_status::detail::type_url::ERROR_INFO, info)],
        }
        .encode_to_vec(),
    );
    // Unknown groups nested 99 and 100 deep, in the Status and in an Any.
    for depth in [99, 100] {
        let mut groups = vec![0x4b; depth];
        groups.extend([0x50, 0x01]);
        groups.extend(vec![0x4c; depth]);
        let mut status = b"\x08\x05\x12\x01g".to_vec();
        status.extend(&groups);
        seeds.push(status);
        let mut value = b"\x0a\x05/x.Yz".to_vec();
        value.extend(&groups);
        let mut status = b"\x08\x05".to_vec();
        status.push(0x1a);
        prost::encoding::encode_varint(value.len() as u64, &mut status);
        status.extend(value);
        seeds.push(status);
    }
    seeds
}

/// Bytes that mean something on the wire: keys of each wire type, group starts and ends,
/// varint continuation, lengths.
const INTERESTING: [u8; 14] = [
    0x00, 0x01, 0x08, 0x0a, 0x0b, 0x0c, 0x12, 0x1a, 0x1b, 0x1c, 0x7f, 0x80, 0xff, 0x4b,
];

fn mutate(rng: &mut Rng, seed: &[u8], limit: usize) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = bytes.len();
        match rng.below(7) {
            0 if len > 0 => {
                let at = rng.below(len);
                bytes[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                bytes[at] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => {
                let at = rng.below(len + 1);
                let value = rng.next() as u8;
                bytes.insert(at, value);
            }
            3 if len > 0 => {
                let at = rng.below(len);
                let end = (at + 1 + rng.below(8)).min(len);
                bytes.drain(at..end);
            }
            4 if len > 0 => {
                // Repeat a run, as a peer padding a trailer with copies would.
                let at = rng.below(len);
                let end = (at + 1 + rng.below(32)).min(len);
                let run = bytes[at..end].repeat(1 + rng.below(16));
                bytes.splice(at..at, run);
            }
            5 => bytes.truncate(rng.below(len + 1)),
            _ if len > 0 => {
                let at = rng.below(len);
                bytes[at] = rng.next() as u8;
            }
            _ => {}
        }
    }
    bytes.truncate(limit);
    bytes
}

/// Checks one input; the message says what failed.
fn check(bytes: &[u8], deep: bool) -> Result<(), String> {
    let theirs = pb::Status::decode(bytes);

    let (ours, owned_heap, _) = heap_of(|| Details::decode(bytes));
    if ours.is_ok() != theirs.is_ok() {
        return Err(format!("prost says {theirs:?}, Details {ours:?}"));
    }
    if bytes.len() >= 64 {
        LARGEST_RATIO.set(
            LARGEST_RATIO
                .get()
                .max(owned_heap as f64 / bytes.len() as f64),
        );
    }
    if owned_heap > heap_bound(bytes.len()) {
        return Err(format!(
            "Details::decode took {owned_heap} bytes of heap for {} bytes",
            bytes.len()
        ));
    }

    let (view, view_heap, view_allocations) = heap_of(|| DetailsView::decode(bytes).map(|_| ()));
    // Reading in place allocates nothing; refusing makes one error (prost's primitives
    // box theirs).
    if view.is_ok() && (view_allocations != 0 || view_heap != 0) {
        return Err(format!(
            "DetailsView::decode allocated {view_allocations} times"
        ));
    }
    let view = view.and_then(|()| DetailsView::decode(bytes));
    match (&view, &ours) {
        (Err(v), Err(o)) if v.kind() == o.kind() => {}
        (Ok(_), Ok(_)) => {}
        _ => return Err(format!("the view says {view:?}, Details {ours:?}")),
    }

    let text = base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes);
    let (trailer, trailer_heap, _) = heap_of(|| Details::from_trailer(text.as_bytes()));
    if trailer_heap > heap_bound(text.len()) {
        return Err(format!(
            "Details::from_trailer took {trailer_heap} bytes of heap for {} bytes",
            text.len()
        ));
    }

    let (Ok(theirs), Ok(ours), Ok(view)) = (theirs, ours, view) else {
        return Ok(());
    };
    if ours.to_proto() != theirs {
        return Err("Details read other values than prost".into());
    }
    if trailer.as_ref().ok() != Some(&ours) {
        return Err(format!("from_trailer says {trailer:?}"));
    }
    if (view.code(), view.message(), view.len()) != (ours.code(), ours.message(), ours.len())
        || !view.anys().eq(ours.anys())
    {
        return Err("the view read other values than Details".into());
    }
    // The first ErrorInfo: read in place where prost's decoder reads it, and the same.
    let in_place = view.error_info().map(|info| info.to_proto());
    if in_place != ours.error_info() {
        return Err(format!(
            "ErrorInfo in place {in_place:?}, decoded {:?}",
            ours.error_info()
        ));
    }
    if deep {
        // Everything else a client may do with hostile details: never a panic.
        let _ = format!("{ours:?}{view:?}");
        let _ = ours.standard().count();
        let status = Status::with_details(ours.code(), ours.message(), bytes.to_vec().into());
        if status.rich_details().as_ref().ok() != Some(&ours) || status.rich_view().is_err() {
            return Err("the status reads otherwise than its bytes".into());
        }
    }
    Ok(())
}

#[test]
fn mutated_trailers_decode_as_prost_decodes_them_within_bounded_heap() {
    let cases = env_number("RICH_STATUS_FUZZ_CASES", 100_000);
    let mut rng = Rng(env_number("RICH_STATUS_FUZZ_SEED", 0x5eed_2026) | 1);
    let seeds = seeds();
    let limit = rich_status::policy::decode_limit();
    for seed in &seeds {
        check(seed, true).unwrap_or_else(|problem| panic!("seed {seed:02x?}: {problem}"));
    }
    let mut accepted = 0u64;
    for case in 0..cases {
        let seed = &seeds[rng.below(seeds.len())];
        let bytes = mutate(&mut rng, seed, limit);
        if let Err(problem) = check(&bytes, case % 16 == 0) {
            panic!("case {case}: {problem}\ninput: {bytes:02x?}");
        }
        accepted += u64::from(pb::Status::decode(&bytes[..]).is_ok());
    }
    eprintln!(
        "{accepted} of {cases} inputs accepted; Details::decode took at most {:.2}x its input in heap",
        LARGEST_RATIO.get()
    );
    // Both verdicts occur often enough for the comparison to mean something.
    assert!(
        accepted > cases / 10 && accepted < cases - cases / 10,
        "{accepted} of {cases} accepted"
    );
}

#[test]
fn a_trailer_of_the_most_objects_per_byte_takes_about_its_size_in_heap() {
    // Empty QuotaFailure violations (a 184-byte struct each for 2 bytes) and empty Anys,
    // filling the decode limit.
    let count = rich_status::policy::DEFAULT_DECODE_LIMIT / 2 - 40;
    let violations = pb::Status {
        code: 8,
        message: String::new(),
        details: vec![any(
            rich_status::detail::type_url::QUOTA_FAILURE,
            [0x0a, 0x00].repeat(count - 8),
        )],
    }
    .encode_to_vec();
    let anys = [0x1a, 0x00].repeat(count);
    for bytes in [violations, anys] {
        let (details, heap, _) = heap_of(|| Details::decode(&bytes).map(|d| d.len()));
        assert!(details.is_ok());
        assert!(
            heap <= heap_bound(bytes.len()),
            "{heap} bytes of heap for {} bytes",
            bytes.len()
        );
    }
}

#[test]
fn reading_in_place_allocates_nothing_whatever_the_envelope_holds() {
    // A thousand unknown groups, then an ErrorInfo.
    let mut bytes = b"\x08\x05\x12\x01g".to_vec();
    for _ in 0..1000 {
        bytes.extend([0x4b, 0x50, 0x01, 0x4c]);
    }
    let info = b"\x0a\x01R\x12\x01d\x1a\x06\x0a\x01k\x12\x01v";
    let detail = any(rich_status::detail::type_url::ERROR_INFO, info.to_vec()).encode_to_vec();
    bytes.push(0x1a);
    prost::encoding::encode_varint(detail.len() as u64, &mut bytes);
    bytes.extend(detail);
    let status = Status::with_details(Code::NotFound, "g", bytes.clone().into());
    let (reason, heap, allocations) = heap_of(|| {
        let view = status.rich_view().unwrap();
        view.error_info().map(|info| (info.reason(), info.get("k")))
    });
    assert_eq!(reason, Some(("R", Some("v"))));
    assert_eq!((heap, allocations), (0, 0));
}
