//! The config keys `clarion config get/set/unset` know: one registry (names, scopes, kinds,
//! help), and the checking of a value given on the command line.

use super::model::check_profile_name;
use crate::api::parse_api_url;
use crate::error::UsageError;
use crate::tls::load_ca_certs;

/// What a key in config.toml applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Top level of the file (`default_profile`).
    Top,
    /// `[profiles.NAME]`, for the selected profile.
    Profile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Url,
    Bool,
    Text,
    /// A PEM bundle of CA certificates, checked by reading it.
    CaBundle,
    ProfileName,
    Count,
    Seconds,
}

#[derive(Debug)]
pub(crate) struct KeySpec {
    pub name: &'static str,
    /// One line for `config get/set/unset --help` and shell completions.
    pub help: &'static str,
    pub scope: Scope,
    pub kind: KeyKind,
}

/// What `retries` and `token_command_timeout` (seconds) may be, wherever they are set.
pub(crate) const RETRIES: std::ops::RangeInclusive<u32> = 0..=100;
pub(crate) const TOKEN_COMMAND_TIMEOUT: std::ops::RangeInclusive<u32> = 1..=600;

/// Every key `clarion config` reads and writes.
pub(crate) const KEYS: &[KeySpec] = &[
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
        kind: KeyKind::CaBundle,
        help: "A CA certificate (PEM) to trust besides the system's",
    },
    KeySpec {
        name: "retries",
        scope: Scope::Profile,
        kind: KeyKind::Count,
        help: "Retries after a failed attempt (default 3)",
    },
];

pub(crate) fn key_spec(name: &str) -> Result<&'static KeySpec, UsageError> {
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
pub(crate) fn parse_value(spec: &KeySpec, raw: &str) -> Result<toml_edit::Value, UsageError> {
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
        KeyKind::CaBundle => {
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
