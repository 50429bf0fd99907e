//! The config directory, `config.toml` and `credentials.toml`, and how the profile,
//! the base URL and the token are chosen from flags, environment and files.

// The token and URL rules belong to the HTTP client; config uses them (never the reverse).
pub use crate::api::auth::{Token, is_loopback, same_origin};

pub mod effective;
pub mod files;
pub mod load;

pub use load::{load_config, load_config_table, load_credentials};

use crate::env::Env;
use crate::error::{AuthError, UsageError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use url::Url;

pub const DEFAULT_API_URL: &str = "https://api.clarionhealth.com";
pub const DEFAULT_PROFILE: &str = "default";

/// config.toml as read by `load::load_config`: every key known and checked.
#[derive(Debug, Default)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, ProfileConfig>,
}

/// A profile's settings. A key this version does not know is an error (exit 2, with the near
/// miss): a misspelt `test_mode` silently ignored would create live sequences.
#[derive(Debug, Default, Clone)]
pub struct ProfileConfig {
    pub api_url: Option<String>,
    pub test_mode: Option<bool>,
    pub token_command: Option<String>,
    /// Seconds `token_command` may take.
    pub token_command_timeout: Option<u64>,
    pub ca_cert: Option<PathBuf>,
    pub retries: Option<u32>,
}

/// How long a `token_command` may run before it is stopped (exit 4).
pub const DEFAULT_TOKEN_COMMAND_TIMEOUT: u64 = 30;

#[derive(Default)]
pub struct CredentialsFile {
    pub profiles: BTreeMap<String, CredentialEntry>,
}

#[derive(Default)]
pub struct CredentialEntry {
    pub token: Option<String>,
}

/// What a key in config.toml applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Top level of the file (`default_profile`).
    Top,
    /// `[profiles.NAME]`, for the selected profile.
    Profile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Url,
    Bool,
    Text,
    File,
    ProfileName,
    Count,
    Seconds,
}

#[derive(Debug)]
pub struct KeySpec {
    pub name: &'static str,
    /// One line for `config get/set/unset --help` and shell completions.
    pub help: &'static str,
    pub scope: Scope,
    pub kind: KeyKind,
}

/// What `retries` and `token_command_timeout` (seconds) may be, wherever they are set.
pub const RETRIES: std::ops::RangeInclusive<u32> = 0..=100;
pub const TOKEN_COMMAND_TIMEOUT: std::ops::RangeInclusive<u32> = 1..=600;

/// Every key `clarion config` reads and writes.
pub const KEYS: &[KeySpec] = &[
    KeySpec {
        name: "default_profile",
        scope: Scope::Top,
        kind: KeyKind::ProfileName,
        help: "The profile used when neither --profile nor CLARION_PROFILE names one",
    },
    KeySpec {
        name: "api_url",
        scope: Scope::Profile,
        kind: KeyKind::Url,
        help: "The API's base URL (https://, or http:// to this machine only)",
    },
    KeySpec {
        name: "test_mode",
        scope: Scope::Profile,
        kind: KeyKind::Bool,
        help: "true: every create asks for a test-mode sequence unless --live is given",
    },
    KeySpec {
        name: "token_command",
        scope: Scope::Profile,
        kind: KeyKind::Text,
        help: "A command whose output is the token (e.g. a secrets manager's CLI)",
    },
    KeySpec {
        name: "token_command_timeout",
        scope: Scope::Profile,
        kind: KeyKind::Seconds,
        help: "Seconds token_command may run (default 30)",
    },
    KeySpec {
        name: "ca_cert",
        scope: Scope::Profile,
        kind: KeyKind::File,
        help: "A CA certificate (PEM) to trust besides the system's",
    },
    KeySpec {
        name: "retries",
        scope: Scope::Profile,
        kind: KeyKind::Count,
        help: "Retries after a failed attempt (default 3)",
    },
];

pub fn key_spec(name: &str) -> Result<&'static KeySpec, UsageError> {
    if let Some(k) = KEYS.iter().find(|k| k.name == name) {
        return Ok(k);
    }
    let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
    let hint = match crate::diagnostics::suggest(name, &names) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("known keys: {}", names.join(", ")),
    };
    Err(UsageError::with_hint(format!("unknown config key `{name}`"), hint))
}

/// Checks a value given on the command line for `key` and turns it into TOML.
pub fn parse_value(spec: &KeySpec, raw: &str) -> Result<toml_edit::Value, UsageError> {
    let bad = |why: &str| UsageError::new(format!("invalid value for {}: {why}", spec.name));
    Ok(match spec.kind {
        KeyKind::Url => {
            parse_api_url(raw)?;
            raw.trim().into()
        }
        KeyKind::Bool => match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => true.into(),
            "false" | "no" | "off" | "0" => false.into(),
            _ => return Err(bad("expected true or false")),
        },
        KeyKind::Text if raw.trim().is_empty() => return Err(bad("must not be empty")),
        KeyKind::Text => raw.into(),
        KeyKind::File => {
            let path = std::path::absolute(raw.trim()).map_err(|e| bad(&e.to_string()))?;
            load_ca_certs(&path).map_err(|e| bad(&e.to_string()))?;
            path.to_string_lossy().as_ref().into()
        }
        KeyKind::ProfileName => {
            check_profile_name(raw).map_err(|e| bad(&e))?;
            raw.into()
        }
        KeyKind::Count => match raw.trim().parse::<u32>() {
            Ok(n) if RETRIES.contains(&n) => i64::from(n).into(),
            _ => return Err(bad("expected a whole number from 0 to 100")),
        },
        KeyKind::Seconds => match raw.trim().parse::<u32>() {
            Ok(n) if TOKEN_COMMAND_TIMEOUT.contains(&n) => i64::from(n).into(),
            _ => return Err(bad("expected a whole number of seconds from 1 to 600")),
        },
    })
}

pub fn check_profile_name(name: &str) -> Result<(), String> {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        Ok(())
    } else {
        Err(format!("{name:?} is not a profile name (letters, digits, - and _)"))
    }
}

/// The text of a token file (`--token-file`, the sandbox's too): at most 64 KiB of UTF-8.
pub fn read_token_file(path: &Path) -> Result<String, UsageError> {
    let cannot = |why: String| UsageError::new(format!("cannot read the token file {}: {why}", path.display()));
    let bytes = std::fs::File::open(path)
        .and_then(|f| crate::fs::read_bounded(f, 64 * 1024))
        .map_err(|e| cannot(crate::fs::io_reason(&e)))?
        .ok_or_else(|| cannot("larger than 64 KiB: not a token".into()))?;
    String::from_utf8(bytes).map_err(|_| cannot("not UTF-8 text".into()))
}

/// Reads a PEM bundle of CA certificates.
pub fn load_ca_certs(path: &Path) -> anyhow::Result<Vec<reqwest::Certificate>> {
    let cannot = |why: String| UsageError::new(format!("cannot read the CA certificate {}: {why}", path.display()));
    let pem = std::fs::File::open(path)
        .and_then(|f| crate::fs::read_bounded(f, 4 * 1024 * 1024))
        .map_err(|e| cannot(crate::fs::io_reason(&e)))?
        .ok_or_else(|| cannot("larger than 4 MiB: not a certificate bundle".into()))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|_| UsageError::new(format!("{} is not a PEM certificate bundle", path.display())))?;
    if certs.is_empty() {
        return Err(UsageError::new(format!("{} holds no PEM certificate", path.display())).into());
    }
    Ok(certs)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Env(&'static str),
    ConfigFile,
    BuiltIn,
    Sandbox,
}

/// Connection choices given on the command line.
#[derive(Debug, Clone, Default)]
pub struct ConnFlags {
    pub api_url: Option<String>,
    pub profile: Option<String>,
    pub token_file: Option<PathBuf>,
    pub ca_cert: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub dir: PathBuf,
    pub profile: String,
    pub api_url: Url,
    pub api_url_origin: Origin,
    pub profile_config: ProfileConfig,
    pub token_file: Option<PathBuf>,
    /// `--ca-cert`, else the profile's `ca_cert`.
    pub ca_cert: Option<PathBuf>,
}

impl Settings {
    pub fn credentials_path(&self) -> PathBuf {
        self.dir.join(files::CREDENTIALS_FILE)
    }
}

pub fn config_dir(env: &Env) -> Result<PathBuf, UsageError> {
    env.check_unicode("CLARION_CONFIG_DIR")?;
    if let Some(dir) = env.get("CLARION_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir().map(|d| d.join("clarion")).ok_or_else(|| {
        UsageError::with_hint("cannot find a config directory for this user", "set CLARION_CONFIG_DIR to a directory")
    })
}

/// Chooses profile and base URL: `--api-url` > `CLARION_API_URL` > the profile's `api_url` > the default;
/// `--profile` > `CLARION_PROFILE` > `default_profile` > `default`.
pub fn resolve(flags: &ConnFlags, env: &Env) -> anyhow::Result<Settings> {
    for key in ["CLARION_API_URL", "CLARION_PROFILE"] {
        env.check_unicode(key)?;
    }
    let dir = config_dir(env)?;
    let config = load_config(&dir)?;
    let (profile, explicit) = select_profile(flags.profile.as_deref(), env, &config);
    check_profile_defined(&dir, &config, &profile, explicit)?;
    let profile_config = config.profiles.get(&profile).cloned();
    let profile_config = profile_config.unwrap_or_default();
    let (raw, origin) = match (&flags.api_url, env.get("CLARION_API_URL"), &profile_config.api_url) {
        (Some(u), _, _) => (u.clone(), Origin::Flag),
        (None, Some(u), _) => (u.to_string(), Origin::Env("CLARION_API_URL")),
        (None, None, Some(u)) => (u.clone(), Origin::ConfigFile),
        (None, None, None) => (DEFAULT_API_URL.to_string(), Origin::BuiltIn),
    };
    let api_url = parse_api_url(&raw)?;
    let ca_cert = flags.ca_cert.clone().or_else(|| profile_config.ca_cert.clone());
    Ok(Settings {
        dir,
        profile,
        api_url,
        api_url_origin: origin,
        profile_config,
        token_file: flags.token_file.clone(),
        ca_cert,
    })
}

/// The profile to use, and what chose it (`None`: nothing did, so it is `default`).
/// A profile chosen on purpose (flag, env, `default_profile`) must exist in config.toml or
/// credentials.toml: a misspelt one would otherwise quietly run with no settings at all.
/// `default` needs no entry. Exit 2, with the near miss or the defined profiles listed once.
pub fn check_profile_defined(
    dir: &Path,
    config: &ConfigFile,
    profile: &str,
    chosen_by: Option<&'static str>,
) -> anyhow::Result<()> {
    let Some(from) = chosen_by else { return Ok(()) };
    if profile == DEFAULT_PROFILE || config.profiles.contains_key(profile) {
        return Ok(());
    }
    let creds = load_credentials(dir)?;
    if creds.profiles.contains_key(profile) {
        return Ok(());
    }
    let known: std::collections::BTreeSet<&str> =
        config.profiles.keys().chain(creds.profiles.keys()).map(String::as_str).collect();
    let known: Vec<&str> = known.into_iter().collect();
    let hint = match crate::diagnostics::suggest(profile, &known) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => "no profiles are defined yet: run `clarion auth login --profile NAME`".into(),
        None => format!("defined profiles: {}", known.join(", ")),
    };
    Err(UsageError::with_hint(format!("profile `{profile}` (from {from}) is not defined"), hint).into())
}

pub fn select_profile(flag: Option<&str>, env: &Env, config: &ConfigFile) -> (String, Option<&'static str>) {
    match (flag, env.get("CLARION_PROFILE"), &config.default_profile) {
        (Some(p), _, _) => (p.to_string(), Some("--profile")),
        (None, Some(p), _) => (p.to_string(), Some("CLARION_PROFILE")),
        (None, None, Some(p)) => (p.clone(), Some("default_profile in config.toml")),
        (None, None, None) => (DEFAULT_PROFILE.to_string(), None),
    }
}

/// A base URL clarion will send a token to: https anywhere, plain http only to this machine.
pub fn parse_api_url(raw: &str) -> Result<Url, UsageError> {
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        UsageError::with_hint(format!("invalid API URL {raw:?}: {e}"), "use a URL like https://api.clarionhealth.com")
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(UsageError::with_hint(
                format!("refusing plain http:// for {raw}: the token would cross the network unencrypted"),
                "use https://, or http:// only with 127.0.0.1, ::1 or localhost",
            ));
        }
        other => {
            return Err(UsageError::new(format!("invalid API URL {raw:?}: scheme {other}:// is not http or https")));
        }
    }
    if url.host().is_none() {
        return Err(UsageError::new(format!("invalid API URL {raw:?}: it has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UsageError::new(
            "the API URL must not carry a user name or password; the token is sent as a header",
        ));
    }
    // clarion adds /v1/...: a base that already ends in /v1 would send to /v1/v1/...
    if url
        .path_segments()
        .and_then(|mut s| s.rfind(|seg| !seg.is_empty()))
        .is_some_and(|last| last.eq_ignore_ascii_case("v1"))
    {
        return Err(UsageError::with_hint(
            format!("the API URL {raw:?} ends in /v1, which clarion adds itself"),
            "give the API's root, such as https://api.clarionhealth.com",
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOrigin {
    TokenFile(PathBuf),
    Env,
    CredentialsFile,
    TokenCommand,
}

impl TokenOrigin {
    pub fn describe(&self) -> String {
        match self {
            TokenOrigin::TokenFile(p) => format!("--token-file {}", p.display()),
            TokenOrigin::Env => "CLARION_TOKEN".into(),
            TokenOrigin::CredentialsFile => "credentials.toml".into(),
            TokenOrigin::TokenCommand => "token_command".into(),
        }
    }

    /// A token the user handed over for this one run, rather than one stored for a profile.
    pub fn is_explicit(&self) -> bool {
        matches!(self, TokenOrigin::TokenFile(_) | TokenOrigin::Env)
    }
}

#[derive(Debug)]
pub struct ResolvedToken {
    pub token: Token,
    pub origin: TokenOrigin,
    /// Things the user should hear about (a readable credentials file, a shadowed token).
    pub warnings: Vec<String>,
}

/// The token: `--token-file` > `CLARION_TOKEN` > the profile's entry in `credentials.toml` > its `token_command`.
pub fn resolve_token(settings: &Settings, env: &Env) -> anyhow::Result<ResolvedToken> {
    env.check_unicode("CLARION_TOKEN")?;
    let mut warnings = Vec::new();
    if let Some(path) = &settings.token_file {
        let text = read_token_file(path)?;
        warnings.extend(files::loose_mode_warning(path));
        let token =
            Token::new(&text).map_err(|why| UsageError::new(format!("the token in {} {why}", path.display())))?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::TokenFile(path.clone()), warnings });
    }
    if let Some(t) = env.get("CLARION_TOKEN") {
        let token = Token::new(t).map_err(|why| UsageError::new(format!("CLARION_TOKEN {why}")))?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::Env, warnings });
    }
    let path = settings.credentials_path();
    let creds = load_credentials(&settings.dir)?;
    if let Some(t) = creds.profiles.get(&settings.profile).and_then(|e| e.token.as_deref()) {
        warnings.extend(files::loose_mode_warning(&path));
        let token = Token::new(t).map_err(|why| {
            UsageError::new(format!("{}: the token of profile `{}` {why}", path.display(), settings.profile))
        })?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::CredentialsFile, warnings });
    }
    if let Some(cmd) = &settings.profile_config.token_command {
        let limit = settings.profile_config.token_command_timeout.unwrap_or(DEFAULT_TOKEN_COMMAND_TIMEOUT);
        let token = run_token_command(cmd, &settings.profile, std::time::Duration::from_secs(limit))?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::TokenCommand, warnings });
    }
    Err(AuthError {
        message: format!("no API token for profile `{}`", settings.profile),
        hint: Some(
            "run `clarion auth login`, set CLARION_TOKEN, or set a token_command for the profile (or try clarion with --sandbox: no account needed)".into(),
        ),
    }
    .into())
}

/// A token stored for a profile goes only to that profile's own API host. A URL from
/// `--api-url` or `CLARION_API_URL` pointing elsewhere needs a token given for this run.
pub fn check_token_destination(settings: &Settings, origin: &TokenOrigin) -> Result<(), AuthError> {
    if origin.is_explicit() || !matches!(settings.api_url_origin, Origin::Flag | Origin::Env(_)) {
        return Ok(());
    }
    let home = settings.profile_config.api_url.as_deref().unwrap_or(DEFAULT_API_URL);
    let Ok(home) = parse_api_url(home) else { return Ok(()) };
    if same_origin(&home, &settings.api_url) {
        return Ok(());
    }
    let from = match settings.api_url_origin {
        Origin::Env(v) => v,
        _ => "--api-url",
    };
    Err(AuthError {
        message: format!(
            "refusing to send the token stored for profile `{}` (for {}) to {}, which comes from {from}",
            settings.profile,
            home.origin().ascii_serialization(),
            settings.api_url.origin().ascii_serialization(),
        ),
        hint: Some(
            "give that host's token for this run (CLARION_TOKEN or --token-file), or use a profile for it: clarion auth login --profile NAME --api-url URL".into(),
        ),
    })
}

/// Runs a profile's `token_command` with `sh -c` (`cmd /C` on Windows): its stderr passes through to the user, its
/// trimmed stdout is the token, and it gets `limit` to finish. A failure or a timeout is an
/// auth error naming the profile; a command that never ends is stopped (its whole process
/// group), never waited on forever.
fn run_token_command(cmd: &str, profile: &str, limit: std::time::Duration) -> anyhow::Result<Token> {
    use std::io::Read as _;
    let fail = |message: String, hint: Option<&str>| AuthError { message, hint: hint.map(str::to_string) };
    #[cfg(unix)]
    let mut command = std::process::Command::new("sh");
    #[cfg(unix)]
    command.arg("-c");
    #[cfg(not(unix))]
    let mut command = std::process::Command::new("cmd");
    #[cfg(not(unix))]
    command.arg("/C");
    command
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child =
        command.spawn().map_err(|e| fail(format!("cannot run the token_command of profile `{profile}`: {e}"), None))?;
    let stdout = child.stdout.take();
    // What it prints, a piece at a time; `None` at the end of its output.
    let (tx, rx) = std::sync::mpsc::channel::<Option<Vec<u8>>>();
    std::thread::spawn(move || {
        if let Some(s) = stdout {
            // A token is short; more than this is not one.
            let mut s = s.take(64 * 1024);
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = s.read(&mut buf) {
                if tx.send(Some(buf[..n].to_vec())).is_err() {
                    return;
                }
            }
        }
        let _ = tx.send(None);
    });
    let deadline = std::time::Instant::now() + limit;
    let finished = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            _ => break None,
        }
    };
    // Its output: until the pipe closes, or, once the command itself has exited, a moment more
    // (something it left running in the background may hold the pipe open for good).
    let output = finished.map(|status| {
        let grace = (std::time::Instant::now() + std::time::Duration::from_millis(200)).min(deadline);
        let mut out = Vec::new();
        while let Ok(Some(piece)) = rx.recv_timeout(grace.saturating_duration_since(std::time::Instant::now())) {
            out.extend(piece);
        }
        (status, out)
    });
    let Some((status, stdout)) = output else {
        #[cfg(unix)]
        if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
        let _ = child.kill();
        let _ = child.wait();
        return Err(fail(
            format!(
                "the token_command of profile `{profile}` did not finish within {}s; it was stopped",
                limit.as_secs()
            ),
            Some("run the command yourself to see why; token_command_timeout in the profile allows it longer"),
        )
        .into());
    };
    if !status.success() {
        return Err(fail(
            format!("the token_command of profile `{profile}` failed ({status})"),
            Some("its own messages are above; run the command yourself to see why"),
        )
        .into());
    }
    let text = String::from_utf8(stdout)
        .map_err(|_| fail(format!("the token_command of profile `{profile}` printed non-UTF-8 output"), None))?;
    Token::new(&text).map_err(|why| {
        fail(format!("the token printed by the token_command of profile `{profile}` {why}"), None).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with_dir<'a>(dir: &'a Path, extra: &[(&'a str, &'a str)]) -> Env {
        let mut pairs = vec![("CLARION_CONFIG_DIR", dir.to_str().unwrap())];
        pairs.extend_from_slice(extra);
        Env::from_pairs(pairs)
    }

    #[test]
    fn url_precedence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[profiles.default]\napi_url = \"https://cfg.example\"\n")
            .unwrap();
        let env = env_with_dir(dir.path(), &[]);
        assert_eq!(resolve(&ConnFlags::default(), &env).unwrap().api_url.as_str(), "https://cfg.example/");
        let env = env_with_dir(dir.path(), &[("CLARION_API_URL", "https://env.example")]);
        assert_eq!(resolve(&ConnFlags::default(), &env).unwrap().api_url.as_str(), "https://env.example/");
        let flags = ConnFlags { api_url: Some("https://flag.example/base".into()), ..Default::default() };
        assert_eq!(resolve(&flags, &env).unwrap().api_url.as_str(), "https://flag.example/base/");
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(
            resolve(&ConnFlags::default(), &env_with_dir(empty.path(), &[])).unwrap().api_url.as_str(),
            "https://api.clarionhealth.com/"
        );
    }

    #[test]
    fn profile_precedence_and_unknown_profiles() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "default_profile = \"staging\"\n[profiles.staging]\napi_url = \"https://staging.example\"\n[profiles.prod]\n",
        )
        .unwrap();
        let env = env_with_dir(dir.path(), &[]);
        assert_eq!(resolve(&ConnFlags::default(), &env).unwrap().profile, "staging");
        let env = env_with_dir(dir.path(), &[("CLARION_PROFILE", "prod")]);
        assert_eq!(resolve(&ConnFlags::default(), &env).unwrap().profile, "prod");
        let flags = ConnFlags { profile: Some("stagin".into()), ..Default::default() };
        let err = resolve(&flags, &env).unwrap_err();
        assert_eq!(err.downcast_ref::<UsageError>().unwrap().hint.as_deref(), Some("did you mean `staging`?"));
    }

    #[test]
    fn malformed_config_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[profiles.x]\napi_url = \n").unwrap();
        let err = resolve(&ConnFlags::default(), &env_with_dir(dir.path(), &[])).unwrap_err();
        let shown = format!("{:?}", err.downcast_ref::<crate::diagnostics::ValidationError>().unwrap().problems);
        assert!(shown.contains("line: Some(2)"), "{shown}");
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(parse_api_url("http://127.0.0.1:4010").is_ok());
        assert!(parse_api_url("http://localhost:1").is_ok());
        assert!(parse_api_url("http://[::1]:1").is_ok());
        assert!(parse_api_url("http://api.clarionhealth.com").is_err());
        assert!(parse_api_url("ftp://x").is_err());
        assert!(parse_api_url("https://u:p@x").is_err());
        assert!(parse_api_url("https://api.example/v1").is_err());
        assert!(parse_api_url("https://api.example/v1/").is_err());
        assert!(parse_api_url("https://api.example/gateway/").is_ok());
    }

    #[test]
    fn token_precedence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[profiles.default]\ntoken_command = \"echo from-cmd\"\n")
            .unwrap();
        let env = env_with_dir(dir.path(), &[]);
        let s = resolve(&ConnFlags::default(), &env).unwrap();
        let r = resolve_token(&s, &env).unwrap();
        assert_eq!((r.token.expose(), r.origin), ("from-cmd", TokenOrigin::TokenCommand));
        std::fs::write(dir.path().join("credentials.toml"), "[profiles.default]\ntoken = \"from-file\"\n").unwrap();
        let r = resolve_token(&s, &env).unwrap();
        assert_eq!((r.token.expose(), r.origin), ("from-file", TokenOrigin::CredentialsFile));
        let env = env_with_dir(dir.path(), &[("CLARION_TOKEN", "from-env")]);
        let r = resolve_token(&s, &env).unwrap();
        assert_eq!((r.token.expose(), r.origin), ("from-env", TokenOrigin::Env));
        let file = dir.path().join("tok");
        std::fs::write(&file, "from-token-file\n").unwrap();
        let with_file = Settings { token_file: Some(file.clone()), ..s.clone() };
        let r = resolve_token(&with_file, &env).unwrap();
        assert_eq!((r.token.expose(), r.origin), ("from-token-file", TokenOrigin::TokenFile(file)));
    }

    #[test]
    fn stored_tokens_stay_with_their_host() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[profiles.default]\napi_url = \"https://a.example\"\n")
            .unwrap();
        let env = env_with_dir(dir.path(), &[]);
        let elsewhere = ConnFlags { api_url: Some("https://b.example".into()), ..Default::default() };
        let s = resolve(&elsewhere, &env).unwrap();
        assert!(check_token_destination(&s, &TokenOrigin::CredentialsFile).is_err());
        assert!(check_token_destination(&s, &TokenOrigin::TokenCommand).is_err());
        assert!(check_token_destination(&s, &TokenOrigin::Env).is_ok());
        let same = ConnFlags { api_url: Some("https://a.example/".into()), ..Default::default() };
        assert!(check_token_destination(&resolve(&same, &env).unwrap(), &TokenOrigin::CredentialsFile).is_ok());
        let own = resolve(&ConnFlags::default(), &env).unwrap();
        assert!(check_token_destination(&own, &TokenOrigin::CredentialsFile).is_ok());
    }

    #[test]
    fn key_registry() {
        assert_eq!(key_spec("api_urll").unwrap_err().hint.as_deref(), Some("did you mean `api_url`?"));
        let k = key_spec("test_mode").unwrap();
        assert_eq!(parse_value(k, "yes").unwrap().as_bool(), Some(true));
        assert!(parse_value(k, "maybe").is_err());
        assert!(parse_value(key_spec("api_url").unwrap(), "http://evil.example").is_err());
        assert!(parse_value(key_spec("default_profile").unwrap(), "a b").is_err());
    }

    #[test]
    fn missing_token_is_an_auth_error() {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with_dir(dir.path(), &[]);
        let s = resolve(&ConnFlags::default(), &env).unwrap();
        let err = resolve_token(&s, &env).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), 4);
        assert!(format!("{:?}", Token::new("secret").unwrap()).contains("****"));
    }
}
