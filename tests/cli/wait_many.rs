//! Waiting for many sequences: fates, exit codes, outputs and reports (issue #14).

use crate::support::*;
use serde_json::json;

fn create(t: &TestEnv, url: &str, outcome: &str) -> String {
    let run = t
        .authed(url)
        .args([
            "sequence",
            "create",
            "--name",
            "x",
            "--step",
            &format!("voice:{{\"sandbox_outcome\":\"{outcome}\"}}"),
            "-q",
        ])
        .run();
    run.ok();
    run.stdout.trim().to_string()
}

#[test]
fn many_sequences_are_followed_to_their_ends() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "6000"]);
    let ids: Vec<String> = ["completed", "failed", "completed"].iter().map(|o| create(&t, &sb.url, o)).collect();
    // All completed: 0, one line each.
    let run = t.authed(&sb.url).args(["sequence", "wait", &ids[0], &ids[2], "--interval", "1s"]).run();
    run.ok();
    let mut lines: Vec<&str> = run.stdout.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [format!("{}\tcompleted\tcontact_reached", ids[0]), format!("{}\tcompleted\tcontact_reached", ids[2])]
    );
    assert!(run.stderr.contains("2 sequences: 2 completed, 0 ended otherwise"), "{}", run.stderr);
    // One failed, one unknown: the unknown one is listed, the others still waited for. The
    // file starts with the BOM an editor may write.
    t.write("ids.txt", &format!("\u{feff}# seeded today\n{}\n\n{}\n999\n", ids[0], ids[1]));
    let run = t
        .authed(&sb.url)
        .args([
            "sequence",
            "wait",
            "--ids-from",
            "ids.txt",
            "--interval",
            "1s",
            "--junit",
            "r.xml",
            "--summary",
            "s.md",
        ])
        .run();
    run.code(3);
    assert!(run.stderr.contains("error: not found: 999"), "{}", run.stderr);
    assert!(run.stdout.contains(&format!("{}\tfailed\tnot_reached", ids[1])), "{}", run.stdout);
    let junit = std::fs::read_to_string(t.work().join("r.xml")).unwrap();
    assert!(junit.contains("tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\""), "{junit}");
    assert!(junit.contains("<failure message=\"ended failed (step_failed)\" type=\"failed\">"), "{junit}");
    let summary = std::fs::read_to_string(t.work().join("s.md")).unwrap();
    assert!(summary.contains("| completed | 1 |") && summary.contains("| sequence 999 | not found |"), "{summary}");
    // Without the unknown id: 8, and -q prints only what did not complete.
    let run = t.authed(&sb.url).args(["sequence", "wait", &ids[0], &ids[1], "-q", "--interval", "1s"]).run();
    run.code(8);
    assert_eq!(run.stdout, format!("{}\n", ids[1]));
    // --json: one line for every id, whatever became of it; --jq runs over the same lines.
    let run = t.authed(&sb.url).args(["sequence", "wait", &ids[0], "999", "--json", "--interval", "1s"]).run();
    run.code(3);
    assert!(run.stdout.contains("{\"id\":999,\"error\":\"not_found\"}"), "{}", run.stdout);
    let run = t.authed(&sb.url).args(["sequence", "wait", &ids[0], "999", "--jq", ".id", "--interval", "1s"]).run();
    run.code(3);
    let mut got: Vec<&str> = run.stdout.lines().collect();
    got.sort();
    assert_eq!(got, [ids[0].as_str(), "999"]);
    // A timeout shorter than the interval still gives every sequence its look.
    let run =
        t.authed(&sb.url).args(["sequence", "wait", &ids[0], &ids[1], "--timeout", "4s", "--interval", "1m"]).run();
    run.code(8);
    // --json: each sequence's data as one line, as the API sent it.
    let run = t.authed(&sb.url).args(["sequence", "wait", &ids[0], &ids[2], "--json", "--interval", "1s"]).run();
    run.ok();
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["status"], "completed");
        assert!(v["steps"].is_array());
    }
}

#[test]
fn a_timeout_lists_what_is_still_running() {
    let t = TestEnv::new();
    // At speed 1 a step starts a minute after creation: nothing ends within the timeout.
    let sb = SandboxProc::start(&t, &["--speed", "1"]);
    let (a, b) = (create(&t, &sb.url, "completed"), create(&t, &sb.url, "completed"));
    let run =
        t.authed(&sb.url).args(["sequence", "wait", &a, &b, "--timeout", "2s", "--interval", "1s", "--json"]).run();
    run.code(124);
    assert!(run.stderr.contains(&format!("timed out; still running: {a}, {b}")), "{}", run.stderr);
    let marked: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(marked.len(), 2);
    assert_eq!(marked[0]["still_running"], true);
    assert_eq!(marked[0]["last_status"], "in-progress");
}

#[test]
fn a_batch_journal_names_the_sequences_to_wait_for() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "6000"]);
    let text: String = (1..=5)
        .map(|i| format!("{{\"name\":\"r{i}\",\"steps\":[{{\"type\":\"voice\",\"config\":{{\"sandbox_outcome\":\"completed\"}}}}]}}\n"))
        .collect();
    t.write("seed.jsonl", &text);
    t.authed(&sb.url).args(["sequence", "create", "-f", "seed.jsonl", "--test-mode"]).run().ok();
    let run = t.authed(&sb.url).args(["sequence", "wait", "--journal", "seed.jsonl.journal", "--interval", "1s"]).run();
    run.ok();
    assert_eq!(run.stdout.lines().count(), 5);
    assert!(run.stderr.contains("5 sequences: 5 completed"), "{}", run.stderr);
}

#[test]
fn a_look_that_fails_gives_the_exit_code_of_its_error() {
    let t = TestEnv::new();
    // Sequence 1 completes; 2 can't be looked at, for the reason the status says.
    let stub_for = |status: u16| {
        Stub::start(move |req| {
            if req.path.ends_with("/2") {
                return Canned::json(status, &json!({"error": {"message": "no"}}));
            }
            let mut seq = sample_sequence(1);
            seq["status"] = json!("completed");
            Canned::json(200, &envelope(seq))
        })
    };
    for (status, code) in [(503, 6), (422, 5)] {
        let stub = stub_for(status);
        let run = t.authed(&stub.url).args(["--retries", "0", "sequence", "wait", "1", "2", "--interval", "1s"]).run();
        run.code(code);
        assert!(run.stderr.contains("could not be looked at: 2"), "{status}: {}", run.stderr);
        assert!(run.stdout.starts_with("1\tcompleted"), "{status}: {}", run.stdout);
    }
}

#[test]
fn a_refused_token_stops_the_wait_at_the_first_look_it_refuses() {
    let t = TestEnv::new();
    for (status, reason) in [(401, "Unauthorized"), (403, "Forbidden")] {
        let stub = Stub::fixed(Canned::json(status, &json!({"error": {"message": "no"}})));
        let ids: Vec<String> = (1..=40).map(|i| i.to_string()).collect();
        let run =
            t.authed(&stub.url).args(["sequence", "wait", "--interval", "1s", "--concurrency", "1"]).args(&ids).run();
        run.code(4);
        assert_eq!(stub.requests().len(), 1, "{status}: one refusal is enough");
        let error = run.stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
        assert!(
            error.starts_with(&format!(
                "error: stopped waiting, the token was refused (sequence 1: the API answered {status} {reason}: no); no answer yet: 2, 3,"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint: `clarion auth status` says which token is used"), "{}", run.stderr);
    }
}

#[test]
fn a_429_pauses_every_look() {
    let t = TestEnv::new();
    let arrivals: std::sync::Arc<std::sync::Mutex<Vec<std::time::Instant>>> = Default::default();
    let a2 = arrivals.clone();
    let stub = Stub::start(move |req| {
        let mut a = a2.lock().unwrap();
        a.push(std::time::Instant::now());
        if a.len() == 1 {
            return Canned::json(429, &json!({"error": {"message": "slow down"}})).header("Retry-After", "2");
        }
        let id: i64 = req.path.rsplit('/').next().unwrap().parse().unwrap();
        let mut seq = sample_sequence(id);
        seq["status"] = json!("completed");
        Canned::json(200, &envelope(seq))
    });
    // Three looks spread over a 3 s interval; the first is told to wait 2 s, and so are the others.
    let run = t.authed(&stub.url).args(["sequence", "wait", "1", "2", "3", "--interval", "3s"]).run();
    run.ok();
    let a = arrivals.lock().unwrap();
    assert_eq!(a.len(), 4, "three looks and the retried one");
    for later in &a[1..] {
        assert!(
            later.duration_since(a[0]) >= std::time::Duration::from_millis(1950),
            "a look went ahead during the pause"
        );
    }
}

#[test]
fn a_batch_create_can_wait_for_everything_it_made() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "6000"]);
    let text: String = ["completed", "failed", "completed"]
        .iter()
        .enumerate()
        .map(|(i, o)| {
            format!(
                "{{\"name\":\"r{i}\",\"steps\":[{{\"type\":\"voice\",\"config\":{{\"sandbox_outcome\":\"{o}\"}}}}]}}\n"
            )
        })
        .collect();
    t.write("seed.jsonl", &text);
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "-f", "seed.jsonl", "--test-mode", "--wait", "--interval", "1s"])
        .run();
    run.code(8);
    let ended: Vec<&str> = run.stdout.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(ended.len(), 3, "{}", run.stdout);
    assert!(ended.iter().any(|l| l.ends_with("\tfailed\tnot_reached")), "{}", run.stdout);
    assert!(run.stderr.contains("3 sequences: 2 completed, 1 ended otherwise"), "{}", run.stderr);
}

/// The shape the common JUnit XSD (the one Jenkins, GitLab and GitHub's reporters read) asks
/// for: `testsuites` > `testsuite` (name, tests, failures, errors, time) > `testcase` (name,
/// classname, time) > at most one of `failure`, `error`, `skipped`; and counts that add up.
fn check_junit(xml: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let (mut cases, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    let mut declared: Option<(usize, usize, usize, usize)> = None;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                stack.pop();
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(e) = start else { continue };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        let attr = |k: &str| {
            e.attributes()
                .flatten()
                .find(|a| a.key.as_ref() == k.as_bytes())
                .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
        };
        let parent = stack.last().map(String::as_str);
        match (parent, name.as_str()) {
            (None, "testsuites") => {}
            (Some("testsuites"), "testsuite") => {
                for k in ["name", "tests", "failures", "errors", "time"] {
                    assert!(attr(k).is_some(), "testsuite without {k}");
                }
                let n = |k: &str| attr(k).unwrap_or_default().parse::<usize>().unwrap_or(0);
                declared = Some((n("tests"), n("failures"), n("errors"), n("skipped")));
            }
            (Some("testsuite"), "testcase") => {
                for k in ["name", "classname", "time"] {
                    assert!(attr(k).is_some(), "testcase without {k}");
                }
                assert!(attr("time").unwrap().parse::<f64>().is_ok());
                cases += 1;
            }
            (Some("testcase"), "failure") => failures += 1,
            (Some("testcase"), "error") => errors += 1,
            (Some("testcase"), "skipped") => skipped += 1,
            (p, n) => panic!("<{n}> does not belong under {p:?}"),
        }
        if !empty {
            stack.push(name);
        }
    }
    assert_eq!(declared, Some((cases, failures, errors, skipped)), "the counts add up");
}

#[test]
fn the_reports_have_the_shape_ci_systems_read() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "6000"]);
    let ids: Vec<String> = ["completed", "failed"].iter().map(|o| create(&t, &sb.url, o)).collect();
    let run = t
        .authed(&sb.url)
        .args([
            "sequence",
            "wait",
            &ids[0],
            &ids[1],
            "12345",
            "--interval",
            "1s",
            "--junit",
            "r.xml",
            "--summary",
            "s.md",
        ])
        .run();
    run.code(3);
    let junit = std::fs::read_to_string(t.work().join("r.xml")).unwrap();
    check_junit(&junit);
    // What users read, with the times that vary normalised.
    let times = regex_lite_times(&junit);
    insta::assert_snapshot!("junit_report", times);
    let summary = std::fs::read_to_string(t.work().join("s.md")).unwrap();
    let summary = summary
        .lines()
        .map(|l| if l.starts_with("Waited ") { "Waited N s." } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("markdown_summary", summary);
    // --summary appends, as $GITHUB_STEP_SUMMARY wants.
    t.authed(&sb.url).args(["sequence", "wait", &ids[0], "--summary", "s.md", "--interval", "1s"]).run().ok();
    let twice = std::fs::read_to_string(t.work().join("s.md")).unwrap();
    assert_eq!(twice.matches("### clarion: sequences").count(), 2);
}

/// `time="1.234"` becomes `time="T"`.
fn regex_lite_times(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("time=\"") {
        out.push_str(&rest[..i + 6]);
        rest = &rest[i + 6..];
        let end = rest.find('"').unwrap();
        out.push('T');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
