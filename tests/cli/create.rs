//! `sequence create`: the request that leaves, and what the user sees.

use crate::support::*;
use serde_json::json;

fn ok_stub() -> Stub {
    Stub::fixed(Canned::json(200, &envelope(sample_sequence(42))))
}

fn expected_example_body() -> serde_json::Value {
    json!({
        "name": "Appointment reminder",
        "description": "Call the patient two days before the visit, then text",
        "steps": [
            {"order": 1, "type": "voice", "config": {
                "voicemail_message": "Hi, this is Clarion Clinic calling about your appointment.",
                "source_number": "+15550100",
                "destination_number": "+15550199"
            }},
            {"order": 2, "type": "sms", "config": {
                "message": "Reminder: your appointment at Clarion Clinic is on Tuesday at 10:00."
            }}
        ]
    })
}

#[test]
fn toml_file_sends_exact_body_and_headers() {
    let t = TestEnv::new();
    let stub = ok_stub();
    let toml = repo_file("examples/appointment-reminder.toml");
    t.authed(&stub.url).args(["sequence", "create", "-f"]).arg_path(&toml).run().code(0);
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/sequence-manager/sequences"));
    assert_eq!(r.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(r.header("user-agent"), Some(concat!("clarion/", env!("CARGO_PKG_VERSION"))));
    assert_eq!(r.header("host"), stub.url.strip_prefix("http://"));
    assert_eq!(r.header("content-length"), Some(r.body.len().to_string().as_str()));
    assert_eq!(r.json(), expected_example_body());
    // Key order of the body is part of "exact": name, description, steps; order, type, config.
    assert!(String::from_utf8_lossy(&r.body).starts_with(r#"{"name":"Appointment reminder","description":"#));
}

#[test]
fn json_file_and_toml_file_send_the_same_body() {
    let t = TestEnv::new();
    let stub = ok_stub();
    t.authed(&stub.url)
        .args(["sequence", "create", "-f"])
        .arg_path(&repo_file("examples/appointment-reminder.json"))
        .run()
        .code(0);
    assert_eq!(stub.requests()[0].json(), expected_example_body());
}

#[test]
fn stdin_is_sniffed_as_toml_or_json() {
    let t = TestEnv::new();
    let stub = ok_stub();
    let toml = std::fs::read(repo_file("examples/appointment-reminder.toml")).unwrap();
    let json = std::fs::read(repo_file("examples/appointment-reminder.json")).unwrap();
    t.authed(&stub.url).args(["sequence", "create", "-f", "-"]).stdin(toml).run().code(0);
    t.authed(&stub.url).args(["sequence", "create", "-f", "-"]).stdin(json).run().code(0);
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].json(), expected_example_body());
    assert_eq!(reqs[1].json(), expected_example_body());
}

#[test]
fn flags_alone_build_a_sequence() {
    let t = TestEnv::new();
    let stub = ok_stub();
    t.authed(&stub.url)
        .args([
            "sequence",
            "create",
            "--name",
            "Quick",
            "--step",
            "voice",
            "--step",
            r#"sms:{"message":"See you Tuesday"}"#,
        ])
        .run()
        .code(0);
    assert_eq!(
        stub.requests()[0].json(),
        json!({"name": "Quick", "steps": [
            {"order": 1, "type": "voice"},
            {"order": 2, "type": "sms", "config": {"message": "See you Tuesday"}}
        ]})
    );
}

#[test]
fn flags_override_the_file_and_steps_are_appended() {
    let t = TestEnv::new();
    let stub = ok_stub();
    t.write("s.toml", "name = \"file\"\ndescription = \"from file\"\n[[steps]]\ntype = \"voice\"\n");
    t.authed(&stub.url)
        .args(["sequence", "create", "-f", "s.toml", "--name", "flag", "--description", "flag desc", "--step", "email"])
        .run()
        .code(0);
    assert_eq!(
        stub.requests()[0].json(),
        json!({"name": "flag", "description": "flag desc", "steps": [
            {"order": 1, "type": "voice"}, {"order": 2, "type": "email"}
        ]})
    );
}

#[test]
fn quiet_prints_the_id_alone() {
    let t = TestEnv::new();
    let stub = ok_stub();
    let run = t.authed(&stub.url).args(["sequence", "create", "--name", "x", "--step", "voice", "-q"]).run();
    run.code(0);
    assert_eq!(run.stdout, "42\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn json_prints_data_exactly_as_sent() {
    let t = TestEnv::new();
    // Unknown fields, odd order, nested unknowns and a big number must all survive.
    let data = r#"{"zzz_new":{"b":1,"a":[true,null]},"id":42,"status":"brand-new-status","huge":123456789012345678901234567890,"ratio":1.50}"#;
    let stub = Stub::fixed(Canned::raw(200, "application/json", format!(r#"{{"success":true,"data":{data}}}"#)));
    let run = t.authed(&stub.url).args(["sequence", "create", "--name", "x", "--step", "voice", "--json"]).run();
    run.code(0);
    let expected = "{\n  \"zzz_new\": {\n    \"b\": 1,\n    \"a\": [\n      true,\n      null\n    ]\n  },\n  \"id\": 42,\n  \"status\": \"brand-new-status\",\n  \"huge\": 123456789012345678901234567890,\n  \"ratio\": 1.50\n}\n";
    assert_eq!(run.stdout, expected);
}

#[test]
fn dry_run_sends_nothing_needs_no_token_and_shows_no_secret() {
    let t = TestEnv::new();
    let stub = ok_stub();
    let toml = repo_file("examples/appointment-reminder.toml");
    let run =
        t.cmd().env("CLARION_API_URL", &stub.url).args(["sequence", "create", "--dry-run", "-f"]).arg_path(&toml).run();
    run.code(0);
    assert!(
        run.stdout.starts_with(&format!("POST {}/v1/sequence-manager/sequences\n{{\n", stub.url)),
        "{}",
        run.stdout
    );
    let body: serde_json::Value = serde_json::from_str(run.stdout.split_once('\n').unwrap().1).unwrap();
    assert_eq!(body, expected_example_body());

    let run = t.authed(&stub.url).args(["sequence", "create", "--dry-run", "--json", "-f"]).arg_path(&toml).run();
    run.code(0);
    // The body alone on stdout, the method and URL on stderr.
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v, expected_example_body());
    assert_eq!(run.stderr, format!("POST {}/v1/sequence-manager/sequences\n", stub.url));
    let run =
        t.authed(&stub.url).args(["sequence", "create", "--dry-run", "--jq", ".name", "-f"]).arg_path(&toml).run();
    run.code(0);
    assert_eq!(run.stdout, format!("{}\n", expected_example_body()["name"].as_str().unwrap()));
    assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN));
    assert!(stub.requests().is_empty());
}

#[test]
fn no_token_is_exit_4_and_nothing_is_sent() {
    let t = TestEnv::new();
    let stub = ok_stub();
    let run =
        t.cmd().env("CLARION_API_URL", &stub.url).args(["sequence", "create", "--name", "x", "--step", "voice"]).run();
    run.code(4);
    assert!(
        run.stderr
            == "error: no API token for profile `default`\nhint: run `clarion auth login`, set CLARION_TOKEN, or set a token_command for the profile (or try clarion with --sandbox: no account needed)\n",
        "{}",
        run.stderr
    );
    assert!(stub.requests().is_empty());
}

#[test]
fn nothing_to_create_is_a_usage_error() {
    let t = TestEnv::new();
    let run = t.cmd().args(["sequence", "create"]).run();
    run.code(2);
    assert!(run.stderr.contains("nothing to create"));
}

#[test]
fn api_errors_map_to_exit_codes_with_the_servers_message() {
    let t = TestEnv::new();
    let cases: &[(u16, i32)] =
        &[(400, 5), (401, 4), (403, 4), (404, 3), (409, 5), (422, 5), (429, 6), (500, 6), (503, 6)];
    for &(status, code) in cases {
        let body =
            json!({"success": false, "error": {"code": "some_code", "message": format!("server says {status}")}});
        let stub = Stub::fixed(Canned::json(status, &body));
        let run =
            t.authed(&stub.url).args(["--retries", "0", "sequence", "create", "--name", "x", "--step", "voice"]).run();
        run.code(code);
        let first = run.stderr.lines().next().unwrap();
        assert!(first.starts_with(&format!("error: creating the sequence: the API answered {status} ")), "{first}");
        assert!(first.ends_with(&format!(": server says {status} (some_code)")), "{first}");
        assert_eq!(stub.requests().len(), 1);
    }
}

#[test]
fn non_json_error_bodies_still_report_the_status() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::raw(502, "text/html", "<html><body>\x1b[31mBad gateway</body></html>"));
    let run =
        t.authed(&stub.url).args(["--retries", "0", "sequence", "create", "--name", "x", "--step", "voice"]).run();
    run.code(6);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "error: creating the sequence: the API answered 502 Bad Gateway: <html><body>\\u{1b}[31mBad gateway</body></html>"
    );
    assert!(!run.stderr.contains('\x1b'));
}

#[test]
fn error_bodies_of_other_shapes_still_say_what_the_server_said() {
    let t = TestEnv::new();
    let cases = [
        (
            422,
            r#"{"detail":[{"loc":["body","steps",0,"type"],"msg":"field required"}]}"#,
            5,
            "422 Unprocessable Entity: steps[0].type: field required",
        ),
        (
            400,
            r#"{"errors":["name is required",{"message":"too long","field":"description"}]}"#,
            5,
            "400 Bad Request: name is required; description: too long",
        ),
        (
            409,
            r#"{"type":"about:blank","title":"Conflict","detail":"a create with this key is running"}"#,
            5,
            "409 Conflict: Conflict: a create with this key is running",
        ),
        (500, "", 6, "500 Internal Server Error: (empty body)"),
    ];
    for (status, body, code, want) in cases {
        let stub = Stub::fixed(Canned::raw(status, "application/json", body));
        let run =
            t.authed(&stub.url).args(["--retries", "0", "sequence", "create", "--name", "x", "--step", "voice"]).run();
        run.code(code);
        let first = run.stderr.lines().next().unwrap_or_default();
        assert_eq!(first, format!("error: creating the sequence: the API answered {want}"));
    }
}

#[test]
fn a_server_that_is_not_there_is_a_temporary_failure() {
    let t = TestEnv::new();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let run = t
        .authed(&format!("http://127.0.0.1:{port}"))
        .args(["sequence", "create", "--name", "x", "--step", "voice"])
        .run();
    run.code(6);
    assert!(run.stderr.contains("cannot connect to 127.0.0.1"), "{}", run.stderr);
    // Nothing can have been created (no connection was made): the network hint, not the key's.
    assert!(run.stderr.contains("hint: check the network and the API URL"), "{}", run.stderr);
    assert!(!run.stderr.contains("may or may not exist"), "{}", run.stderr);
}

#[test]
fn a_200_that_is_not_a_sequence_is_exit_1() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::raw(200, "text/html", "<!DOCTYPE html><html>login</html>"));
    let run = t.authed(&stub.url).args(["sequence", "create", "--name", "x", "--step", "voice"]).run();
    run.code(1);
    assert!(run.stderr.contains("the body is not JSON"), "{}", run.stderr);
}

#[test]
fn a_created_sequence_without_an_id_is_shown_and_what_needs_the_id_fails() {
    let t = TestEnv::new();
    let mut seq = sample_sequence(1);
    seq.as_object_mut().unwrap().remove("id");
    let stub = Stub::fixed(Canned::json(200, &envelope(seq)));
    let create = |extra: &[&str]| {
        t.authed(&stub.url).args(["sequence", "create", "--name", "x", "--step", "voice"]).args(extra).run()
    };
    // The contract allows any field to be missing: a plain create shows what came.
    let run = create(&["--json"]);
    run.ok();
    assert!(run.stdout.contains("\"status\""), "{}", run.stdout);
    // -q's stdout is the id alone: nothing, and an error saying the sequence exists.
    let run = create(&["-q"]);
    run.code(1);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "error: the sequence was created, but the API's answer has no sequence id\n");
    // --wait can't follow it: the answer is printed, and it says why nothing was waited for.
    let run = create(&["--wait", "--json"]);
    run.code(1);
    assert!(run.stdout.contains("\"status\""), "{}", run.stdout);
    assert!(run.stderr.ends_with("has no sequence id, so it can't be waited for\n"), "{}", run.stderr);
    // A batch's --wait can't follow those either, and says which lines it left.
    t.write("b.jsonl", &jsonl_lines(2));
    let run = t.authed(&stub.url).args(["sequence", "create", "-f", "b.jsonl", "--wait"]).run();
    run.code(1);
    assert!(
        run.stderr.ends_with(
            "error: line 1 and 1 more: created, but not waited for: the API's answer has no usable sequence id\n"
        ),
        "{}",
        run.stderr
    );
    assert!(stub.requests().iter().all(|r| r.method == "POST"), "no look for a sequence it can't name");
}
