//! One template, many patients: `create -f TEMPLATE --rows FILE` (issue #15).

use crate::support::*;
use serde_json::json;

const TEMPLATE: &str = "name = \"Reminder for {{ first_name | title }}\"\n\
description = \"Visit on {{ date }}\"\n\
\n\
[[steps]]\n\
type = \"voice\"\n\
[steps.config]\n\
destination_number = \"{{ phone }}\"\n\
voicemail_message = \"Hi {{ first_name | title }}, see you on {{ date }}. {{ note | default('') }}\"\n\
sandbox_outcome = \"completed\"\n";

/// Row i's values: each distinctive, so that a test can look for them anywhere.
fn patient(i: usize) -> (String, String, String, String) {
    (format!("zelda{i:04}q"), format!("+1999{i:07}"), format!("Tue {i}, Dec"), format!("bring \"card\" #{i}\r\nthanks"))
}

/// A CSV as a scheduling system exports it: BOM, CRLF, quoted commas and newlines.
fn csv(n: usize) -> String {
    let mut out = String::from("\u{feff}first_name,phone,date,note\r\n");
    for i in 1..=n {
        let (f, p, d, note) = patient(i);
        out.push_str(&format!("{f},{p},\"{d}\",\"{}\"\r\n", note.replace('"', "\"\"")));
    }
    out
}

fn ids(stdout: &str) -> Vec<i64> {
    let mut v: Vec<i64> = stdout.lines().map(|l| l.parse().unwrap_or_else(|_| panic!("not an id: {l:?}"))).collect();
    v.sort();
    v
}

#[test]
fn five_hundred_rows_make_five_hundred_sequences_with_their_own_values() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    t.write("t.toml", TEMPLATE);
    t.write("patients.csv", &csv(500));
    let run =
        t.authed(&sb.url).args(["sequence", "create", "-f", "t.toml", "--rows", "patients.csv", "--test-mode"]).run();
    run.ok();
    assert_eq!(ids(&run.stdout), (1..=500).collect::<Vec<_>>());
    assert_eq!(count_sequences(&db), 500);
    // Each sequence carries its own row's values (ids follow rows here: one at a time would
    // be slower; instead, match each answer to its row by the name).
    let mut seen = std::collections::HashSet::new();
    for id in 1..=500 {
        let data = get_sequence(&sb.url, &id.to_string()).json()["data"].clone();
        let step = &data["steps"][0];
        let phone = step["destination_number"].as_str().unwrap().to_string();
        let i: usize = phone.trim_start_matches("+1999").parse().unwrap();
        let (f, p, d, note) = patient(i);
        let first = format!("{}{}", &f[..1].to_uppercase(), &f[1..]);
        assert_eq!(step["destination_number"], p);
        assert_eq!(step["voicemail_message"], format!("Hi {first}, see you on {d}. {note}"));
        assert_eq!(data["is_test_mode"], true);
        assert!(seen.insert(i), "row {i} twice");
    }
}

#[test]
fn placeholders_and_rows_are_checked_before_anything_is_sent() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    t.write("t.toml", TEMPLATE);
    t.write("typo.toml", &TEMPLATE.replace("{{ phone }}", "{{ phnoe }}"));
    t.write("patients.csv", &csv(3));
    let mut empty = csv(3);
    empty = empty.replace("+19990000002", "");
    t.write("empty.csv", &empty);
    t.write("ragged.csv", "first_name,phone,date,note\r\nzelda,+1999,Tue,\r\nzelda,+1999\r\n");
    t.write("dupe.csv", "first_name,phone,phone\n");
    let cases: &[(&[&str], &str)] = &[
        (
            &["-f", "typo.toml", "--rows", "patients.csv"],
            "typo.toml:7:26: steps[0].config.destination_number: no column `phnoe` in patients.csv; did you mean `phone`?",
        ),
        (
            &["-f", "t.toml", "--rows", "empty.csv"],
            "empty.csv:4: row 2: steps[0].config.destination_number: column `phone` is empty in this row, and the template needs it",
        ),
        (
            &["-f", "t.toml", "--rows", "ragged.csv"],
            "ragged.csv:3:1: row 2 has 2 fields, but the header has 4: a missing or extra comma, or a quote never closed?",
        ),
        (&["-f", "t.toml", "--rows", "dupe.csv"], "dupe.csv:1:1: column `phone` appears twice (columns 2 and 3)"),
    ];
    for (args, first_error) in cases {
        for verb in ["create", "validate"] {
            let run = t.authed(&stub.url).args(["sequence", verb]).args(*args).run();
            run.code(2);
            assert_eq!(run.stderr.lines().next().unwrap(), format!("error: {first_error}"), "{verb} {args:?}");
            assert!(!run.stderr.contains("+1999") && !run.stderr.contains("zelda"), "a value leaked: {}", run.stderr);
        }
    }
    assert!(stub.requests().is_empty(), "nothing was sent");
    t.authed(&stub.url).args(["sequence", "validate", "-f", "t.toml", "--rows", "patients.csv"]).run().ok();
}

#[test]
fn json_lines_rows_keep_their_types_and_dry_run_writes_a_batch_file() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    t.write("t.json", "{\"name\": \"{{ who }}\", \"steps\": [{\"type\": \"{{ channel }}\", \"order\": \"{{ n }}\", \"config\": {\"assistant\": \"{{ n }}\", \"label\": \"#{{ n }}\"}}]}");
    t.write(
        "rows.jsonl",
        "{\"who\": \"a\", \"channel\": \"sms\", \"n\": 7}\n\n{\"who\": \"b\", \"channel\": \"email\", \"n\": 3}\n",
    );
    let dry = t.cmd().args(["sequence", "create", "-f", "t.json", "--rows", "rows.jsonl", "--dry-run"]).run();
    dry.ok();
    let bodies: Vec<serde_json::Value> = dry.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(
        bodies[0],
        json!({"name": "a", "steps": [{"order": 7, "type": "sms", "config": {"assistant": 7, "label": "#7"}}]})
    );
    assert_eq!(bodies[1]["steps"][0]["type"], "email");
    // What the dry run wrote is an ordinary batch file.
    t.write("day.jsonl", &dry.stdout);
    t.authed(&sb.url).args(["sequence", "create", "-f", "day.jsonl"]).run().ok();
    assert_eq!(count_sequences(&db), 2);
    let mut types: Vec<String> = ["1", "2"]
        .iter()
        .map(|id| get_sequence(&sb.url, id).json()["data"]["steps"][0]["type"].as_str().unwrap().to_string())
        .collect();
    types.sort();
    assert_eq!(types, ["email", "sms"]);
}

#[cfg(unix)]
#[test]
fn kill_9_then_a_rerun_creates_each_row_once_and_an_edited_row_is_refused() {
    let t = TestEnv::new();
    let db = t.work().join("sb.sqlite3");
    let sb = SandboxProc::start(&t, &["--latency", "2", "--db", db.to_str().unwrap()]);
    t.write("t.toml", TEMPLATE);
    let rows = t.write("p.csv", &csv(600));
    let journal = t.work().join("p.csv.journal");
    let created =
        || std::fs::read_to_string(&journal).unwrap_or_default().lines().filter(|l| l.contains("\"id\":")).count();
    let mut child = t.authed(&sb.url).args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv"]).spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    // Polling, with a deadline: the point is to kill the batch in the middle of its work.
    while created() < 100 {
        assert!(std::time::Instant::now() < deadline && child.is_running(), "never got to 100");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.signal(rustix::process::Signal::KILL);
    child.wait().code(128 + 9);
    // One cell changed since: refused, nothing more sent (a send is journalled before it goes).
    let before = std::fs::read(&journal).unwrap();
    std::fs::write(&rows, csv(600).replace("+19990000599", "+19990000598")).unwrap();
    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv"]).run();
    run.code(2);
    assert!(
        run.stderr.contains("p.csv.journal was written for different input: the template or the rows changed"),
        "{}",
        run.stderr
    );
    // The way out for a second template over the same rows is its own journal, not --restart.
    assert!(
        run.stderr.contains(
            "hint: if this is another batch (another template for the same rows, say), give it its own --journal PATH;"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&journal).unwrap(), before, "nothing was sent");
    // The same rows again: each created exactly once.
    std::fs::write(&rows, csv(600)).unwrap();
    let run = t.authed(&sb.url).args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv"]).run();
    run.ok();
    assert_eq!(count_sequences(&db), 600);
    assert_eq!(ids(&run.stdout), (1..=600).collect::<Vec<_>>());
}

#[test]
fn no_cell_value_reaches_any_output_or_the_journal() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--fail-rate", "0.3", "--retry-after", "0", "--seed", "4"]);
    t.write("t.toml", TEMPLATE);
    t.write("p.csv", &csv(40));
    let mut outputs = Vec::new();
    for extra in [&[][..], &["-v"], &["--json"], &["--jq", ".row"]] {
        let run = t
            .authed(&sb.url)
            .args(["--retries", "10", "sequence", "create", "-f", "t.toml", "--rows", "p.csv", "--restart"])
            .args(extra)
            .run();
        run.ok();
        outputs.push(format!("{}{}", run.stdout, run.stderr));
    }
    let validate = t.cmd().args(["sequence", "validate", "-f", "t.toml", "--rows", "p.csv"]).run();
    validate.ok();
    outputs.push(validate.stderr);
    // A --jq that fails on every row's body: jq's message would quote the number. Exit 1, as
    // the results are missing.
    let failing = t
        .cmd()
        .args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv", "--dry-run"])
        .args(["--jq", ".steps[0].config.destination_number + 1"])
        .run();
    failing.code(1);
    assert!(
        failing.stderr.contains("row 1: --jq failed (jq's message is not shown, as it would quote the input's values;"),
        "{}",
        failing.stderr
    );
    assert!(
        failing.stderr.ends_with("error: --jq failed on 40 rows; their results are not on stdout\n"),
        "{}",
        failing.stderr
    );
    outputs.push(failing.stderr);
    outputs.push(std::fs::read_to_string(t.work().join("p.csv.journal")).unwrap());
    let (_, log) = sb.terminate();
    outputs.push(log);
    for i in 1..=40 {
        let (f, p, d, _) = patient(i);
        for value in [f.as_str(), p.as_str(), d.as_str(), "card"] {
            for out in &outputs {
                assert!(!out.contains(value), "{value:?} leaked into:\n{out}");
            }
        }
    }
}

#[test]
fn common_mistakes_get_one_clear_error_and_no_patient_data() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    t.write("t.toml", TEMPLATE);
    // An export without its header row: the first patient would be taken for column names.
    t.write("nohdr.csv", "zelda0001q,+19990000001,Tue,card\nzelda0002q,+19990000002,Wed,card\n");
    // JSON Lines sent as CSV.
    t.write("rows.txt", "{\"first_name\": \"zelda0003q\", \"phone\": \"+19990000003\"}\n");
    // An unknown filter: one problem, at the template, not one per row.
    t.write(
        "filter.toml",
        &TEMPLATE.replace("{{ date }}\"\ndescription", "x").replace("{{ phone }}", "{{ phone | nosuchfilter }}"),
    );
    t.write("p.csv", &csv(30));
    t.write("header-only.csv", "first_name,phone,date,note\r\n");
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["-f", "t.toml", "--rows", "nohdr.csv"],
            2,
            "no placeholder of t.toml names one of its columns: is its first line a header row",
        ),
        (
            &["-f", "t.toml", "--rows", "rows.txt", "--rows-format", "csv"],
            2,
            "looks like JSON Lines, not CSV: pass --rows-format jsonl",
        ),
        (
            &["-f", "filter.toml", "--rows", "p.csv"],
            2,
            "filter.toml:7:22: steps[0].config.destination_number: invalid placeholder: unknown filter: filter nosuchfilter is unknown",
        ),
        (
            &["-f", "t.toml", "--rows", "p.csv", "--name", "Hi {{ first_name }}"],
            2,
            "placeholders in --name, --description or --step are not filled in",
        ),
        (&["-f", "t.toml", "--rows", "p.csv", "--step", "sms:{\"message\":\"{{ phone }}\"}"], 2, "are not filled in"),
    ];
    for (args, code, says) in cases {
        let run = t.authed(&stub.url).args(["sequence", "create"]).args(*args).run();
        run.code(*code);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "one error: {}", run.stderr);
        assert!(!run.stderr.contains("zelda") && !run.stderr.contains("+1999"), "a value leaked: {}", run.stderr);
    }
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "t.toml", "--rows", "header-only.csv"]).run();
    run.ok();
    assert!(run.stderr.contains("header-only.csv has no rows: nothing to send"), "{}", run.stderr);
    assert!(stub.requests().is_empty());
}

#[test]
fn any_column_name_through_row() {
    let t = TestEnv::new();
    t.write("t.toml", "name = \"Reminder for {{ row['Patient Name'] }}\"\n[[steps]]\ntype = \"sms\"\n[steps.config]\nwhen = \"{{ row['Appt-Date'] }}\"\n");
    t.write("p.csv", "Patient Name,Appt-Date\nAda L,2026-12-01\n");
    let run = t.cmd().args(["sequence", "create", "-f", "t.toml", "--rows", "p.csv", "--dry-run"]).run();
    run.ok();
    let body: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(body["name"], "Reminder for Ada L");
    assert_eq!(body["steps"][0]["config"]["when"], "2026-12-01");
}

#[test]
fn a_quote_never_closed_stops_at_the_row_limit() {
    let t = TestEnv::new();
    t.write("t.toml", "name = \"{{ a }}\"\n[[steps]]\ntype = \"sms\"\n");
    let mut big = String::from("a\n\"");
    big.push_str(&"x".repeat(20 * 1024 * 1024));
    t.write("open.csv", &big);
    let run = t.cmd().args(["sequence", "validate", "-f", "t.toml", "--rows", "open.csv"]).run();
    run.code(2);
    assert!(run.stderr.contains("a row longer than 16 MiB (a quote never closed?)"), "{}", run.stderr);
}
