//! `sequence show`: the GET, the table and the JSON.

use crate::support::*;
use serde_json::json;

#[test]
fn show_gets_the_sequence_and_prints_a_plain_table_when_piped() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(7))));
    let run = t.authed(&stub.url).args(["sequence", "show", "7"]).run();
    run.code(0);
    let reqs = stub.requests();
    assert_eq!((reqs[0].method.as_str(), reqs[0].path.as_str()), ("GET", "/v1/sequence-manager/sequences/7"));
    assert_eq!(reqs[0].header("accept"), Some("application/json"));
    assert_eq!(reqs[0].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert!(!run.stdout.contains('\x1b'), "no ANSI when piped");
    assert!(!run.stdout.contains('│'), "no box drawing when piped");
    insta::assert_snapshot!("show_table_piped", run.stdout);
}

#[test]
fn nulls_and_absent_fields_show_as_dashes() {
    let t = TestEnv::new();
    let data = json!({"id": 3, "status": null, "steps": [{"id": null, "type": "voice"}], "extra": "kept"});
    let stub = Stub::fixed(Canned::json(200, &envelope(data)));
    let run = t.authed(&stub.url).args(["sequence", "show", "3"]).run();
    run.code(0);
    assert!(!run.stdout.contains("null"), "{}", run.stdout);
    insta::assert_snapshot!("show_table_sparse", run.stdout);
}

#[test]
fn json_output_is_pipeable() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(7))));
    let run = t.authed(&stub.url).args(["sequence", "show", "7", "--json"]).run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v, sample_sequence(7));
}

#[test]
fn ids_that_are_not_positive_integers_are_usage_errors() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(7))));
    for bad in ["0", "-1", "abc", "1.5", "99999999999999999999999"] {
        let run = t.authed(&stub.url).args(["sequence", "show", "--", bad]).run();
        run.code(2);
        assert!(run.stderr.contains("a sequence id is a positive integer"), "{bad}: {}", run.stderr);
    }
    assert!(stub.requests().is_empty());
}

#[test]
fn not_found_is_exit_3() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(
        404,
        &json!({"success": false, "error": {"code": "not_found", "message": "no sequence 9"}}),
    ));
    let run = t.authed(&stub.url).args(["sequence", "show", "9"]).run();
    run.code(3);
    assert_eq!(run.stderr, "error: fetching sequence 9: the API answered 404 Not Found: no sequence 9 (not_found)\n");
}

#[test]
fn server_text_is_sanitised_in_tables() {
    let t = TestEnv::new();
    let mut data = sample_sequence(5);
    data["steps"][0]["id"] = json!("evil\u{1b}]0;pwned\u{7}id");
    data["status"] = json!("\u{1b}[2Jcleared");
    let stub = Stub::fixed(Canned::json(200, &envelope(data)));
    let run = t.authed(&stub.url).args(["sequence", "show", "5"]).run();
    run.code(0);
    assert!(!run.stdout.contains('\x1b') && !run.stdout.contains('\x07'), "{:?}", run.stdout);
    assert!(run.stdout.contains("\\u{1b}[2Jcleared"));
}

#[test]
fn redirects_are_not_followed() {
    let t = TestEnv::new();
    let elsewhere = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    for status in [301, 302, 307, 308] {
        let target = format!("{}/v1/sequence-manager/sequences/1", elsewhere.url);
        let stub = Stub::fixed(Canned::raw(status, "text/plain", "moved").header("Location", &target));
        let run = t.authed(&stub.url).args(["sequence", "show", "1"]).run();
        run.code(1);
        assert!(run.stderr.contains(&format!("redirecting to {target}")), "{}", run.stderr);
    }
    assert!(elsewhere.requests().is_empty(), "the token reached a host the user did not choose");
    // 304 is no redirect: `api` with a conditional header takes it as the answer it is (0);
    // `show`, which asks no such thing, still can't read a sequence from it.
    let not_modified = Stub::fixed(Canned::raw(304, "text/plain", ""));
    let run = t
        .authed(&not_modified.url)
        .args(["api", "/v1/sequence-manager/sequences/1", "-H", "If-None-Match: \"x\""])
        .run();
    run.ok();
    let run = t.authed(&not_modified.url).args(["sequence", "show", "1"]).run();
    run.code(1);
    assert!(!run.stderr.contains("redirect"), "{}", run.stderr);
}

/// A three-step sequence whose times are set from now, so the terminal's relative hints are
/// the same on every run.
#[cfg(unix)]
fn three_steps_around_now() -> serde_json::Value {
    let at = |offset_secs: i64| {
        let now = std::time::SystemTime::now();
        let t = if offset_secs >= 0 {
            now + std::time::Duration::from_secs(offset_secs as u64)
        } else {
            now - std::time::Duration::from_secs((-offset_secs) as u64)
        };
        humantime::format_rfc3339_seconds(t).to_string()
    };
    let mut seq = sample_sequence(42);
    let step = |id: &str, ty: &str, status: &str, when: i64, to: &str| {
        json!({"id": id, "type": ty, "status": status, "scheduled_at": at(when), "destination_number": to,
               "source_number": "+15550100", "voice_assistant_id": null, "voicemail_message": null, "inputs": [], "post_actions": []})
    };
    seq["steps"] = json!([
        step("stp_a1", "voice", "completed", -600, "+15550199"),
        step("stp_b2", "sms", "in-progress", 180, "+15550199"),
        step("stp_c3", "email", "pending", 7200, "-"),
    ]);
    seq["steps"][0]["voicemail_message"] = json!("Hi, this is Clarion Clinic calling about your appointment.");
    seq["last_updated"] = json!(at(-60));
    seq["next_activity"] = json!(at(180));
    seq
}

#[cfg(unix)]
#[test]
fn on_a_terminal_tables_fit_the_width_and_times_say_how_far_off() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(three_steps_around_now())));
    for cols in [120u16, 80, 60] {
        let (run, _) = t.authed(&stub.url).args(["--color", "never", "sequence", "show", "42"]).run_on_pty(cols, &[]);
        run.code(0);
        for line in run.screen.lines().filter(|l| !l.starts_with("  step ")) {
            assert!(line.chars().count() <= usize::from(cols), "{cols} columns: {line:?}\n{}", run.screen);
        }
        assert!(run.screen.contains("UTC (in 3m)") && run.screen.contains("UTC (10m ago)"), "{}", run.screen);
        insta::with_settings!({filters => vec![(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "[date time] UTC")]}, {
            insta::assert_snapshot!(format!("show_on_a_terminal_{cols}_columns"), run.screen);
        });
    }
}
