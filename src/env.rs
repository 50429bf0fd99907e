//! A snapshot of the environment variables clarion reads, taken once, so that
//! precedence rules are pure functions that tests can feed.

use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: HashMap<String, String>,
    not_unicode: Vec<String>,
}

const READ: &[&str] = &[
    "CLARION_API_URL",
    "CLARION_PROFILE",
    "CLARION_TOKEN",
    "CLARION_CONFIG_DIR",
    "CLARION_SANDBOX",
    "CLARION_SANDBOX_DB",
    "CLARION_SANDBOX_SPEED",
    "CLARION_SANDBOX_TOKEN",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "TERM",
];

impl Env {
    pub fn capture() -> Self {
        let mut env = Env::default();
        for key in READ {
            match std::env::var(key) {
                Ok(v) => {
                    env.vars.insert((*key).to_string(), v);
                }
                Err(std::env::VarError::NotUnicode(_)) => env.not_unicode.push((*key).to_string()),
                Err(std::env::VarError::NotPresent) => {}
            }
        }
        env
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Env { vars: pairs.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), not_unicode: Vec::new() }
    }

    /// The value if set and not empty: an empty variable means "not set", as in most tools.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// A yes/no variable: `1`, `true`, `yes` or `on` (any case) mean yes.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"))
    }

    /// A variable that is set but not UTF-8 is an error to report, not something to ignore.
    pub fn check_unicode(&self, key: &str) -> Result<(), crate::error::UsageError> {
        if self.not_unicode.iter().any(|k| k == key) {
            return Err(crate::error::UsageError::new(format!("{key} is set but is not valid UTF-8")));
        }
        Ok(())
    }
}
