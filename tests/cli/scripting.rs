//! For scripts and CI: wait, the test-mode guard, --jq, `clarion api`, validate, schema,
//! completions and man page, and output discipline.

use crate::support::*;
use serde_json::json;

fn create_file(t: &TestEnv, outcomes: [&str; 2]) -> std::path::PathBuf {
    t.write("s.json", &serde_json::to_string(&two_step_body(outcomes)).unwrap())
}

#[test]
fn wait_for_a_completed_sequence_exits_0_with_it_on_stdout() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "3000"]);
    t.authed(&sb.url)
        .args(["sequence", "create", "-q", "-f"])
        .arg_path(&create_file(&t, ["completed", "completed"]))
        .run()
        .code(0);
    let run = t.authed(&sb.url).args(["sequence", "wait", "1", "--interval", "1s", "--json"]).run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is only the result");
    assert_eq!((v["status"].as_str(), v["outcome"].as_str()), (Some("completed"), Some("contact_reached")));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("sequence 1: ")), "one line per change: {lines:?}");
    assert_eq!(lines.last(), Some(&"sequence 1: completed | 1 voice: completed | 2 sms: completed"));
}

#[test]
fn wait_for_a_failed_sequence_exits_8() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "3000"]);
    t.authed(&sb.url)
        .args(["sequence", "create", "-q", "-f"])
        .arg_path(&create_file(&t, ["failed", "completed"]))
        .run()
        .code(0);
    let run = t.authed(&sb.url).args(["sequence", "wait", "1", "--interval", "1s", "-q"]).run();
    run.code(8);
    assert_eq!(run.stdout, "1\n", "the ended sequence is still the result");
    assert!(run.stderr.ends_with("error: sequence 1 ended failed (step_failed)\n"), "{}", run.stderr);
}

#[test]
fn a_wait_that_times_out_exits_124() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    t.authed(&sb.url)
        .args(["sequence", "create", "-q", "-f"])
        .arg_path(&create_file(&t, ["completed", "completed"]))
        .run()
        .code(0);
    let run = t.authed(&sb.url).args(["sequence", "wait", "1", "--timeout", "1500ms", "--interval", "1s"]).run();
    run.code(124);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("error: sequence 1 had not ended after 1s 500ms (last status: in-progress)"),
        "{}",
        run.stderr
    );
}

#[test]
fn create_wait_prints_only_the_final_sequence() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "3000"]);
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "--wait", "--interval", "1s", "--jq", ".status", "-f"])
        .arg_path(&create_file(&t, ["completed", "completed"]))
        .run();
    run.code(0);
    assert_eq!(run.stdout, "completed\n");
}

#[test]
fn wait_flags_are_checked() {
    let t = TestEnv::new();
    t.cmd().args(["sequence", "wait", "1", "--interval", "200ms"]).run().code(2);
    t.cmd().args(["sequence", "wait", "1", "--timeout", "soon"]).run().code(2);
}

#[test]
fn the_test_mode_guard_catches_a_live_sequence() {
    let t = TestEnv::new();
    let mut live = sample_sequence(77);
    live["is_test_mode"] = json!(false);
    let stub = Stub::fixed(Canned::json(200, &envelope(live)));
    let run =
        t.authed(&stub.url).args(["sequence", "create", "--name", "x", "--step", "voice", "--test-mode", "-q"]).run();
    run.code(7);
    assert_eq!(run.stdout, "77\n", "the id is there to deal with");
    assert!(
        run.stderr.starts_with("error: TEST MODE WAS NOT HONOURED: sequence 77 was created LIVE (is_test_mode: false); real patients may be contacted\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: if it must not run, have Clarion Health stop it now"), "{}", run.stderr);
    assert_eq!(stub.requests()[0].json()["is_test_mode"], true);
}

#[test]
fn test_mode_comes_from_the_profile_and_live_overrides_it() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    t.write_config("config.toml", "[profiles.default]\ntest_mode = true\n");
    let run =
        t.authed(&sb.url).args(["sequence", "create", "--name", "x", "--step", "voice", "--jq", ".is_test_mode"]).run();
    run.code(0);
    assert_eq!(run.stdout, "true\n");
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "--name", "x", "--step", "voice", "--live", "--dry-run", "--jq", ".is_test_mode"])
        .run();
    run.ok();
    assert_eq!(run.stdout, "false\n");
    t.cmd().args(["sequence", "create", "--name", "x", "--step", "voice", "--live", "--test-mode"]).run().code(2);
}

#[test]
fn jq_on_create_and_show_and_bad_expressions() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "--name", "x", "--step", "voice", "--step", "sms", "--jq", ".steps[].type"])
        .run();
    run.code(0);
    assert_eq!(run.stdout, "voice\nsms\n");
    let run = t.authed(&sb.url).args(["sequence", "show", "1", "--jq", "{id, n: (.steps | length)}"]).run();
    run.ok();
    assert_eq!(run.stdout, "{\"id\":1,\"n\":2}\n");
    let bad = t.authed(&sb.url).args(["sequence", "create", "--name", "x", "--step", "voice", "--jq", ".steps["]).run();
    bad.code(2);
    assert!(bad.stderr.contains("invalid jq expression"), "{}", bad.stderr);
    assert_eq!(get_sequence(&sb.url, "2").status, 404, "a bad --jq sends nothing");
    let status = t.authed(&sb.url).args(["auth", "status", "--jq", ".active_profile"]).run();
    status.ok();
    assert_eq!(status.stdout, "default\n");
}

#[test]
fn api_get_and_post_with_fields() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let run = t
        .authed(&sb.url)
        .args([
            "api",
            "POST",
            "/v1/sequence-manager/sequences",
            "-F",
            "name=Via api",
            "-F",
            r#"steps:=[{"order":1,"type":"voice"}]"#,
            "-F",
            "is_test_mode:=true",
        ])
        .run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((v["data"]["id"].as_i64(), v["data"]["is_test_mode"].as_bool()), (Some(1), Some(true)));
    assert!(run.stdout.starts_with("{\"success\":true"), "raw when piped: {}", run.stdout);
    let run = t.authed(&sb.url).args(["api", "v1/sequence-manager/sequences/1", "-i"]).run();
    run.code(0);
    assert!(run.stdout.starts_with("HTTP/1.1 200 OK\ncontent-type: application/json\n"), "{}", run.stdout);
    let missing = t.authed(&sb.url).args(["api", "/v1/sequence-manager/sequences/9"]).run();
    missing.code(3);
    assert!(missing.stdout.contains("\"not_found\""), "the error body is still printed");
    let bad = t
        .authed(&sb.url)
        .args(["api", "POST", "/v1/sequence-manager/sequences", "--input", "-"])
        .stdin("{\"name\": \"\"}")
        .run();
    bad.code(5);
    t.authed(&sb.url).args(["api", "https://elsewhere.example/v1"]).run().code(2);
    t.authed(&sb.url).args(["api", "/x", "-H", "Authorization: Bearer other"]).run().code(2);
    for framing in ["Content-Length: 1", "transfer-encoding: chunked", "Host: evil.example", "Connection: close"] {
        let run = t.authed(&sb.url).args(["api", "POST", "/x", "-F", "a=b", "-H", framing]).run();
        run.code(2);
        assert!(run.stderr.contains("clarion sets this header itself"), "{framing}: {}", run.stderr);
    }
    t.authed(&sb.url).args(["api", "/x", "-F", "novalue"]).run().code(2);
    // A header given replaces clarion's default (one Content-Type goes out), and one given
    // twice goes out twice.
    let stub = Stub::fixed(Canned::json(200, &serde_json::json!({})));
    t.write("in.txt", "plain words");
    t.authed(&stub.url)
        .args(["api", "POST", "/x", "--input", "in.txt", "-H", "Content-Type: text/plain"])
        .args(["-H", "X-Dup: 1", "-H", "X-Dup: 2"])
        .run()
        .ok();
    let sent = &stub.requests()[0];
    let values = |name: &str| -> Vec<&str> {
        sent.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    };
    assert_eq!(values("content-type"), ["text/plain"]);
    assert_eq!(values("x-dup"), ["1", "2"]);
}

#[test]
fn validate_reports_problems_as_json() {
    let t = TestEnv::new();
    t.write("bad.toml", "nmae = \"x\"\n[[steps]]\ntype = \"\"\n");
    let run = t.cmd().args(["sequence", "validate", "-f", "bad.toml", "--json"]).run();
    run.code(2);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v,
        json!([
            {"file": "bad.toml", "line": 1, "column": 1, "field": "nmae", "message": "unknown key (did you mean `name`?)"},
            {"file": "bad.toml", "line": 3, "column": 8, "field": "steps[0].type", "message": "must not be empty (e.g. \"voice\")"}
        ])
    );
    assert_eq!(run.stderr, "");
    let ok = t
        .cmd()
        .args(["sequence", "validate", "--json", "-f"])
        .arg_path(&repo_file("examples/appointment-reminder.toml"))
        .run();
    ok.code(0);
    assert_eq!(ok.stdout.trim(), "[]");
    let plain = t.cmd().args(["sequence", "validate", "-f", "bad.toml"]).run();
    plain.code(2);
    assert!(plain.stderr.starts_with("error: bad.toml:1:1: nmae: unknown key"));
}

#[test]
fn the_schema_accepts_the_examples_and_refuses_bad_files() {
    let t = TestEnv::new();
    let run = t.cmd().args(["schema"]).run();
    run.code(0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let toml_example: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo_file("examples/appointment-reminder.toml")).unwrap()).unwrap();
    let json_example: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_file("examples/appointment-reminder.json")).unwrap())
            .unwrap();
    assert!(validator.is_valid(&serde_json::to_value(toml_example).unwrap()));
    assert!(validator.is_valid(&json_example));
    for bad in [
        json!({"name": "x"}),
        json!({"name": "", "steps": [{"type": "voice"}]}),
        json!({"nmae": "x", "steps": [{"type": "voice"}]}),
        json!({"name": "x", "steps": [{"type": "voice", "order": -1}]}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

const REGENERATE: &str = "for s in bash zsh fish powershell elvish; do cargo run -q -- completions $s > completions/clarion.$s; done; rm -f man/*.1; cargo run -q -- man --dir man";

#[test]
fn committed_completions_and_man_page_are_current() {
    let t = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = t.cmd().args(["completions", shell]).run();
        run.code(0);
        let committed = std::fs::read_to_string(repo_file(&format!("completions/clarion.{shell}"))).unwrap_or_default();
        assert!(run.stdout == committed, "completions/clarion.{shell} is stale; regenerate with:\n  {REGENERATE}");
    }
    // Every page: the same set of files, each the same text.
    let fresh = t.work().join("man");
    t.cmd().args(["man", "--dir"]).arg_path(&fresh).run().ok();
    let names = |dir: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        v.retain(|n| n.ends_with(".1"));
        v.sort();
        v
    };
    let committed_dir = repo_file("man");
    assert_eq!(names(&fresh), names(&committed_dir), "man/ is stale; regenerate with:\n  {REGENERATE}");
    assert!(names(&fresh).len() > 20);
    for name in names(&fresh) {
        let now = std::fs::read_to_string(fresh.join(&name)).unwrap();
        let committed = std::fs::read_to_string(committed_dir.join(&name)).unwrap_or_default();
        assert!(now == committed, "man/{name} is stale; regenerate with:\n  {REGENERATE}");
    }
    // `clarion man` prints clarion(1); `clarion man sequence create` that command's page.
    let top = t.cmd().args(["man"]).run();
    top.ok();
    assert_eq!(top.stdout, std::fs::read_to_string(committed_dir.join("clarion.1")).unwrap());
    let one = t.cmd().args(["man", "sequence", "create"]).run();
    one.ok();
    assert_eq!(one.stdout, std::fs::read_to_string(committed_dir.join("clarion-sequence-create.1")).unwrap());
    assert!(one.stdout.contains(".SH \"EXIT STATUS\""), "{}", one.stdout);
    t.cmd().args(["man", "sequence", "nosuch"]).run().code(2);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    let always = t.authed(&stub.url).args(["--color", "always", "sequence", "show", "1"]).run();
    always.ok();
    assert!(always.stdout.contains('\x1b'));
    // The escape-free outputs must be whole tables, not empty ones.
    let never =
        t.authed(&stub.url).env("CLICOLOR_FORCE", "1").args(["--color", "never", "sequence", "show", "1"]).run();
    never.ok();
    assert!(never.stdout.contains("in-progress") && !never.stdout.contains('\x1b'), "{}", never.stdout);
    let no_color =
        t.authed(&stub.url).env("NO_COLOR", "1").env("CLICOLOR_FORCE", "1").args(["sequence", "show", "1"]).run();
    no_color.ok();
    assert!(no_color.stdout.contains("in-progress") && !no_color.stdout.contains('\x1b'), "{}", no_color.stdout);
    let err = t.cmd().args(["--color", "always", "sequence", "show", "1"]).run();
    err.code(4);
    assert!(err.stderr.starts_with("\x1b["), "errors are coloured too when asked");
}

#[cfg(unix)]
#[test]
fn json_is_the_same_on_a_terminal() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    let piped = t.authed(&stub.url).args(["sequence", "show", "1", "--json"]).run();
    piped.ok();
    let (on_tty, _) = t.authed(&stub.url).args(["sequence", "show", "1", "--json"]).run_on_pty(100, &[]);
    on_tty.code(0);
    assert_eq!(on_tty.screen, piped.stdout);
}

#[cfg(unix)]
#[test]
fn on_a_terminal_a_create_says_live_or_test_before_sending() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let run_on_tty = |extra: &[&str]| {
        let (run, _) = t
            .authed(&sb.url)
            .args(["sequence", "create", "--name", "x", "--step", "voice"])
            .args(extra)
            .run_on_pty(100, &[]);
        run.code(0);
        run.screen
    };
    let live = run_on_tty(&["--json"]);
    assert!(live.contains(&format!("Creating LIVE sequence on {}/ (profile default)", sb.url)), "{live}");
    let test = run_on_tty(&["--test-mode", "--json"]);
    assert!(test.contains("Creating test-mode sequence on"), "{test}");
    // -q is quiet on a terminal too: the id, and nothing else.
    let quiet = run_on_tty(&["--test-mode", "-q"]);
    assert!(!quiet.contains("Creating") && !quiet.contains("Created"), "{quiet}");
    // The embedded sandbox is named as what it is, not as a LIVE target.
    let (run, _) = t
        .cmd()
        .env("CLARION_SANDBOX_DB", t.work().join("embedded.sqlite3"))
        .args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice", "--json"])
        .run_on_pty(100, &[]);
    run.code(0);
    assert!(
        run.screen.contains("Creating sequence on the local sandbox (no one is contacted; profile default)"),
        "{}",
        run.screen
    );
    assert!(!run.screen.contains("LIVE"), "{}", run.screen);
    // Piped, scripts see none of it.
    let piped = t.authed(&sb.url).args(["sequence", "create", "--name", "x", "--step", "voice", "-q"]).run();
    piped.ok();
    assert_eq!(piped.stderr, "");
}
