//! clarion against the sandbox, as users run it: `--sandbox`, and `sandbox serve` on port 0.

use crate::support::*;

#[test]
fn readme_first_command_works_in_an_empty_home() {
    let t = TestEnv::new();
    let example = repo_file("examples/appointment-reminder.toml");
    // No CLARION_SANDBOX_DB: the default lives in the data directory under HOME.
    let run = t.cmd().args(["--sandbox", "sequence", "create", "-f"]).arg_path(&example).run();
    run.code(0);
    assert!(run.stdout.starts_with("ID               1\nStatus           in-progress\n"), "{}", run.stdout);
    assert!(t.dir.path().join("home/.local/share/clarion/sandbox.sqlite3").exists());
    // The database keeps the numbers sequences were given: its directory is the user's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &str| std::fs::metadata(t.dir.path().join(p)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("home/.local/share/clarion"), 0o700);
        assert_eq!(mode("home/.local/share/clarion/sandbox.sqlite3"), 0o600);
    }
    let shown = t.cmd().args(["--sandbox", "sequence", "show", "1", "--json"]).run();
    shown.code(0);
    let v: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(v["steps"][0]["voicemail_message"], "Hi, this is Clarion Clinic calling about your appointment.");
}

#[test]
fn sandbox_state_persists_and_progresses_between_commands() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let id = t
        .cmd()
        .env("CLARION_SANDBOX", "1")
        .env("CLARION_SANDBOX_DB", &db)
        .env("CLARION_SANDBOX_SPEED", "100000")
        .args(["sequence", "create", "--name", "x", "--step", r#"voice:{"sandbox_outcome":"completed"}"#, "-q"])
        .run();
    id.code(0);
    assert_eq!(id.stdout, "1\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let run = t
            .cmd()
            .env("CLARION_SANDBOX_DB", &db)
            .env("CLARION_SANDBOX_SPEED", "100000")
            .args(["--sandbox", "sequence", "show", "1", "--json"])
            .run();
        run.code(0);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        if v["status"] == "completed" {
            assert_eq!(v["outcome"], "contact_reached");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "never completed: {v}");
    }
}

#[test]
fn sandbox_and_api_url_conflict() {
    let t = TestEnv::new();
    let run = t.cmd().args(["--sandbox", "--api-url", "https://x.example", "sequence", "show", "1"]).run();
    run.code(2);
}

#[test]
fn clarion_against_a_served_sandbox() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--token", TOKEN]);
    let run = t
        .authed(&sb.url)
        .args(["sequence", "create", "-f"])
        .arg_path(&repo_file("examples/appointment-reminder.json"))
        .args(["-q"])
        .run();
    run.code(0);
    assert_eq!(run.stdout, "1\n");
    let run = t.authed(&sb.url).args(["sequence", "show", "1", "--json"]).run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((v["id"].clone(), v["steps"][1]["type"].clone()), (serde_json::json!(1), serde_json::json!("sms")));

    let missing = t.authed(&sb.url).args(["sequence", "show", "2"]).run();
    missing.code(3);
    assert_eq!(
        missing.stderr,
        "error: fetching sequence 2: the API answered 404 Not Found: no sequence with id 2 (not_found)\n"
    );
    let wrong =
        t.cmd().env("CLARION_TOKEN", "wrong").env("CLARION_API_URL", &sb.url).args(["sequence", "show", "1"]).run();
    wrong.code(4);
    assert!(wrong.stderr.contains("401 Unauthorized: invalid token"), "{}", wrong.stderr);
}

#[test]
fn temporary_failures_from_the_sandbox_are_exit_6() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--fail-rate", "1", "--retry-after", "0"]);
    let run = t.authed(&sb.url).args(["--retries", "0", "sequence", "create", "--name", "x", "--step", "voice"]).run();
    run.code(6);
    assert!(run.stderr.contains("503 Service Unavailable"), "{}", run.stderr);
    // Without retries, a lost answer is a temporary failure the user can retry.
    let sb = SandboxProc::start(&t, &["--drop-rate", "1"]);
    let run = t.authed(&sb.url).args(["--retries", "0", "sequence", "create", "--name", "x", "--step", "voice"]).run();
    run.code(6);
}

#[test]
fn a_sandbox_database_in_a_missing_folder_is_refused_not_made() {
    let t = TestEnv::new();
    let db = t.work().join("typo/sb.sqlite3");
    let run = t
        .cmd()
        .env("CLARION_SANDBOX_DB", &db)
        .args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("the folder") && run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = t.cmd().args(["sandbox", "serve", "--db"]).arg_path(&db).run();
    run.code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!t.work().join("typo").exists(), "a folder was made for a path the user named");
    // A file the user names in a folder that exists is created for them alone, and so are the
    // -wal and -shm files SQLite keeps beside it while it is open.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).ok();
        let db = t.work().join("named.sqlite3");
        t.cmd()
            .env("CLARION_SANDBOX_DB", &db)
            .args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice"])
            .umask(0o022)
            .run()
            .ok();
        assert_eq!(mode(&db), Some(0o600));
        let served = t.work().join("served.sqlite3");
        let sb = SandboxProc::start(&t, &["--db", served.to_str().unwrap()]);
        assert_eq!(
            post_sequence(&sb.url, &two_step_body(["completed", "completed"]), &[]).map(|r| r.status),
            Some(200)
        );
        for file in ["served.sqlite3", "served.sqlite3-wal", "served.sqlite3-shm"] {
            assert_eq!(mode(&t.work().join(file)), Some(0o600), "{file}");
        }
    }
}

#[test]
fn a_speed_the_database_does_not_run_at_is_warned_about_under_sandbox() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let create = |speed: &str| {
        t.cmd()
            .env("CLARION_SANDBOX_DB", &db)
            .env("CLARION_SANDBOX_SPEED", speed)
            .args(["--sandbox", "sequence", "create", "--name", "x", "--step", "voice", "-q"])
            .run()
    };
    let first = create("600");
    first.ok();
    assert_eq!(first.stderr, "");
    let second = create("1");
    second.ok();
    assert_eq!(
        second.stderr,
        "warning: the sandbox database's clock runs at 600x, so CLARION_SANDBOX_SPEED=1 is ignored (another speed needs another CLARION_SANDBOX_DB)\n"
    );
}
