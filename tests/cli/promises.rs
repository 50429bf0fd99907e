//! Behaviour the README promises that used to be checked only by reading the code.

use crate::support::*;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn a_retry_after_pauses_every_worker_of_a_batch() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(12));
    let arrivals: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let limited_at: Arc<Mutex<Option<Instant>>> = Arc::default();
    let (a2, l2) = (arrivals.clone(), limited_at.clone());
    let stub = Stub::start(move |_| {
        let n = {
            let mut a = a2.lock().unwrap();
            a.push(Instant::now());
            a.len()
        };
        if n == 1 {
            *l2.lock().unwrap() = Some(Instant::now());
            return Canned::json(429, &json!({"error": {"message": "slow down"}})).header("Retry-After", "2");
        }
        // The other requests already in flight are answered a little later, once the 429 has
        // surely reached the client; what they do next is the gate's business.
        if n <= 4 {
            std::thread::sleep(Duration::from_millis(500));
        }
        Canned::json(200, &envelope(sample_sequence(n as i64)))
    });
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--concurrency", "4"]).run();
    run.ok();
    let limited = limited_at.lock().unwrap().unwrap();
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 13, "12 lines and one retry");
    for (i, at) in arrivals.iter().enumerate().skip(4) {
        let after = at.duration_since(limited);
        assert!(after >= Duration::from_millis(1950), "request {} started {after:?} after the 429", i + 1);
    }
}

#[test]
fn a_closed_stdout_is_a_quiet_success() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    // `clarion ... | head -c1`: the reader is gone before clarion writes.
    let running = t.authed(&stub.url).args(["sequence", "show", "1", "--json"]).spawn_with_stdout_closed();
    let run = running.wait();
    run.ok();
    assert_eq!(run.stderr, "", "nothing to say about a reader that left");
}

#[test]
fn api_retries_only_what_is_safe_to_repeat() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(503, &json!({"error": {"message": "busy"}})).header("Retry-After", "0"));
    let run = t.authed(&stub.url).args(["--retries", "3", "api", "POST", "/v1/x", "-F", "a=1"]).run();
    run.code(6);
    assert_eq!(stub.requests().len(), 1, "a POST without an Idempotency-Key is never repeated");
    let run = t
        .authed(&stub.url)
        .args(["--retries", "3", "api", "POST", "/v1/x", "-F", "a=1", "-H", "Idempotency-Key: k1"])
        .run();
    run.code(6);
    assert_eq!(stub.requests().len(), 1 + 4);
    let run = t.authed(&stub.url).args(["--retries", "3", "api", "/v1/x"]).run();
    run.code(6);
    assert_eq!(stub.requests().len(), 5 + 4, "a GET is repeatable");
    // PUT and DELETE are repeat-safe by HTTP's definition; PATCH, like POST, is not.
    let mut sent = 9;
    for (method, tries) in [("PUT", 4), ("DELETE", 4), ("PATCH", 1)] {
        let run = t.authed(&stub.url).args(["--retries", "3", "api", method, "/v1/x"]).run();
        run.code(6);
        sent += tries;
        let requests = stub.requests();
        assert_eq!(requests.len(), sent, "{method}");
        assert!(requests[sent - tries..].iter().all(|r| r.method == method), "{method}");
    }
}

#[test]
fn two_batches_on_one_journal_are_refused() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    t.write("b.jsonl", &jsonl_lines(3));
    // Another clarion holds the journal (its lock, as a running batch would).
    let journal = t.work().join("b.jsonl.journal");
    let held = std::fs::File::create(&journal).unwrap();
    held.lock().unwrap();
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl"]).run();
    run.code(2);
    assert!(run.stderr.contains("b.jsonl.journal is in use: another clarion is running this batch"), "{}", run.stderr);
    assert!(stub.requests().is_empty());
    drop(held);
    t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl"]).run().ok();
    assert_eq!(stub.requests().len(), 3);
}
