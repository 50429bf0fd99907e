//! Trust under attack: hostile servers, files, config and terminals (issue #10).

use crate::support::*;
use serde_json::json;

fn port(url: &str) -> &str {
    url.rsplit(':').next().unwrap()
}

#[test]
fn api_never_sends_the_token_to_another_origin() {
    let t = TestEnv::new();
    let api = Stub::fixed(Canned::json(200, &json!({"ok": true})));
    let other = Stub::fixed(Canned::json(200, &json!({"stolen": true})));
    let proxy = Stub::fixed(Canned::raw(502, "text/plain", "proxy"));
    let (p1, p2) = (port(&api.url), port(&other.url));
    let refused = [
        format!("http://127.0.0.1:{p2}/x"),
        format!("HTTP://127.0.0.1:{p2}/x"),
        format!(" http://127.0.0.1:{p2}/x"),
        format!("\thttp://127.0.0.1:{p2}/x"),
        format!("ht\ttp://127.0.0.1:{p2}/x"),
        format!("http:\\\\127.0.0.1:{p2}\\x"),
        format!("Http://localhost:{p2}/x"),
        format!("//127.0.0.1:{p2}/x"),
        format!("\\\\127.0.0.1:{p2}/x"),
        format!("http://127.0.0.1:{p1}@127.0.0.1:{p2}/x"),
        format!("http://u:p@127.0.0.1:{p1}/x"),
        format!("https://127.0.0.1:{p1}/x"),
        format!("http://localhost:{p1}/x"),
        format!("http://[::1]:{p2}/x"),
    ];
    for arg in &refused {
        let run = t
            .authed(&api.url)
            .env("HTTP_PROXY", &proxy.url)
            .env("HTTPS_PROXY", &proxy.url)
            .env("ALL_PROXY", &proxy.url)
            .args(["api", arg])
            .run();
        run.code(2);
        assert!(run.stderr.contains("refusing to send the token to "), "{arg:?}: {}", run.stderr);
        // The API's own origin with credentials in it is refused for them, not as another origin.
        let why = if arg.contains("u:p@") {
            "a URL that carries a user name or password".to_string()
        } else {
            format!("it is not the API's origin http://127.0.0.1:{p1}")
        };
        assert!(run.stderr.contains(&why), "{arg:?}: {}", run.stderr);
        assert!(!run.stderr.contains(TOKEN));
    }
    // What stays with the API's origin is sent there, and only there.
    for (arg, path) in [("/v1/x?a=1", "/v1/x?a=1"), ("v1/x", "/v1/x"), (&format!("http:127.0.0.1:{p2}/x")[..], "")] {
        t.authed(&api.url).env("HTTP_PROXY", &proxy.url).args(["api", arg]).run().ok();
        let got = api.requests().last().unwrap().path.clone();
        if !path.is_empty() {
            assert_eq!(got, path);
        }
    }
    // A base URL with a path of its own: a path that spells a URL stays a path under it.
    for arg in [
        format!("/http://127.0.0.1:{p2}/steal"),
        format!("../http://127.0.0.1:{p2}/steal"),
        format!("/https://127.0.0.1:{p2}/x"),
    ] {
        let run = t.authed(&format!("{}/api/", api.url)).args(["api", &arg]).run();
        assert!(matches!(run.code, 0 | 2), "{arg}: {}", run.stderr);
        if run.code == 0 {
            assert!(api.requests().last().unwrap().path.starts_with("/api/"), "{:?}", api.requests().last());
        }
    }
    assert!(other.requests().is_empty(), "the other server was contacted: {:?}", other.requests());
    assert!(proxy.requests().is_empty(), "the proxy was contacted: {:?}", proxy.requests());
    assert!(api.requests().len() >= 3);
    assert!(api.requests().iter().all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}")[..])));
}

/// Escape sequences a hostile server might send: OSC 0 (window title), OSC 8 (hyperlink),
/// OSC 52 (clipboard), a CSI (clear screen), a C1 CSI, and a right-to-left override.
const HOSTILE: &str = "A\u{1b}]0;pwned\u{7}B\u{1b}]8;;http://evil.example\u{1b}\\C\u{1b}]8;;\u{1b}\\D\u{1b}]52;c;ZXZpbA==\u{7}E\u{1b}[2JF\u{9b}2JG\u{202e}H";

/// Bytes a terminal would act on: ESC, any C1 control, any bidi override or isolate.
fn drives_the_terminal(screen: &str) -> Option<char> {
    screen.chars().find(|&c| {
        c == '\u{1b}'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

fn hostile_server() -> Stub {
    Stub::start(|req| {
        let mut seq = sample_sequence(1);
        seq["name"] = json!(HOSTILE);
        seq["status"] = json!(HOSTILE);
        seq["steps"][0]["type"] = json!(HOSTILE);
        seq["steps"][0]["destination_number"] = json!(HOSTILE);
        match req.path.as_str() {
            "/v1/sequence-manager/sequences/1" => Canned::json(200, &envelope(seq)),
            "/v1/sequence-manager/sequences/2" => Canned::json(422, &json!({"error": {"message": HOSTILE}})),
            "/raw" => {
                Canned::raw(200, "text/plain", HOSTILE.as_bytes().to_vec()).header("X-Evil", "\u{9b}2J \u{202e}x")
            }
            _ => Canned::json(404, &json!({"error": {"message": HOSTILE}})),
        }
    })
}

#[cfg(unix)]
#[test]
fn no_server_or_config_text_drives_the_terminal() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(1));
    let stub = hostile_server();
    let from_server: &[(&[&str], i32)] = &[
        (&["sequence", "show", "1"], 0),
        (&["sequence", "show", "1", "--json"], 0),
        (&["sequence", "show", "1", "--jq", ".name"], 0),
        (&["sequence", "show", "1", "--jq", ".steps"], 0),
        (&["sequence", "show", "2"], 5),
        (&["api", "-i", "/raw"], 0),
        (&["api", "/v1/sequence-manager/sequences/1"], 0),
        (&["api", "/nowhere"], 3),
        // A batch's per-line error carries the server's message: JSON-escaped on stdout.
        (&["sequence", "create", "-f", "b.jsonl", "--yes", "--json"], 9),
        (&["sequence", "create", "-f", "b.jsonl", "--yes", "--jq", ".error.message"], 9),
    ];
    // Config text: a hostile profile name, URL and command.
    let c = TestEnv::new();
    let hostile_config = [
        "[profiles.\"x\\u001b]0;pwned\\u0007\"]\n",
        "[profiles.ci]\napi_url = \"https://x\\u001b]0;pwned\\u0007\\u009b2J.example/\"\n",
        "[profiles.ci]\ntoken_command = \"echo \\u001b]0;pwned\\u0007\\u202e\"\n",
    ];
    let from_config: &[(usize, &[&str], i32)] = &[
        (0, &["auth", "status"], 2),
        (0, &["--profile", "x\u{1b}]0;t\u{7}y", "sequence", "show", "1"], 2),
        (1, &["--profile", "ci", "sequence", "show", "1"], 2),
        (1, &["--profile", "ci", "auth", "status"], 4),
        (2, &["config", "list"], 0),
        (2, &["--profile", "ci", "config", "get", "token_command"], 0),
    ];
    let runs = from_server
        .iter()
        .map(|(args, code)| (&t, None, *args, *code))
        .chain(from_config.iter().map(|(file, args, code)| (&c, Some(hostile_config[*file]), *args, *code)));
    for (env, config, args, code) in runs {
        let mut cmd = env.cmd().env("CLARION_TOKEN", TOKEN);
        match config {
            Some(text) => env.write_config("config.toml", text),
            None => cmd = cmd.env("CLARION_API_URL", &stub.url),
        }
        let (run, _) = cmd.args(["--color", "never"]).args(args).run_on_pty(120, &[]);
        run.code(code);
        if let Some(c) = drives_the_terminal(&run.screen) {
            panic!("{args:?} put {c:?} on the terminal:\n{}", run.screen);
        }
        assert!(
            run.screen.to_lowercase().contains("\\u{1b}") || run.screen.to_lowercase().contains("\\u001b"),
            "{args:?}: shown escaped:\n{}",
            run.screen
        );
    }
}

#[test]
fn piped_data_stays_byte_exact() {
    let t = TestEnv::new();
    let stub = hostile_server();
    let run = t.authed(&stub.url).args(["api", "/raw"]).run();
    run.ok();
    assert_eq!(run.stdout, HOSTILE, "the body as the server sent it");
    let run = t.authed(&stub.url).args(["sequence", "show", "1", "--jq", ".name"]).run();
    run.ok();
    assert_eq!(run.stdout, format!("{HOSTILE}\n"));
    // JSON output is the same document on a terminal or not; controls are \u escapes in it.
    let run = t.authed(&stub.url).args(["sequence", "show", "1", "--json"]).run();
    run.ok();
    assert!(drives_the_terminal(&run.stdout).is_none(), "{}", run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["name"], HOSTILE);
    // A batch line's error, too: the server's message as sent, not as a terminal is shown it.
    t.write("b.jsonl", &jsonl_lines(1));
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--json"]).run();
    run.code(9);
    assert!(drives_the_terminal(&run.stdout).is_none(), "{}", run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["error"]["message"], format!("the API answered 404 Not Found: {HOSTILE}"));
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--jq", ".error.message"]).run();
    run.code(9);
    assert!(run.stdout.ends_with(&format!("{HOSTILE}\n")), "{:?}", run.stdout);
    // And a waited-for sequence that could not be looked at, among others.
    let run = t.authed(&stub.url).args(["sequence", "wait", "2", "3", "--json", "--timeout", "30s"]).run();
    run.code(5);
    let line = run.stdout.lines().find(|l| l.contains("unreachable")).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(
        v,
        json!({"id": 2, "error": "unreachable", "message": format!("the API answered 422 Unprocessable Entity: {HOSTILE}")})
    );
}

/// A server that creates sequences numbered from 1, live from the `live_from`th on.
fn counting_server(live_from: u64) -> Stub {
    let n = std::sync::atomic::AtomicU64::new(0);
    Stub::start(move |_| {
        let id = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let mut seq = sample_sequence(id as i64);
        seq["is_test_mode"] = json!(id < live_from);
        Canned::json(200, &envelope(seq))
    })
}

#[test]
fn a_test_mode_batch_creates_at_most_one_live_sequence_first() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(40));
    let stub = counting_server(1);
    let run =
        t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--concurrency", "16"]).run();
    run.code(7);
    assert_eq!(stub.requests().len(), 1, "the first request went alone, and stopped the batch");
    assert_eq!(run.stdout, "1\n");
    assert!(run.stderr.contains("TEST MODE WAS NOT HONOURED: sequence 1 was created LIVE"), "{}", run.stderr);
    // The same from the profile's test_mode.
    let stub = counting_server(1);
    t.write_config("config.toml", "[profiles.default]\ntest_mode = true\n");
    t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--restart"]).run().code(7);
    assert_eq!(stub.requests().len(), 1);
}

#[test]
fn a_batch_whose_lines_ask_for_test_mode_is_checked_as_if_test_mode_was_given() {
    let t = TestEnv::new();
    let test_lines: String =
        jsonl_lines(40).lines().map(|l| l.replacen('{', "{\"is_test_mode\":true,", 1) + "\n").collect();
    t.write("b.jsonl", &test_lines);
    let stub = counting_server(1);
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--concurrency", "16"]).run();
    run.code(7);
    assert_eq!(stub.requests().len(), 1, "the first request went alone, and stopped the batch");
    assert_eq!(stub.requests()[0].json()["is_test_mode"], true);
    assert!(run.stderr.contains("TEST MODE WAS NOT HONOURED: sequence 1 was created LIVE"), "{}", run.stderr);
    assert!(!run.stderr.contains("about to create"), "not announced as a live batch: {}", run.stderr);
    // The same from a template whose body asks for it, one row at a time.
    t.write("t.toml", "name = \"{{ who }}\"\nis_test_mode = true\n[[steps]]\ntype = \"voice\"\n");
    t.write("p.csv", &(0..40).fold(String::from("who\n"), |s, i| s + &format!("p{i}\n")));
    let stub = counting_server(1);
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv"]).run();
    run.code(7);
    assert_eq!(stub.requests().len(), 1);
    // --live decides for every line: no check, and the live batch is announced.
    let stub = counting_server(1);
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--live", "--restart"]).run();
    run.ok();
    assert_eq!(stub.requests().len(), 40);
    assert!(stub.requests().iter().all(|r| r.json()["is_test_mode"] == false));
    assert!(run.stderr.contains("about to create 40 LIVE sequences"), "{}", run.stderr);
}

#[test]
fn a_batch_half_test_mode_half_live_is_refused_before_anything_is_sent() {
    let t = TestEnv::new();
    let mixed: String = jsonl_lines(3)
        .lines()
        .enumerate()
        .map(|(i, l)| if i < 2 { l.replacen('{', "{\"is_test_mode\":true,", 1) } else { l.to_string() } + "\n")
        .collect();
    t.write("b.jsonl", &mixed);
    let stub = counting_server(1);
    for extra in [&[][..], &["--dry-run"]] {
        let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl"]).args(extra).run();
        run.code(2);
        assert_eq!(
            run.stderr,
            "error: b.jsonl: line 1 asks for test mode (\"is_test_mode\": true) and line 3 doesn't; a batch is all test mode or all live\n\
             hint: give --test-mode (or --live) to decide for the whole batch, or make every line say the same\n"
        );
        assert_eq!(run.stdout, "");
    }
    assert!(stub.requests().is_empty());
    assert!(!t.work().join("b.jsonl.journal").exists(), "refused before the journal is made");
    // A flag decides for all of them.
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode"]).run();
    run.code(7);
}

#[test]
fn a_failed_first_request_proves_nothing_and_the_next_goes_alone() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(40));
    // The first create fails; every later one is live.
    let n = std::sync::atomic::AtomicU64::new(0);
    let stub = Stub::start(move |_| {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        if i == 1 {
            return Canned::json(422, &json!({"error": {"message": "no"}}));
        }
        let mut seq = sample_sequence(i as i64);
        seq["is_test_mode"] = json!(false);
        Canned::json(200, &envelope(seq))
    });
    let run =
        t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--concurrency", "8"]).run();
    run.code(7);
    assert_eq!(stub.requests().len(), 2, "one failed, then one live, then nothing");
    assert!(run.stderr.contains("TEST MODE WAS NOT HONOURED: sequence 2 was created LIVE"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: if it must not run, have Clarion Health stop it now"), "{}", run.stderr);
}

/// A create answered with success but a body clarion can't read may be live as much as test:
/// a test-mode batch stops there as at a live answer. Without test mode it is a failure like
/// another, and the batch goes on.
#[test]
fn a_test_mode_batch_stops_at_a_success_it_cant_read() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(40));
    let unreadable = || Stub::fixed(Canned::raw(201, "text/html", "<html>Created</html>"));
    let stub = unreadable();
    let run =
        t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--concurrency", "8"]).run();
    run.code(1);
    assert_eq!(stub.requests().len(), 1, "the first answer stopped the batch");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("line 1: the API answered 201, but the body is not JSON"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "TEST MODE COULD NOT BE CONFIRMED: the API's answer to line 1 can't be understood, so a live sequence may have been created; nothing more was sent"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: ask Clarion Health what was created"), "{}", run.stderr);
    // The line's record carries the answer's status, on stdout and in the journal.
    let stub = unreadable();
    let run =
        t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--json", "--restart"]).run();
    run.code(1);
    let record: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(record["error"]["http_status"], 201, "{}", run.stdout);
    let journal = std::fs::read_to_string(t.work().join("b.jsonl.journal")).unwrap();
    assert!(journal.contains(r#"{"line":1,"failed":201}"#), "{journal}");
    // After test mode was confirmed, a later unreadable answer stops the batch all the same.
    let n = std::sync::atomic::AtomicU64::new(0);
    let stub = Stub::start(move |_| {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        if i == 3 {
            return Canned::raw(201, "application/json", r#"{"success":true,"data":{"id":"three"}}"#);
        }
        Canned::json(201, &envelope(sample_sequence(i as i64)))
    });
    let run = t
        .authed(&stub.url)
        .args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--concurrency", "1", "--restart"])
        .run();
    run.code(1);
    assert_eq!(stub.requests().len(), 3);
    assert_eq!(run.stdout, "1\n2\n");
    assert!(run.stderr.contains("answer to line 3 can't be understood"), "{}", run.stderr);
    // A live batch (no test mode asked for): every line is tried, each a failure.
    let stub = unreadable();
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--restart"]).run();
    run.code(9);
    assert_eq!(stub.requests().len(), 40);
    assert!(!run.stderr.contains("TEST MODE"), "{}", run.stderr);
}

#[test]
fn every_live_sequence_is_named_when_the_server_turns_live_later() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(40));
    let stub = counting_server(2);
    let run =
        t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--concurrency", "4"]).run();
    run.code(7);
    let sent = stub.requests().len() as i64;
    assert!((2..=5).contains(&sent), "the requests in flight finish, no new ones start: {sent}");
    let live: Vec<String> = (2..=sent).map(|i| i.to_string()).collect();
    let mut printed: Vec<&str> = run.stdout.lines().collect();
    printed.sort();
    let mut all: Vec<String> = (1..=sent).map(|i| i.to_string()).collect();
    all.sort();
    assert_eq!(printed, all, "every id on stdout");
    let what = if live.len() == 1 { "sequence" } else { "sequences" };
    assert!(
        run.stderr.contains(&format!("TEST MODE WAS NOT HONOURED: {what} {} w", live.join(", "))),
        "{}",
        run.stderr
    );
}

#[test]
fn resuming_with_other_settings_is_refused_and_a_lost_journal_creates_nothing_twice() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    let count = || clarion::testing::Store::open(Some(&db)).unwrap().count_sequences().unwrap();
    t.write("b.jsonl", &jsonl_lines(5));
    let first = t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl"]).run();
    first.ok();
    assert_eq!(count(), 5);
    for flags in [&["--test-mode"][..], &["--name", "other"], &["--step", "sms"], &["--description", "d"]] {
        let run = t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl"]).args(flags).run();
        run.code(2);
        assert!(run.stderr.contains("b.jsonl.journal was written for other settings"), "{flags:?}: {}", run.stderr);
    }
    assert_eq!(count(), 5);
    // The journal is gone: the same lines get the same keys, and the server the same sequences.
    std::fs::remove_file(t.work().join("b.jsonl.journal")).unwrap();
    let again = t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl"]).run();
    again.ok();
    assert_eq!(count(), 5, "nothing created twice");
    let sorted = |s: &str| {
        let mut v: Vec<i64> = s.lines().map(|l| l.parse().unwrap()).collect();
        v.sort();
        v
    };
    assert_eq!(sorted(&again.stdout), sorted(&first.stdout), "the same ids");
    // Piped without a journal, the same.
    t.authed(&sb.url).args(["sequence", "create", "-f", "-", "--batch"]).stdin(jsonl_lines(5)).run().ok();
    assert_eq!(count(), 5);
    // --restart is the way to make them again.
    t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl", "--restart"]).run().ok();
    assert_eq!(count(), 10);
}

#[cfg(unix)]
#[test]
fn config_that_others_can_write_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    let marker = t.work().join("ran");
    t.write_config(
        "config.toml",
        &format!(
            "[profiles.default]\napi_url = \"{}\"\ntoken_command = \"touch {} && echo tok_from_command_123\"\n",
            stub.url,
            marker.display()
        ),
    );
    let cfg = t.config_dir().join("config.toml");
    for (path, mode) in [(&cfg, 0o664), (&cfg, 0o646), (&t.config_dir(), 0o777)] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        let run = t.cmd().args(["sequence", "show", "1"]).run();
        run.code(4);
        assert!(run.stderr.contains(&format!("{} can be changed by other users", path.display())), "{}", run.stderr);
        assert!(run.stderr.contains(&format!("hint: run: chmod go-w {}", path.display())), "{}", run.stderr);
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(if path == &cfg { 0o644 } else { 0o755 }))
            .unwrap();
    }
    assert!(!marker.exists(), "the token_command ran from an untrusted config");
    assert!(stub.requests().is_empty());
    // Owned by another user (root excepted): only root can make such a file here.
    if rustix::process::geteuid().is_root() {
        let creds = t.config_dir().join("credentials.toml");
        std::fs::write(&creds, "").unwrap();
        std::fs::set_permissions(&creds, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::chown(&creds, Some(4242), None).unwrap();
        let run = t.cmd().args(["sequence", "show", "1"]).run();
        run.code(4);
        assert!(run.stderr.contains("belongs to another user (uid 4242)"), "{}", run.stderr);
        std::fs::remove_file(&creds).unwrap();
    }
    t.cmd().args(["sequence", "show", "1"]).run().ok();
    assert!(marker.exists(), "trusted again, the command runs");
}

// token_command runs with sh.
#[cfg(unix)]
#[test]
fn a_token_command_is_bounded_and_its_failure_is_exit_4() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    let config = |cmd: &str, timeout: u32| {
        t.write_config(
            "config.toml",
            &format!(
                "[profiles.ci]\napi_url = \"{}\"\ntoken_command = \"{cmd}\"\ntoken_command_timeout = {timeout}\n",
                stub.url
            ),
        )
    };
    // A token printed by a command that leaves something running in the background.
    config("sleep 3 2>/dev/null & echo tok_from_command_123", 20);
    let started = std::time::Instant::now();
    t.cmd().args(["--profile", "ci", "sequence", "show", "1"]).run().ok();
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "waited for the background job");
    config("echo vault is sealed >&2; exit 3", 5);
    let run = t.cmd().args(["--profile", "ci", "sequence", "show", "1"]).run();
    run.code(4);
    assert!(run.stderr.starts_with("vault is sealed\n"), "its stderr passes through: {}", run.stderr);
    assert!(run.stderr.contains("the token_command of profile `ci` failed"), "{}", run.stderr);
    // A command that never ends, even one whose child keeps its output open, is stopped.
    config("sleep 600 & sleep 600", 1);
    let started = std::time::Instant::now();
    let run = t.cmd().args(["--profile", "ci", "sequence", "show", "1"]).run();
    run.code(4);
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "never a hang");
    assert!(run.stderr.contains("the token_command of profile `ci` did not finish within 1s"), "{}", run.stderr);
    // One that prints without end is told so, not reported by the signal the closed pipe gave it.
    config("yes tok_", 20);
    let run = t.cmd().args(["--profile", "ci", "sequence", "show", "1"]).run();
    run.code(4);
    assert!(run.stderr.contains("the token_command of profile `ci` printed more than 64 KiB"), "{}", run.stderr);
    assert!(!run.stderr.contains("141"), "{}", run.stderr);
    assert_eq!(stub.requests().len(), 1, "only the run with a token");
}

#[test]
fn credential_values_never_appear_and_settings_are_range_checked() {
    let t = TestEnv::new();
    t.write_config("credentials.toml", "[profiles.default]\ntoken = 98765432109876\n");
    for args in [&["sequence", "show", "1"][..], &["auth", "status"], &["auth", "token"]] {
        let run = t.cmd().env("CLARION_API_URL", "http://127.0.0.1:9").args(args).run();
        run.code(2);
        assert!(
            !run.stderr.contains("98765432109876") && !run.stdout.contains("98765432109876"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("credentials.toml:2:9: profiles.default.token: must be a string, in quotes"),
            "{}",
            run.stderr
        );
    }
    std::fs::remove_file(t.config_dir().join("credentials.toml")).unwrap();
    t.write_config("config.toml", "[profiles.default]\nretries = 4294967295\ntest_mod = true\n");
    let run = t.cmd().env("CLARION_TOKEN", TOKEN).args(["sequence", "show", "1"]).run();
    run.code(2);
    assert!(
        run.stderr.contains("config.toml:2:11: profiles.default.retries: must be a whole number from 0 to 100"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("config.toml:3:1: profiles.default.test_mod: unknown key (did you mean `test_mode`?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hostile_journal_is_not_a_journal() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    t.write("b.jsonl", &jsonl_lines(3));
    t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--dry-run"]).run().ok();
    // A journal a real run wrote, then records no run could have written.
    let real = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl"]).run();
    real.ok();
    let journal = t.work().join("b.jsonl.journal");
    let header = std::fs::read_to_string(&journal).unwrap().lines().next().unwrap().to_string();
    let sent = stub.requests().len();
    for n in ["18446744073709551615", "4000000000", "60000000", "4"] {
        std::fs::write(&journal, format!("{header}\n{{\"line\":{n},\"id\":7}}\n{{\"line\":1,\"id\":8}}\n")).unwrap();
        let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl"]).run();
        run.code(2);
        assert!(run.stderr.contains("b.jsonl.journal:2: not a clarion journal"), "{n}: {}", run.stderr);
    }
    assert_eq!(stub.requests().len(), sent, "nothing sent on a hostile journal");
}

#[test]
fn huge_durations_and_speeds_are_refused_before_anything_is_sent() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    for (flag, value) in [
        ("--timeout", "1e20"),
        ("--timeout", "18446744073709551615s"),
        ("--timeout", "500000000000y"),
        ("--interval", "1e20"),
        ("--interval", "18446744073709551615s"),
    ] {
        let run = t
            .authed(&stub.url)
            .args(["sequence", "create", "--name", "x", "--step", "voice", "--wait", flag, value])
            .run();
        run.code(2);
        assert!(run.stderr.contains("at most"), "{flag} {value}: {}", run.stderr);
        t.authed(&stub.url).args(["sequence", "wait", "1", flag, value]).run().code(2);
    }
    assert!(stub.requests().is_empty());
    let db = t.work().join("sb.sqlite3");
    for speed in ["1e15", "inf", "0", "-1"] {
        let run = t
            .cmd()
            .env("CLARION_SANDBOX_SPEED", speed)
            .env("CLARION_SANDBOX_DB", &db)
            .args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice"])
            .run();
        run.code(2);
        assert!(run.stderr.contains("CLARION_SANDBOX_SPEED"), "{}", run.stderr);
    }
    assert!(!db.exists(), "no sandbox was started");
    t.cmd().args(["sandbox", "serve", "--speed", "1e15"]).run().code(2);
}

#[cfg(unix)]
#[test]
fn endless_or_huge_input_ends_promptly_with_the_limit_named() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    // A 500 MB file (sparse: no disk is spent) as a sequence file and as a batch.
    let big = t.work().join("big.jsonl");
    std::fs::File::create(&big).unwrap().set_len(500 * 1024 * 1024).unwrap();
    std::fs::copy(&big, t.work().join("big.toml")).ok();
    let big_toml = t.work().join("big.toml");
    std::fs::File::create(&big_toml).unwrap().set_len(500 * 1024 * 1024).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["sequence", "create", "-f", "/dev/zero"], "larger than 16 MiB"),
        (vec!["sequence", "create", "-f", "/dev/urandom"], "larger than 16 MiB"),
        (vec!["sequence", "validate", "-f", "/dev/zero"], "larger than 16 MiB"),
        (vec!["sequence", "create", "-f", "big.toml"], "larger than 16 MiB"),
        (vec!["sequence", "create", "-f", "big.jsonl"], "line 1 is longer than 16 MiB"),
        (vec!["sequence", "create", "-f", "/dev/zero", "--batch"], "line 1 is longer than 16 MiB"),
        (vec!["api", "POST", "/v1/sequence-manager/sequences", "--input", "/dev/zero"], "larger than 16 MiB"),
    ];
    for (args, says) in &cases {
        let run = t.authed(&stub.url).args(args).run();
        run.code(2);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    // Standard input that goes on and on.
    let endless = vec![b' '; 17 * 1024 * 1024];
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "-"]).stdin(endless.clone()).run();
    run.code(2);
    assert!(run.stderr.contains("<stdin>: larger than 16 MiB"), "{}", run.stderr);
    // A FIFO whose writer never stops.
    let fifo = t.work().join("endless.toml");
    rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            let chunk = [b'#'; 65536];
            // Ends when the reader goes away (EPIPE).
            while f.write_all(&chunk).is_ok() {}
        })
    };
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "endless.toml"]).run();
    run.code(2);
    assert!(run.stderr.contains("endless.toml: larger than 16 MiB"), "{}", run.stderr);
    writer.join().unwrap();
    assert!(stub.requests().is_empty(), "nothing was sent");
    // A config file that is a FIFO nobody writes to: refused at once, not waited on.
    rustix::fs::mkfifoat(rustix::fs::CWD, t.config_dir().join("config.toml"), rustix::fs::Mode::from_raw_mode(0o600))
        .unwrap();
    let run = t.cmd().args(["auth", "status"]).run();
    run.code(2);
    assert!(run.stderr.contains("config.toml: not a regular file"), "{}", run.stderr);
}

#[test]
fn lines_appended_while_a_batch_is_sent_are_not_sent() {
    let t = TestEnv::new();
    let file = t.write("grow.jsonl", &jsonl_lines(2));
    let appended = std::sync::atomic::AtomicBool::new(false);
    let stub = Stub::start(move |_| {
        // While the first line is being created, someone appends to the file.
        if !appended.swap(true, std::sync::atomic::Ordering::SeqCst) {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().append(true).open(&file).unwrap();
            f.write_all(b"{\"name\":\"unvalidated\",\"steps\":[{\"type\":\"voice\"}]}\n").unwrap();
        }
        Canned::json(200, &envelope(sample_sequence(1)))
    });
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "grow.jsonl", "--concurrency", "1"]).run();
    run.ok();
    let names: Vec<String> = stub.requests().iter().map(|r| r.json()["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["r1", "r2"], "only the validated lines");
}

/// CPU time a process has used so far (Linux), in seconds.
#[cfg(target_os = "linux")]
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // After the command name in parentheses: utime and stime are the 12th and 13th fields.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<u64> = after.split(' ').skip(11).take(2).map(|x| x.parse().unwrap()).collect();
    (f[0] + f[1]) as f64 / rustix::param::clock_ticks_per_second() as f64
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_and_descriptor_exhaustion_lock_no_one_out() {
    use std::io::{Read, Write};
    let t = TestEnv::new();
    let sb = SandboxProc::start_with(&t, &["--header-timeout", "1"], &[], Some(64));
    let addr = sb.url.trim_start_matches("http://").to_string();
    let cpu_before = cpu_seconds(sb.pid());
    let started = std::time::Instant::now();
    // More connections that never send a byte than the sandbox has file descriptors for.
    let idle: Vec<std::net::TcpStream> = (0..100).map(|_| std::net::TcpStream::connect(&addr).unwrap()).collect();
    let mut client = std::net::TcpStream::connect(&addr).unwrap();
    client.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
    client.write_all(b"GET /v1/sequence-manager/sequences/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    let _ = client.read_to_end(&mut answer);
    let waited = started.elapsed().as_secs_f64();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 401"), "a real client is answered once idle ones time out: {answer:?}");
    let cpu = cpu_seconds(sb.pid()) - cpu_before;
    assert!(cpu < waited * 0.5, "the sandbox spun: {cpu:.2}s of CPU in {waited:.2}s");
    drop(idle);
    // Its whole log, once it has stopped (read any earlier and the last line may not be in yet).
    let (_, log) = sb.terminate();
    assert!(log.contains("GET /v1/sequence-manager/sequences/1 401"), "{log}");
}

#[test]
fn the_sandbox_token_can_stay_out_of_argv_and_its_log_is_escaped() {
    use std::io::Write;
    let t = TestEnv::new();
    let file = t.write("sandbox.token", "s3cret-from-file\n");
    let by_file = SandboxProc::start(&t, &["--token-file", file.to_str().unwrap()]);
    let by_env = SandboxProc::start_with(&t, &[], &[("CLARION_SANDBOX_TOKEN", "s3cret-from-env")], None);
    for (sb, good) in [(&by_file, "s3cret-from-file"), (&by_env, "s3cret-from-env")] {
        #[cfg(target_os = "linux")]
        {
            let argv = std::fs::read(format!("/proc/{}/cmdline", sb.pid())).unwrap();
            assert!(!String::from_utf8_lossy(&argv).contains("s3cret"), "the token is in argv");
        }
        let url = format!("{}/v1/sequence-manager/sequences/1", sb.url);
        assert_eq!(http("GET", &url, &[("Authorization", &format!("Bearer {good}"))], b"").unwrap().status, 404);
        assert_eq!(http("GET", &url, &[("Authorization", "Bearer s3cret-from-fil")], b"").unwrap().status, 401);
        assert_eq!(http("GET", &url, &[("Authorization", "Bearer s3cret-from-filex")], b"").unwrap().status, 401);
    }
    // A request line with a C1 control and an ESC sequence in it reaches no terminal as is.
    let addr = by_file.url.trim_start_matches("http://").to_string();
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /x\xc2\x9b2J\x1b]0;pwned\x07 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let _ = std::io::Read::read_to_end(&mut s, &mut Vec::new());
    let (_, log) = by_file.terminate();
    assert!(drives_the_terminal(&log).is_none(), "{log:?}");
}

#[test]
fn voice_fields_keep_the_contracts_types() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let body =
        json!({"name": "x", "steps": [{"order": 1, "type": "voice", "config": {"destination_number": 15550199}}]});
    let r = post_sequence(&sb.url, &body, &[]).unwrap();
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["error"]["message"],
        "steps[0].config.destination_number must be a string (the answer gives it back as one)"
    );
    // clarion catches it first, with the place in the file.
    t.write("v.toml", "name = \"x\"\n[[steps]]\ntype = \"voice\"\n[steps.config]\nvoice_assistant_id = \"12\"\n");
    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "v.toml"]).run();
    run.code(2);
    assert!(
        run.stderr.contains("v.toml:5:22: steps[0].config.voice_assistant_id: must be an integer (the answer gives it back as one), found a string"),
        "{}",
        run.stderr
    );
    let run =
        t.authed(&sb.url).args(["sequence", "create", "--name", "x", "--step", "voice:{\"source_number\":1}"]).run();
    run.code(2);
    assert!(run.stderr.contains("source_number in the config after `voice:` must be a string"), "{}", run.stderr);
    assert_eq!(get_sequence(&sb.url, "1").status, 404, "nothing was created");
}

#[cfg(unix)]
#[test]
fn neither_sandbox_mode_nor_a_refused_target_runs_the_token_command() {
    let t = TestEnv::new();
    let marker = t.work().join("token-command-ran");
    t.write_config(
        "config.toml",
        &format!(
            "[profiles.ci]\napi_url = \"https://api.example/\"\nca_cert = \"/nonexistent/ca.pem\"\ntoken_command = \"touch {} && echo tok_never_used_1234\"\n",
            marker.display()
        ),
    );
    // Under --sandbox the profile's URL, token_command and CA are not used.
    let run = t
        .cmd()
        .env("CLARION_SANDBOX_DB", t.work().join("sb.sqlite3"))
        .args(["--sandbox", "--profile", "ci", "sequence", "create", "--name", "x", "--step", "voice", "-q"])
        .run();
    run.ok();
    assert_eq!(run.stdout, "1\n");
    assert!(!marker.exists(), "the token command ran under --sandbox");
    // Another origin is refused before the token is looked up.
    let run = t.cmd().args(["--profile", "ci", "api", "https://elsewhere.example/v1/x"]).run();
    run.code(2);
    assert!(!marker.exists(), "the token command ran for a refused target");
    // The marker is what a token lookup leaves: a command that needs the token makes it.
    let run = t.cmd().args(["--profile", "ci", "auth", "token"]).run();
    assert!(marker.exists(), "auth token: {} {}", run.code, run.stderr);
}

#[test]
fn the_sandbox_log_holds_no_token() {
    let t = TestEnv::new();
    let good = "tok_sandbox_good_77777777";
    let sb = SandboxProc::start(&t, &["--token", good]);
    t.cmd().env("CLARION_TOKEN", good).env("CLARION_API_URL", &sb.url).args(["sequence", "show", "1"]).run().code(3);
    t.cmd()
        .env("CLARION_TOKEN", "tok_wrong_88888888")
        .env("CLARION_API_URL", &sb.url)
        .args(["sequence", "show", "1"])
        .run()
        .code(4);
    let (code, log) = sb.terminate();
    assert_eq!(code, 0);
    assert!(log.contains("GET /v1/sequence-manager/sequences/1 404") || log.contains(" 404 "), "{log}");
    assert!(log.contains("401"), "{log}");
    assert!(!log.contains(good) && !log.contains("tok_wrong_88888888") && !log.contains("88888888"), "{log}");
}

#[test]
fn a_body_that_never_ends_gets_408_after_the_request_timeout() {
    use std::io::{Read, Write};
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--request-deadline", "1"]);
    let mut client = std::net::TcpStream::connect(sb.url.trim_start_matches("http://")).unwrap();
    client.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
    // A head that promises 100 bytes of body, and 1 of them: the rest never comes.
    client
        .write_all(
            b"POST /v1/sequence-manager/sequences HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
        )
        .unwrap();
    let started = std::time::Instant::now();
    let mut answer = [0u8; 4096];
    let n = client.read(&mut answer).unwrap_or(0);
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(answer.contains("\"code\":\"request_timeout\""), "the contract's error shape: {answer:?}");
    assert!(started.elapsed() >= std::time::Duration::from_millis(900), "answered before the timeout");
    drop(client);
    // Once a request has arrived, its work is under way (a create may be committed): it is
    // answered however long that takes, never 408. Here --latency outlasts the deadline.
    let slow = SandboxProc::start(&t, &["--request-deadline", "1", "--latency", "1500"]);
    let created = post_sequence(&slow.url, &two_step_body(["completed", "completed"]), &[]).unwrap();
    assert_eq!(created.status, 200, "{}", String::from_utf8_lossy(&created.body));
    drop(slow);
    let (_, log) = sb.terminate();
    assert!(log.contains("POST /v1/sequence-manager/sequences 408"), "{log}");
    t.cmd().args(["sandbox", "serve", "--request-deadline", "0"]).run().code(2);
}
