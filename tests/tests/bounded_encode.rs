//! Bounded work when an error becomes a status, whatever its values do: a `Display` that
//! writes something different at every call, one that writes 100 MiB, and every budget
//! from 0 to the largest. The trailer stays within its budget and valid protobuf, the
//! code, reason and domain arrive, a cut is marked, and the formatting a conversion does
//! is bounded by the budget, not by the values' size.

use std::cell::Cell;
use std::fmt;

use prost::Message as _;
use rich_status::budget::TRUNCATED_KEY;
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

/// The details of the shifty error: every kind of text the budget cuts.
fn shifty_details(w: &mut DetailWriter<'_>, values: &[Shifty; 6]) {
    w.error_info("SHIFTY", "shifty.example.com")
        .metadata("first", &values[0])
        .metadata("second", &values[1]);
    w.quota_violation(&values[2], "a fixed description");
    w.quota_violation("a fixed subject", &values[3]);
    w.request_info(&values[4]);
    w.debug_info_entries([&values[5], &values[0]], &values[1]);
}

#[test]
fn a_display_that_changes_at_every_call_stays_within_every_budget() {
    let _policy = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_debug_info(true);
    let values = [0, 1, 2, 3, 4, 5].map(Shifty::new);
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
        let before: usize = values.iter().map(|v| v.calls.get()).sum();
        let status = status_within(budget);
        let calls = values.iter().map(|v| v.calls.get()).sum::<usize>() - before;
        calls_most = calls_most.max(calls);

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
    println!("at most {calls_most} Display calls in one conversion");
    // Each of the six values is formatted once per pass over the details: once to write
    // a status within its budget, and over it once per size the budget's search tries.
    assert!(calls_most <= 6 * 48, "{calls_most} calls in one conversion");
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
        // formatted once, up to the budget; each detail value up to what is left of it,
        // once per pass over the details (a few dozen when the budget must cut).
        assert!(
            heap.peak < 4 * budget + 16 * 1024,
            "peak heap {}",
            heap.peak
        );
        assert!(error.message.taken.get() <= budget.min(message));
        for value in [&error.metadata, &error.subject, &error.entry] {
            let taken = value.taken.get();
            assert!(taken <= 48 * budget, "{taken} bytes formatted");
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
