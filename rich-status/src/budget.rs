//! The trailer budget's machinery: the steps of the order that
//! [`policy`](crate::policy#the-trailer-budget) documents, the cut a status takes, and
//! the cost of its trailers.

use std::fmt;

use crate::kind::Class;

/// What the encoder leaves out of one status.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cut {
    /// `DebugInfo` stack entries kept, at most.
    pub(crate) stack_entries: usize,
    pub(crate) debug_detail: bool,
    pub(crate) optional_details: bool,
    /// Violations kept per detail, at most.
    pub(crate) violations: usize,
    /// Bytes kept of each text value in the details, at most.
    pub(crate) text: usize,
    /// Bytes of the message kept.
    pub(crate) message: usize,
    /// Bytes of the whole message.
    pub(crate) full_message: usize,
    pub(crate) only_error_info: bool,
    /// What the mark lists: `None` while searching (every step applied so far, an upper
    /// bound of its length), then what the measure pass saw cut.
    pub(crate) effects: Option<u8>,
    /// The most bytes of `google.rpc.Status` a status within the budget has: an encoder
    /// that reaches it stops formatting, since what it writes cannot be sent whole.
    pub(crate) room: usize,
}

/// One step of the order `policy` documents: what the budget leaves out next. [`fit`]
/// takes them in [`Step::ORDER`], a pass notes the ones it saw cut something, and the
/// mark lists them by [`name`](Step::name).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Step {
    /// 1. `DebugInfo` stack entries, from the last one back.
    StackEntries,
    /// 2. the `DebugInfo` detail text.
    DebugDetail,
    /// 3. optional details.
    Details,
    /// 4. violations beyond the first of each detail.
    Violations,
    /// 5. text in the details, cut to a common length.
    Text,
    /// 6. the message.
    Message,
    /// 7. every detail but `ErrorInfo`, and its metadata.
    AllButErrorInfo,
}

impl Step {
    /// The steps in the order the budget takes them.
    pub(crate) const ORDER: [Step; 7] = [
        Step::StackEntries,
        Step::DebugDetail,
        Step::Details,
        Step::Violations,
        Step::Text,
        Step::Message,
        Step::AllButErrorInfo,
    ];

    /// The step's bit in a set of steps.
    pub(crate) const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The step's name in the mark.
    const fn name(self) -> &'static str {
        match self {
            Step::StackEntries => "debugInfo.stackEntries",
            Step::DebugDetail => "debugInfo.detail",
            Step::Details => "details",
            Step::Violations => "violations",
            Step::Text => "text",
            Step::Message => "message",
            Step::AllButErrorInfo => "allButErrorInfo",
        }
    }
}

impl Cut {
    /// Nothing left out of a status whose message is `message_len` bytes.
    pub(crate) fn none(message_len: usize) -> Self {
        Cut {
            stack_entries: usize::MAX,
            debug_detail: true,
            optional_details: true,
            violations: usize::MAX,
            text: usize::MAX,
            message: message_len,
            full_message: message_len,
            only_error_info: false,
            effects: None,
            room: usize::MAX,
        }
    }

    /// Nothing left out yet of a status whose message is `message_len` bytes, to be fit
    /// into `budget`.
    pub(crate) fn within(message_len: usize, budget: usize) -> Self {
        Cut {
            // Base64 makes the details 4/3 of their size: more than `budget` bytes of
            // them are always over it.
            room: budget,
            ..Cut::none(message_len)
        }
    }

    /// True when nothing is cut (the usual case, checked first).
    #[inline]
    pub(crate) fn is_whole(&self) -> bool {
        // `takes` for every step, spelled out: every conversion asks this, and the loop
        // over the steps costs the greeter 1% more instructions. A test holds the two
        // equal.
        self.stack_entries == usize::MAX
            && self.text == usize::MAX
            && self.violations == usize::MAX
            && self.message == self.full_message
            && self.debug_detail
            && self.optional_details
            && !self.only_error_info
    }

    /// Whether this cut takes `step` (in part or whole).
    fn takes(&self, step: Step) -> bool {
        match step {
            Step::StackEntries => self.stack_entries != usize::MAX,
            Step::DebugDetail => !self.debug_detail,
            Step::Details => !self.optional_details,
            Step::Violations => self.violations != usize::MAX,
            Step::Text => self.text != usize::MAX,
            Step::Message => self.message != self.full_message,
            Step::AllButErrorInfo => self.only_error_info,
        }
    }

    /// Takes `step` whole: leaves out everything it leaves out.
    fn take(&mut self, step: Step) {
        match step {
            Step::StackEntries => self.stack_entries = 0,
            Step::DebugDetail => self.debug_detail = false,
            Step::Details => self.optional_details = false,
            Step::Violations => self.violations = 1,
            Step::Text => self.text = 0,
            Step::Message => self.message = 0,
            Step::AllButErrorInfo => self.only_error_info = true,
        }
    }

    /// The steps taken so far, as a set of bits.
    fn applied(&self) -> u8 {
        Step::ORDER
            .iter()
            .filter(|step| self.takes(**step))
            .fold(0, |bits, step| bits | step.bit())
    }

    /// The steps that leave a detail of `class` out (a set of bits), or 0.
    pub(crate) fn skipped_by(&self, class: Class) -> u8 {
        match class {
            Class::ErrorInfo => 0,
            _ if self.only_error_info => Step::AllButErrorInfo.bit(),
            Class::Debug if self.stack_entries == 0 && !self.debug_detail => {
                Step::StackEntries.bit() | Step::DebugDetail.bit()
            }
            Class::Debug | Class::Kept => 0,
            Class::Optional if !self.optional_details => Step::Details.bit(),
            Class::Optional => 0,
        }
    }

    /// The `richStatusTruncated` value, when anything was left out.
    pub(crate) fn marker(&self) -> Option<Marker> {
        if self.effects.is_none() && self.is_whole() {
            return None;
        }
        let bits = self.effects.unwrap_or_else(|| self.applied());
        (bits != 0).then_some(Marker(bits))
    }
}

/// Lists what was cut, comma-separated, in the order of the steps.
#[derive(Clone, Copy)]
pub(crate) struct Marker(u8);

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for step in Step::ORDER.iter().filter(|step| self.0 & step.bit() != 0) {
            if !first {
                f.write_str(",")?;
            }
            f.write_str(step.name())?;
            first = false;
        }
        Ok(())
    }
}

/// The cut that fits a status into `budget`: nothing, when it fits already, or else the
/// least that the documented order ([`Step::ORDER`]) allows. `cost(cut)` measures the status with
/// a cut and returns what its trailers cost.
///
/// It takes the steps in their order, each whole, until the status fits (the last step
/// is taken whatever it costs); then it gives back as much of what that step cut as
/// still fits: stack entries, text, message bytes.
pub(crate) fn fit(message: &str, budget: usize, mut cost: impl FnMut(&Cut) -> usize) -> Cut {
    let mut cut = Cut::within(message.len(), budget);
    let mut fits = |cut: &Cut| cost(cut) <= budget;
    if fits(&cut) {
        return cut;
    }
    for step in Step::ORDER {
        cut.take(step);
        if step == Step::AllButErrorInfo || fits(&cut) {
            give_back(&mut cut, step, message, &mut fits);
            break;
        }
    }
    cut
}

/// The last step's cut, whatever the status's values: every step taken, ErrorInfo's
/// reason and domain alone, beside as much message as fits. What it keeps is the code,
/// `&str`s and the mark, so two passes over it always agree: the encoder falls back to
/// it when the description made other calls in the search than in the last measure.
pub(crate) fn least(message: &str, budget: usize, mut cost: impl FnMut(&Cut) -> usize) -> Cut {
    let mut cut = Cut::within(message.len(), budget);
    for step in Step::ORDER {
        cut.take(step);
    }
    give_back(
        &mut cut,
        Step::AllButErrorInfo,
        message,
        &mut |cut: &Cut| cost(cut) <= budget,
    );
    cut
}

/// Gives back as much of what `step` cut as `fits` allows, for the steps that cut by an
/// amount.
fn give_back(cut: &mut Cut, step: Step, message: &str, fits: &mut impl FnMut(&Cut) -> bool) {
    match step {
        Step::StackEntries => {
            let base = *cut;
            cut.stack_entries = largest(MAX_COUNT, |k| {
                fits(&Cut {
                    stack_entries: k,
                    ..base
                })
            });
        }
        Step::Text => {
            let base = *cut;
            cut.text = largest(MAX_COUNT, |t| fits(&Cut { text: t, ..base }));
        }
        // After the message, what the last step keeps beside the ErrorInfo is message.
        Step::Message | Step::AllButErrorInfo => {
            let base = *cut;
            cut.message = fit_message(message, |m| fits(&Cut { message: m, ..base }));
        }
        Step::DebugDetail | Step::Details | Step::Violations => {}
    }
}

/// Counts and lengths are searched up to this; nothing real is larger.
const MAX_COUNT: usize = 1 << 30;

/// The largest `n` in `0..=max` with `fits(n)`, given `fits(0)` and that `fits` holds
/// below any `n` it holds for: doubling, then bisection.
fn largest(max: usize, mut fits: impl FnMut(usize) -> bool) -> usize {
    let mut lo = 0;
    let mut hi = 1;
    while hi <= max && fits(hi) {
        lo = hi;
        hi *= 2;
    }
    let mut hi = hi.min(max + 1);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The longest prefix of `message`, ending at a char boundary, that fits.
fn fit_message(message: &str, mut fits: impl FnMut(usize) -> bool) -> usize {
    let bytes = largest(message.len(), |m| {
        fits(crate::text::floor_char_boundary(message, m))
    });
    crate::text::floor_char_boundary(message, bytes)
}

/// Whether the three trailers of a status fit in `budget`: counted at once when even a
/// message escaped byte for byte would fit (the usual case), exactly otherwise.
pub(crate) fn fits(code: i32, message: &[u8], details_len: usize, budget: usize) -> bool {
    let escaped_at_most = message.len().saturating_mul(3);
    cost_with(code, message.len(), escaped_at_most, details_len) <= budget
        || trailer_cost(code, message, details_len) <= budget
}

/// What the three trailers of a status cost against the budget, counted as HTTP/2
/// counts a header list: name, value and 32 bytes of overhead per entry.
pub(crate) fn trailer_cost(code: i32, message: &[u8], details_len: usize) -> usize {
    let escaped = if message.is_empty() {
        0
    } else {
        crate::grpc_message::encoded_len(message)
    };
    cost_with(code, message.len(), escaped, details_len)
}

/// What a `grpc-retry-pushback-ms` trailer of `milliseconds` costs against the budget.
pub(crate) fn pushback_cost(milliseconds: Option<u64>) -> usize {
    milliseconds.map_or(0, |ms| {
        "grpc-retry-pushback-ms".len() + ms.checked_ilog10().map_or(1, |d| d as usize + 1) + 32
    })
}

/// [`trailer_cost`] given the length of the message once percent-encoded.
fn cost_with(code: i32, message_len: usize, escaped_len: usize, details_len: usize) -> usize {
    const ENTRY: usize = 32;
    let digits = code
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d as usize + 1);
    let status = "grpc-status".len() + digits + usize::from(code < 0) + ENTRY;
    let message = if message_len == 0 {
        0
    } else {
        "grpc-message".len() + escaped_len + ENTRY
    };
    let details = if details_len == 0 {
        0
    } else {
        // Unpadded base64, as tonic writes binary headers.
        "grpc-status-details-bin".len() + details_len.saturating_mul(4).div_ceil(3) + ENTRY
    };
    status.saturating_add(message).saturating_add(details)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_counts_names_values_and_overhead() {
        // grpc-status: "8"; grpc-message: "ok"; details: 3 bytes -> "AAAA".
        assert_eq!(
            trailer_cost(8, b"ok", 3),
            (11 + 1 + 32) + (12 + 2 + 32) + (23 + 4 + 32)
        );
        assert_eq!(trailer_cost(0, b"", 0), 11 + 1 + 32);
        assert_eq!(trailer_cost(16, b"", 0), 11 + 2 + 32);
        assert_eq!(trailer_cost(-1, b"", 0), 11 + 2 + 32);
        assert_eq!(pushback_cost(Some(1500)), 22 + 4 + 32);
        assert_eq!(pushback_cost(Some(0)), 22 + 1 + 32);
        assert_eq!(pushback_cost(None), 0);
    }

    #[test]
    fn fit_takes_the_steps_in_order_and_gives_back_what_fits() {
        // A cost that falls with each step taken, and with fewer stack entries.
        let cost = |cut: &Cut| {
            let steps = Step::ORDER.iter().filter(|s| cut.takes(**s)).count();
            1000 - 100 * steps + cut.stack_entries.min(10) * 10
        };
        // Within 1000: nothing cut.
        assert!(fit("m", 2000, cost).is_whole());
        // The first step, giving back 5 of the entries.
        let cut = fit("m", 950, cost);
        assert_eq!(cut.applied(), Step::StackEntries.bit());
        assert_eq!(cut.stack_entries, 5);
        // Three steps whole.
        let cut = fit("m", 700, cost);
        assert_eq!(
            cut.applied(),
            Step::StackEntries.bit() | Step::DebugDetail.bit() | Step::Details.bit()
        );
        assert_eq!(cut.stack_entries, 0);
        // Nothing fits: every step, and no message.
        let cut = fit("m", 0, cost);
        assert_eq!(cut.applied(), 0b111_1111);
        assert_eq!(cut.message, 0);
        let least = least("m", 0, cost);
        assert_eq!(
            (least.applied(), least.message),
            (cut.applied(), cut.message)
        );
    }

    #[test]
    fn a_cut_is_whole_when_it_takes_no_step() {
        let none = Cut::none(10);
        assert!(none.is_whole());
        for step in Step::ORDER {
            let mut cut = none;
            cut.take(step);
            assert!(cut.takes(step), "{step:?}");
            assert!(!cut.is_whole(), "{step:?}");
        }
    }

    #[test]
    fn marker_lists_what_was_cut() {
        let mut cut = Cut::none(10);
        assert!(cut.marker().is_none());
        cut.debug_detail = false;
        cut.message = 4;
        assert_eq!(
            cut.marker().unwrap().to_string(),
            "debugInfo.detail,message"
        );
    }
}
