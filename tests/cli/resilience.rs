//! Retries that never duplicate, timeouts that never hang, answers that never panic.

use crate::support::*;
use serde_json::json;
use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};

fn create_args(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> =
        ["sequence", "create", "--name", "x", "--step", "voice", "-q"].iter().map(|s| s.to_string()).collect();
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

#[test]
fn fifty_shows_succeed_through_a_30_percent_failure_rate() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--fail-rate", "0.3", "--retry-after", "0", "--seed", "11"]);
    let mut failures_seen = 0;
    for i in 1..=50 {
        let run = t.authed(&sb.url).args(["--retries", "10", "-v"]).args(create_args(&[])).run();
        run.code(0);
        assert_eq!(run.stdout, format!("{i}\n"));
        failures_seen += run.stderr.matches("retrying in").count();
    }
    for i in 1..=50 {
        let run = t.authed(&sb.url).args(["--retries", "10", "-v", "sequence", "show", &i.to_string(), "-q"]).run();
        run.code(0);
        failures_seen += run.stderr.matches("retrying in").count();
    }
    assert!(failures_seen > 10, "the sandbox failed only {failures_seen} of ~100 requests");
}

#[test]
fn fifty_creates_through_lost_answers_make_exactly_fifty_sequences() {
    let t = TestEnv::new();
    let db = t.work().join("drop.sqlite3");
    let sb = SandboxProc::start(&t, &["--drop-rate", "0.3", "--seed", "5", "--db", db.to_str().unwrap()]);
    let mut ids = Vec::new();
    let mut lost = 0;
    for _ in 0..50 {
        let run = t.authed(&sb.url).args(["--retries", "10", "-v"]).args(create_args(&[])).run();
        run.code(0);
        lost += run.stderr.matches("retrying in").count();
        ids.push(run.stdout.trim().parse::<i64>().unwrap());
    }
    assert!(lost >= 5, "only {lost} answers were lost: the test would prove little");
    assert_eq!(count_sequences(&db), 50, "a retried create made a duplicate");
    ids.sort();
    assert_eq!(ids, (1..=50).collect::<Vec<_>>(), "every printed id is one of the 50");
}

#[test]
fn rate_limits_are_waited_out_as_retry_after_asks() {
    let t = TestEnv::new();
    // One 429, then the answer: no race against a clock's second.
    let arrivals: std::sync::Arc<std::sync::Mutex<Vec<std::time::Instant>>> = Default::default();
    let a2 = arrivals.clone();
    let stub = Stub::start(move |_| {
        let mut a = a2.lock().unwrap();
        a.push(std::time::Instant::now());
        if a.len() == 1 {
            Canned::json(429, &json!({"error": {"message": "slow down"}})).header("Retry-After", "1")
        } else {
            Canned::json(200, &envelope(sample_sequence(1)))
        }
    });
    let run = t.authed(&stub.url).args(["-v", "--retries", "10", "sequence", "show", "1", "-q"]).run();
    run.ok();
    assert_eq!(run.stdout, "1\n");
    let waited: Vec<&str> = run.stderr.lines().filter(|l| l.contains("retrying in")).collect();
    assert_eq!(waited.len(), 1, "{}", run.stderr);
    assert!(
        waited[0].contains("retrying in 1.0s (as Retry-After asked)") && waited[0].contains("429 Too Many Requests"),
        "{}",
        waited[0]
    );
    let a = arrivals.lock().unwrap();
    assert_eq!(a.len(), 2);
    assert!(a[1].duration_since(a[0]) >= std::time::Duration::from_secs(1), "the retry came before Retry-After");
}

#[test]
fn non_retryable_statuses_are_sent_once_and_retryable_ones_n_plus_1_times() {
    let t = TestEnv::new();
    for (status, code) in [(400, 5), (401, 4), (403, 4), (404, 3), (409, 5), (422, 5)] {
        let stub = Stub::fixed(Canned::json(status, &json!({"error": {"message": "no"}})).header("Retry-After", "0"));
        t.authed(&stub.url).args(["--retries", "3", "sequence", "show", "1"]).run().code(code);
        assert_eq!(stub.requests().len(), 1, "{status} was retried");
    }
    for status in [408, 429, 500, 502, 503, 504] {
        let stub =
            Stub::fixed(Canned::json(status, &json!({"error": {"message": "later"}})).header("Retry-After", "0"));
        let run = t.authed(&stub.url).args(["--retries", "2", "sequence", "show", "1"]).run();
        run.code(6);
        assert_eq!(stub.requests().len(), 3, "{status}");
        assert!(
            run.stderr.starts_with("error: fetching sequence 1: gave up after 3 attempts; the last: the API answered"),
            "{}",
            run.stderr
        );
    }
    // A create's 409 means "the same key is still in flight": retried, always with that key.
    let stub = Stub::fixed(Canned::json(409, &json!({"error": {"message": "busy"}})).header("Retry-After", "0"));
    t.authed(&stub.url).args(["--retries", "4"]).args(create_args(&[])).run().code(6);
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 5);
    let key = reqs[0].header("idempotency-key").unwrap().to_string();
    assert!(uuid_like(&key), "{key}");
    assert!(reqs.iter().all(|r| r.header("idempotency-key") == Some(key.as_str())));
    // A create's 422 is final.
    let stub = Stub::fixed(Canned::json(422, &json!({"error": {"message": "bad"}})));
    t.authed(&stub.url).args(["--retries", "4"]).args(create_args(&[])).run().code(5);
    assert_eq!(stub.requests().len(), 1);
    // --retries 0 turns retrying off, and the status keeps its own exit code.
    let stub = Stub::fixed(Canned::json(503, &json!({})).header("Retry-After", "0"));
    t.authed(&stub.url).args(["--retries", "0", "sequence", "show", "1"]).run().code(6);
    assert_eq!(stub.requests().len(), 1);
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36
        && s.chars().filter(|c| *c == '-').count() == 4
        && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[test]
fn retries_come_from_config_and_the_key_can_be_given() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(503, &json!({})).header("Retry-After", "0"));
    t.cmd().args(["config", "set", "retries", "1"]).run().code(0);
    assert_eq!(t.cmd().args(["config", "get", "retries"]).run().stdout, "1\n");
    t.cmd().args(["config", "set", "retries", "many"]).run().code(2);
    t.authed(&stub.url).args(create_args(&["--idempotency-key", "order-77"])).run().code(6);
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 2, "retries = 1 in config");
    assert!(reqs.iter().all(|r| r.header("idempotency-key") == Some("order-77")));
    t.authed(&stub.url).args(create_args(&["--idempotency-key", "has space"])).run().code(2);
}

#[test]
fn a_retry_after_date_is_honoured() {
    let t = TestEnv::new();
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let stub = Stub::start(move |_| {
        if n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Canned::json(503, &json!({})).header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")
        } else {
            Canned::json(200, &envelope(sample_sequence(1)))
        }
    });
    let run = t.authed(&stub.url).args(["-v", "sequence", "show", "1", "-q"]).run();
    run.code(0);
    assert!(
        run.stderr.contains(
            "warning: retrying in 0.0s (as Retry-After asked), attempt 2 of 4: the API answered 503 Service Unavailable"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lost_answer_is_retried_and_the_key_returns_the_first_sequence() {
    let t = TestEnv::new();
    // Every create is committed and then left unanswered; only the key's replay gets through.
    let sb = SandboxProc::start(&t, &["--drop-rate", "1"]);
    let run = t.authed(&sb.url).args(["--retries", "1", "-v"]).args(create_args(&[])).run();
    run.code(0);
    assert_eq!(run.stdout, "1\n");
    assert_eq!(run.stderr.matches("retrying in").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("< idempotent-replayed: true"), "{}", run.stderr);
    assert_eq!(get_sequence(&sb.url, "2").status, 404, "one sequence, not two");
}

#[test]
fn when_retries_run_out_the_attempts_and_last_reason_are_named() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(503, &json!({"error": {"message": "maintenance"}})).header("Retry-After", "0"));
    let run = t.authed(&stub.url).args(create_args(&[])).run();
    run.code(6);
    assert_eq!(
        run.stderr.lines().next().unwrap_or_default(),
        "error: creating the sequence: gave up after 4 attempts; the last: the API answered 503 Service Unavailable: maintenance"
    );
    assert!(run.stderr.contains("retries with the same key, so it is created at most once"), "{}", run.stderr);
    assert_eq!(stub.requests().len(), 4, "3 retries by default");
}

/// A server that accepts and then does `behaviour` with each connection, on its own thread.
/// A kept-alive connection the server has since closed is not an error: the request goes on
/// a fresh connection, and each line is still sent until created exactly once.
#[test]
fn connections_the_server_closed_are_replaced() {
    let t = TestEnv::new();
    let stub = Stub::start_with(|_| Canned::json(201, &envelope(sample_sequence(7))), 1);
    let file = t.write("ten.jsonl", &jsonl_lines(10));
    let run = t.authed(&stub.url).args(["sequence", "create", "--concurrency", "1", "-f"]).arg_path(&file).run();
    run.ok();
    assert_eq!(run.stdout.lines().count(), 10, "{}", run.stderr);
    let names: Vec<_> = stub.requests().iter().map(|r| r.json()["name"].to_string()).collect();
    let lines: Vec<_> = (1..=10).map(|i| format!("\"r{i}\"")).collect();
    assert_eq!(names, lines, "each line received once, in order");
    assert!(!run.stderr.contains("retrying"), "{}", run.stderr);
}

fn bad_server(behaviour: fn(std::net::TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming().take(8).flatten() {
            std::thread::spawn(move || behaviour(conn));
        }
    });
    url
}

#[test]
fn a_server_that_never_answers_is_exit_6_within_the_timeout() {
    let t = TestEnv::new();
    let url = bad_server(|conn| {
        // Hold the connection open, silent, until the client gives up.
        let mut buf = [0u8; 1024];
        let _ = conn.set_read_timeout(Some(Duration::from_secs(30)));
        while std::io::Read::read(&mut &conn, &mut buf).is_ok_and(|n| n > 0) {}
    });
    let started = Instant::now();
    let run = t.authed(&url).args(["--request-timeout", "0.5", "--retries", "1", "sequence", "show", "1"]).run();
    run.code(6);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    assert!(run.stderr.contains("timed out") && run.stderr.contains("gave up after 2 attempts"), "{}", run.stderr);
}

#[test]
fn a_server_that_trickles_is_cut_off_too() {
    let t = TestEnv::new();
    let url = bad_server(|mut conn| {
        let mut buf = [0u8; 1024];
        let _ = std::io::Read::read(&mut conn, &mut buf);
        let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
        for _ in 0..60 {
            if conn.write_all(b" ").is_err() {
                return;
            }
            // The trickle itself: a server that sends a byte every 200 ms is the case under test.
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let started = Instant::now();
    let run = t.authed(&url).args(["--request-timeout", "1", "--retries", "0", "sequence", "show", "1"]).run();
    run.code(6);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn a_body_over_16_mib_is_refused_without_reading_it_all() {
    let t = TestEnv::new();
    let mut big = br#"{"success":true,"data":{"id":1,"note":""#.to_vec();
    big.resize(17 * 1024 * 1024, b'a');
    big.extend_from_slice(b"\"}}");
    let stub = Stub::fixed(Canned::raw(200, "application/json", big));
    let run = t.authed(&stub.url).args(["sequence", "show", "1"]).run();
    run.code(1);
    assert!(run.stderr.contains("is larger than 16 MiB; stopped reading it"), "{}", run.stderr);
}

#[derive(serde::Deserialize)]
struct Case {
    file: String,
    status: u16,
    content_type: Option<String>,
    exit: i32,
    message: Option<String>,
    stdout: Option<String>,
}

#[test]
fn the_corpus_of_malformed_responses() {
    let dir = repo_file("tests/corpus/responses");
    #[derive(serde::Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }
    let cases: Cases = toml::from_str(&std::fs::read_to_string(dir.join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 12);
    let t = TestEnv::new();
    for c in cases.case {
        let body = std::fs::read(dir.join(&c.file)).unwrap();
        let stub = Stub::fixed(Canned::raw(c.status, c.content_type.as_deref().unwrap_or("application/json"), body));
        let run = t.authed(&stub.url).args(["--retries", "0", "sequence", "show", "1"]).run();
        run.code(c.exit);
        assert!(!run.stderr.contains("panicked"), "{}", c.file);
        assert!(
            !run.stderr.contains('\x1b') && !run.stdout.contains('\x1b'),
            "{}: raw escape reached the terminal",
            c.file
        );
        if let Some(m) = &c.message {
            let first = run.stderr.lines().next().unwrap_or("");
            assert!(first.contains(m.as_str()), "{}:\n  got:  {first}\n  want: {m}", c.file);
            assert_eq!(run.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{}: one error line", c.file);
        }
        if let Some(s) = &c.stdout {
            assert!(run.stdout.contains(s.as_str()), "{}: {}", c.file, run.stdout);
        }
    }
}

/// A request that can't be put on the wire (a path longer than HTTP/1.1's request line takes)
/// is refused at once as what it is, a usage error: nothing is sent, nothing tried again.
#[test]
fn a_request_that_cannot_be_sent_is_not_retried() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &json!({})));
    let path = format!("/v1/{}", "a".repeat(70_000));
    let run = t.authed(&stub.url).args(["api", "GET", &path]).run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: cannot send the request to 127.0.0.1: uri too long\nhint: shorten the path and query: servers take request lines of a few kilobytes\n"
    );
    assert!(stub.requests().is_empty());
}
