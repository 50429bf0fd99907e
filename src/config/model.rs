//! What config.toml and credentials.toml hold, once read and checked, and the names and
//! defaults every other part of config refers to.

use std::collections::BTreeMap;
use std::path::PathBuf;

pub(crate) const DEFAULT_API_URL: &str = "https://api.clarionhealth.com";
pub(crate) const DEFAULT_PROFILE: &str = "default";

/// config.toml as read by `load::load_config`: every key known and checked.
#[derive(Debug, Default)]
pub(crate) struct ConfigFile {
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, ProfileConfig>,
}

/// A profile's settings. A key this version does not know is an error (exit 2, with the near
/// miss): a misspelt `test_mode` silently ignored would create live sequences.
#[derive(Debug, Default, Clone)]
pub(crate) struct ProfileConfig {
    pub api_url: Option<String>,
    pub test_mode: Option<bool>,
    pub token_command: Option<String>,
    /// Seconds `token_command` may take.
    pub token_command_timeout: Option<u64>,
    pub ca_cert: Option<PathBuf>,
    pub retries: Option<u32>,
}

/// How long a `token_command` may run before it is stopped (exit 4).
pub(crate) const DEFAULT_TOKEN_COMMAND_TIMEOUT: u64 = 30;

#[derive(Default)]
pub(crate) struct CredentialsFile {
    pub profiles: BTreeMap<String, CredentialEntry>,
}

#[derive(Default)]
pub(crate) struct CredentialEntry {
    pub token: Option<String>,
}

pub(crate) fn check_profile_name(name: &str) -> Result<(), String> {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        Ok(())
    } else {
        Err(format!("{name:?} is not a profile name (letters, digits, - and _)"))
    }
}
