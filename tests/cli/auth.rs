//! `auth` and `config`, credential files done safely, and a token that goes only where it belongs.

use crate::support::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn login_from_stdin_without_a_terminal_under_umask_000() {
    let t = TestEnv::new();
    let dir = t.dir.path().join("fresh/clarion");
    let run = t
        .cmd()
        .env("CLARION_CONFIG_DIR", &dir)
        .umask(0o000)
        .args(["--profile", "ci", "--api-url", "https://ci.example", "auth", "login", "--with-token"])
        .stdin(format!("{TOKEN}\n"))
        .run();
    run.ok();
    assert!(run.stderr.starts_with("Token ****Zx9q saved for profile `ci`"), "{}", run.stderr);
    assert!(!run.stderr.contains(TOKEN));
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("credentials.toml")), 0o600);
    assert_eq!(mode(&dir.join(".lock")), 0o600);
    assert_eq!(mode(&dir.join("config.toml")), 0o644);
    assert_eq!(read(&dir.join("credentials.toml")), format!("[profiles.ci]\ntoken = \"{TOKEN}\"\n"));
    assert_eq!(read(&dir.join("config.toml")), "[profiles.ci]\napi_url = \"https://ci.example\"\n");
}

#[test]
fn login_without_a_terminal_or_with_token_says_how() {
    let t = TestEnv::new();
    let run = t.cmd().args(["auth", "login"]).run();
    run.code(2);
    assert!(run.stderr.contains("pipe it in: echo \"$TOKEN\" | clarion auth login --with-token"), "{}", run.stderr);
    let run = t.cmd().args(["auth", "login", "--with-token"]).stdin("  \n").run();
    run.code(2);
    assert!(run.stderr.contains("the token is empty"));
    // An endless or huge input ends at 64 KiB, and no credentials file too large to read back
    // is written.
    let run = t.cmd().args(["auth", "login", "--with-token"]).stdin(vec![b'a'; 17 << 20]).run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: cannot read the token from standard input: larger than 64 KiB: not a token\nhint: pipe in the token alone: echo \"$TOKEN\" | clarion auth login --with-token\n"
    );
    assert!(!t.config_dir().join("credentials.toml").exists());
    // A token file is held to the same bound.
    let big = t.write("big.token", &"a".repeat(65 * 1024));
    let run = t.cmd().args(["sequence", "show", "1", "--token-file"]).arg_path(&big).run();
    run.code(2);
    assert!(run.stderr.contains("larger than 64 KiB: not a token"), "{}", run.stderr);
}

#[test]
fn login_warns_when_the_environment_overrides() {
    let t = TestEnv::new();
    let run = t
        .cmd()
        .env("CLARION_TOKEN", "tok_env_aaaaaaaaaaaa")
        .args(["auth", "login", "--with-token"])
        .stdin("tok_file_bbbbbbbbbbbb")
        .run();
    run.code(0);
    assert!(
        run.stderr.contains("warning: CLARION_TOKEN is set: it will keep overriding the stored token"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_loose_credentials_file_is_tightened_on_write_and_warned_about_on_read() {
    let t = TestEnv::new();
    let stub = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    let creds = t.config_dir().join("credentials.toml");
    std::fs::write(&creds, format!("[profiles.default]\ntoken = \"{TOKEN}\"\n")).unwrap();
    std::fs::set_permissions(&creds, std::fs::Permissions::from_mode(0o644)).unwrap();
    t.write_config("config.toml", &format!("[profiles.default]\napi_url = \"{}\"\n", stub.url));
    let run = t.cmd().args(["sequence", "show", "1", "-q"]).run();
    run.code(0);
    assert!(
        run.stderr.contains("credentials.toml is readable by other users (mode 0644); run: chmod 600"),
        "{}",
        run.stderr
    );
    t.cmd().args(["--profile", "other", "auth", "login", "--with-token"]).stdin("tok_other_cccccccccc").run().code(0);
    assert_eq!(mode(&creds), 0o600);
    let run = t.cmd().args(["sequence", "show", "1", "-q"]).run();
    run.ok();
    assert!(!run.stderr.contains("readable"), "{}", run.stderr);
}

#[test]
fn status_shows_sources_masked_and_exits_4_without_a_token() {
    let t = TestEnv::new();
    t.write_config(
        "credentials.toml",
        &format!("[profiles.default]\ntoken = \"{TOKEN}\"\n[profiles.prod]\ntoken = \"tok_prod_dddddddd4444\"\n"),
    );
    std::fs::set_permissions(t.config_dir().join("credentials.toml"), std::fs::Permissions::from_mode(0o600)).unwrap();
    t.write_config("config.toml", "[profiles.prod]\napi_url = \"https://prod.example\"\n[profiles.cmd]\ntoken_command = \"echo tok_cmd_eeeeeeee5555\"\n");
    let run = t.cmd().args(["auth", "status"]).run();
    run.code(0);
    assert!(!run.stdout.contains(TOKEN) && !run.stdout.contains("tok_prod"));
    insta::assert_snapshot!("auth_status", run.stdout);

    let run = t.cmd().env("CLARION_TOKEN", "tok_env_ffffffff6666").args(["auth", "status", "--json"]).run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let active = &v["profiles"][1];
    assert_eq!(
        (active["name"].as_str(), active["token_source"].as_str(), active["token"].as_str()),
        (Some("default"), Some("CLARION_TOKEN"), Some("****6666"))
    );
    assert_eq!(active["warnings"][0], "CLARION_TOKEN overrides the token stored in credentials.toml");

    let run = t.cmd().args(["--profile", "cmd", "auth", "status", "--json"]).run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (v["profiles"][0]["token_source"].as_str(), v["profiles"][0]["token"].as_str()),
        (Some("token_command"), Some("****5555"))
    );

    let empty = TestEnv::new();
    let run = empty.cmd().args(["auth", "status"]).run();
    run.code(4);
    assert!(run.stdout.contains("Token:    none"));
    assert!(run.stderr.contains("no usable API token for profile `default`"));
}

#[test]
fn logout_removes_only_that_profiles_token() {
    let t = TestEnv::new();
    t.cmd().args(["auth", "login", "--with-token"]).stdin("tok_default_111111111").run().code(0);
    t.cmd().args(["--profile", "b", "auth", "login", "--with-token"]).stdin("tok_b_2222222222222").run().code(0);
    let run = t.cmd().args(["auth", "logout"]).run();
    run.code(0);
    assert_eq!(read(&t.config_dir().join("credentials.toml")), "[profiles.b]\ntoken = \"tok_b_2222222222222\"\n");
    let again = t.cmd().args(["auth", "logout"]).run();
    again.code(0);
    assert!(again.stderr.contains("No token was stored for profile `default`"));
}

#[test]
fn auth_token_prints_the_token_alone() {
    let t = TestEnv::new();
    t.cmd().args(["auth", "login", "--with-token"]).stdin(format!("{TOKEN}\n")).run().code(0);
    let run = t.cmd().args(["auth", "token"]).run();
    run.code(0);
    assert_eq!(run.stdout, format!("{TOKEN}\n"));
    t.cmd().args(["auth", "logout"]).run().code(0);
    t.cmd().args(["auth", "token"]).run().code(4);
}

#[test]
fn concurrent_logins_lose_no_profile() {
    let t = TestEnv::new();
    let children: Vec<_> = (0..12)
        .map(|i| {
            t.cmd()
                .args(["--profile", &format!("p{i}"), "auth", "login", "--with-token"])
                .stdin(format!("tok_profile_{i:02}_xxxxxxx"))
                .spawn()
        })
        .collect();
    for c in children {
        c.wait().ok();
    }
    let creds: toml::Table = toml::from_str(&read(&t.config_dir().join("credentials.toml"))).unwrap();
    let profiles = creds["profiles"].as_table().unwrap();
    assert_eq!(profiles.len(), 12, "{profiles:?}");
    for i in 0..12 {
        assert_eq!(profiles[&format!("p{i}")]["token"].as_str().unwrap(), format!("tok_profile_{i:02}_xxxxxxx"));
    }
}

#[test]
fn config_set_get_unset_list_keep_comments() {
    let t = TestEnv::new();
    t.write_config("config.toml", "# Settings for clarion\ndefault_profile = \"staging\" # the usual one\n");
    t.cmd().args(["config", "set", "api_url", "https://staging.example"]).run().code(0);
    t.cmd().args(["--profile", "ci", "config", "set", "test_mode", "true"]).run().code(0);
    t.cmd().args(["config", "set", "token_command", "pass show clarion"]).run().code(0);
    assert_eq!(
        read(&t.config_dir().join("config.toml")),
        "# Settings for clarion\ndefault_profile = \"staging\" # the usual one\n\n[profiles.staging]\napi_url = \"https://staging.example\"\ntoken_command = \"pass show clarion\"\n\n[profiles.ci]\ntest_mode = true\n"
    );
    let get = |args: &[&str]| {
        let run = t.cmd().args(args).run();
        run.ok();
        run.stdout
    };
    assert_eq!(get(&["config", "get", "api_url"]), "https://staging.example\n");
    assert_eq!(get(&["config", "get", "default_profile"]), "staging\n");
    assert_eq!(get(&["--profile", "ci", "config", "get", "test_mode"]), "true\n");
    // Unset in the profile: the effective value, the built-in default.
    assert_eq!(get(&["--profile", "ci", "config", "get", "api_url"]), "https://api.clarionhealth.com\n");
    let list = t.cmd().args(["config", "list"]).run();
    list.ok();
    assert_eq!(
        list.stdout,
        "default_profile = \"staging\"\nprofiles.staging.api_url = \"https://staging.example\"\nprofiles.staging.token_command = \"pass show clarion\"\nprofiles.ci.test_mode = true\n"
    );
    // Setting a key that is there keeps the comments above it and after its value.
    t.cmd().args(["config", "set", "default_profile", "ci"]).run().code(0);
    t.cmd().args(["config", "set", "default_profile", "staging"]).run().code(0);
    assert!(
        read(&t.config_dir().join("config.toml"))
            .starts_with("# Settings for clarion\ndefault_profile = \"staging\" # the usual one\n"),
        "{}",
        read(&t.config_dir().join("config.toml"))
    );
    t.cmd().args(["config", "unset", "token_command"]).run().code(0);
    t.cmd().args(["--profile", "ci", "config", "unset", "test_mode"]).run().code(0);
    assert_eq!(
        read(&t.config_dir().join("config.toml")),
        "# Settings for clarion\ndefault_profile = \"staging\" # the usual one\n\n[profiles.staging]\napi_url = \"https://staging.example\"\n"
    );
    assert_eq!(
        t.cmd().args(["config", "path"]).run().stdout,
        format!("{}\n", t.config_dir().join("config.toml").display())
    );
}

#[test]
fn config_refuses_unknown_keys_and_bad_values() {
    let t = TestEnv::new();
    let run = t.cmd().args(["config", "set", "api_ur", "https://x"]).run();
    run.code(2);
    assert_eq!(run.stderr, "error: unknown config key `api_ur`\nhint: did you mean `api_url`?\n");
    let run = t.cmd().args(["config", "set", "api_url", "http://plain.example"]).run();
    run.code(2);
    assert!(run.stderr.contains("refusing plain http://"));
    t.cmd().args(["config", "set", "test_mode", "perhaps"]).run().code(2);
    t.cmd().args(["config", "get", "token"]).run().code(2);
    assert!(!t.config_dir().join("config.toml").exists(), "nothing written for refused values");
}

#[test]
fn a_stored_token_is_never_sent_to_another_host() {
    let t = TestEnv::new();
    let other = Stub::fixed(Canned::json(200, &envelope(sample_sequence(1))));
    t.write_config("credentials.toml", &format!("[profiles.default]\ntoken = \"{TOKEN}\"\n"));
    for (flag, env) in [(Some(other.url.as_str()), None), (None, Some(other.url.as_str()))] {
        let mut cmd = t.cmd();
        if let Some(u) = env {
            cmd = cmd.env("CLARION_API_URL", u);
        }
        if let Some(u) = flag {
            cmd = cmd.args(["--api-url", u]);
        }
        let run = cmd.args(["sequence", "show", "1"]).run();
        run.code(4);
        assert!(
            run.stderr.contains(
                "refusing to send the token stored for profile `default` (for https://api.clarionhealth.com) to http://127.0.0.1:"
            ),
            "{}",
            run.stderr
        );
    }
    assert!(other.requests().is_empty());
    // A token given for this run is the user's explicit choice.
    let file = t.write("token.txt", "tok_explicit_777777777\n");
    t.cmd()
        .args(["--api-url", &other.url, "--token-file"])
        .arg_path(&file)
        .args(["sequence", "show", "1", "-q"])
        .run()
        .code(0);
    t.authed(&other.url).args(["sequence", "show", "1", "-q"]).run().code(0);
    let reqs = other.requests();
    assert_eq!(reqs[0].header("authorization"), Some("Bearer tok_explicit_777777777"));
    assert_eq!(reqs[1].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

#[test]
fn the_token_never_shows_at_vv() {
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &[]);
    let example = repo_file("examples/appointment-reminder.toml");
    let example = example.to_str().unwrap();
    // Each with the exit code it must have: a leak check on a command that failed early
    // proves nothing.
    let runs = [
        (vec!["-vv", "sequence", "create", "-f", example], 0),
        (vec!["-vv", "sequence", "create", "-f", example, "--json"], 0),
        (vec!["-vv", "sequence", "create", "-f", example, "--dry-run"], 0),
        (vec!["-vv", "sequence", "show", "1"], 0),
        (vec!["-vv", "sequence", "show", "999"], 3),
        (vec!["-vv", "auth", "status"], 0),
        (vec!["-vv", "auth", "status", "--json"], 0),
        (vec!["-vv", "config", "list"], 0),
        (vec!["-vv", "config", "set", "test_mode", "true"], 0),
        (vec!["-vv", "config", "get", "test_mode"], 0),
        (vec!["-vv", "config", "path"], 0),
        (vec!["-vv", "--api-url", "http://example.com", "sequence", "show", "1"], 2),
        (vec!["-vv", "--sandbox", "sequence", "show", "1"], 3),
    ];
    for (args, code) in runs {
        let run = t.authed(&sb.url).env("CLARION_SANDBOX_DB", t.work().join("sb.sqlite3")).args(&args).run();
        run.code(code);
        assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN), "{args:?} leaked the token");
    }
    for args in
        [vec!["-vv", "auth", "login", "--with-token"], vec!["-vv", "auth", "status"], vec!["-vv", "auth", "logout"]]
    {
        let run = t.cmd().args(&args).stdin(TOKEN).run();
        run.ok();
        assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN), "{args:?} leaked the token");
    }
    t.cmd().args(["auth", "login", "--with-token"]).stdin(TOKEN).run().code(0);
    let run = t.cmd().args(["-vv", "--api-url", &sb.url, "sequence", "show", "1"]).run();
    run.code(4);
    let run = t.authed(&sb.url).args(["-vv", "sequence", "show", "1"]).run();
    run.code(0);
    assert!(run.stderr.contains("> authorization: Bearer ****\n"), "{}", run.stderr);
    assert!(run.stderr.contains("> GET http://127.0.0.1:"), "{}", run.stderr);
    assert!(run.stderr.contains("< 200 OK ("), "{}", run.stderr);
    assert!(run.stderr.contains("< {\"success\":true"), "-vv shows bodies: {}", run.stderr);
    assert!(!run.stderr.contains(TOKEN));
}

#[test]
fn a_proxy_is_used_for_remote_hosts_and_never_for_loopback() {
    let t = TestEnv::new();
    let proxy = Stub::fixed(Canned::raw(403, "text/plain", "no tunnels here"));
    // Remote: the proxy is asked to CONNECT; nothing else is contacted.
    let run = t
        .cmd()
        .env("HTTPS_PROXY", &proxy.url)
        .env("CLARION_TOKEN", TOKEN)
        .args(["--retries", "0", "--api-url", "https://api.example.invalid", "sequence", "show", "1"])
        .run();
    run.code(6);
    let reqs = proxy.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!((reqs[0].method.as_str(), reqs[0].path.as_str()), ("CONNECT", "api.example.invalid:443"));
    // Loopback: straight to the server.
    let sb = SandboxProc::start(&t, &[]);
    t.authed(&sb.url)
        .env("HTTP_PROXY", &proxy.url)
        .env("HTTPS_PROXY", &proxy.url)
        .env("ALL_PROXY", &proxy.url)
        .args(["sequence", "show", "1"])
        .run()
        .code(3);
    assert_eq!(proxy.requests().len(), 1, "loopback went through the proxy");
}

#[test]
fn ca_cert_adds_a_trusted_root() {
    let t = TestEnv::new();
    let server = TlsServer::start(envelope(sample_sequence(1)));
    let ca = t.write("ca.pem", &server.ca_pem);
    let untrusted = t.authed(&server.url).args(["--retries", "0", "sequence", "show", "1"]).run();
    untrusted.code(6);
    assert!(untrusted.stderr.to_lowercase().contains("certificate"), "{}", untrusted.stderr);
    let trusted = t.authed(&server.url).args(["--ca-cert", "ca.pem", "sequence", "show", "1", "-q"]).run();
    trusted.ok();
    assert_eq!(trusted.stdout, "1\n");
    t.write_config("config.toml", &format!("[profiles.default]\nca_cert = \"{}\"\n", ca.display()));
    t.authed(&server.url).args(["sequence", "show", "1", "-q"]).run().ok();
    t.write("not-a-cert.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    let bad = t.authed(&server.url).args(["--ca-cert", "not-a-cert.pem", "sequence", "show", "1"]).run();
    bad.code(2);
    assert!(
        bad.stderr.contains("is not a PEM certificate bundle") || bad.stderr.contains("holds no PEM certificate"),
        "{}",
        bad.stderr
    );
}

#[test]
fn login_on_a_terminal_asks_without_echo() {
    let t = TestEnv::new();
    // Typed only once the prompt is up, as a person would: earlier keys would echo before it.
    let (run, termios) = t
        .cmd()
        .args(["auth", "login"])
        .run_on_pty(80, &[("Paste the API token for profile `default`: ", format!("{TOKEN}\r").as_bytes())]);
    run.code(0);
    assert!(!run.screen.contains(TOKEN), "the token was echoed: {:?}", run.screen);
    assert!(run.screen.contains("Token ****Zx9q saved for profile `default`"), "{:?}", run.screen);
    assert_eq!(read(&t.config_dir().join("credentials.toml")), format!("[profiles.default]\ntoken = \"{TOKEN}\"\n"));
    assert!(termios.local_modes.contains(rustix::termios::LocalModes::ECHO), "echo is back on");
}

#[test]
fn ctrl_c_at_the_token_prompt_restores_echo_and_stores_nothing() {
    let t = TestEnv::new();
    let (run, termios) = t
        .cmd()
        .args(["auth", "login"])
        .run_on_pty(80, &[("Paste the API token for profile `default`: ", b"tok_half\x03")]);
    run.code(130);
    use rustix::termios::LocalModes;
    assert!(termios.local_modes.contains(LocalModes::ECHO), "echo left off after Ctrl-C");
    assert!(termios.local_modes.contains(LocalModes::ICANON | LocalModes::ISIG), "the terminal is as it was");
    assert!(!run.screen.contains("tok_half"));
    assert!(!t.config_dir().join("credentials.toml").exists());
}

#[test]
fn status_warns_once_about_a_loose_credentials_file() {
    let t = TestEnv::new();
    let creds = t.config_dir().join("credentials.toml");
    std::fs::write(&creds, format!("[profiles.default]\ntoken = \"{TOKEN}\"\n[profiles.other]\ntoken = \"{TOKEN}\"\n"))
        .unwrap();
    std::fs::set_permissions(&creds, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = t.cmd().args(["auth", "status", "--json"]).run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for p in v["profiles"].as_array().unwrap() {
        let w: Vec<&str> = p["warnings"].as_array().unwrap().iter().filter_map(|w| w.as_str()).collect();
        assert_eq!(w.iter().filter(|w| w.contains("readable by other users")).count(), 1, "{}: {w:?}", p["name"]);
    }
}

#[test]
fn escape_sequences_at_the_token_prompt_are_not_part_of_the_token() {
    let t = TestEnv::new();
    // A paste in bracketed-paste markers, then an arrow key left and up: all of it keys, none
    // of it the token.
    let (run, _) = t.cmd().args(["auth", "login"]).run_on_pty(
        80,
        &[("Paste the API token for profile `default`: ", b"\x1b[200~tok_pasted_9999\x1b[201~\x1b[D\x1bOA\r")],
    );
    run.code(0);
    let creds = read(&t.config_dir().join("credentials.toml"));
    assert_eq!(creds, "[profiles.default]\ntoken = \"tok_pasted_9999\"\n");
}
