//! The value a setting has for this command, and where it came from (`config get --show-origin`).

use super::files::CONFIG_FILE;
use super::keys::KeySpec;
use super::model::{ConfigFile, DEFAULT_PROFILE, DEFAULT_TOKEN_COMMAND_TIMEOUT};
use super::resolve::{ConnFlags, FlagOrProfile, UrlOrigin, api_url_choice, flag_or_profile};
use crate::env::Env;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a setting's effective value came from, most specific first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ValueOrigin {
    Flag(&'static str),
    Env(&'static str),
    /// config.toml; `profile` is the table it was read from, for profile keys.
    File {
        path: PathBuf,
        profile: Option<String>,
    },
    /// `--sandbox` (true) or CLARION_SANDBOX: the embedded sandbox stands in for the API.
    Sandbox {
        by_flag: bool,
    },
    Default,
}

impl fmt::Display for ValueOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueOrigin::Flag(flag) => write!(f, "flag:{flag}"),
            ValueOrigin::Env(var) => write!(f, "env:{var}"),
            ValueOrigin::File { path, profile: Some(p) } => write!(f, "file:{} [profiles.{p}]", path.display()),
            ValueOrigin::File { path, profile: None } => write!(f, "file:{}", path.display()),
            ValueOrigin::Sandbox { by_flag: true } => f.write_str("flag:--sandbox"),
            ValueOrigin::Sandbox { by_flag: false } => f.write_str("env:CLARION_SANDBOX"),
            ValueOrigin::Default => f.write_str("default"),
        }
    }
}

/// Everything a setting can come from, for one command line.
pub(crate) struct Sources<'a> {
    pub flags: &'a ConnFlags,
    pub retries_flag: Option<u32>,
    pub env: &'a Env,
    pub dir: &'a Path,
    pub config: &'a ConfigFile,
    pub profile: &'a str,
    /// Under `--sandbox`: whether it came from the flag (else from CLARION_SANDBOX).
    pub sandbox: Option<bool>,
}

/// The effective value of `key` (None: not set, and no default) and its origin. Flags and
/// environment win over the profile, the profile over the built-in default, as commands use them.
pub(crate) fn effective(key: &KeySpec, src: &Sources<'_>) -> (Option<String>, ValueOrigin) {
    let file = |profile: bool| ValueOrigin::File {
        path: src.dir.join(CONFIG_FILE),
        profile: profile.then(|| src.profile.to_string()),
    };
    let pc = src.config.profiles.get(src.profile);
    let by = |how: FlagOrProfile, flag: &'static str| match how {
        FlagOrProfile::Flag => ValueOrigin::Flag(flag),
        FlagOrProfile::Profile => file(true),
    };
    let from_profile = |v: Option<String>| v.map(|v| (Some(v), file(true)));
    let or_default = |v: Option<(Option<String>, ValueOrigin)>, default: Option<String>| {
        v.unwrap_or((default, ValueOrigin::Default))
    };
    match key.name {
        "default_profile" => match &src.config.default_profile {
            Some(p) => (Some(p.clone()), file(false)),
            None => (Some(DEFAULT_PROFILE.into()), ValueOrigin::Default),
        },
        "api_url" if src.sandbox.is_some() => {
            (Some("the local sandbox".into()), ValueOrigin::Sandbox { by_flag: src.sandbox == Some(true) })
        }
        "api_url" => {
            let (raw, origin) = api_url_choice(src.flags, src.env, pc);
            let origin = match origin {
                UrlOrigin::Flag => ValueOrigin::Flag("--api-url"),
                UrlOrigin::Env(var) => ValueOrigin::Env(var),
                UrlOrigin::ConfigFile => file(true),
                UrlOrigin::BuiltIn | UrlOrigin::Sandbox => ValueOrigin::Default,
            };
            (Some(raw), origin)
        }
        "test_mode" => {
            or_default(from_profile(pc.and_then(|p| p.test_mode).map(|b| b.to_string())), Some("false".into()))
        }
        "token_command" => or_default(from_profile(pc.and_then(|p| p.token_command.clone())), None),
        "token_command_timeout" => or_default(
            from_profile(pc.and_then(|p| p.token_command_timeout).map(|n| n.to_string())),
            Some(DEFAULT_TOKEN_COMMAND_TIMEOUT.to_string()),
        ),
        "ca_cert" => match flag_or_profile(src.flags.ca_cert.as_ref(), pc.and_then(|p| p.ca_cert.as_ref())) {
            Some((p, how)) => (Some(p.display().to_string()), by(how, "--ca-cert")),
            None => (None, ValueOrigin::Default),
        },
        "retries" => match flag_or_profile(src.retries_flag.as_ref(), pc.and_then(|p| p.retries.as_ref())) {
            Some((n, how)) => (Some(n.to_string()), by(how, "--retries")),
            None => (Some(crate::api::retry::DEFAULT_RETRIES.to_string()), ValueOrigin::Default),
        },
        // Every key in KEYS has an arm above; the unit test below keeps it so.
        _ => (None, ValueOrigin::Default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_key_has_a_default_or_a_source() {
        let env = Env::default();
        let config = ConfigFile::default();
        let flags = ConnFlags::default();
        let src = Sources {
            flags: &flags,
            retries_flag: None,
            env: &env,
            dir: Path::new("/c"),
            config: &config,
            profile: "default",
            sandbox: None,
        };
        for key in super::super::keys::KEYS {
            let (value, origin) = effective(key, &src);
            // Only keys without a built-in default may be unset, and then their origin is "default".
            let optional = matches!(key.name, "token_command" | "ca_cert");
            assert_eq!(value.is_none(), optional, "{}", key.name);
            assert_eq!(origin, ValueOrigin::Default, "{}", key.name);
        }
    }
}
