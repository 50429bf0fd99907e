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
        assert!(run.stderr.contains(&format!("it is not the API's origin http://127.0.0.1:{p1}")), "{}", run.stderr);
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
    assert!(other.requests().is_empty(), "the other server was contacted: {:?}", other.requests());
    assert!(proxy.requests().is_empty(), "the proxy was contacted: {:?}", proxy.requests());
    assert_eq!(api.requests().len(), 3);
    assert!(api.requests().iter().all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}")[..])));
}

/// Escape sequences a hostile server might send: OSC 0 (window title), OSC 8 (hyperlink),
/// OSC 52 (clipboard), a CSI (clear screen), a C1 CSI, and a right-to-left override.
const HOSTILE: &str =
    "A\u{1b}]0;pwned\u{7}B\u{1b}]8;;http://evil.example\u{1b}\\C\u{1b}]8;;\u{1b}\\D\u{1b}]52;c;ZXZpbA==\u{7}E\u{1b}[2JF\u{9b}2JG\u{202e}H";

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
            "/raw" => Canned::raw(200, "text/plain", HOSTILE.as_bytes().to_vec()).header("X-Evil", "\u{9b}2J \u{202e}x"),
            _ => Canned::json(404, &json!({"error": {"message": HOSTILE}})),
        }
    })
}

#[cfg(unix)]
#[test]
fn no_server_or_config_text_drives_the_terminal() {
    let t = TestEnv::new();
    let stub = hostile_server();
    t.write_config("config.toml", "[profiles.\"x\\u001b]0;pwned\\u0007\"]\napi_url = \"https://x.example\"\n");
    let cases: &[&[&str]] = &[
        &["sequence", "show", "1"],
        &["sequence", "show", "1", "--json"],
        &["sequence", "show", "1", "--jq", ".name"],
        &["sequence", "show", "1", "--jq", ".steps"],
        &["sequence", "show", "2"],
        &["api", "-i", "/raw"],
        &["api", "/v1/sequence-manager/sequences/1"],
        &["api", "/nowhere"],
        &["--profile", "x\u{1b}]0;pwned\u{7}", "config", "list"],
        &["auth", "status"],
        &["--profile", "x\u{1b}]0;t\u{7}y", "sequence", "show", "1"],
    ];
    for args in cases {
        let (run, _) = t
            .cmd()
            .env("CLARION_TOKEN", TOKEN)
            .env("CLARION_API_URL", &stub.url)
            .args(["--color", "never"])
            .args(*args)
            .run_on_pty(120, &[]);
        if let Some(c) = drives_the_terminal(&run.screen) {
            panic!("{args:?} put {c:?} on the terminal:\n{}", run.screen);
        }
        assert!(run.screen.contains("\\u{1b}") || run.screen.contains("\\u001b"), "{args:?}: shown escaped:\n{}", run.screen);
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
}
