//! Ask before phoning many patients: live batches on a terminal (issue #17).

use crate::support::*;

const QUESTION: &str = "Create 5 live sequences? [y/N] ";

#[test]
fn a_live_batch_on_a_terminal_asks_first() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    t.write("b.jsonl", &jsonl_lines(5));
    let create = |extra: &[&str]| t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl"]).args(extra);

    // Anything but y: nothing sent, exit 2, and no journal begun.
    for answer in ["n\r", "\r", "sure\r"] {
        let (run, _) = create(&[]).run_on_pty(120, &[(QUESTION, answer.as_bytes())]);
        run.code(2);
        assert!(
            run.screen.contains(&format!("about to create 5 LIVE sequences (real patients are contacted) on {} with profile `default`, from b.jsonl", sb.url)),
            "{}",
            run.screen
        );
        assert!(run.screen.contains("not confirmed: nothing was sent"), "{}", run.screen);
        assert_eq!(count_sequences(&db), 0);
        assert!(!t.work().join("b.jsonl.journal").exists(), "a no began a journal");
    }
    // y sends them all.
    let (run, _) = create(&[]).run_on_pty(120, &[(QUESTION, b"y\r")]);
    run.code(0);
    assert_eq!(count_sequences(&db), 5);
    // A resumed run asks only for what is left (nothing here: no question).
    let (run, _) = create(&[]).run_on_pty(120, &[]);
    run.code(0);
    assert!(!run.screen.contains("[y/N]"), "{}", run.screen);
    // A --restart declined leaves the journal as it was: the next run still knows what is done.
    let journal = std::fs::read(t.work().join("b.jsonl.journal")).unwrap();
    let (run, _) = create(&["--restart"]).run_on_pty(120, &[(QUESTION, b"n\r")]);
    run.code(2);
    assert_eq!(std::fs::read(t.work().join("b.jsonl.journal")).unwrap(), journal);
    let run = create(&[]).run();
    run.ok();
    assert!(run.stderr.contains("already created 5"), "{}", run.stderr);
    assert_eq!(count_sequences(&db), 5);
}

#[test]
fn yes_test_mode_scripts_and_the_sandbox_are_never_asked() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    t.write("b.jsonl", &jsonl_lines(5));
    // --yes: the line, no question.
    let (run, _) =
        t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl", "--yes", "--restart"]).run_on_pty(120, &[]);
    run.code(0);
    assert!(run.screen.contains("about to create 5 LIVE sequences") && !run.screen.contains("[y/N]"), "{}", run.screen);
    // --test-mode: neither.
    let (run, _) = t
        .authed(&sb.url)
        .args(["sequence", "create", "-f", "b.jsonl", "--test-mode", "--restart"])
        .run_on_pty(120, &[]);
    run.code(0);
    assert!(!run.screen.contains("LIVE") && !run.screen.contains("[y/N]"), "{}", run.screen);
    // Piped: the line, no question, and it goes ahead.
    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "b.jsonl", "--restart"]).run();
    run.ok();
    assert!(run.stderr.starts_with("warning: about to create 5 LIVE sequences"), "{}", run.stderr);
    assert_eq!(count_sequences(&db), 15);
    // The embedded sandbox contacts no one.
    let (run, _) = t
        .cmd()
        .env("CLARION_SANDBOX_DB", t.work().join("embedded.sqlite3"))
        .args(["--sandbox", "sequence", "create", "-f", "b.jsonl", "--journal", "e.journal"])
        .run_on_pty(120, &[]);
    run.code(0);
    assert!(!run.screen.contains("LIVE") && !run.screen.contains("[y/N]"), "{}", run.screen);
}

#[cfg(unix)]
#[test]
fn a_resumed_batch_asks_about_what_is_left_and_rows_are_asked_about_too() {
    let t = TestEnv::new();
    t.write("b.jsonl", &jsonl_lines(5));
    // At first only line 1 is created, the others rejected; then every line is.
    let open = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let open2 = open.clone();
    let stub = Stub::start(move |r| {
        let first = r.header("idempotency-key").is_some_and(|k| k.ends_with("-1"));
        if first || open2.load(std::sync::atomic::Ordering::SeqCst) {
            Canned::json(200, &envelope(sample_sequence(1)))
        } else {
            Canned::json(422, &serde_json::json!({"error": {"message": "no"}}))
        }
    });
    t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--concurrency", "1"]).run().code(9);
    assert_eq!(stub.requests().len(), 5);
    open.store(true, std::sync::atomic::Ordering::SeqCst);
    let (run, _) = t
        .authed(&stub.url)
        .args(["sequence", "create", "-f", "b.jsonl"])
        .run_on_pty(120, &[("Create 4 live sequences? [y/N] ", b"yes\r")]);
    run.code(0);
    assert_eq!(stub.requests().len(), 9, "the four lines left, after a yes");
    // A template and rows: asked the same way.
    t.write("t.toml", "name = \"{{ who }}\"\n[[steps]]\ntype = \"voice\"\n");
    t.write("p.csv", "who\nann\nbob\ncy\n");
    let (run, _) = t
        .authed(&stub.url)
        .args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv"])
        .run_on_pty(120, &[("Create 3 live sequences? [y/N] ", b"n\r")]);
    run.code(2);
    assert!(run.screen.contains("from p.csv"), "{}", run.screen);
    assert_eq!(stub.requests().len(), 9, "nothing more sent after a no");
}
