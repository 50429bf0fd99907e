//! The sandbox server: contract behaviour, lifecycle, idempotency, durability, faults.

use crate::support::*;
use serde_json::json;

#[test]
fn serves_create_and_show_with_every_documented_field() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let created = post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    assert_eq!(created.status, 200);
    assert_eq!(created.header("content-type"), Some("application/json"));
    let v = created.json();
    assert_eq!(v["success"], true);
    let data = &v["data"];
    assert_eq!(data["id"], 1);
    assert_eq!(data["status"], "in-progress");
    assert_eq!(data["is_test_mode"], false);
    assert_eq!(data["steps"][0]["destination_number"], "+15550199");
    assert_eq!(data["steps"][0]["voice_assistant_id"], 12);
    assert!(data["steps"][1]["destination_number"].is_null(), "voice fields only for voice steps");
    let shown = get_sequence(&sb.url, "1").json();
    assert_eq!(shown["data"]["steps"][0]["id"], data["steps"][0]["id"]);
    let second = post_sequence(
        &sb.url,
        &json!({"name": "n", "is_test_mode": true, "steps": [{"order": 0, "type": "email"}]}),
        &[],
    )
    .unwrap();
    assert_eq!(second.json()["data"]["id"], 2, "ids increase");
    assert_eq!(second.json()["data"]["is_test_mode"], true);
}

#[test]
fn auth_is_checked() {
    let t = TestEnv::new();
    let open = SandboxProc::start(&t, &[]);
    let url = format!("{}/v1/sequence-manager/sequences/1", open.url);
    for headers in [vec![], vec![("Authorization", "Basic abc")], vec![("Authorization", "Bearer ")]] {
        let r = http("GET", &url, &headers, b"").unwrap();
        assert_eq!(r.status, 401, "{headers:?}");
        assert_eq!(r.json()["error"]["code"], "unauthorized");
    }
    let locked = SandboxProc::start(&t, &["--token", "right"]);
    let url = format!("{}/v1/sequence-manager/sequences/1", locked.url);
    assert_eq!(http("GET", &url, &[("Authorization", "Bearer wrong")], b"").unwrap().status, 401);
    assert_eq!(http("GET", &url, &[("Authorization", "Bearer right")], b"").unwrap().status, 404);
}

#[test]
fn errors_use_the_contract_shape() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let r = get_sequence(&sb.url, "999");
    assert_eq!((r.status, r.json()["success"].clone()), (404, json!(false)));
    assert_eq!(get_sequence(&sb.url, "abc").status, 404);
    assert_eq!(http("GET", &format!("{}/nope", sb.url), &[AUTH], b"").unwrap().status, 404);
    let r = http("DELETE", &format!("{}/v1/sequence-manager/sequences/1", sb.url), &[AUTH], b"").unwrap();
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"]["code"], "method_not_allowed");
    let cases = [
        (&b"not json"[..], "the body is not valid JSON"),
        (br#"{"steps":[{"order":1,"type":"voice"}]}"#, "name is required"),
        (br#"{"name":"","steps":[{"order":1,"type":"voice"}]}"#, "name must not be empty"),
        (br#"{"name":"x","steps":[]}"#, "steps must have at least one step"),
        (br#"{"name":"x","steps":[{"order":1,"type":"voice"},{"order":2}]}"#, "steps[1].type is required"),
        (br#"{"name":"x","steps":[{"order":-1,"type":"voice"}]}"#, "steps[0].order must be a non-negative integer"),
        (
            br#"{"name":"x","steps":[{"order":1,"type":"a"},{"order":1,"type":"b"}]}"#,
            "steps[1].order duplicates steps[0].order (1)",
        ),
        (br#"{"name":"x","steps":[{"order":1,"type":"a","config":"x"}]}"#, "steps[0].config must be an object"),
    ];
    for (body, want) in cases {
        let r = http("POST", &format!("{}/v1/sequence-manager/sequences", sb.url), &[AUTH], body).unwrap();
        assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(body));
        let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(msg.starts_with(want), "got {msg:?}, want {want:?}");
    }
    assert_eq!(get_sequence(&sb.url, "1").status, 404, "no invalid body created anything");
    // An id is written one way: `+1` and `01` are not sequence 1, and a segment that isn't
    // UTF-8 is no id; each is a 404 in the contract's shape.
    assert_eq!(post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).map(|r| r.status), Some(200));
    assert_eq!(get_sequence(&sb.url, "1").status, 200);
    for odd in ["+1", "01", "%FF", "%C0%80"] {
        let r = get_sequence(&sb.url, odd);
        assert_eq!((r.status, r.json()["error"]["code"].clone()), (404, json!("not_found")), "{odd}");
    }
}

#[test]
fn lifecycle_runs_on_the_simulated_clock() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "6000", "--seed", "1"]);
    post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    post_sequence(&sb.url, &two_step_body(["failed", "completed"]), &[]).unwrap();
    let ok = until_ended(&sb.url, "1");
    assert_eq!(ok["status"], "completed");
    assert_eq!((ok["outcome"].clone(), ok["was_contact_reached"].clone()), (json!("contact_reached"), json!(true)));
    assert_eq!(
        (ok["steps"][0]["status"].clone(), ok["steps"][1]["status"].clone()),
        (json!("completed"), json!("completed"))
    );
    assert!(ok["claimed_at"].is_string() && ok["next_activity"].is_null() && ok["ended_reason"] == "completed");
    let failed = until_ended(&sb.url, "2");
    assert_eq!(failed["status"], "failed");
    assert_eq!(
        (failed["steps"][0]["status"].clone(), failed["steps"][1]["status"].clone()),
        (json!("failed"), json!("skipped"))
    );
    assert_eq!(failed["ended_reason"], "step_failed");
}

#[test]
fn the_same_seed_gives_the_same_sequences() {
    let t = TestEnv::new();
    let body = json!({"name": "n", "steps": [{"order": 1, "type": "voice"}, {"order": 2, "type": "sms"}, {"order": 3, "type": "email"}]});
    let run = |seed: &str| {
        let sb = SandboxProc::start(&t, &["--speed", "6000", "--seed", seed]);
        (1..=5)
            .map(|i| {
                post_sequence(&sb.url, &body, &[]).unwrap();
                let d = until_ended(&sb.url, &i.to_string());
                let steps: Vec<_> =
                    d["steps"].as_array().unwrap().iter().map(|s| (s["id"].clone(), s["status"].clone())).collect();
                (d["status"].clone(), steps)
            })
            .collect::<Vec<_>>()
    };
    let a = run("7");
    assert_eq!(a, run("7"));
    assert_ne!(a, run("8"));
}

#[test]
fn idempotency_keys_replay_refuse_and_guard_in_flight() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let body = two_step_body(["completed", "completed"]);
    let first = post_sequence(&sb.url, &body, &[("Idempotency-Key", "k-1")]).unwrap();
    let again = post_sequence(&sb.url, &body, &[("Idempotency-Key", "k-1")]).unwrap();
    assert_eq!(again.status, 200);
    assert_eq!(again.body, first.body, "the first response, byte for byte");
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    let other = post_sequence(
        &sb.url,
        &json!({"name": "other", "steps": [{"order": 1, "type": "voice"}]}),
        &[("Idempotency-Key", "k-1")],
    )
    .unwrap();
    assert_eq!(other.status, 422);
    assert_eq!(other.json()["error"]["code"], "idempotency_key_reused");
    assert_eq!(get_sequence(&sb.url, "2").status, 404, "nothing else was created");

    // A key whose first request is still being processed: the second is told it is busy. The
    // first is put in flight in the database itself, so nothing depends on timing.
    let db = t.work().join("inflight.sqlite3");
    let busy = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    hold_key_in_flight(&db, "k-2", &body);
    let second = post_sequence(&busy.url, &body, &[("Idempotency-Key", "k-2")]).unwrap();
    assert_eq!(second.status, 409);
    assert_eq!(second.json()["error"]["code"], "idempotency_key_in_use");
    assert_eq!(get_sequence(&busy.url, "1").status, 404, "nothing created");
}

#[test]
fn state_survives_restarts_and_kill_9() {
    let t = TestEnv::new();
    let db = t.work().join("state.sqlite3");
    let db = db.to_str().unwrap();
    let sb = SandboxProc::start(&t, &["--db", db]);
    let first =
        post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[("Idempotency-Key", "a")]).unwrap().json();
    let (code, log) = sb.terminate();
    assert_eq!(code, 0, "clean shutdown on SIGTERM: {log}");
    assert!(log.contains("POST /v1/sequence-manager/sequences 200"), "one log line per request: {log}");
    assert!(log.contains("group commit: 1 creates in 1 commits, 1.0 per fsync"), "what one fsync carried: {log}");

    let sb = SandboxProc::start(&t, &["--db", db]);
    let shown = get_sequence(&sb.url, "1").json();
    assert_eq!(shown["data"]["steps"][0]["id"], first["data"]["steps"][0]["id"]);
    let replay =
        post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[("Idempotency-Key", "a")]).unwrap();
    assert_eq!(replay.json(), first, "keys survive restarts too");
    post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    sb.kill9();

    let sb = SandboxProc::start(&t, &["--db", db]);
    assert_eq!(get_sequence(&sb.url, "2").status, 200, "a create answered before kill -9 is kept");
    assert_eq!(
        post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).unwrap().json()["data"]["id"],
        3
    );
}

#[test]
fn a_server_and_sandbox_commands_share_one_database() {
    let t = TestEnv::new();
    let db = t.work().join("shared.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    let url = sb.url.clone();
    let via_server = std::thread::spawn(move || {
        (0..15)
            .map(|_| {
                post_sequence(&url, &two_step_body(["completed", "completed"]), &[]).unwrap().json()["data"]["id"]
                    .as_i64()
                    .unwrap()
            })
            .collect::<Vec<_>>()
    });
    let mut ids: Vec<i64> = (0..15)
        .map(|_| {
            let run = t
                .cmd()
                .env("CLARION_SANDBOX_DB", &db)
                .args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice", "-q"])
                .run();
            run.code(0);
            run.stdout.trim().parse().unwrap()
        })
        .collect();
    ids.extend(via_server.join().unwrap());
    ids.sort();
    assert_eq!(ids, (1..=30).collect::<Vec<_>>(), "every create kept, no id given twice");
    // `sandbox reset` while the server has the file open: the server sees it at once.
    let run = t.cmd().env("CLARION_SANDBOX_DB", &db).args(["sandbox", "reset"]).run();
    run.ok();
    assert_eq!(run.stderr, "Removed 30 sequence(s) from the sandbox database\n");
    assert_eq!(get_sequence(&sb.url, "30").status, 404);
    let again = post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).unwrap().json();
    assert_eq!(again["data"]["id"], 1, "ids start at 1 again");
}

#[test]
fn fail_rate_answers_503_with_retry_after_and_repeats_with_the_seed() {
    let t = TestEnv::new();
    let all = SandboxProc::start(&t, &["--fail-rate", "1", "--retry-after", "0"]);
    let r = post_sequence(&all.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    assert_eq!((r.status, r.header("retry-after")), (503, Some("0")));
    drop(all);
    let pattern = |seed: &str| {
        let sb = SandboxProc::start(&t, &["--fail-rate", "0.5", "--seed", seed]);
        (0..30).map(|_| get_sequence(&sb.url, "1").status).collect::<Vec<_>>()
    };
    let a = pattern("3");
    assert!(a.contains(&503) && a.contains(&404), "{a:?}");
    assert_eq!(a, pattern("3"), "same seed, same faults");
}

#[test]
fn rate_limit_answers_429_with_retry_after() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--rate-limit", "3"]);
    let statuses: Vec<_> = (0..10).map(|_| get_sequence(&sb.url, "1")).collect();
    let limited: Vec<_> = statuses.iter().filter(|r| r.status == 429).collect();
    assert!(!limited.is_empty(), "{:?}", statuses.iter().map(|r| r.status).collect::<Vec<_>>());
    assert_eq!(limited[0].header("retry-after"), Some("1"));
    assert_eq!(limited[0].json()["error"]["code"], "rate_limited");
}

#[test]
fn drop_rate_commits_then_closes_without_an_answer() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--drop-rate", "1"]);
    assert!(post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).is_none(), "no answer at all");
    assert_eq!(get_sequence(&sb.url, "1").status, 200, "but the create was committed");
    // The request still has its line in the log, saying what became of it.
    let (_, log) = sb.terminate();
    assert!(
        log.contains("POST /v1/sequence-manager/sequences dropped (committed, then closed unanswered: --drop-rate)"),
        "{log}"
    );
}

#[test]
fn latency_is_added_to_every_answer() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--latency", "300"]);
    let started = std::time::Instant::now();
    assert_eq!(get_sequence(&sb.url, "1").status, 404);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
}

#[test]
fn a_create_finishes_even_when_its_client_hangs_up() {
    use std::io::Write;
    let t = TestEnv::new();
    let db = t.work().join("hangup.sqlite3");
    let sb = SandboxProc::start(&t, &["--latency", "500", "--db", db.to_str().unwrap()]);
    let body = two_step_body(["completed", "completed"]).to_string();
    let host = sb.url.trim_start_matches("http://").to_string();
    let mut first = std::net::TcpStream::connect(&host).unwrap();
    let req = format!(
        "POST /v1/sequence-manager/sequences HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer t\r\nIdempotency-Key: gone\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    first.write_all(req.as_bytes()).unwrap();
    // Once the first request holds the key (for its 500 ms), its client hangs up.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let state = || clarion::testing::Store::open(Some(&db)).unwrap().key_state("gone").unwrap();
    while state().as_deref() != Some("in-flight") {
        assert!(std::time::Instant::now() < deadline, "the first request never got the key");
    }
    let again =
        || post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[("Idempotency-Key", "gone")]).unwrap();
    drop(first);
    let replay = loop {
        let r = again();
        if r.status != 409 {
            break r;
        }
        assert!(std::time::Instant::now() < deadline, "the key stayed in flight");
    };
    assert_eq!(replay.status, 200);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"), "the first request's create was finished");
    assert_eq!(get_sequence(&sb.url, "2").status, 404);
}

#[test]
fn processes_sharing_a_database_keep_one_clock_and_agree() {
    let t = TestEnv::new();
    let db = t.work().join("shared-clock.sqlite3");
    let db = db.to_str().unwrap();
    let slow = SandboxProc::start(&t, &["--db", db, "--speed", "1"]);
    post_sequence(&slow.url, &two_step_body(["failed", "completed"]), &[]).unwrap();
    // Another process asks for another speed: the file's clock wins, and it says so.
    // (At a million, sequence 1 would be over within a millisecond on a clock of its own.)
    let fast = SandboxProc::start(&t, &["--db", db, "--speed", "1000000"]);
    post_sequence(&fast.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    // At speed 1 nothing moves for a minute: both read the same state, byte for byte.
    for id in ["1", "2"] {
        let (a, b) = (get_sequence(&slow.url, id), get_sequence(&fast.url, id));
        assert_eq!((a.status, b.status), (200, 200));
        assert_eq!(String::from_utf8_lossy(&a.body), String::from_utf8_lossy(&b.body), "sequence {id}");
        assert_eq!(a.json()["data"]["status"], "in-progress", "not sped up to its end");
    }
    // Ids and creation times increase together, whichever process created them.
    let first = get_sequence(&slow.url, "1").json()["data"]["steps"][0]["scheduled_at"].as_str().unwrap().to_string();
    let second = get_sequence(&slow.url, "2").json()["data"]["steps"][0]["scheduled_at"].as_str().unwrap().to_string();
    assert!(first <= second, "{first} then {second}");
    let (_, log) = fast.terminate();
    assert!(log.contains("this database's clock runs at 1x, so --speed 1000000 is ignored"), "{log}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly_and_keeps_what_it_answered() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    let created = post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    assert_eq!(created.status, 200);
    let (code, log) = sb.stop_with(rustix::process::Signal::INT);
    assert_eq!(code, 0, "Ctrl-C is the way to stop it, not a failure: {log}");
    assert!(log.contains("group commit: 1 creates in 1 commits"), "it stopped through its own shutdown: {log}");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    assert_eq!(get_sequence(&sb.url, "1").status, 200);
}
