//! Bulk create from JSON Lines: exactly once, through faults, kill -9 and Ctrl-C.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn jsonl(t: &TestEnv, name: &str, n: usize) -> PathBuf {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("{{\"name\":\"Reminder {i}\",\"steps\":[{{\"type\":\"voice\",\"config\":{{\"destination_number\":\"+1555{i:07}\"}}}}]}}\n"));
        if i % 100 == 0 {
            text.push('\n'); // blank lines are skipped
        }
    }
    t.write(name, &text)
}

fn ids(stdout: &str) -> Vec<i64> {
    let mut v: Vec<i64> = stdout.lines().map(|l| l.parse().unwrap_or_else(|_| panic!("not an id: {l:?}"))).collect();
    v.sort();
    v
}

/// Lines of the journal that record a created sequence.
fn journal_created(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap_or_default().lines().filter(|l| l.contains("\"id\":")).count()
}

/// Runs the batch in the background until the journal shows `at_least` creates, then signals it.
fn interrupt_after(t: &TestEnv, url: &str, file: &Path, at_least: usize, signal: rustix::process::Signal) -> Run {
    let mut child = t.authed(url).args(["sequence", "create", "-f"]).arg_path(file).spawn();
    let journal = PathBuf::from(format!("{}.journal", file.display()));
    let deadline = Instant::now() + Duration::from_secs(60);
    // Polling, with a deadline: the point is to stop the batch at a moment of its own making.
    while journal_created(&journal) < at_least {
        assert!(Instant::now() < deadline, "the batch never got to {at_least}");
        assert!(child.is_running(), "the batch finished before it could be interrupted");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.signal(signal);
    child.wait()
}

#[test]
fn two_thousand_lines_through_failures_and_lost_answers_exactly_once() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(
        &t,
        &[
            "--fail-rate",
            "0.2",
            "--retry-after",
            "0",
            "--drop-rate",
            "0.05",
            "--seed",
            "9",
            "--db",
            db.to_str().unwrap(),
        ],
    );
    let file = jsonl(&t, "seed.jsonl", 2000);
    let run = t.authed(&sb.url).args(["--retries", "10", "sequence", "create", "-f"]).arg_path(&file).run();
    run.code(0);
    assert_eq!(count_sequences(&db), 2000, "no line lost, none duplicated");
    assert_eq!(ids(&run.stdout), (1..=2000).collect::<Vec<_>>(), "the printed ids are exactly the sequences");
    assert!(run.stderr.contains("created 2000, already created 0, failed 0, invalid 0"), "{}", run.stderr);
    let journal = t.work().join("seed.jsonl.journal");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&journal).unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(!text.contains("Reminder") && !text.contains("+1555"), "the journal holds no sequence content");
    // Run again: everything is already there.
    let again = t.authed(&sb.url).args(["sequence", "create", "-f"]).arg_path(&file).run();
    again.code(0);
    assert_eq!(ids(&again.stdout), (1..=2000).collect::<Vec<_>>());
    assert!(again.stderr.contains("created 0, already created 2000"), "{}", again.stderr);
    assert_eq!(count_sequences(&db), 2000);
    // The journal lost (a fresh CI workspace): the same keys go out, the server replays, and the
    // summary still says nothing new was made, even for lines whose first try got a 503.
    std::fs::remove_file(&journal).unwrap();
    let lost = t.authed(&sb.url).args(["--retries", "10", "sequence", "create", "--json", "-f"]).arg_path(&file).run();
    lost.code(0);
    assert!(lost.stderr.contains("created 0, already created 2000"), "{}", lost.stderr);
    assert_eq!(lost.stdout.matches("\"replayed\":true").count(), 2000);
    assert_eq!(count_sequences(&db), 2000);
}

#[test]
fn kill_9_at_any_point_loses_nothing_and_duplicates_nothing() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--latency", "2", "--db", db.to_str().unwrap()]);
    let file = jsonl(&t, "kill.jsonl", 2000);
    for at in [50, 600, 1300] {
        interrupt_after(&t, &sb.url, &file, at, rustix::process::Signal::KILL).code(128 + 9);
    }
    let done = t.authed(&sb.url).args(["sequence", "create", "-f"]).arg_path(&file).run();
    done.code(0);
    assert_eq!(count_sequences(&db), 2000);
    assert_eq!(ids(&done.stdout), (1..=2000).collect::<Vec<_>>());
}

#[test]
fn ctrl_c_stops_cleanly_and_a_rerun_finishes() {
    stops_cleanly_and_a_rerun_finishes(rustix::process::Signal::INT);
}

/// SIGTERM is how CI runners, Kubernetes and `timeout` cancel a job: taken as Ctrl-C.
#[test]
fn sigterm_stops_as_ctrl_c_does() {
    stops_cleanly_and_a_rerun_finishes(rustix::process::Signal::TERM);
}

fn stops_cleanly_and_a_rerun_finishes(signal: rustix::process::Signal) {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--latency", "2", "--db", db.to_str().unwrap()]);
    let file = jsonl(&t, "int.jsonl", 2000);
    let out = interrupt_after(&t, &sb.url, &file, 200, signal);
    out.code(130);
    let stderr = &out.stderr;
    assert!(stderr.contains("interrupted: finishing the"), "{stderr}");
    assert!(stderr.contains("created "), "a summary: {stderr}");
    // It ends by saying how to resume: the same command, which skips what was created (the
    // command line itself only on a terminal, see `a_batch_on_a_terminal_...`).
    assert_eq!(
        stderr.lines().last().unwrap_or_default(),
        "hint: to send the rest, run the same command (without --restart); what was created is skipped"
    );
    // Consistent: every line of the journal is a whole record, and every answered create is in it.
    let journal = std::fs::read_to_string(t.work().join("int.jsonl.journal")).unwrap();
    assert!(journal.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    let printed = out.stdout.lines().count();
    assert_eq!(journal_created(&t.work().join("int.jsonl.journal")), printed);
    assert_eq!(count_sequences(&db) as usize, printed, "in-flight requests finished and were recorded");
    let done = t.authed(&sb.url).args(["sequence", "create", "-f"]).arg_path(&file).run();
    done.code(0);
    assert_eq!(count_sequences(&db), 2000);
    assert!(done.stderr.contains(&format!("already created {printed}")), "{}", done.stderr);
}

#[test]
fn invalid_lines_stop_everything_unless_skipped() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    let mut text = String::new();
    for i in 1..=30 {
        if i % 3 == 0 {
            text.push_str("{\"name\":\"\",\"steps\":[{\"type\":\"voice\"}]}\n");
        } else {
            text.push_str(&format!("{{\"name\":\"ok {i}\",\"steps\":[{{\"type\":\"voice\"}}]}}\n"));
        }
    }
    t.write("mixed.jsonl", &text);
    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "mixed.jsonl"]).run();
    run.code(2);
    assert!(
        run.stderr.starts_with(
            "error: mixed.jsonl:3:9: name: must not be empty\nerror: mixed.jsonl:6:9: name: must not be empty\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("10 invalid lines: nothing was sent; --skip-invalid sends the valid ones"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("problems in the input"), "one closing line, not two: {}", run.stderr);
    assert_eq!(count_sequences(&db), 0);
    assert!(!t.work().join("mixed.jsonl.journal").exists(), "nothing started");

    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "mixed.jsonl", "--skip-invalid", "--json"]).run();
    run.code(9);
    assert_eq!(count_sequences(&db), 20);
    let records: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 30, "one JSON line per input line");
    let bad = records.iter().find(|r| r["line"] == 3).unwrap();
    assert_eq!(bad["error"]["field"], "name");
    let good = records.iter().find(|r| r["line"] == 1).unwrap();
    assert!(good["id"].is_i64() && good["status"] == "in-progress", "{good}");
    assert!(run.stderr.contains("error: not every line was created: 0 failed, 10 invalid"), "{}", run.stderr);
}

#[test]
fn a_changed_input_is_refused_unless_restarting() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let file = jsonl(&t, "c.jsonl", 5);
    t.authed(&sb.url).args(["sequence", "create", "-f"]).arg_path(&file).run().code(0);
    jsonl(&t, "c.jsonl", 6);
    let run = t.authed(&sb.url).args(["sequence", "create", "-f"]).arg_path(&file).run();
    run.code(2);
    assert!(run.stderr.contains("was written for different input"), "{}", run.stderr);
    let run = t.authed(&sb.url).args(["sequence", "create", "--restart", "-f"]).arg_path(&file).run();
    run.code(0);
    assert_eq!(ids(&run.stdout), (6..=11).collect::<Vec<_>>());
}

#[test]
fn stdin_batches_and_flags_that_apply_to_every_line() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let text = "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"b\",\"steps\":[{\"type\":\"sms\"}]}\n";
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "-f", "-", "--batch", "--test-mode", "--journal", "in.journal"])
        .stdin(text)
        .run();
    run.code(0);
    assert_eq!(ids(&run.stdout), vec![1, 2]);
    for id in ["1", "2"] {
        assert_eq!(get_sequence(&sb.url, id).json()["data"]["is_test_mode"], true);
    }
    assert!(t.work().join("in.journal").exists());
    let dry = t.cmd().args(["sequence", "create", "-f", "-", "--batch", "--dry-run"]).stdin(text).run();
    dry.code(0);
    assert!(dry.stderr.contains("2 valid lines would be sent; nothing was sent"), "{}", dry.stderr);
}

#[test]
fn failures_are_reported_per_line_and_exit_9() {
    let t = TestEnv::new();
    let stub =
        Stub::fixed(Canned::json(422, &serde_json::json!({"error": {"message": "steps[0].type is not offered"}})));
    let file = jsonl(&t, "f.jsonl", 3);
    let run = t.authed(&stub.url).args(["sequence", "create", "-f"]).arg_path(&file).run();
    run.code(9);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().filter(|l| l.starts_with("warning: line ")).count(), 3, "{}", run.stderr);
    assert!(run.stderr.contains("run the same command again: what was created is skipped"), "{}", run.stderr);
    let keys: std::collections::HashSet<_> =
        stub.requests().iter().map(|r| r.header("idempotency-key").unwrap().to_string()).collect();
    assert_eq!(keys.len(), 3, "each line has its own key");
}

#[test]
fn jq_applies_to_every_json_line_of_a_batch() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let text = "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"c\",\"steps\":[{\"type\":\"sms\"}]}\n";
    t.write("q.jsonl", text);
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "-f", "q.jsonl", "--skip-invalid", "--jq", "select(.error) | .line"])
        .run();
    run.code(9);
    assert_eq!(run.stdout, "2\n", "only the invalid line's number");
    let run = t
        .authed(&sb.url)
        .args([
            "sequence",
            "create",
            "-f",
            "q.jsonl",
            "--skip-invalid",
            "--jq",
            "select(.id) | \"\\(.line) -> \\(.id)\"",
        ])
        .run();
    run.code(9);
    let mut pairs: Vec<(String, String)> =
        run.stdout.lines().filter_map(|l| l.split_once(" -> ")).map(|(a, b)| (a.to_string(), b.to_string())).collect();
    pairs.sort();
    assert_eq!(pairs.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["1", "3"], "{}", run.stdout);
    let mut ids: Vec<&str> = pairs.iter().map(|p| p.1.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["1", "2"], "already created on the re-run, with their ids (in any order)");
    t.authed(&sb.url).args(["sequence", "create", "-f", "q.jsonl", "--jq", ".["]).run().code(2);
}

#[test]
fn a_second_ctrl_c_abandons_requests_in_flight_even_with_jq() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--latency", "60"]);
    let file = jsonl(&t, "slow.jsonl", 20);
    let mut child = t.authed(&sb.url).args(["sequence", "create", "--jq", ".id", "-f"]).arg_path(&file).spawn();
    let journal = t.work().join("slow.jsonl.journal");
    let sent = || std::fs::read_to_string(&journal).unwrap_or_default().matches("\"sent\":true").count();
    let deadline = Instant::now() + Duration::from_secs(30);
    // Polling, with a deadline: interrupt once requests are in flight (each takes a minute).
    while sent() < 1 {
        assert!(Instant::now() < deadline, "no request was ever sent");
        assert!(child.is_running(), "the batch finished before it could be interrupted");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Ctrl-C until it ends: the first stops new requests, the next abandons those in flight
    // (two sent close together may arrive as one, hence the loop).
    while child.is_running() {
        if Instant::now() >= deadline {
            child.signal(rustix::process::Signal::KILL);
            panic!("a second Ctrl-C must end the batch, whatever is in flight");
        }
        child.signal(rustix::process::Signal::INT);
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait();
    out.code(130);
    assert!(out.stderr.contains("interrupted: finishing the"), "{}", out.stderr);
}

/// A batch too large to keep its checked bodies (or with lines to skip) reads its input again to
/// send it. A file edited or cut short in between stops it: nothing nobody checked is sent, and
/// no line is silently dropped.
#[test]
fn an_input_edited_or_cut_short_while_sending_stops_the_batch() {
    // One invalid line (skipped), so the bodies are not kept; 400 lines of 8 KiB, beyond what the
    // reader reads ahead (about 1.3 MiB), so the edit made during the first request is read.
    let line = |i: usize, who: &str| {
        format!("{{\"name\":\"r{i}\",\"description\":\"{}\",\"steps\":[{{\"type\":\"voice\"}}]}}\n", who.repeat(8000))
    };
    let text =
        |who: &str| -> String { std::iter::once("{}\n".to_string()).chain((1..=400).map(|i| line(i, who))).collect() };
    for (edit, said) in [("edited", "changed while the batch ran: line"), ("cut", "was cut short while the batch ran")]
    {
        let t = TestEnv::new();
        let path = t.write("big.jsonl", &text("a"));
        // Edited: every line changes, written over the old ones in place (the same length, so
        // the reader never meets an end of file the edit is still writing). Cut: the same
        // lines, ending after line 300, in one truncation.
        let cut_at = text("a").match_indices('\n').nth(300).map(|(i, _)| i as u64 + 1).unwrap();
        let replacement = text("b");
        let target = path.clone();
        let n = std::sync::atomic::AtomicU64::new(0);
        let stub = Stub::start(move |_| {
            let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            if i == 1 {
                let mut f = std::fs::OpenOptions::new().write(true).open(&target).unwrap();
                match edit {
                    "edited" => std::io::Write::write_all(&mut f, replacement.as_bytes()).unwrap(),
                    _ => f.set_len(cut_at).unwrap(),
                }
            }
            let mut seq = sample_sequence(i as i64);
            seq["is_test_mode"] = serde_json::json!(false);
            Canned::json(201, &envelope(seq))
        });
        let run = t
            .authed(&stub.url)
            .args(["sequence", "create", "-f", "big.jsonl", "--skip-invalid", "--concurrency", "1"])
            .run();
        run.code(1);
        assert!(run.stderr.contains(said), "{edit}: {}", run.stderr);
        assert!(run.stderr.contains("nothing more was sent"), "{}", run.stderr);
        assert!(
            run.stderr.contains("hint: put the file back as it was and run the same command again"),
            "{}",
            run.stderr
        );
        let sent = stub.requests();
        assert!(sent.len() < 400, "{edit}: {} sent", sent.len());
        assert!(
            sent.iter().all(|r| r.json()["description"].as_str().is_some_and(|d| d.starts_with('a'))),
            "{edit}: only what was checked is sent"
        );
    }
}

/// A create that takes long holds back nobody else's record: while line 2's answer is held,
/// line 1's is already in the journal (written with what arrives together, never kept until
/// the end).
#[test]
fn an_answer_is_journalled_while_another_is_still_awaited() {
    let t = TestEnv::new();
    let file = jsonl(&t, "two.jsonl", 2);
    let journal = PathBuf::from(format!("{}.journal", file.display()));
    let seen = journal.clone();
    let stub = Stub::start(move |r| {
        if r.json()["name"] == "Reminder 1" {
            // Polling, with a deadline: the answer is held until line 0's record is on file.
            let deadline = Instant::now() + Duration::from_secs(20);
            while journal_created(&seen) < 1 && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            if journal_created(&seen) < 1 {
                return Canned::json(500, &serde_json::json!({"error": {"message": "line 0 was never journalled"}}));
            }
        }
        Canned::json(201, &envelope(sample_sequence(5)))
    });
    let run = t.authed(&stub.url).args(["sequence", "create", "--retries", "0", "-f"]).arg_path(&file).run();
    run.ok();
    assert_eq!(journal_created(&journal), 2);
}

/// An answer may lack a documented field, the id too: the line still counts as created, and
/// where ids are printed one a line, stderr says which line has none instead of letting it
/// vanish from the list.
#[test]
fn a_created_line_whose_answer_has_no_id_is_named_on_stderr() {
    let t = TestEnv::new();
    let line = r#"{"name":"Reminder","steps":[{"type":"voice"}]}"#;
    let file = t.write("two.jsonl", &format!("{line}\n{line}\n"));
    let n = std::sync::atomic::AtomicU64::new(0);
    let stub = Stub::start(move |_| {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let mut seq = sample_sequence(40 + i as i64);
        if i == 2 {
            seq.as_object_mut().unwrap().remove("id");
        }
        Canned::json(201, &envelope(seq))
    });
    let run = t.authed(&stub.url).args(["sequence", "create", "--concurrency", "1", "-f"]).arg_path(&file).run();
    // Exit 1 at the end, as for a single create -q: stdout has fewer ids than lines were made.
    run.code(1);
    assert_eq!(run.stdout, "41\n");
    assert!(run.stderr.contains("warning: line 2: created, but the API's answer has no sequence id"), "{}", run.stderr);
    assert!(!run.stderr.contains("line 1:"), "{}", run.stderr);
    assert!(run.stderr.contains("created 2, already created 0, failed 0"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("error: line 2: created, but the API's answer has no sequence id, so stdout lacks it\n"),
        "{}",
        run.stderr
    );
    // As JSON the line's record says it itself: `"id": null`.
    let t = TestEnv::new();
    let file = t.write("one.jsonl", &format!("{line}\n"));
    let stub = Stub::start(|_| {
        let mut seq = sample_sequence(1);
        seq.as_object_mut().unwrap().remove("id");
        Canned::json(201, &envelope(seq))
    });
    let run = t.authed(&stub.url).args(["sequence", "create", "--json", "-f"]).arg_path(&file).run();
    run.ok();
    assert!(run.stdout.contains(r#""id":null"#), "{}", run.stdout);
    assert!(!run.stderr.contains("no sequence id"), "{}", run.stderr);
}

#[test]
fn a_refused_token_stops_the_batch_instead_of_being_refused_for_every_line() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(200));
    let stub = Stub::fixed(Canned::json(401, &serde_json::json!({"error": {"message": "token expired"}})));
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--live"]).run();
    run.code(4);
    // Only the requests already in flight when the first answer came (8 at most) were sent.
    let sent = stub.requests().len();
    assert!((1..=8).contains(&sent), "{sent} requests");
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: stopped sending: line ")
            && errors[0].ends_with(" was refused: the API answered 401 Unauthorized: token expired"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("failed {sent}, invalid 0")), "{}", run.stderr);
    // Test mode sends the first line alone: one request.
    let stub = Stub::fixed(Canned::json(403, &serde_json::json!({"error": {"message": "forbidden"}})));
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--restart"]).run();
    run.code(4);
    assert_eq!(stub.requests().len(), 1);
    assert!(
        run.stderr.contains("error: stopped sending: line 1 was refused: the API answered 403 Forbidden: forbidden")
    );
}

#[test]
fn a_journal_from_one_api_is_not_resumed_against_another() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(3));
    let ok = || Stub::start(|_| Canned::json(200, &envelope(sample_sequence(7))));
    let (staging, production) = (ok(), ok());
    t.authed(&staging.url).args(["sequence", "create", "-f", "b.jsonl", "--live"]).run().ok();
    assert_eq!(staging.requests().len(), 3);
    // The same file against another API: its journal says nothing about what exists there.
    let run = t.authed(&production.url).args(["sequence", "create", "-f", "b.jsonl", "--live"]).run();
    run.code(2);
    assert!(production.requests().is_empty(), "nothing sent");
    let first = run.stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
    assert_eq!(
        first,
        format!("error: b.jsonl.journal records sequences created on {}/, not on {}/", staging.url, production.url)
    );
    assert!(run.stderr.contains("give the batch its own --journal PATH"), "{}", run.stderr);
    // Its own journal: created there too.
    let run =
        t.authed(&production.url).args(["sequence", "create", "-f", "b.jsonl", "--live", "--journal", "p.journal"]);
    run.run().ok();
    assert_eq!(production.requests().len(), 3);
    // And the first API's journal still finishes its own run: nothing left to send.
    t.authed(&staging.url).args(["sequence", "create", "-f", "b.jsonl", "--live"]).run().ok();
    assert_eq!(staging.requests().len(), 3);
}

#[test]
fn a_journal_path_that_cant_be_a_journal_is_a_usage_error_naming_it() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(2));
    let stub = Stub::start(|_| Canned::json(200, &envelope(sample_sequence(7))));
    let cases = [
        ("/dev/null", "error: the journal /dev/null is not a regular file\n"),
        ("missing/j", "error: cannot open the journal missing/j: no such file\n"),
    ];
    for (path, want) in cases {
        let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--live", "--journal", path]).run();
        run.code(2);
        let error = run.stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
        assert_eq!(format!("{error}\n"), want, "{}", run.stderr);
    }
    assert!(stub.requests().is_empty());
}

#[test]
fn flags_for_a_single_create_are_refused_by_name_in_a_batch() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(2));
    let run = t.cmd().args(["sequence", "create", "-f", "b.jsonl", "--idempotency-key", "k1"]).run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: --idempotency-key doesn't apply to a batch: each line gets its own key, derived from the input\n"
    );
    let run = t.cmd().args(["sequence", "create", "-f", "b.jsonl", "-q"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: -q doesn't apply to a batch: it prints only the ids already\n");
}

#[cfg(target_os = "linux")]
#[test]
fn results_that_cant_be_written_fail_the_batch_and_a_rerun_prints_them() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    t.write("b.jsonl", &jsonl_lines(5));
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    for extra in [&[][..], &["--json"], &["--jq", ".id"]] {
        let run = t
            .authed(&sb.url)
            .args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--restart", "--concurrency", "1"])
            .args(extra)
            .stdout_to(full())
            .run();
        run.code(1);
        assert!(
            run.stderr.contains("error: cannot write the results to stdout (No space left on device"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint: the journal has what was created"), "{}", run.stderr);
        // Nothing more is sent once the results can't be written; the summary still comes.
        assert!(!run.stderr.contains("created 5,"), "{}", run.stderr);
        assert!(run.stderr.contains(", failed 0, invalid 0"), "{}", run.stderr);
    }
    // The journal kept what the full disk lost: the same command prints every id.
    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode"]).run();
    run.ok();
    assert_eq!(run.stdout.lines().count(), 5, "{}", run.stdout);
    assert!(run.stderr.contains("already created "), "{}", run.stderr);
    // What says more still decides: live sequences where test mode was asked for are exit 7,
    // whether stdout is full or --jq fails.
    let mut seq = sample_sequence(104);
    seq["is_test_mode"] = serde_json::json!(false);
    let live = Stub::fixed(Canned::json(201, &envelope(seq)));
    for (extra, to_full) in [(&[][..], true), (&["--jq", ".id | ascii_downcase"][..], false)] {
        let mut cli = t
            .authed(&live.url)
            .args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--journal", "l.journal", "--restart"])
            .args(extra);
        if to_full {
            cli = cli.stdout_to(full());
        }
        let run = cli.run();
        run.code(7);
        assert!(run.stderr.contains("TEST MODE WAS NOT HONOURED: sequence 104"), "{}", run.stderr);
    }
}

#[test]
fn ctrl_c_during_a_test_mode_probe_stops_the_sending_at_once() {
    let t = TestEnv::new();
    let file = jsonl(&t, "b.jsonl", 5);
    // The first request (the probe: alone, until an answer confirms test mode) is held until
    // the test lets it go; the others would be answered at once.
    let (arrived, first_arrived) = std::sync::mpsc::channel::<()>();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (arrived, released) = (std::sync::Mutex::new(arrived), std::sync::Mutex::new(released));
    let first = std::sync::atomic::AtomicBool::new(true);
    let stub = Stub::start(move |_| {
        let mut seq = sample_sequence(1);
        seq["is_test_mode"] = serde_json::json!(true);
        if first.swap(false, std::sync::atomic::Ordering::SeqCst) {
            let _ = arrived.lock().unwrap().send(());
            let _ = released.lock().unwrap().recv_timeout(Duration::from_secs(60));
        }
        Canned::json(201, &envelope(seq))
    });
    let child = t.authed(&stub.url).args(["sequence", "create", "--test-mode", "-f"]).arg_path(&file).spawn();
    first_arrived.recv_timeout(Duration::from_secs(60)).expect("the probe was sent");
    child.signal(rustix::process::Signal::INT);
    // Acted on while the probe is still unanswered: no other request starts after it.
    let acted = child.stderr_shows("interrupted: finishing the 1 request(s) in flight", Duration::from_secs(30));
    release.send(()).unwrap();
    let run = child.wait();
    assert!(acted, "Ctrl-C waited for the probe's answer: {}", run.stderr);
    run.code(130);
    assert_eq!(stub.requests().len(), 1, "{}", run.stderr);
}
