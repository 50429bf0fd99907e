//! Meanings a user can predict (issue #12, in part).

use crate::support::*;

#[test]
fn a_step_flag_runs_after_the_files_steps() {
    let t = TestEnv::new();
    t.write("s.toml", "name = \"x\"\n[[steps]]\norder = 10\ntype = \"voice\"\n[[steps]]\norder = 5\ntype = \"sms\"\n");
    let run = t
        .cmd()
        .env("CLARION_API_URL", "http://127.0.0.1:9")
        .args([
            "sequence",
            "create",
            "-f",
            "s.toml",
            "--step",
            "email",
            "--dry-run",
            "--json",
            "--jq",
            ".steps[] | [.type, .order] | @json",
        ])
        .run();
    run.ok();
    assert_eq!(run.stdout, "[\"voice\",10]\n[\"sms\",5]\n[\"email\",11]\n");
}

#[test]
fn a_step_flag_can_name_its_order_and_never_hides_one_in_its_config() {
    let t = TestEnv::new();
    t.write("s.toml", "name = \"x\"\n[[steps]]\norder = 10\ntype = \"voice\"\n");
    let dry = |step: &str| {
        t.cmd()
            .env("CLARION_API_URL", "http://127.0.0.1:9")
            .args(["sequence", "create", "-f", "s.toml", "--step", step, "--dry-run", "--json"])
            .args(["--jq", ".steps[] | [.type, .order] | @json"])
            .run()
    };
    let run = dry(r#"sms@3:{"message":"a@b"}"#);
    run.ok();
    assert_eq!(run.stdout, "[\"voice\",10]\n[\"sms\",3]\n");

    let run = dry(r#"sms:{"order":3,"message":"Hi"}"#);
    run.code(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("\"order\" is not part of a step's config: write the order as sms@N"),
        "{}",
        run.stderr
    );

    let run = dry("sms@10");
    run.code(2);
    assert!(run.stderr.contains("order 10 is already used by steps[0] (line 3)"), "{}", run.stderr);
}

#[test]
fn an_api_url_ending_in_v1_is_refused_with_the_fix() {
    let t = TestEnv::new();
    for url in ["https://api.example.com/v1", "https://api.example.com/v1/"] {
        let run = t.cmd().env("CLARION_TOKEN", TOKEN).args(["--api-url", url, "sequence", "show", "1"]).run();
        run.code(2);
        assert!(run.stderr.contains("ends in /v1, which clarion adds itself"), "{}", run.stderr);
        assert!(run.stderr.contains("hint: give the API's root"), "{}", run.stderr);
    }
}

#[test]
fn config_get_prints_the_effective_value_and_where_it_came_from() {
    let t = TestEnv::new();
    t.write_config("config.toml", "default_profile = \"ci\"\n[profiles.ci]\ntest_mode = true\nretries = 5\n");
    let file = t.config_dir().join("config.toml");
    let get = |extra: &[&str]| t.cmd().args(["config", "get", "--show-origin"]).args(extra).run();

    let run = get(&["test_mode"]);
    run.ok();
    assert_eq!(run.stdout, format!("file:{} [profiles.ci]\ttrue\n", file.display()));
    let run = get(&["api_url"]);
    run.ok();
    assert_eq!(run.stdout, "default\thttps://api.clarionhealth.com\n");
    let run =
        t.cmd().env("CLARION_API_URL", "http://127.0.0.1:9").args(["config", "get", "--show-origin", "api_url"]).run();
    run.ok();
    assert_eq!(run.stdout, "env:CLARION_API_URL\thttp://127.0.0.1:9\n");
    let run = get(&["retries", "--retries", "0"]);
    run.ok();
    assert_eq!(run.stdout, "flag:--retries\t0\n");
    let run = get(&["default_profile"]);
    run.ok();
    assert_eq!(run.stdout, format!("file:{}\tci\n", file.display()));

    // Without --show-origin, the value alone; a key with no value and no default prints nothing.
    let run = t.cmd().args(["config", "get", "retries"]).run();
    run.ok();
    assert_eq!(run.stdout, "5\n");
    let run = t.cmd().args(["config", "get", "token_command"]).run();
    run.ok();
    assert_eq!(run.stdout, "");
}

#[test]
fn config_keys_come_from_one_registry_in_help_and_completions() {
    let t = TestEnv::new();
    let help = t.cmd().args(["config", "set", "--help"]).run();
    help.ok();
    let completions = t.cmd().args(["completions", "bash"]).run();
    completions.ok();
    for key in
        ["default_profile", "api_url", "test_mode", "token_command", "token_command_timeout", "ca_cert", "retries"]
    {
        assert!(help.stdout.contains(&format!("- {key}:")), "{key} missing from help:\n{}", help.stdout);
        assert!(completions.stdout.contains(key), "{key} missing from bash completions");
    }
    // The registry's names don't replace clarion's own message for a misspelt key.
    let run = t.cmd().args(["config", "get", "test_mod"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: unknown config key `test_mod`\nhint: did you mean `test_mode`?\n");
}

#[test]
fn an_undefined_profile_is_the_same_error_from_every_command() {
    let t = TestEnv::new();
    t.write_config("config.toml", "[profiles.ci]\n[profiles.staging]\n");
    t.write_config("credentials.toml", "[profiles.ci]\ntoken = \"x\"\n");
    let want = "error: profile `nosuch` (from --profile) is not defined\nhint: defined profiles: ci, staging\n";
    let commands: &[&[&str]] = &[
        &["sequence", "show", "1"],
        &["sequence", "wait", "1"],
        &["sequence", "create", "--name", "x", "--step", "voice"],
        &["api", "/v1/sequence-manager/sequences/1"],
        &["auth", "status"],
        &["auth", "token"],
        &["auth", "logout"],
        &["config", "get", "api_url"],
        &["config", "list"],
        &["config", "unset", "api_url"],
        &["sequence", "validate", "--name", "x", "--step", "voice"],
        &["sandbox", "reset"],
        &["--sandbox", "auth", "status"],
    ];
    for args in commands {
        let run = t.cmd().env("CLARION_API_URL", "http://127.0.0.1:9").args(["--profile", "nosuch"]).args(*args).run();
        run.code(2);
        assert_eq!(run.stderr, want, "clarion {args:?}");
        assert_eq!(run.stdout, "", "clarion {args:?}");
    }
}

#[test]
fn under_sandbox_auth_and_config_never_touch_the_real_files() {
    let t = TestEnv::new();
    let (config, creds) = ("[profiles.ci]\ntest_mode = true\n", "[profiles.default]\ntoken = \"real-secret\"\n");
    t.write_config("config.toml", config);
    t.write_config("credentials.toml", creds);
    let attempts: &[&[&str]] = &[
        &["auth", "login", "--with-token"],
        &["auth", "logout"],
        &["auth", "token"],
        &["config", "set", "api_url", "https://x.example"],
        &["config", "unset", "test_mode", "--profile", "ci"],
    ];
    for args in attempts {
        let run = t.cmd().args(["--sandbox"]).args(*args).stdin("new-token\n").run();
        run.code(2);
        assert!(run.stderr.starts_with("error: --sandbox: `"), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("the local sandbox needs no login or settings"), "{}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
    // The same through the environment variable.
    let run = t.cmd().env("CLARION_SANDBOX", "1").args(["auth", "logout"]).run();
    run.code(2);
    assert_eq!(std::fs::read_to_string(t.config_dir().join("config.toml")).unwrap(), config);
    assert_eq!(std::fs::read_to_string(t.config_dir().join("credentials.toml")).unwrap(), creds);
}

#[test]
fn under_sandbox_only_commands_that_send_requests_start_it() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sandboxed = || t.cmd().env("CLARION_SANDBOX_DB", &db).args(["--sandbox"]);
    for args in [&["completions", "bash"][..], &["man"], &["schema"], &["config", "path"], &["config", "list"]] {
        sandboxed().args(args).run().ok();
        assert!(!db.exists(), "clarion --sandbox {args:?} opened the sandbox database");
    }
    let status = sandboxed().args(["auth", "status"]).run();
    status.ok();
    assert!(status.stdout.starts_with("local sandbox (--sandbox): no token needed"), "{}", status.stdout);
    assert!(status.stdout.contains(&format!("Database: {}", db.display())), "{}", status.stdout);
    let origin = sandboxed().args(["config", "get", "--show-origin", "api_url"]).run();
    origin.ok();
    assert_eq!(origin.stdout, "flag:--sandbox\tthe local sandbox\n");
    assert!(!db.exists());

    sandboxed().args(["sequence", "create", "--name", "x", "--step", "voice", "-q"]).run().ok();
    assert!(db.exists());
}

#[test]
fn under_sandbox_a_profile_still_chooses_test_mode() {
    let t = TestEnv::new();
    t.write_config("config.toml", "[profiles.ci]\ntest_mode = true\n");
    let run = t
        .cmd()
        .env("CLARION_SANDBOX_DB", t.work().join("sb.sqlite3"))
        .args(["--sandbox", "--profile", "ci", "sequence", "create", "--name", "x", "--step", "voice"])
        .args(["--jq", ".is_test_mode"])
        .run();
    run.ok();
    assert_eq!(run.stdout, "true\n");
}

#[test]
fn sandbox_path_names_the_database_and_reset_empties_it() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let cmd = || t.cmd().env("CLARION_SANDBOX_DB", &db);
    let run = cmd().args(["sandbox", "path"]).run();
    run.ok();
    assert_eq!(run.stdout, format!("{}\n", db.display()));

    for _ in 0..2 {
        cmd().args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice", "-q"]).run().ok();
    }
    let run = cmd().args(["sandbox", "reset"]).run();
    run.ok();
    assert_eq!(run.stderr, "Removed 2 sequence(s) from the sandbox database\n");
    cmd().args(["--sandbox", "sequence", "show", "2"]).run().code(3);
    let run = cmd().args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice", "-q"]).run();
    run.ok();
    assert_eq!(run.stdout, "1\n");
}

#[test]
fn tls_and_plain_http_mixed_up_get_a_cause_and_the_fix_at_once() {
    let t = TestEnv::new();
    // A real HTTP server (the sandbox's) answers a TLS hello with a plain-text 400.
    let plain = SandboxProc::start(&t, &[]);
    let at = plain.url.trim_start_matches("http://").trim_end_matches('/').to_string();
    let run = t.authed(&format!("https://{at}")).args(["sequence", "show", "1"]).run();
    run.code(6);
    assert_eq!(
        run.stderr,
        format!(
            "error: fetching sequence 1: {at} answered in plain HTTP, not TLS (https://)\nhint: if it is a local server without TLS, use http://{at}; else check the port\n"
        )
    );

    let tls = TlsServer::start(envelope(sample_sequence(1)));
    let at = tls.url.trim_start_matches("https://").trim_end_matches('/').to_string();
    let run = t.authed(&format!("http://{at}")).args(["sequence", "show", "1"]).run();
    run.code(6);
    assert_eq!(
        run.stderr,
        format!(
            "error: fetching sequence 1: {at} sent an answer that is not valid HTTP: it may expect TLS, or its headers are malformed\nhint: if it expects TLS, use https://{at}\n"
        )
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let run = t.authed(&format!("http://127.0.0.1:{port}")).args(["--retries", "0", "sequence", "show", "1"]).run();
    run.code(6);
    let first = run.stderr.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        format!(
            "error: fetching sequence 1: cannot connect to 127.0.0.1:{port}: nothing is listening there (connection refused)"
        )
    );
}

/// A stub that creates sequence 7 and answers every look at it with `get`.
fn create_then(get: Canned) -> Stub {
    Stub::start(move |r| match r.method.as_str() {
        "POST" => Canned::json(201, &envelope(sample_sequence(7))),
        _ => get.clone(),
    })
}

#[test]
fn create_wait_leaves_the_id_on_stdout_whatever_ends_the_wait() {
    let t = TestEnv::new();
    let create = ["--retries", "0", "sequence", "create", "--name", "x", "--step", "voice", "--wait"];
    // The timeout passing before any look: 124, and the create's answer is what is known.
    let stub = create_then(Canned::json(200, &envelope(sample_sequence(7))));
    let run = t.authed(&stub.url).args(create).args(["--timeout", "0", "-q"]).run();
    run.code(124);
    assert_eq!(run.stdout, "7\n");
    // --json: the last known state, whole.
    let run = t.authed(&stub.url).args(create).args(["--timeout", "0", "--json"]).run();
    run.code(124);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["id"], 7);
    // The GET endpoint missing (3), refusing (5) or failing (6), or its answer unreadable (1).
    let cases = [
        (Canned::json(404, &serde_json::json!({"error": {"message": "no such route"}})), 3),
        (Canned::json(422, &serde_json::json!({"error": {"message": "nope"}})), 5),
        (Canned::raw(500, "text/plain", "down"), 6),
        (Canned::raw(200, "text/html", "<html>"), 1),
    ];
    for (get, code) in cases {
        let stub = create_then(get);
        let run = t.authed(&stub.url).args(create).args(["-q"]).run();
        run.code(code);
        assert_eq!(run.stdout, "7\n", "exit {code}");
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_create_wait_prints_the_id_and_how_to_follow_it() {
    let t = TestEnv::new();
    let stub = create_then(Canned::json(200, &envelope(sample_sequence(7))));
    let running = t
        .authed(&stub.url)
        .args(["sequence", "create", "--name", "x", "--step", "voice", "--wait", "--interval", "1h", "-q"])
        .spawn();
    // Interrupted once it is waiting: after its first look.
    while !stub.requests().iter().any(|r| r.method == "GET") {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    running.signal(rustix::process::Signal::INT);
    let run = running.wait();
    run.code(130);
    assert_eq!(run.stdout, "7\n");
    assert_eq!(
        run.stderr,
        "error: interrupted: sequence 7 keeps running (clarion only stopped waiting)\nhint: follow it again with `clarion sequence wait 7`\n"
    );
}

#[test]
fn a_create_whose_answer_was_lost_says_its_key_and_the_command_that_retries_it() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::raw(503, "text/plain", "busy"));
    let run = t
        .authed(&stub.url)
        .args(["--retries", "0", "sequence", "create", "--name", "Tuesday's reminder", "--step", "voice"])
        .run();
    run.code(6);
    let key = stub.requests()[0].header("Idempotency-Key").unwrap().to_string();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "error: creating the sequence: the API answered 503 Service Unavailable: busy");
    // Piped (a CI log), the arguments (a patient's name, say) are not written out again.
    assert_eq!(
        lines[1..],
        [format!(
            "hint: the sequence may or may not exist now (Idempotency-Key {key}); this retries with the same key, so it is created at most once: the same command with --idempotency-key {key} (in place of any key it had)"
        )]
    );
    assert!(!run.stderr.contains("Tuesday"), "{}", run.stderr);

    // On a terminal, the exact command, shell-quoted, with the key in place of any given.
    let (run, _) = t
        .authed(&stub.url)
        .args(["--retries", "0", "sequence", "create", "--name", "Tuesday's reminder", "--step", "voice"])
        .args(["--idempotency-key", "k-1"])
        .run_on_pty(400, &[]);
    run.code(6);
    let screen = run.screen.replace("\r\n", "\n").replace('\n', "");
    let retry = screen.split_once("created at most once: ").map(|(_, r)| r.trim()).unwrap_or_default();
    assert_eq!(
        shlex::split(retry).unwrap_or_default(),
        [
            "clarion",
            "--retries",
            "0",
            "sequence",
            "create",
            "--name",
            "Tuesday's reminder",
            "--step",
            "voice",
            "--idempotency-key",
            "k-1"
        ],
        "{}",
        run.screen
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_wait_for_many_says_they_keep_running() {
    // SIGTERM (a CI job cancelled) is taken as Ctrl-C.
    for signal in [rustix::process::Signal::INT, rustix::process::Signal::TERM] {
        interrupted_wait_for_many(signal);
    }
}

fn interrupted_wait_for_many(signal: rustix::process::Signal) {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(7))));
    let running = t.authed(&stub.url).args(["sequence", "wait", "7", "8", "--interval", "1h"]).spawn();
    while stub.requests().is_empty() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    running.signal(signal);
    let run = running.wait();
    run.code(130);
    // 8's look isn't due for half an hour; 7's answer may or may not be in when Ctrl-C comes.
    let error = run.stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
    assert!(
        ["error: interrupted; still running: 7; no answer yet: 8", "error: interrupted; no answer yet: 7, 8"]
            .contains(&error),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "hint: they keep running (clarion only stopped waiting): run the same command again to follow them\n"
        ),
        "{}",
        run.stderr
    );
}

/// The lines of stderr that report problems and hints: what `validate` and `create` must agree
/// on. The closing count differs on purpose (`create` says nothing was sent).
fn problem_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("hint: "))
        .filter(|l| !l.contains("problems in the input; nothing was sent"))
        .filter(|l| !l.contains(" invalid line") && !l.contains(" are invalid"))
        .collect()
}

#[test]
fn validate_is_create_without_sending_over_every_example_and_corpus_file() {
    let t = TestEnv::new();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["examples", "tests/corpus/sequences"] {
        for entry in std::fs::read_dir(repo_file(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let variants: &[&[&str]] = &[&[], &["--test-mode"], &["--name", "Override", "--step", "sms@40"]];
    for file in &files {
        for extra in variants {
            let validate = t.cmd().args(["sequence", "validate", "-f"]).arg_path(file).args(*extra).run();
            // Nothing can be sent: the API URL is a closed port, and --dry-run sends nothing.
            let create = t
                .cmd()
                .env("CLARION_API_URL", "http://127.0.0.1:9")
                .args(["sequence", "create", "--dry-run", "-f"])
                .arg_path(file)
                .args(*extra)
                .run();
            let what = format!("{} {extra:?}", file.display());
            assert_eq!(validate.code, create.code, "{what}\nvalidate: {}\ncreate: {}", validate.stderr, create.stderr);
            assert!(matches!(validate.code, 0 | 2), "{what}: {}", validate.stderr);
            assert_eq!(problem_lines(&validate.stderr), problem_lines(&create.stderr), "{what}");
        }
        // Standard input, as `-f -` (with --batch for JSON Lines), is judged the same way.
        let text = std::fs::read(file).unwrap();
        let batch: &[&str] = if file.extension().is_some_and(|e| e == "jsonl") { &["--batch"] } else { &[] };
        let validate = t.cmd().args(["sequence", "validate", "-f", "-"]).args(batch).stdin(text.clone()).run();
        let create = t
            .cmd()
            .env("CLARION_API_URL", "http://127.0.0.1:9")
            .args(["sequence", "create", "--dry-run", "-f", "-"])
            .args(batch)
            .stdin(text)
            .run();
        assert_eq!(validate.code, create.code, "stdin {}: {} / {}", file.display(), validate.stderr, create.stderr);
        assert_eq!(problem_lines(&validate.stderr), problem_lines(&create.stderr), "stdin {}", file.display());
    }
}

#[test]
fn format_mistakes_get_a_hint_and_a_typo_one_error() {
    let t = TestEnv::new();
    let validate = |name: &str| {
        let run = t
            .cmd()
            .args(["sequence", "validate", "-f"])
            .arg_path(&repo_file(&format!("tests/corpus/sequences/{name}")))
            .run();
        run.code(2);
        run.stderr.lines().filter(|l| l.starts_with("hint: ")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(
        validate("json-in-toml.toml"),
        "hint: this looks like JSON: name the file .json (or pass it on standard input, -f -)"
    );
    assert_eq!(
        validate("jsonl-in-json.json"),
        "hint: this looks like JSON Lines (one sequence per line): name the file .jsonl, or pass --batch"
    );
    assert_eq!(validate("reminder.yaml"), "hint: YAML is not read: write the sequence as TOML or JSON (see examples/)");
    assert_eq!(
        validate("toml-in-json.json"),
        "hint: this looks like TOML: name the file .toml (or pass it on standard input, -f -)"
    );
    // An empty file, or one of comments, is no sign of TOML.
    for (name, text) in [("empty.json", ""), ("notes.json", "# notes\n\n")] {
        t.write(name, text);
        let run = t.cmd().args(["sequence", "validate", "-f", name]).run();
        run.code(2);
        assert!(!run.stderr.contains("hint:"), "{name}: {}", run.stderr);
    }
    // Several sequences as one JSON array: one error, which says what to write instead, and
    // not the name and steps an array can't have.
    t.write("array.json", r#"[{"name": "a", "steps": [{"type": "voice"}]}]"#);
    let run = t.cmd().args(["sequence", "validate", "-f", "array.json"]).run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: array.json:1:1: expected an object with name and steps at the top level, found an array (several sequences are JSON Lines: one object per line, in a .jsonl file or with --batch)\n"
    );
    // JSON Lines piped without --batch.
    let run = t
        .cmd()
        .args(["sequence", "validate", "-f", "-"])
        .stdin(std::fs::read(repo_file("tests/corpus/sequences/valid.jsonl")).unwrap())
        .run();
    run.code(2);
    assert!(
        run.stderr.ends_with("hint: this looks like JSON Lines (one sequence per line): pass --batch\n"),
        "{}",
        run.stderr
    );
    // TOML on standard input that starts with a table is TOML.
    let run =
        t.cmd().args(["sequence", "validate", "-f", "-", "--name", "x"]).stdin("[[steps]]\ntype = \"voice\"\n").run();
    run.ok();
    assert_eq!(run.stderr, "<stdin> is valid (1 step)\n");
    // One typo, one error, in file order.
    let run = t
        .cmd()
        .args(["sequence", "validate", "-f"])
        .arg_path(&repo_file("tests/corpus/sequences/typo-name.toml"))
        .run();
    run.code(2);
    let file = repo_file("tests/corpus/sequences/typo-name.toml");
    assert_eq!(
        run.stderr,
        format!(
            "error: {f}:1:1: nmae: unknown key (did you mean `name`?)\nerror: {f}:4:1: steps[0].typ: unknown key (did you mean `type`?)\nerror: 2 problems in the input; nothing was sent\n",
            f = file.display()
        )
    );
}

#[test]
fn jq_has_csv_tsv_and_env_but_never_the_token() {
    let t = TestEnv::new();
    let dry = |jq: &str| {
        t.cmd()
            .env("CLARION_API_URL", "http://127.0.0.1:9")
            .env("CLARION_TOKEN", "secret-token-123")
            .env("CLARION_SANDBOX_TOKEN", "sandbox-secret-456")
            .env("CLINIC", "North")
            .args(["sequence", "create", "--name", "Say \"hi\"", "--step", "voice", "--step", "sms", "--dry-run"])
            .args(["--jq", jq])
            .run()
    };
    let run = dry(".steps[] | [.order, .type, $ENV.CLINIC, env.CLINIC] | @csv");
    run.ok();
    assert_eq!(run.stdout, "1,\"voice\",\"North\",\"North\"\n2,\"sms\",\"North\",\"North\"\n");
    let run = dry("[.name, (.steps | length)] | @tsv");
    run.ok();
    assert_eq!(run.stdout, "Say \"hi\"\t2\n");
    for expr in ["$ENV.CLARION_TOKEN", "env.CLARION_TOKEN", "$ENV | tostring", "env | tostring"] {
        let run = dry(expr);
        run.ok();
        assert!(!run.stdout.contains("secret-token-123"), "{expr}: {}", run.stdout);
        assert!(!run.stdout.contains("sandbox-secret-456"), "{expr}: {}", run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn a_batch_on_a_terminal_says_where_it_goes_and_what_it_resumes() {
    let t = TestEnv::new();
    // Line 2 fails the first time (a 500 that isn't retried): the journal then holds 1 and 3.
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = attempts.clone();
    let stub = Stub::start(move |r| {
        let name = r.json()["name"].as_str().unwrap_or_default().to_string();
        if name == "b" && seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            return Canned::raw(500, "text/plain", "down");
        }
        let id: i64 = match name.as_str() {
            "a" => 1,
            "b" => 2,
            _ => 3,
        };
        let mut seq = sample_sequence(id);
        seq["is_test_mode"] = serde_json::json!(true);
        Canned::json(201, &envelope(seq))
    });
    t.write("b.jsonl", "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"b\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"c\",\"steps\":[{\"type\":\"voice\"}]}\n");
    let batch = || t.authed(&stub.url).args(["--retries", "0", "sequence", "create", "-f", "b.jsonl", "--test-mode"]);
    batch().run().code(9);
    let (run, _) = batch().run_on_pty(120, &[]);
    run.code(0);
    assert!(
        run.screen.contains(&format!("Creating 1 test-mode sequence on {}/ (profile default)", stub.url)),
        "{}",
        run.screen
    );
    assert!(run.screen.contains("resuming: 2 already created (from b.jsonl.journal)"), "{}", run.screen);
}

#[test]
fn dynamic_completion_offers_profiles_config_keys_and_files_by_extension() {
    let t = TestEnv::new();
    t.write_config("config.toml", "[profiles.ci]\n[profiles.staging]\n");
    t.write_config("credentials.toml", "[profiles.prod]\ntoken = \"x\"\n");
    for name in ["steps.toml", "batch.jsonl", "patients.csv", "notes.txt"] {
        t.write(name, "");
    }
    // What the registration script (`CLARION_COMPLETE=bash clarion`) runs on each Tab.
    let complete = |index: &str, words: &[&str]| {
        let run = t
            .cmd()
            .env("CLARION_COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", index)
            .args(["--", "clarion"])
            .args(words)
            .run();
        run.ok();
        run.stdout.lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete("2", &["--profile", ""]), ["ci", "prod", "staging"]);
    let keys = complete("3", &["config", "set", ""]);
    assert!(keys.contains(&"token_command_timeout".to_string()), "{keys:?}");
    let files = complete("4", &["sequence", "create", "-f", ""]);
    assert!(files.contains(&"steps.toml".to_string()) && files.contains(&"batch.jsonl".to_string()), "{files:?}");
    assert!(!files.contains(&"patients.csv".to_string()) && !files.contains(&"notes.txt".to_string()), "{files:?}");
    let rows = complete("6", &["sequence", "create", "-f", "steps.toml", "--rows", ""]);
    assert!(rows.contains(&"patients.csv".to_string()) && !rows.contains(&"steps.toml".to_string()), "{rows:?}");
    // The registration script itself.
    let script = t.cmd().env("CLARION_COMPLETE", "bash").run();
    script.ok();
    assert!(script.stdout.contains("_clap_complete_clarion"), "{}", script.stdout);
    // The other shells the README lists: each script calls this clarion back in its shell's
    // protocol, and that call offers the same profiles (a line each, a description after a
    // tab or a colon where the shell takes one).
    for (shell, registers) in [
        ("zsh", "#compdef clarion"),
        ("fish", "complete --keep-order --exclusive --command clarion"),
        ("elvish", "set edit:completion:arg-completer[clarion]"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName clarion"),
    ] {
        let script = t.cmd().env("CLARION_COMPLETE", shell).run();
        script.ok();
        assert!(script.stdout.contains(registers), "{shell}: {}", script.stdout);
        assert!(
            [
                format!("CLARION_COMPLETE={shell}"),
                format!("CLARION_COMPLETE=\"{shell}\""),
                format!("CLARION_COMPLETE = \"{shell}\"")
            ]
            .iter()
            .any(|set| script.stdout.contains(set)),
            "{shell}: {}",
            script.stdout
        );
        assert!(script.stdout.contains(env!("CARGO_BIN_EXE_clarion")), "{shell} runs this clarion: {}", script.stdout);
        let run = t
            .cmd()
            .env("CLARION_COMPLETE", shell)
            .env("_CLAP_IFS", "\n")
            .env("_CLAP_COMPLETE_INDEX", "2")
            .args(["--", "clarion", "--profile", ""])
            .run();
        run.ok();
        let offered: Vec<&str> = run.stdout.lines().map(|l| l.split(['\t', ':']).next().unwrap_or("")).collect();
        assert_eq!(offered, ["ci", "prod", "staging"], "{shell}: {}", run.stdout);
    }
}

#[test]
fn a_profile_name_that_cant_be_one_says_so() {
    let t = TestEnv::new();
    let run = t.cmd().args(["--profile", "bad name", "config", "list"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: \"bad name\" is not a profile name (letters, digits, - and _)\n");
}

#[test]
fn clarion_sandbox_is_yes_or_no_and_anything_else_sends_nothing() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(201, &envelope(sample_sequence(1))));
    for value in ["y", "2", "1.0", "sandbox"] {
        let run = t
            .authed(&stub.url)
            .env("CLARION_SANDBOX", value)
            .args(["sequence", "create", "--name", "x", "--step", "voice", "-q"])
            .run();
        run.code(2);
        assert!(run.stderr.contains(&format!("CLARION_SANDBOX={value:?} is neither yes nor no")), "{}", run.stderr);
    }
    assert!(stub.requests().is_empty(), "nothing may reach the real API");
    let run = t.authed(&stub.url).env("CLARION_SANDBOX", "0").args(["sequence", "show", "1", "-q"]).run();
    run.ok();
    assert_eq!(stub.requests().len(), 1);
    let origin = t.cmd().env("CLARION_SANDBOX", "yes").args(["config", "get", "--show-origin", "api_url"]).run();
    origin.ok();
    assert_eq!(origin.stdout, "env:CLARION_SANDBOX\tthe local sandbox\n");
}

#[test]
fn a_wait_with_no_time_left_still_looks_once() {
    let t = TestEnv::new();
    let mut done = sample_sequence(5);
    done["status"] = serde_json::json!("completed");
    let stub = Stub::start(move |r| match r.path.as_str() {
        "/v1/sequence-manager/sequences/5" | "/v1/sequence-manager/sequences/6" => {
            Canned::json(200, &envelope(done.clone()))
        }
        _ => Canned::json(404, &serde_json::json!({"error": {"message": "not found"}})),
    });
    let run = t.authed(&stub.url).args(["sequence", "wait", "5", "--timeout", "0", "-q"]).run();
    run.ok();
    assert_eq!(run.stdout, "5\n");
    t.authed(&stub.url).args(["sequence", "wait", "9", "--timeout", "0"]).run().code(3);
    let run = t.authed(&stub.url).args(["sequence", "wait", "5", "6", "--timeout", "0", "-q"]).run();
    run.ok();
    // Still running when the time is up: the message gives the timeout as given.
    let running = Stub::fixed(Canned::json(200, &envelope(sample_sequence(7))));
    let run = t.authed(&running.url).args(["sequence", "wait", "7", "--timeout", "0"]).run();
    run.code(124);
    assert!(run.stderr.contains("sequence 7 had not ended after 0s"), "{}", run.stderr);
}

#[test]
fn a_first_look_that_gets_no_answer_is_given_up_after_30_seconds() {
    let t = TestEnv::new();
    // Accepts, reads, never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
        }
    });
    let run = t
        .authed(&url)
        .args(["--retries", "0", "--request-timeout", "600", "sequence", "wait", "7", "--timeout", "1s"])
        .run();
    run.code(124);
    assert!(run.stderr.contains("sequence 7 had not ended after 30s"), "{}", run.stderr);
}

#[test]
fn under_sandbox_validate_and_dry_runs_start_nothing() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    t.write(
        "l.jsonl",
        "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"b\",\"steps\":[{\"type\":\"sms\"}]}\n",
    );
    let sandboxed = || t.cmd().env("CLARION_SANDBOX_DB", &db).args(["--sandbox"]);
    sandboxed().args(["sequence", "validate", "--name", "x", "--step", "voice"]).run().ok();
    let run = sandboxed().args(["sequence", "create", "--name", "x", "--step", "voice", "--dry-run"]).run();
    run.ok();
    assert!(run.stdout.starts_with("POST the local sandbox, /v1/sequence-manager/sequences\n{"), "{}", run.stdout);
    // A batch's dry run writes the bodies it would send, or what --jq makes of them.
    let run = sandboxed().args(["sequence", "create", "-f", "l.jsonl", "--dry-run", "--jq", ".name"]).run();
    run.ok();
    assert_eq!(run.stdout, "a\nb\n");
    let run = sandboxed().args(["sequence", "create", "-f", "l.jsonl", "--dry-run"]).run();
    run.ok();
    assert_eq!(run.stdout.lines().count(), 2);
    assert!(!db.exists(), "a dry run opened the sandbox database");
    assert!(!t.work().join("l.jsonl.journal").exists(), "a dry run wrote a journal");
}

#[test]
fn config_get_refuses_an_api_url_commands_would_refuse() {
    let t = TestEnv::new();
    for url in ["https://api.example.com/v1", "http://elsewhere.example"] {
        let run = t.cmd().args(["--api-url", url, "config", "get", "api_url"]).run();
        run.code(2);
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn create_wait_quiet_prints_the_id_and_nothing_else() {
    let t = TestEnv::new();
    let mut done = sample_sequence(7);
    done["status"] = serde_json::json!("completed");
    let stub = Stub::fixed(Canned::json(201, &envelope(done)));
    let run = t.authed(&stub.url).args(["sequence", "create", "--name", "x", "--step", "voice", "--wait", "-q"]).run();
    run.ok();
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("7\n", ""));
}

#[test]
fn a_jq_runtime_error_quotes_an_excerpt_not_the_whole_sequence() {
    let t = TestEnv::new();
    let steps: Vec<String> = (0..60).map(|i| format!("--step=sms:{{\"message\":\"reminder number {i}\"}}")).collect();
    let run = t
        .cmd()
        .env("CLARION_API_URL", "http://127.0.0.1:9")
        .args(["sequence", "create", "--name", "x", "--dry-run", "--jq", ".steps | .foo"])
        .args(&steps)
        .run();
    run.code(1);
    let line = run.stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_default();
    assert!(line.contains("cannot index") && line.chars().count() < 240, "{line}");
    assert!(!line.contains("reminder number 30"), "{line}");
}

#[test]
fn a_batch_reports_a_jq_error_per_line_goes_on_and_fails() {
    let t = TestEnv::new();
    t.write(
        "l.jsonl",
        "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n{\"name\":\"b\",\"steps\":[{\"type\":\"sms\"}]}\n",
    );
    let run = t
        .cmd()
        .args([
            "sequence",
            "create",
            "-f",
            "l.jsonl",
            "--dry-run",
            "--jq",
            "if .name == \"a\" then .name.x else .name end",
        ])
        .run();
    // The line's body is the user's data, which jq's message would quote: not shown. The
    // results lack line 1, so the run is no success.
    run.code(1);
    assert_eq!(run.stdout, "b\n");
    assert!(run.stderr.contains("warning: line 1: --jq failed (jq's message is not shown"), "{}", run.stderr);
    assert!(run.stderr.ends_with("error: --jq failed on 1 line; their results are not on stdout\n"), "{}", run.stderr);
    // An API's answers may be quoted: a real batch says why.
    let stub = Stub::fixed(Canned::json(201, &envelope(sample_sequence(1))));
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "l.jsonl", "--jq", ".id.x"]).run();
    run.code(1);
    assert!(run.stderr.contains("warning: line 1: --jq: cannot index"), "{}", run.stderr);
    assert!(run.stderr.ends_with("error: --jq failed on 2 lines; their results are not on stdout\n"), "{}", run.stderr);
}
