//! Reading config.toml and credentials.toml: only files no other user can change, every key
//! known, every value of the right type and within range, every problem located by line and
//! column, and no value from credentials.toml ever repeated in a message.

use super::files::{self, check_trusted};
use super::keys::{KEYS, RETRIES, Scope, TOKEN_COMMAND_TIMEOUT};
use super::model::{ConfigFile, CredentialEntry, CredentialsFile, ProfileConfig, check_profile_name};
use crate::diagnostics::{Problem, ValidationError, suggest};
use crate::error::UsageError;
use std::path::{Path, PathBuf};
use toml_edit::{Item, TableLike};

/// Config files are small; a larger one is not a config file.
const MAX_CONFIG_FILE: u64 = 1024 * 1024;

const TOP_KEYS: &[&str] = &["default_profile", "profiles"];

/// The text of a config file, or `None` when it doesn't exist; checked for trust first
/// (the directory too).
fn read_trusted(dir: &Path, file: &str) -> anyhow::Result<Option<(PathBuf, String)>> {
    check_trusted(dir)?;
    let path = dir.join(file);
    check_trusted(&path)?;
    let name = path.display().to_string();
    // Checked before opening: opening a FIFO waits for a writer, so every command would hang.
    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(UsageError::with_hint(
            format!("{name}: not a regular file"),
            "replace it with a plain file (or remove it): clarion reads its settings from there",
        )
        .into());
    }
    let f = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(UsageError::new(format!("{name}: cannot read: {}", crate::fs::io_reason(&e))).into()),
    };
    let bytes = crate::fs::read_bounded(f, MAX_CONFIG_FILE)
        .map_err(|e| UsageError::new(format!("{name}: cannot read: {}", crate::fs::io_reason(&e))))?
        .ok_or_else(|| {
            UsageError::new(format!("{name}: larger than {} MiB: not a config file", MAX_CONFIG_FILE >> 20))
        })?;
    let text = String::from_utf8(bytes).map_err(|_| UsageError::new(format!("{name}: not UTF-8 text")))?;
    Ok(Some((path, text)))
}

/// Where problems are collected, located in one file.
struct Checker<'a> {
    name: String,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn at(&mut self, span: Option<std::ops::Range<usize>>, field: &str, message: impl Into<String>) {
        let pos = span.map(|s| crate::diagnostics::line_col(self.text, s.start));
        self.problems.push(Problem::at(&self.name, pos, field, message));
    }

    fn unknown(&mut self, table: &dyn TableLike, prefix: &str, known: &[&str]) {
        for (key, _) in table.iter() {
            if known.contains(&key) {
                continue;
            }
            let span = table.key(key).and_then(|k| k.span());
            let field = if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
            let msg = match suggest(key, known) {
                Some(s) => format!("unknown key (did you mean `{s}`?)"),
                None => format!("unknown key (known keys here: {})", known.join(", ")),
            };
            self.at(span, &field, msg);
        }
    }

    fn finish<T>(mut self, value: T) -> anyhow::Result<T> {
        if self.problems.is_empty() {
            return Ok(value);
        }
        self.problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
        let n = self.problems.len();
        let summary = format!("{}: {n} problem{}; fix the file first", self.name, if n == 1 { "" } else { "s" });
        Err(ValidationError::summarised(self.problems, summary).into())
    }
}

fn span_of(table: &dyn TableLike, key: &str) -> Option<std::ops::Range<usize>> {
    table.get(key).and_then(Item::span).or_else(|| table.key(key).and_then(|k| k.span()))
}

/// The profile tables of a document: `[profiles.NAME]`, each checked to be a table.
fn profiles<'d>(doc: &'d toml_edit::Document<&str>, c: &mut Checker<'_>) -> Vec<(&'d str, &'d dyn TableLike)> {
    let Some(item) = doc.get("profiles") else { return Vec::new() };
    let Some(table) = item.as_table_like() else {
        c.at(item.span(), "profiles", "must be a table ([profiles.NAME])");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, item) in table.iter() {
        let field = format!("profiles.{name}");
        if let Err(why) = check_profile_name(name) {
            c.at(table.key(name).and_then(|k| k.span()), &field, why);
        }
        match item.as_table_like() {
            Some(t) => out.push((name, t)),
            None => c.at(item.span(), &field, "must be a table"),
        }
    }
    out
}

fn parse<'t>(c: &mut Checker<'t>, secret: bool) -> Option<toml_edit::Document<&'t str>> {
    // `Document` (not `DocumentMut`) keeps the spans that locate each problem.
    match toml_edit::Document::parse(c.text) {
        Ok(doc) => Some(doc),
        Err(e) => {
            // A parser's message may quote the text; for the credentials file, where the text
            // is a token, only the place is given.
            let message =
                if secret { "invalid TOML syntax".to_string() } else { format!("invalid TOML: {}", e.message()) };
            c.problems.push(Problem::from_toml(&c.name, c.text, e.span(), &message));
            None
        }
    }
}

/// Reads config.toml from `dir` (missing: empty), refusing what is unknown, mistyped or out of range.
pub(crate) fn load_config(dir: &Path) -> anyhow::Result<ConfigFile> {
    let Some((path, text)) = read_trusted(dir, files::CONFIG_FILE)? else { return Ok(ConfigFile::default()) };
    check_config(&path, &text)
}

/// config.toml's text, checked: what `load_config` returns.
fn check_config(path: &Path, text: &str) -> anyhow::Result<ConfigFile> {
    let mut c = Checker { name: path.display().to_string(), text, problems: Vec::new() };
    let Some(doc) = parse(&mut c, false) else { return c.finish(ConfigFile::default()) };
    let mut cfg = ConfigFile::default();
    c.unknown(doc.as_table(), "", TOP_KEYS);
    if let Some(item) = doc.get("default_profile") {
        match item.as_str() {
            Some(p) => match check_profile_name(p) {
                Ok(()) => cfg.default_profile = Some(p.to_string()),
                Err(why) => c.at(item.span(), "default_profile", why),
            },
            None => c.at(item.span(), "default_profile", "must be a string (a profile name)"),
        }
    }
    let profile_keys: Vec<&str> = KEYS.iter().filter(|k| k.scope == Scope::Profile).map(|k| k.name).collect();
    for (name, table) in profiles(&doc, &mut c) {
        let prefix = format!("profiles.{name}");
        c.unknown(table, &prefix, &profile_keys);
        let mut pc = ProfileConfig::default();
        for key in &profile_keys {
            let Some(item) = table.get(key) else { continue };
            let field = format!("{prefix}.{key}");
            let span = span_of(table, key);
            let value = item.as_value();
            match *key {
                "api_url" => match value.and_then(|v| v.as_str()) {
                    Some(s) => pc.api_url = Some(s.to_string()),
                    None => c.at(span, &field, "must be a string (a URL)"),
                },
                "test_mode" => match value.and_then(|v| v.as_bool()) {
                    Some(b) => pc.test_mode = Some(b),
                    None => c.at(span, &field, "must be true or false"),
                },
                "token_command" => match value.and_then(|v| v.as_str()) {
                    Some(s) if !s.trim().is_empty() => pc.token_command = Some(s.to_string()),
                    Some(_) => c.at(span, &field, "must not be empty"),
                    None => c.at(span, &field, "must be a string (a shell command)"),
                },
                "ca_cert" => match value.and_then(|v| v.as_str()) {
                    Some(s) => pc.ca_cert = Some(PathBuf::from(s)),
                    None => c.at(span, &field, "must be a string (a file path)"),
                },
                "retries" => match value.and_then(|v| v.as_integer()) {
                    Some(n)
                        if let Ok(n) = u32::try_from(n)
                            && RETRIES.contains(&n) =>
                    {
                        pc.retries = Some(n)
                    }
                    _ => c.at(span, &field, "must be a whole number from 0 to 100"),
                },
                "token_command_timeout" => match value.and_then(|v| v.as_integer()) {
                    Some(n)
                        if let Ok(n) = u32::try_from(n)
                            && TOKEN_COMMAND_TIMEOUT.contains(&n) =>
                    {
                        pc.token_command_timeout = Some(u64::from(n))
                    }
                    _ => c.at(span, &field, "must be a whole number of seconds from 1 to 600"),
                },
                _ => {}
            }
        }
        cfg.profiles.insert(name.to_string(), pc);
    }
    c.finish(cfg)
}

/// config.toml, checked as `load_config` checks it, as a plain table (`config list`).
pub(crate) fn load_config_table(dir: &Path) -> anyhow::Result<toml::Table> {
    // One read for both: a second could see another file, checked or not.
    let Some((path, text)) = read_trusted(dir, files::CONFIG_FILE)? else { return Ok(toml::Table::new()) };
    check_config(&path, &text)?;
    toml::from_str(&text).map_err(|e| UsageError::new(format!("{}: {}", path.display(), e.message())).into())
}

/// Reads credentials.toml from `dir` (missing: empty). Its messages name keys and places,
/// never values: a token pasted in the wrong place must not end up on a screen or in a log.
pub(crate) fn load_credentials(dir: &Path) -> anyhow::Result<CredentialsFile> {
    let Some((path, text)) = read_trusted(dir, files::CREDENTIALS_FILE)? else {
        return Ok(CredentialsFile::default());
    };
    let mut c = Checker { name: path.display().to_string(), text: &text, problems: Vec::new() };
    let Some(doc) = parse(&mut c, true) else { return c.finish(CredentialsFile::default()) };
    let mut creds = CredentialsFile::default();
    c.unknown(doc.as_table(), "", &["profiles"]);
    for (name, table) in profiles(&doc, &mut c) {
        let prefix = format!("profiles.{name}");
        c.unknown(table, &prefix, &["token"]);
        let token = match table.get("token") {
            None => None,
            Some(item) => match item.as_str() {
                Some(t) => Some(t.to_string()),
                None => {
                    c.at(span_of(table, "token"), &format!("{prefix}.token"), "must be a string, in quotes");
                    None
                }
            },
        };
        creds.profiles.insert(name.to_string(), CredentialEntry { token });
    }
    c.finish(creds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(file: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file), text).unwrap();
        dir
    }

    fn problems(err: anyhow::Error) -> Vec<String> {
        err.downcast_ref::<ValidationError>().unwrap().problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn config_keys_types_and_ranges_are_checked_with_their_place() {
        let d = dir_with(
            "config.toml",
            "default_profile = \"ci\"\n[profiles.ci]\ntest_mod = true\nretries = 4294967295\ntoken_command_timeout = 0\n",
        );
        let got = problems(load_config(d.path()).unwrap_err());
        let name = d.path().join("config.toml").display().to_string();
        assert_eq!(
            got,
            [
                format!("{name}:3:1: profiles.ci.test_mod: unknown key (did you mean `test_mode`?)"),
                format!("{name}:4:11: profiles.ci.retries: must be a whole number from 0 to 100"),
                format!(
                    "{name}:5:25: profiles.ci.token_command_timeout: must be a whole number of seconds from 1 to 600"
                ),
            ]
        );
        let d = dir_with("config.toml", "[profiles.ci]\ntest_mode = true\nretries = 5\n");
        let cfg = load_config(d.path()).unwrap();
        assert_eq!((cfg.profiles["ci"].test_mode, cfg.profiles["ci"].retries), (Some(true), Some(5)));
    }

    #[test]
    fn credential_values_are_never_repeated() {
        for text in [
            "[profiles.ci]\ntoken = 98765432109876\n",
            "[profiles.ci]\ntoken = [\"98765432109876\"]\n",
            "[profiles.ci]\ntoken = 98765432109876abc\n",
            "[profiles.ci]\ntokn = \"98765432109876\"\n",
            "98765432109876\n",
        ] {
            let d = dir_with("credentials.toml", text);
            let err = load_credentials(d.path()).err().unwrap();
            let head = format!("{err:#}");
            let shown = format!("{head} {:?}", problems(err));
            assert!(!shown.contains("98765432109876"), "{text:?}: {shown}");
            assert!(shown.contains("credentials.toml:"), "located: {shown}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_others_can_write_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir_with("config.toml", "");
        std::fs::set_permissions(d.path().join("config.toml"), std::fs::Permissions::from_mode(0o664)).unwrap();
        let err = load_config(d.path()).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), 4);
        assert!(err.to_string().contains("can be changed by other users (mode 0664)"), "{err}");
        std::fs::set_permissions(d.path().join("config.toml"), std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert_eq!(crate::error::exit_code(&load_credentials(d.path()).err().unwrap()), 4);
    }
}
