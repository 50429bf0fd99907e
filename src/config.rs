//! The config directory, `config.toml` and `credentials.toml`, and how the profile,
//! the base URL and the token are chosen from flags, environment and files.

use crate::env::Env;
use crate::error::{AuthError, UsageError};
use crate::seqfile::Problem;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use url::Url;

pub const DEFAULT_API_URL: &str = "https://api.clarionhealth.com";
pub const DEFAULT_PROFILE: &str = "default";

#[derive(Debug, Default, Deserialize)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileConfig>,
}

/// A profile's settings. Keys this version does not know are ignored, so a config
/// written by a newer clarion still works with this one.
#[derive(Debug, Default, Deserialize, Clone)]
pub struct ProfileConfig {
    pub api_url: Option<String>,
    pub test_mode: Option<bool>,
    pub token_command: Option<String>,
}

#[derive(Default, Deserialize)]
pub struct CredentialsFile {
    #[serde(default)]
    profiles: BTreeMap<String, CredentialEntry>,
}

#[derive(Default, Deserialize)]
struct CredentialEntry {
    token: Option<String>,
}

/// A bearer token. It has no `Display`, and its `Debug` is masked, so it can't leak by formatting.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    pub fn new(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err("is empty".into());
        }
        if !value.bytes().all(|b| (0x21..0x7f).contains(&b)) {
            return Err(
                "contains characters that can't go in an HTTP header (spaces, control or non-ASCII characters)".into(),
            );
        }
        Ok(Token(value.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(****)")
    }
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
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub dir: PathBuf,
    pub profile: String,
    pub api_url: Url,
    pub api_url_origin: Origin,
    pub profile_config: ProfileConfig,
}

impl Settings {
    pub fn credentials_path(&self) -> PathBuf {
        self.dir.join("credentials.toml")
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

/// Reads a TOML file into `T`; a missing file is the default, a malformed one an error
/// naming the file, line and column.
pub fn load_toml<T: DeserializeOwned + Default>(path: &Path) -> Result<T, UsageError> {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
        Err(e) => return Err(UsageError::new(format!("{name}: cannot read: {e}"))),
    };
    toml::from_str(&text).map_err(|e| {
        let pos = e
            .span()
            .map(|s| crate::seqfile::Source::from_text(&name, &text, crate::seqfile::Format::Toml).line_col(s.start));
        let msg = e.message().lines().next().unwrap_or("invalid TOML").trim().to_string();
        UsageError::with_hint(Problem::at(&name, pos, "", msg).to_string(), format!("fix or remove {name}"))
    })
}

/// Chooses profile and base URL: `--api-url` > `CLARION_API_URL` > the profile's `api_url` > the default;
/// `--profile` > `CLARION_PROFILE` > `default_profile` > `default`.
pub fn resolve(flags: &ConnFlags, env: &Env) -> Result<Settings, UsageError> {
    for key in ["CLARION_API_URL", "CLARION_PROFILE"] {
        env.check_unicode(key)?;
    }
    let dir = config_dir(env)?;
    let config: ConfigFile = load_toml(&dir.join("config.toml"))?;
    let (profile, explicit) = match (&flags.profile, env.get("CLARION_PROFILE"), &config.default_profile) {
        (Some(p), _, _) => (p.clone(), Some("--profile")),
        (None, Some(p), _) => (p.to_string(), Some("CLARION_PROFILE")),
        (None, None, Some(p)) => (p.clone(), Some("default_profile in config.toml")),
        (None, None, None) => (DEFAULT_PROFILE.to_string(), None),
    };
    let profile_config = config.profiles.get(&profile).cloned();
    if let (None, Some(from)) = (&profile_config, explicit)
        && profile != DEFAULT_PROFILE
    {
        let creds: CredentialsFile = load_toml(&dir.join("credentials.toml"))?;
        if !creds.profiles.contains_key(&profile) {
            let known: Vec<&str> = config.profiles.keys().chain(creds.profiles.keys()).map(String::as_str).collect();
            let hint = match crate::seqfile::suggest(&profile, &known) {
                Some(s) => format!("did you mean `{s}`?"),
                None if known.is_empty() => {
                    "no profiles are defined yet: run `clarion auth login --profile NAME`".into()
                }
                None => format!("defined profiles: {}", known.join(", ")),
            };
            return Err(UsageError::with_hint(format!("profile `{profile}` (from {from}) is not defined"), hint));
        }
    }
    let profile_config = profile_config.unwrap_or_default();
    let (raw, origin) = match (&flags.api_url, env.get("CLARION_API_URL"), &profile_config.api_url) {
        (Some(u), _, _) => (u.clone(), Origin::Flag),
        (None, Some(u), _) => (u.to_string(), Origin::Env("CLARION_API_URL")),
        (None, None, Some(u)) => (u.clone(), Origin::ConfigFile),
        (None, None, None) => (DEFAULT_API_URL.to_string(), Origin::BuiltIn),
    };
    let api_url = parse_api_url(&raw)?;
    Ok(Settings { dir, profile, api_url, api_url_origin: origin, profile_config })
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
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOrigin {
    Env,
    CredentialsFile,
    TokenCommand,
}

/// The token: `CLARION_TOKEN` > the profile's entry in `credentials.toml` > its `token_command`.
pub fn resolve_token(settings: &Settings, env: &Env) -> anyhow::Result<(Token, TokenOrigin)> {
    env.check_unicode("CLARION_TOKEN")?;
    if let Some(t) = env.get("CLARION_TOKEN") {
        let token = Token::new(t).map_err(|why| UsageError::new(format!("CLARION_TOKEN {why}")))?;
        return Ok((token, TokenOrigin::Env));
    }
    let path = settings.credentials_path();
    let creds: CredentialsFile = load_toml(&path)?;
    if let Some(t) = creds.profiles.get(&settings.profile).and_then(|e| e.token.as_deref()) {
        let token = Token::new(t).map_err(|why| {
            UsageError::new(format!("{}: the token of profile `{}` {why}", path.display(), settings.profile))
        })?;
        return Ok((token, TokenOrigin::CredentialsFile));
    }
    if let Some(cmd) = &settings.profile_config.token_command {
        let token = run_token_command(cmd, &settings.profile)?;
        return Ok((token, TokenOrigin::TokenCommand));
    }
    Err(AuthError {
        message: format!("no API token for profile `{}`", settings.profile),
        hint: Some(format!(
            "set CLARION_TOKEN, add `token = \"...\"` under [profiles.{}] in {}, or set a token_command for the profile",
            settings.profile,
            path.display()
        )),
    }
    .into())
}

fn run_token_command(cmd: &str, profile: &str) -> anyhow::Result<Token> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| AuthError {
            message: format!("cannot run the token_command of profile `{profile}`: {e}"),
            hint: None,
        })?;
    if !output.status.success() {
        return Err(AuthError {
            message: format!("the token_command of profile `{profile}` failed ({})", output.status),
            hint: Some("run the command yourself to see why".into()),
        }
        .into());
    }
    let text = String::from_utf8(output.stdout).map_err(|_| AuthError {
        message: format!("the token_command of profile `{profile}` printed non-UTF-8 output"),
        hint: None,
    })?;
    Token::new(&text).map_err(|why| {
        AuthError {
            message: format!("the token printed by the token_command of profile `{profile}` {why}"),
            hint: None,
        }
        .into()
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
        let flags = ConnFlags { api_url: Some("https://flag.example/base".into()), profile: None };
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
        assert_eq!(err.hint.as_deref(), Some("did you mean `staging`?"));
    }

    #[test]
    fn malformed_config_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[profiles.x]\napi_url = \n").unwrap();
        let err = resolve(&ConnFlags::default(), &env_with_dir(dir.path(), &[])).unwrap_err();
        assert!(err.message.contains("config.toml:2:"), "{}", err.message);
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(parse_api_url("http://127.0.0.1:4010").is_ok());
        assert!(parse_api_url("http://localhost:1").is_ok());
        assert!(parse_api_url("http://[::1]:1").is_ok());
        assert!(parse_api_url("http://api.clarionhealth.com").is_err());
        assert!(parse_api_url("ftp://x").is_err());
        assert!(parse_api_url("https://u:p@x").is_err());
    }

    #[test]
    fn token_precedence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[profiles.default]\ntoken_command = \"echo from-cmd\"\n")
            .unwrap();
        let env = env_with_dir(dir.path(), &[]);
        let s = resolve(&ConnFlags::default(), &env).unwrap();
        let (t, o) = resolve_token(&s, &env).unwrap();
        assert_eq!((t.expose(), o), ("from-cmd", TokenOrigin::TokenCommand));
        std::fs::write(dir.path().join("credentials.toml"), "[profiles.default]\ntoken = \"from-file\"\n").unwrap();
        let (t, o) = resolve_token(&s, &env).unwrap();
        assert_eq!((t.expose(), o), ("from-file", TokenOrigin::CredentialsFile));
        let env = env_with_dir(dir.path(), &[("CLARION_TOKEN", "from-env")]);
        let (t, o) = resolve_token(&s, &env).unwrap();
        assert_eq!((t.expose(), o), ("from-env", TokenOrigin::Env));
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
