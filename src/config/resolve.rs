//! Choosing the profile, the base URL and the rest of a command's connection settings from
//! flags, environment and config.toml, in one order, with where each choice came from.

use super::files;
use super::load::load_credentials;
use super::model::{ConfigFile, DEFAULT_API_URL, DEFAULT_PROFILE, ProfileConfig};
use crate::api::{ApiUrl, parse_api_url};
use crate::env::Env;
use crate::error::UsageError;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where the base URL came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlOrigin {
    Flag,
    Env(&'static str),
    ConfigFile,
    BuiltIn,
    Sandbox,
}

impl fmt::Display for UrlOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlOrigin::Flag => "--api-url",
            UrlOrigin::Env(var) => var,
            UrlOrigin::ConfigFile => "config.toml",
            UrlOrigin::BuiltIn => "built-in default",
            UrlOrigin::Sandbox => "--sandbox",
        })
    }
}

/// What chose the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProfileOrigin {
    Flag,
    Env,
    /// `default_profile` in config.toml.
    ConfigFile,
    /// Nothing did: it is `default`.
    Default,
}

impl ProfileOrigin {
    /// Named for this run (`--profile`, CLARION_PROFILE), rather than configured.
    pub(crate) fn is_named(self) -> bool {
        matches!(self, ProfileOrigin::Flag | ProfileOrigin::Env)
    }
}

impl fmt::Display for ProfileOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProfileOrigin::Flag => "--profile",
            ProfileOrigin::Env => "CLARION_PROFILE",
            ProfileOrigin::ConfigFile => "default_profile in config.toml",
            ProfileOrigin::Default => "the default",
        })
    }
}

/// Connection choices given on the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnFlags {
    pub api_url: Option<String>,
    pub profile: Option<String>,
    pub token_file: Option<PathBuf>,
    pub ca_cert: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub dir: PathBuf,
    pub profile: String,
    pub api_url: ApiUrl,
    pub api_url_origin: UrlOrigin,
    pub profile_config: ProfileConfig,
    pub token_file: Option<PathBuf>,
    /// `--ca-cert`, else the profile's `ca_cert`.
    pub ca_cert: Option<PathBuf>,
}

impl Settings {
    pub(crate) fn credentials_path(&self) -> PathBuf {
        self.dir.join(files::CREDENTIALS_FILE)
    }
}

pub(crate) fn config_dir(env: &Env) -> Result<PathBuf, UsageError> {
    env.check_unicode("CLARION_CONFIG_DIR")?;
    if let Some(dir) = env.get("CLARION_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir().map(|d| d.join("clarion")).ok_or_else(|| {
        UsageError::with_hint("cannot find a config directory for this user", "set CLARION_CONFIG_DIR to a directory")
    })
}

/// As `resolve_in`, reading the config directory first (the tests' way in; commands read it
/// once per run through `context::ConfigOnce`).
#[cfg(test)]
pub(crate) fn resolve(flags: &ConnFlags, env: &Env) -> anyhow::Result<Settings> {
    check_conn_env(env)?;
    let dir = config_dir(env)?;
    let config = super::load::load_config(&dir)?;
    resolve_in(flags, env, &dir, &config)
}

/// The variables that choose the connection must be text: checked before any file is read,
/// so that a bad variable is the error shown, whatever else is wrong.
pub(crate) fn check_conn_env(env: &Env) -> Result<(), UsageError> {
    for key in ["CLARION_API_URL", "CLARION_PROFILE"] {
        env.check_unicode(key)?;
    }
    Ok(())
}

/// Chooses profile and base URL: `--api-url` > `CLARION_API_URL` > the profile's `api_url` > the default;
/// `--profile` > `CLARION_PROFILE` > `default_profile` > `default`. The environment has been
/// through `check_conn_env`.
pub(crate) fn resolve_in(flags: &ConnFlags, env: &Env, dir: &Path, config: &ConfigFile) -> anyhow::Result<Settings> {
    let (profile, explicit) = select_profile(flags.profile.as_deref(), env, config);
    check_profile_defined(dir, config, &profile, explicit)?;
    let profile_config = config.profiles.get(&profile).cloned();
    let profile_config = profile_config.unwrap_or_default();
    let (raw, origin) = api_url_choice(flags, env, Some(&profile_config));
    let api_url = parse_api_url(&raw)?;
    let ca_cert = flag_or_profile(flags.ca_cert.as_ref(), profile_config.ca_cert.as_ref()).map(|(p, _)| p);
    Ok(Settings {
        dir: dir.to_path_buf(),
        profile,
        api_url,
        api_url_origin: origin,
        profile_config,
        token_file: flags.token_file.clone(),
        ca_cert,
    })
}

/// Where a setting that both a flag and the profile can give came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FlagOrProfile {
    Flag,
    Profile,
}

/// The one order for a setting that both a flag and the profile can give (`--ca-cert` and
/// `ca_cert`, `--retries` and `retries`): the flag, else the profile. Commands and `config get`
/// both take it from here.
pub(crate) fn flag_or_profile<T: Clone>(flag: Option<&T>, profile: Option<&T>) -> Option<(T, FlagOrProfile)> {
    match (flag, profile) {
        (Some(v), _) => Some((v.clone(), FlagOrProfile::Flag)),
        (None, Some(v)) => Some((v.clone(), FlagOrProfile::Profile)),
        (None, None) => None,
    }
}

/// The base URL as given, and where from: `--api-url` > `CLARION_API_URL` > the profile's
/// `api_url` > the default. The one statement of that order (`config get` shows it too).
pub(crate) fn api_url_choice(flags: &ConnFlags, env: &Env, profile: Option<&ProfileConfig>) -> (String, UrlOrigin) {
    match (&flags.api_url, env.get("CLARION_API_URL"), profile.and_then(|p| p.api_url.as_ref())) {
        (Some(u), _, _) => (u.clone(), UrlOrigin::Flag),
        (None, Some(u), _) => (u.to_string(), UrlOrigin::Env("CLARION_API_URL")),
        (None, None, Some(u)) => (u.clone(), UrlOrigin::ConfigFile),
        (None, None, None) => (DEFAULT_API_URL.to_string(), UrlOrigin::BuiltIn),
    }
}

/// A profile chosen on purpose (`origin` other than `Default`: flag, env, `default_profile`) must exist in config.toml or
/// credentials.toml: a misspelt one would otherwise quietly run with no settings at all.
/// `default` needs no entry. Exit 2, with the near miss or the defined profiles listed once.
pub(crate) fn check_profile_defined(
    dir: &Path,
    config: &ConfigFile,
    profile: &str,
    origin: ProfileOrigin,
) -> anyhow::Result<()> {
    if origin == ProfileOrigin::Default || profile == DEFAULT_PROFILE || config.profiles.contains_key(profile) {
        return Ok(());
    }
    let creds = load_credentials(dir)?;
    if creds.profiles.contains_key(profile) {
        return Ok(());
    }
    let known: std::collections::BTreeSet<&str> =
        config.profiles.keys().chain(creds.profiles.keys()).map(String::as_str).collect();
    let known: Vec<&str> = known.into_iter().collect();
    let mut hint = match crate::diagnostics::suggest(profile, &known) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => "no profiles are defined yet: run `clarion auth login --profile NAME`".into(),
        None => format!("defined profiles: {}", known.join(", ")),
    };
    if origin == ProfileOrigin::ConfigFile {
        // The setting itself is the mistake: say how to take it back.
        hint.push_str("; `clarion config unset default_profile` goes back to `default`");
    }
    Err(UsageError::with_hint(format!("profile `{profile}` (from {origin}) is not defined"), hint).into())
}

/// The profile to use: `--profile` > CLARION_PROFILE > `default_profile` > `default`.
pub(crate) fn select_profile(flag: Option<&str>, env: &Env, config: &ConfigFile) -> (String, ProfileOrigin) {
    match named_profile(flag, env) {
        Some((p, origin)) => (p.to_string(), origin),
        None => match &config.default_profile {
            Some(p) => (p.clone(), ProfileOrigin::ConfigFile),
            None => (DEFAULT_PROFILE.to_string(), ProfileOrigin::Default),
        },
    }
}

/// The profile named for this run, if one is: `--profile` > CLARION_PROFILE.
pub(crate) fn named_profile<'a>(flag: Option<&'a str>, env: &'a Env) -> Option<(&'a str, ProfileOrigin)> {
    match (flag, env.get("CLARION_PROFILE")) {
        (Some(p), _) => Some((p, ProfileOrigin::Flag)),
        (None, Some(p)) => Some((p, ProfileOrigin::Env)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::auth::Token;
    use crate::config::keys::{key_spec, parse_value};
    use crate::config::token::{TokenOrigin, check_token_destination, resolve_token};

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
