//! Bounded work when an error becomes a status, whatever its values do: a `Display` that
//! writes something different at every call, one that writes 100 MiB, and every budget
//! from 0 to the largest. The trailer stays within its budget and valid protobuf, the
//! code, reason and domain arrive, a cut is marked, and the formatting a conversion does
//! is bounded by the budget, not by the values' size.

use std::cell::Cell;
use std::fmt;

use prost::Message as _;
use rich_status::policy::TRUNCATED_KEY;
use rich_status::{DetailWriter, RichStatus, StatusExt, pb, policy};
use rich_status_tests::{heap, trailer_cost};
use tonic::Code;

#[global_allocator]
static GLOBAL: heap::Counting = heap::Counting;

/// Held by each test that turns DebugInfo on, until it turns it off again.
static POLICY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A `Display` whose text changes at every call, in length and in content, with
/// characters of one to four bytes, as a clock or a counter's would.
struct Shifty {
    calls: Cell<usize>,
    seed: usize,
}

impl Shifty {
    fn new(seed: usize) -> Self {
        Shifty {
            calls: Cell::new(0),
            seed,
        }
    }
}

impl fmt::Display for Shifty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let call = self.calls.get() + 1;
        self.calls.set(call);
        let len = (call * 7919 + self.seed * 104_729) % 700;
        for i in 0..len {
            f.write_str(["a", "é", "€", "🦀"][(i + call) % 4])?;
        }
        Ok(())
    }
}

/// The details of the shifty error: every kind of text the budget cuts, each value once.
fn shifty_details(w: &mut DetailWriter<'_>, values: &[Shifty; 8]) {
    w.error_info("SHIFTY", "shifty.example.com")
        .metadata("first", &values[0])
        .metadata("second", &values[1]);
    w.quota_violation(&values[2], "a fixed description");
    w.quota_violation("a fixed subject", &values[3]);
    w.request_info(&values[4]);
    w.debug_info_entries([&values[5], &values[6]], &values[7]);
}

#[test]
fn a_display_that_changes_at_every_call_stays_within_every_budget() {
    let _policy = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let values = [0, 1, 2, 3, 4, 5, 6, 7].map(Shifty::new);
    let message = "shifting values";
    let status_within = |budget: usize| {
        rich_status::status_with_budget(Code::Unavailable, message, budget, |w| {
            shifty_details(w, &values)
        })
    };
    // Below what the code, reason, domain and mark take, the budget is met as nearly as
    // they allow: the smallest status the encoder makes.
    let least = trailer_cost(&status_within(0));
    let mut calls_most = 0;
    for budget in 0..=policy::MAX_TRAILER_BUDGET {
        let before = values.each_ref().map(|v| v.calls.get());
        let status = status_within(budget);
        let calls = (0..values.len()).map(|i| values[i].calls.get() - before[i]);
        calls_most = calls.fold(calls_most, usize::max);

        let cost = trailer_cost(&status);
        assert!(cost <= budget.max(least), "budget {budget}: {cost} bytes");
        assert_eq!(status.code(), Code::Unavailable, "budget {budget}");
        let decoded = pb::Status::decode(status.details()).expect("valid protobuf");
        assert_eq!(decoded.message, status.message(), "budget {budget}");
        let details = status.rich_details().expect("code and message agree");
        assert_eq!(details.len(), decoded.details.len());
        assert!(
            details.standard().count() == details.len(),
            "budget {budget}"
        );
        let info = details.error_info().expect("ErrorInfo survives");
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("SHIFTY", "shifty.example.com"),
            "budget {budget}"
        );
        // Unmarked means nothing left out: every detail and violation is there.
        if !info.metadata.contains_key(TRUNCATED_KEY) {
            assert_eq!(details.len(), 4, "budget {budget}: unmarked, yet cut");
            assert_eq!(details.quota_failure().unwrap().violations.len(), 2);
            assert_eq!(details.debug_info().unwrap().stack_entries.len(), 2);
            assert_eq!(status.message(), message);
        }
    }
    policy::set_debug_info(false);
    // Each value is formatted once to write a status within its budget, and over it
    // once more, for every pass that chooses and writes the cut.
    assert_eq!(
        calls_most, 2,
        "calls of one value's Display in one conversion"
    );
}

/// Writes `total` bytes in chunks of 1 KiB, counting the bytes the formatter took; it
/// stops when the formatter says so, as `write!` does.
struct Huge {
    total: usize,
    taken: Cell<usize>,
}

impl Huge {
    fn bytes(total: usize) -> Self {
        Huge {
            total,
            taken: Cell::new(0),
        }
    }
}

impl fmt::Display for Huge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chunk = "x".repeat(1024);
        for _ in 0..self.total / 1024 {
            f.write_str(&chunk)?;
            self.taken.set(self.taken.get() + 1024);
        }
        Ok(())
    }
}

/// An error whose message, metadata value, violation and stack entry are each as long
/// as asked.
struct Enormous {
    message: Huge,
    metadata: Huge,
    subject: Huge,
    entry: Huge,
}

impl RichStatus for Enormous {
    fn code(&self) -> Code {
        Code::InvalidArgument
    }
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message, f)
    }
    fn details(&self, w: &mut DetailWriter<'_>) {
        w.error_info("ENORMOUS", "huge.example.com")
            .metadata("value", &self.metadata);
        w.quota_violation(&self.subject, "too much");
        w.debug_info_entries([&self.entry], "detail");
    }
}

#[test]
fn values_of_100_mib_are_formatted_only_as_far_as_the_budget() {
    let _policy = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let budget = policy::trailer_budget();
    // A message of 100 MiB beside the details, then one of 1 KiB, which leaves the
    // details room to be formatted in.
    for message in [100 << 20, 1024] {
        let error = Enormous {
            message: Huge::bytes(message),
            metadata: Huge::bytes(100 << 20),
            subject: Huge::bytes(100 << 20),
            entry: Huge::bytes(100 << 20),
        };
        let (status, heap) = heap::measure(|| error.to_status());
        println!(
            "message of {message} bytes: peak heap {} bytes; formatted: message {}, metadata {}, subject {}, entry {}",
            heap.peak,
            error.message.taken.get(),
            error.metadata.taken.get(),
            error.subject.taken.get(),
            error.entry.taken.get()
        );

        assert!(trailer_cost(&status) <= budget);
        let details = status.rich_details().expect("code and message agree");
        let info = details.error_info().unwrap();
        assert_eq!(info.reason, "ENORMOUS");
        assert!(info.metadata.contains_key(TRUNCATED_KEY));
        // The conversion's heap and formatting are bounded by the budget: the message is
        // formatted once, up to the budget; each detail value at most twice, each time
        // up to the budget.
        assert!(
            heap.peak < 4 * budget + 16 * 1024,
            "peak heap {}",
            heap.peak
        );
        assert!(error.message.taken.get() <= budget.min(message));
        for value in [&error.metadata, &error.subject, &error.entry] {
            let taken = value.taken.get();
            assert!(taken <= 2 * budget, "{taken} bytes formatted");
        }
    }
    policy::set_debug_info(false);
}

/// A `Display` that panics: a bug of the service's, like any panic in a handler.
struct Panicking;

impl fmt::Display for Panicking {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        panic!("a Display that panics");
    }
}

#[test]
fn a_panicking_display_propagates_and_the_next_conversion_is_sound() {
    let panicking = std::panic::catch_unwind(|| {
        rich_status::status(Code::Internal, "boom", |w| {
            w.error_info("PANICS", "panic.example.com")
                .metadata("value", Panicking);
        })
    });
    assert!(panicking.is_err(), "the panic reaches the caller");
    // The thread's encoder is left as it was: the next status on it is whole.
    let status = rich_status::status(Code::NotFound, "gone", |w| {
        w.error_info("GONE", "panic.example.com").metadata("id", 7);
    });
    let info = status.rich_details().unwrap().error_info().unwrap();
    assert_eq!(
        (info.reason.as_str(), info.metadata["id"].as_str()),
        ("GONE", "7")
    );
}

/// Captures a backtrace `depth` calls deep.
#[inline(never)]
fn backtrace_at(depth: usize) -> std::backtrace::Backtrace {
    if depth == 0 {
        std::backtrace::Backtrace::force_capture()
    } else {
        std::hint::black_box(backtrace_at(std::hint::black_box(depth - 1)))
    }
}

#[test]
fn a_deep_backtrace_is_formatted_only_as_far_as_the_budget() {
    let _policy = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    // Thousands of frames: far more text than any trailer holds.
    let backtrace = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| backtrace_at(3000))
        .unwrap()
        .join()
        .unwrap();
    // Its symbols are resolved once, by its first formatting; the conversion's work is
    // what follows.
    let text = backtrace.to_string();
    assert!(text.len() > 64 * 1024, "{} bytes of backtrace", text.len());
    let error = std::io::Error::other("disk full");

    policy::set_debug_info(true);
    let (status, heap) = heap::measure(|| {
        rich_status::status(Code::Internal, "internal error", |w| {
            w.error_info("STORAGE", "db.example.com");
            w.debug_info(&error, Some(&error), Some(&backtrace));
        })
    });
    policy::set_debug_info(false);

    let budget = policy::trailer_budget();
    assert!(trailer_cost(&status) <= budget);
    let details = status.rich_details().expect("code and message agree");
    let info = details.error_info().unwrap();
    assert_eq!(info.metadata[TRUNCATED_KEY], "debugInfo.stackEntries");
    let debug = details
        .debug_info()
        .expect("DebugInfo with the frames that fit");
    let first_frame = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap();
    assert_eq!(debug.stack_entries[0], first_frame);
    assert!(
        heap.peak < 4 * budget + 16 * 1024,
        "peak heap {} bytes",
        heap.peak
    );
}

/// The `n`th value of the places test: its number, then a filler of a length of its own,
/// with characters of one to four bytes.
struct Place(usize);

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}:", self.0)?;
        for i in 0..(20 + self.0 * 37 % 300) {
            f.write_str(["a", "é", "€", "🦀"][(i + self.0) % 4])?;
        }
        Ok(())
    }
}

#[test]
fn every_text_that_arrives_is_its_own_value_whatever_the_cut_leaves_out() {
    let _policy = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    let v = Place;
    let describe = |w: &mut DetailWriter<'_>| {
        w.error_info("PLACES", "places.example.com")
            .metadata("m0", v(0))
            .metadata("m1", v(1));
        w.request_info(v(2)).serving_data(v(3));
        w.quota_violation(v(4), v(5));
        w.quota_violation(v(6), v(7));
        w.field_violation(v(8), v(9))
            .reason(v(10))
            .localized_message(v(11), v(12));
        w.field_violation(v(13), v(14))
            .localized_message(v(15), v(16));
        w.help_link(v(17), v(18));
        w.debug_info_entries([v(19), v(20), v(21)], v(22));
        w.resource_info(v(23), v(24)).owner(v(25));
        w.quota_violation(v(26), v(27));
    };
    policy::set_debug_info(true);
    for budget in 0..=policy::MAX_TRAILER_BUDGET {
        let status = rich_status::status_with_budget(Code::Aborted, "places", budget, describe);
        let whole = |arrived: &str, n: usize| {
            let value = Place(n).to_string();
            assert!(
                value.starts_with(arrived),
                "budget {budget}: value {n} arrived as {arrived:?}"
            );
            arrived.len() == value.len()
        };
        let decoded = pb::Status::decode(status.details()).expect("valid protobuf");
        let mut cut = false;
        let mut quota_failures = 0;
        for any in &decoded.details {
            let value = &any.value[..];
            match any.type_url.rsplit('.').next().unwrap() {
                "ErrorInfo" => {
                    let info = pb::ErrorInfo::decode(value).unwrap();
                    for (key, n) in [("m0", 0), ("m1", 1)] {
                        if let Some(arrived) = info.metadata.get(key) {
                            whole(arrived, n);
                        }
                    }
                    cut = info.metadata.contains_key(TRUNCATED_KEY);
                }
                "RequestInfo" => {
                    let info = pb::RequestInfo::decode(value).unwrap();
                    whole(&info.request_id, 2);
                    whole(&info.serving_data, 3);
                }
                "QuotaFailure" => {
                    let failure = pb::QuotaFailure::decode(value).unwrap();
                    let first = [4, 26][quota_failures];
                    quota_failures += 1;
                    for (i, violation) in failure.violations.iter().enumerate() {
                        whole(&violation.subject, first + 2 * i);
                        whole(&violation.description, first + 2 * i + 1);
                    }
                }
                "BadRequest" => {
                    let request = pb::BadRequest::decode(value).unwrap();
                    for (violation, first) in request.field_violations.iter().zip([8, 13]) {
                        whole(&violation.field, first);
                        whole(&violation.description, first + 1);
                        let localized = violation.localized_message.as_ref().unwrap();
                        let at = if first == 8 {
                            whole(&violation.reason, 10);
                            11
                        } else {
                            15
                        };
                        whole(&localized.locale, at);
                        whole(&localized.message, at + 1);
                    }
                }
                "Help" => {
                    let help = pb::Help::decode(value).unwrap();
                    whole(&help.links[0].description, 17);
                    whole(&help.links[0].url, 18);
                }
                "DebugInfo" => {
                    let debug = pb::DebugInfo::decode(value).unwrap();
                    for (i, entry) in debug.stack_entries.iter().enumerate() {
                        whole(entry, 19 + i);
                    }
                    whole(&debug.detail, 22);
                }
                "ResourceInfo" => {
                    let info = pb::ResourceInfo::decode(value).unwrap();
                    whole(&info.resource_type, 23);
                    whole(&info.resource_name, 24);
                    whole(&info.owner, 25);
                }
                other => panic!("budget {budget}: an unexpected {other}"),
            }
        }
        if !cut {
            assert_eq!(
                decoded.details.len(),
                8,
                "budget {budget}: unmarked, yet cut"
            );
        }
    }
    policy::set_debug_info(false);
}

#[test]
fn a_description_that_makes_other_calls_each_time_still_stays_within_every_budget() {
    // Against the description's contract, yet the status must still arrive: every call
    // writes another number of `Display` values, in other places.
    let calls = Cell::new(0usize);
    let describe = |w: &mut DetailWriter<'_>| {
        let call = calls.get() + 1;
        calls.set(call);
        {
            let mut info = w.error_info("RESTLESS", "restless.example.com");
            for i in 0..call % 5 {
                info.metadata(if i % 2 == 0 { "even" } else { "odd" }, Place(call + i));
            }
        }
        if call % 2 == 1 {
            w.request_info(Place(call));
        }
        w.quota_violation(Place(call * 3), Place(call * 7));
    };
    let least = trailer_cost(&rich_status::status_with_budget(
        Code::Unavailable,
        "restless",
        0,
        describe,
    ));
    for budget in 0..=policy::MAX_TRAILER_BUDGET {
        let status =
            rich_status::status_with_budget(Code::Unavailable, "restless", budget, describe);
        assert!(
            trailer_cost(&status) <= budget.max(least),
            "budget {budget}"
        );
        pb::Status::decode(status.details()).expect("valid protobuf");
        let details = status.rich_details().expect("code and message agree");
        let info = details.error_info().expect("ErrorInfo survives");
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("RESTLESS", "restless.example.com"),
            "budget {budget}"
        );
    }
}
