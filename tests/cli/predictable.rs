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
            ".body.steps[] | [.type, .order] | @json",
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
            .args(["--jq", ".body.steps[] | [.type, .order] | @json"])
            .run()
    };
    let run = dry(r#"sms@3:{"message":"a@b"}"#);
    run.ok();
    assert_eq!(run.stdout, "[\"voice\",10]\n[\"sms\",3]\n");

    let run = dry(r#"sms:{"order":3,"message":"Hi"}"#);
    run.code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("\"order\" is not part of a step's config: write the order as sms@N"), "{}", run.stderr);

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
