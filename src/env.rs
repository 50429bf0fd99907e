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

    /// A yes/no variable: `1`, `true`, `yes` or `on` (any case) mean yes; `0`, `false`, `no`,
    /// `off` or unset mean no. Anything but the usual words is an error (exit 2): read as "no", a
    /// `CLARION_SANDBOX=y` would quietly send to the real API.
    pub fn flag(&self, key: &str) -> Result<bool, crate::error::UsageError> {
        self.check_unicode(key)?;
        match self.get(key).map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            None | Some("" | "0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(_) => Err(crate::error::UsageError::new(format!(
                "{key}={:?} is neither yes nor no: use 1 (or true, yes, on) or 0 (or false, no, off)",
                self.get(key).unwrap_or_default()
            ))),
        }
    }

    /// A variable that is set but not UTF-8 is an error to report, not something to ignore.
    pub fn check_unicode(&self, key: &str) -> Result<(), crate::error::UsageError> {
        if self.not_unicode.iter().any(|k| k == key) {
            return Err(crate::error::UsageError::new(format!("{key} is set but is not valid UTF-8")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_every_spelling_and_nothing_else() {
        let flag = |v: &str| Env::from_pairs([("CLARION_SANDBOX", v)]).flag("CLARION_SANDBOX").ok();
        for yes in ["1", "true", "yes", "on", "TRUE", " On "] {
            assert_eq!(flag(yes), Some(true), "{yes:?}");
        }
        for no in ["", "0", "false", "no", "off", "OFF"] {
            assert_eq!(flag(no), Some(false), "{no:?}");
        }
        for neither in ["y", "2", "enable", "sandbox"] {
            assert_eq!(flag(neither), None, "{neither:?}");
        }
        assert_eq!(Env::from_pairs([]).flag("CLARION_SANDBOX").ok(), Some(false), "unset");
    }
}
