//! Bad input: exit 2, a located one-line error per problem, and no request at all.

use crate::support::*;

/// Each case: file name, content, the expected first error line.
const CASES: &[(&str, &str, &str)] = &[
    ("syntax.toml", "name = \"x\"\n[[steps]\ntype = \"voice\"\n", "error: syntax.toml:2:"),
    ("syntax.json", "{\"name\": \"x\",\n \"steps\": [}\n", "error: syntax.json:2:12: invalid JSON: expected value"),
    ("noname.toml", "[[steps]]\ntype = \"voice\"\n", "error: noname.toml: name: missing: every sequence needs a name"),
    (
        "emptyname.json",
        "{\"name\": \"\", \"steps\": [{\"type\": \"voice\"}]}",
        "error: emptyname.json:1:10: name: must not be empty",
    ),
    ("nosteps.toml", "name = \"x\"\n", "error: nosteps.toml: steps: no steps: a sequence needs at least one"),
    ("emptysteps.json", "{\"name\": \"x\",\n\"steps\": []}", "error: emptysteps.json:2:10: steps: no steps"),
    ("notype.toml", "name = \"x\"\n[[steps]]\norder = 1\n", "error: notype.toml:2:1: steps[0]: missing `type`"),
    (
        "emptytype.toml",
        "name = \"x\"\n[[steps]]\ntype = \"\"\n",
        "error: emptytype.toml:3:8: steps[0].type: must not be empty",
    ),
    (
        "negorder.toml",
        "name = \"x\"\n[[steps]]\ntype = \"voice\"\norder = -3\n",
        "error: negorder.toml:4:9: steps[0].order: must be a non-negative integer up to 9223372036854775807, found -3",
    ),
    (
        "floatorder.json",
        "{\"name\": \"x\", \"steps\": [{\"type\": \"voice\", \"order\": 1.5}]}",
        "error: floatorder.json:1:52: steps[0].order: must be a non-negative integer up to 9223372036854775807, found 1.5",
    ),
    (
        "strorder.toml",
        "name = \"x\"\n[[steps]]\ntype = \"voice\"\norder = \"1\"\n",
        "error: strorder.toml:4:9: steps[0].order: must be a non-negative integer up to 9223372036854775807, found a string",
    ),
    (
        "duporder.toml",
        "name = \"x\"\n[[steps]]\ntype = \"a\"\norder = 2\n[[steps]]\ntype = \"b\"\norder = 2\n",
        "error: duporder.toml:7:9: steps[1].order: order 2 is already used by steps[0] (line 4)",
    ),
    (
        "badconfig.json",
        "{\"name\": \"x\", \"steps\": [{\"type\": \"voice\",\n \"config\": [1]}]}",
        "error: badconfig.json:2:12: steps[0].config: must be an object, found an array",
    ),
    (
        "typo.toml",
        "nmae = \"x\"\nname = \"y\"\n[[steps]]\ntype = \"voice\"\n",
        "error: typo.toml:1:1: nmae: unknown key (did you mean `name`?)",
    ),
    (
        "steptypo.json",
        "{\"name\": \"x\", \"steps\": [{\"type\": \"voice\",\n \"confg\": {}}]}",
        "error: steptypo.json:2:2: steps[0].confg: unknown key (did you mean `config`?)",
    ),
    (
        "stranger.toml",
        "name = \"x\"\ncolour = \"red\"\n[[steps]]\ntype = \"voice\"\n",
        "error: stranger.toml:2:1: colour: unknown key (known keys here: name, description, steps, is_test_mode)",
    ),
    (
        "toplevel.json",
        "[1, 2]",
        "error: toplevel.json:1:1: expected an object with name and steps at the top level, found an array",
    ),
];

#[test]
fn every_validation_error_is_located_exit_2_and_sends_nothing() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    for (name, text, want) in CASES {
        t.write(name, text);
        let run = t.authed(&stub.url).args(["sequence", "create", "-f", name]).run();
        run.code(2);
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(first.starts_with(want), "{name}:\n  got:  {first}\n  want: {want}");
        assert_eq!(run.stdout, "", "{name}");
    }
    assert!(stub.requests().is_empty(), "a request was sent for invalid input");
}

#[test]
fn all_problems_are_listed_at_once() {
    let t = TestEnv::new();
    t.write("many.toml", "nmae = \"x\"\n[[steps]]\ntpye = \"voice\"\n[[steps]]\ntype = \"sms\"\nconfig = 3\n");
    let run = t.cmd().args(["sequence", "create", "-f", "many.toml"]).run();
    run.code(2);
    insta::assert_snapshot!("many_problems", run.stderr);
}

#[test]
fn unreadable_and_non_utf8_files() {
    let t = TestEnv::new();
    let run = t.cmd().args(["sequence", "create", "-f", "missing.toml"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: missing.toml: cannot read file: no such file\n");
    std::fs::write(t.work().join("latin1.toml"), b"name = \"caf\xe9\"\n").unwrap();
    let run = t.cmd().args(["sequence", "create", "-f", "latin1.toml"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: latin1.toml:1:12: the file is not valid UTF-8 text\n");
}

#[test]
fn bad_step_flags_are_usage_errors() {
    let t = TestEnv::new();
    for spec in ["", "sms:{\"a\":", "sms:[1]", ":{}"] {
        let run = t.cmd().args(["sequence", "create", "--name", "x", "--step", spec]).run();
        run.code(2);
        assert!(run.stderr.starts_with("error: invalid value"), "{spec}: {}", run.stderr);
    }
    // A step's config may hold a patient's details: the error says what is wrong and where,
    // and never repeats them.
    let run = t
        .cmd()
        .args(["sequence", "create", "--name", "x", "--step", r#"voice:{"destination_number":"+15550001234",}"#])
        .run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: invalid value for '--step <SPEC>': the config after `voice:` is not valid JSON: trailing comma (column 44)\n"
    );
    // Any other argument clap quotes back is escaped, as every error line is.
    let run = t.cmd().args(["sequence", "show", "1\u{1b}]0;x\u{7}\u{202e}"]).run();
    run.code(2);
    assert!(run.stderr.starts_with(r"error: invalid value '1\u{1b}]0;x\u{7}\u{202e}' for '<ID>'"), "{}", run.stderr);
}

#[test]
fn stdin_problems_are_named_stdin() {
    let t = TestEnv::new();
    let run = t.cmd().args(["sequence", "create", "-f", "-"]).stdin("{\"name\": \"x\", \"steps\": [{}]}").run();
    run.code(2);
    assert!(run.stderr.starts_with("error: <stdin>:1:25: steps[0]: missing `type`"), "{}", run.stderr);
}
