//! The trailer budget: oversized errors still arrive, with code, message (equal on both
//! sides), reason and domain, cut in the documented order, from a tonic client and from
//! Python's grpcio alike.

use std::sync::{Mutex, MutexGuard};

use rich_status::policy::TRUNCATED_KEY;
use rich_status::{StatusExt, policy};
use rich_status_examples::proto::HelloRequest;
use rich_status_examples::proto::greeter_client::GreeterClient;
use rich_status_tests::big_errors::{self, DOMAIN, text};
use rich_status_tests::python::python;
use rich_status_tests::trailer_cost;
use tonic::{Code, Status};

fn marker(status: &Status) -> Option<String> {
    let details = status.rich_details().unwrap();
    details.error_info()?.metadata.get(TRUNCATED_KEY).cloned()
}

const CASES: &[usize] = &[0, 4 * 1024, 8 * 1024, 16 * 1024, 100 * 1024, 1024 * 1024];

/// The policy's budgets every client must receive within: the default, and the largest.
const BUDGETS: [usize; 2] = [policy::DEFAULT_TRAILER_BUDGET, policy::MAX_TRAILER_BUDGET];

/// Held by each test that sets the policy's budget, or relies on the default.
static POLICY: Mutex<()> = Mutex::new(());

/// The policy's budget set to a value until dropped, then the default again.
struct Budget {
    _policy: MutexGuard<'static, ()>,
}

fn budget(bytes: usize) -> Budget {
    let guard = POLICY.lock().unwrap_or_else(|e| e.into_inner());
    policy::set_trailer_budget(bytes);
    Budget { _policy: guard }
}

impl Drop for Budget {
    fn drop(&mut self) {
        policy::set_trailer_budget(policy::DEFAULT_TRAILER_BUDGET);
    }
}

#[test]
fn every_oversized_error_fits_the_budget_and_keeps_what_must_survive() {
    policy::set_debug_info(true);
    let mut requests: Vec<String> = Vec::new();
    for n in CASES {
        requests.push(format!("debug:{n}"));
        requests.push(format!("meta:{n}"));
    }
    requests.push(format!("message:{}", 100 * 1024));
    for (limit, request) in BUDGETS
        .iter()
        .flat_map(|b| requests.iter().map(move |r| (*b, r)))
    {
        let _budget = budget(limit);
        let error = big_errors::BigError::for_name(request).unwrap();
        let status = Status::from(error);
        assert!(
            trailer_cost(&status) <= limit,
            "{request} within {limit}: {} bytes",
            trailer_cost(&status)
        );
        let details = status.rich_details().expect("code and message agree");
        let info = details.error_info().unwrap();
        assert_eq!(info.domain, DOMAIN, "{request}");
        match request.split(':').next().unwrap() {
            "debug" => {
                assert_eq!(
                    (status.code(), info.reason.as_str()),
                    (Code::Internal, "STORAGE_FAILED")
                );
                assert_eq!(status.message(), "internal error");
            }
            "meta" => {
                assert_eq!(
                    (status.code(), info.reason.as_str()),
                    (Code::ResourceExhausted, "BIG_METADATA")
                );
                // Whatever is kept of the value is its beginning, cut at a char boundary.
                let n: usize = request[5..].parse().unwrap();
                assert!(text(n).starts_with(&info.metadata["value"]), "{request}");
            }
            _ => {
                assert_eq!(
                    (status.code(), info.reason.as_str()),
                    (Code::InvalidArgument, "BIG_MESSAGE")
                );
                assert!(text(100 * 1024).starts_with(status.message()));
                assert!(
                    status.message().len() > 1000,
                    "as much message as fits is kept"
                );
                assert_eq!(info.metadata[TRUNCATED_KEY], "message");
            }
        }
    }
}

#[test]
fn small_errors_are_not_touched() {
    let _budget = budget(policy::DEFAULT_TRAILER_BUDGET);
    let status = Status::from(big_errors::BigError::for_name("meta:100").unwrap());
    assert_eq!(marker(&status), None);
    let details = status.rich_details().unwrap();
    assert_eq!(details.error_info().unwrap().metadata["value"], text(100));
}

#[test]
fn stack_entries_go_first_from_the_end() {
    let entries: Vec<String> = (0..100)
        .map(|i| format!("frame {i:03} {}", "x".repeat(90)))
        .collect();
    policy::set_debug_info(true);
    let _budget = budget(policy::DEFAULT_TRAILER_BUDGET);
    let status = rich_status::status(Code::Internal, "deep", |w| {
        w.error_info("DEEP", "stack.example.com");
        w.debug_info_entries(&entries, "the detail");
    });
    assert!(trailer_cost(&status) <= policy::DEFAULT_TRAILER_BUDGET);
    let details = status.rich_details().unwrap();
    let debug = details.debug_info().unwrap();
    let kept = debug.stack_entries.len();
    assert!(kept > 10 && kept < 100, "kept {kept}");
    assert_eq!(debug.stack_entries[..], entries[..kept]);
    assert_eq!(debug.detail, "the detail");
    assert_eq!(marker(&status).as_deref(), Some("debugInfo.stackEntries"));
}

/// The order of the module docs: each smaller budget cuts a longer prefix of it.
const ORDER: &[&str] = &[
    "debugInfo.stackEntries",
    "debugInfo.detail",
    "details",
    "violations",
    "text",
    "message",
    "allButErrorInfo",
];

#[test]
fn cuts_follow_the_documented_order() {
    policy::set_debug_info(true);
    // Whole, the status is just within the largest budget.
    let big = "y".repeat(700);
    let message = "m".repeat(700);
    let mut seen = Vec::new();
    let budgets = (250..20_000).rev().step_by(250).chain([200, 100, 0]);
    for budget in budgets {
        let status = rich_status::status_with_budget(
            Code::ResourceExhausted,
            message.clone(),
            budget,
            |w| {
                w.error_info("ORDERED", "order.example.com")
                    .metadata("note", &big);
                w.quota_violation("first", &big);
                w.quota_violation("second", &big);
                w.help_link(&big, "https://help.example.com");
                w.debug_info_entries([&big], &big);
            },
        );
        let details = status.rich_details().expect("code and message agree");
        let info = details.error_info().unwrap();
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("ORDERED", "order.example.com")
        );
        let cut: Vec<&str> = info
            .metadata
            .get(TRUNCATED_KEY)
            .map(|m| m.split(',').collect())
            .unwrap_or_default();
        // The mark lists what was cut in the documented order; short of the last step
        // (which subsumes the others), everything this status has is cut in order, so
        // what is cut is a prefix of the order.
        let steps: Vec<usize> = cut
            .iter()
            .map(|c| {
                ORDER
                    .iter()
                    .position(|o| o == c)
                    .expect("a documented step")
            })
            .collect();
        assert!(
            steps.windows(2).all(|w| w[0] < w[1]),
            "budget {budget}: {cut:?}"
        );
        let reached = steps.last().map_or(0, |s| s + 1);
        if reached < ORDER.len() {
            assert_eq!(cut[..], ORDER[..cut.len()], "budget {budget}");
            assert!(trailer_cost(&status) <= budget, "budget {budget}");
        }
        if cut.contains(&"details") || cut.contains(&"allButErrorInfo") {
            assert!(details.help().is_none());
        }
        if cut.contains(&"violations") {
            assert_eq!(details.quota_failure().unwrap().violations.len(), 1);
        }
        if cut.contains(&"allButErrorInfo") {
            assert_eq!(details.len(), 1);
        }
        seen.push(reached);
    }
    // Smaller budgets never cut less, and every step of the order was reached.
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    for step in 0..=ORDER.len() {
        assert!(
            seen.contains(&step),
            "no budget stopped at step {step}: {seen:?}"
        );
    }
}

/// Every request, 200 times, with a tonic client; returns how many arrived intact.
async fn tonic_intact(
    addr: std::net::SocketAddr,
    request: &str,
    code: Code,
    reason: &str,
) -> usize {
    let channel = rich_status_tests::connect(addr).await;
    let mut intact = 0;
    for _ in 0..200 {
        let mut client = GreeterClient::new(channel.clone());
        let status = client
            .say_hello(HelloRequest {
                name: request.into(),
            })
            .await
            .unwrap_err();
        let ok = status.code() == code
            && status
                .rich_details()
                .ok()
                .and_then(|d| d.error_info())
                .is_some_and(|i| i.reason == reason && i.domain == DOMAIN);
        intact += usize::from(ok);
    }
    intact
}

fn requests() -> Vec<(String, Code, &'static str)> {
    let mut all = Vec::new();
    for n in CASES {
        all.push((format!("debug:{n}"), Code::Internal, "STORAGE_FAILED"));
        all.push((format!("meta:{n}"), Code::ResourceExhausted, "BIG_METADATA"));
    }
    all.push((
        format!("message:{}", 100 * 1024),
        Code::InvalidArgument,
        "BIG_MESSAGE",
    ));
    all
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_of_two_hundred_arrive_at_a_tonic_client() {
    policy::set_debug_info(true);
    let (addr, _server) = big_errors::start().await;
    for limit in BUDGETS {
        let _budget = budget(limit);
        for (request, code, reason) in requests() {
            assert_eq!(
                tonic_intact(addr, &request, code, reason).await,
                200,
                "{request} within {limit}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_of_two_hundred_arrive_at_a_grpcio_client() {
    policy::set_debug_info(true);
    let (addr, _server) = big_errors::start().await;
    for (limit, (request, code, reason)) in BUDGETS
        .iter()
        .flat_map(|b| requests().into_iter().map(move |r| (*b, r)))
    {
        let _budget = budget(limit);
        let args = [
            format!("127.0.0.1:{}", addr.port()),
            request.clone(),
            "200".into(),
            (code as i32).to_string(),
            reason.into(),
            DOMAIN.into(),
        ];
        let out = tokio::task::spawn_blocking(move || {
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            python().run("budget_client.py", &refs)
        })
        .await
        .unwrap();
        let result: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(result["intact"], 200, "{request} within {limit}: {result}");
    }
}
