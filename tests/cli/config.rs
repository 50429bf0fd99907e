//! Profiles, base URL and token precedence, seen through the binary.

use crate::support::*;

fn ok_stub() -> Stub {
    Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))))
}

#[test]
fn profile_settings_and_credentials_are_used() {
    let t = TestEnv::new();
    let stub = ok_stub();
    t.write_config(
        "config.toml",
        &format!("default_profile = \"staging\"\n[profiles.staging]\napi_url = \"{}\"\n", stub.url),
    );
    t.write_config("credentials.toml", "[profiles.staging]\ntoken = \"from-credentials\"\n");
    t.cmd().args(["sequence", "show", "1", "-q"]).run().code(0);
    assert_eq!(stub.requests()[0].header("authorization"), Some("Bearer from-credentials"));
}

#[test]
fn env_and_flag_override_the_profile_url() {
    let t = TestEnv::new();
    let (used, unused) = (ok_stub(), ok_stub());
    t.write_config("config.toml", &format!("[profiles.default]\napi_url = \"{}\"\n", unused.url));
    t.cmd()
        .env("CLARION_TOKEN", TOKEN)
        .env("CLARION_API_URL", &used.url)
        .args(["sequence", "show", "1", "-q"])
        .run()
        .code(0);
    t.cmd()
        .env("CLARION_TOKEN", TOKEN)
        .env("CLARION_API_URL", &unused.url)
        .args(["--api-url", &used.url, "sequence", "show", "1", "-q"])
        .run()
        .code(0);
    assert_eq!(used.requests().len(), 2);
    assert!(unused.requests().is_empty());
}

// token_command runs with sh.
#[cfg(unix)]
#[test]
fn token_command_supplies_the_token() {
    let t = TestEnv::new();
    let stub = ok_stub();
    t.write_config(
        "config.toml",
        &format!("[profiles.ci]\napi_url = \"{}\"\ntoken_command = \"printf ' from-command \\\\n'\"\n", stub.url),
    );
    t.cmd().args(["--profile", "ci", "sequence", "show", "1", "-q"]).run().code(0);
    assert_eq!(stub.requests()[0].header("authorization"), Some("Bearer from-command"));
}

#[test]
fn env_token_beats_the_credentials_file() {
    let t = TestEnv::new();
    let stub = ok_stub();
    t.write_config("credentials.toml", "[profiles.default]\ntoken = \"from-credentials\"\n");
    t.authed(&stub.url).args(["sequence", "show", "1", "-q"]).run().code(0);
    assert_eq!(stub.requests()[0].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

#[test]
fn malformed_config_is_exit_2_naming_file_and_line() {
    let t = TestEnv::new();
    t.write_config("config.toml", "[profiles.default]\napi_url = https://x\n");
    let run = t.cmd().args(["sequence", "show", "1"]).run();
    run.code(2);
    let first = run.stderr.lines().next().unwrap();
    assert!(first.contains("config.toml:2:"), "{first}");
}

#[test]
fn unknown_profile_is_a_usage_error_with_a_suggestion() {
    let t = TestEnv::new();
    t.write_config("config.toml", "[profiles.staging]\n");
    let run = t.cmd().args(["--profile", "stagng", "sequence", "show", "1"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: profile `stagng` (from --profile) is not defined\nhint: did you mean `staging`?\n");
}

#[test]
fn an_undefined_profile_from_the_environment_or_default_profile_is_refused_too() {
    let t = TestEnv::new();
    t.write("s.toml", "name = \"x\"\n[[steps]]\ntype = \"voice\"\n");
    t.write_config("config.toml", "[profiles.staging]\n");
    // Named for this run: every command, even one that reads no profile.
    let run = t.cmd().env("CLARION_PROFILE", "stagng").args(["sequence", "validate", "-f", "s.toml"]).run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: profile `stagng` (from CLARION_PROFILE) is not defined\nhint: did you mean `staging`?\n"
    );
    // Configured: every command that uses a profile.
    t.write_config("config.toml", "default_profile = \"nope\"\n[profiles.staging]\n");
    let want = "error: profile `nope` (from default_profile in config.toml) is not defined\nhint: defined profiles: staging; `clarion config unset default_profile` goes back to `default`\n";
    for args in
        [&["sequence", "show", "1"][..], &["auth", "status"], &["auth", "logout"], &["config", "get", "api_url"]]
    {
        let run = t.cmd().env("CLARION_TOKEN", TOKEN).args(args).run();
        run.code(2);
        assert_eq!(run.stderr, want, "{args:?}");
    }
    // Listing the config is how the mistake is found: it works, and says so.
    let run = t.cmd().args(["config", "list"]).run();
    run.ok();
    assert_eq!(run.stdout, "default_profile = \"nope\"\n");
    assert_eq!(
        run.stderr,
        "warning: profile `nope` (from default_profile in config.toml) is not defined: commands that use a profile refuse to run (defined profiles: staging; `clarion config unset default_profile` goes back to `default`)\n"
    );
    t.cmd().args(["sequence", "validate", "-f", "s.toml"]).run().ok();
    // And unset is how it is fixed.
    t.cmd().args(["config", "unset", "default_profile"]).run().ok();
    t.cmd().env("CLARION_TOKEN", TOKEN).args(["auth", "logout"]).run().ok();
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let t = TestEnv::new();
    let run = t
        .cmd()
        .env("CLARION_TOKEN", TOKEN)
        .args(["--api-url", "http://api.example.com", "sequence", "show", "1"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("refusing plain http://"));
}

#[cfg(target_os = "linux")]
#[test]
fn without_clarion_config_dir_the_config_lives_in_the_users_config_folder() {
    let t = TestEnv::new();
    let home = t.dir.path().join("home");
    let run = t.cmd().env_remove("CLARION_CONFIG_DIR").args(["config", "path"]).run();
    run.ok();
    assert_eq!(run.stdout, format!("{}\n", home.join(".config/clarion/config.toml").display()));
    // XDG_CONFIG_HOME moves it, as on any Linux desktop.
    let run = t.cmd().env_remove("CLARION_CONFIG_DIR").env("XDG_CONFIG_HOME", t.work()).args(["config", "path"]).run();
    run.ok();
    assert_eq!(run.stdout, format!("{}\n", t.work().join("clarion/config.toml").display()));
}
