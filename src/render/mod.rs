//! Turning API data into what users read: tables for people, JSON for programs.

pub(crate) mod man;
pub(crate) mod progress;
pub(crate) mod reports;
mod table;

pub(crate) use table::sequence_tables;

use serde_json::Value;
use std::borrow::Cow;

/// Makes untrusted text safe for one line of a terminal (see `untrusted::escape_line`).
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    crate::untrusted::escape_line(text)
}

/// A JSON value as one cell of text: `-` for null or absent, never the word null.
pub(crate) fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) if s.is_empty() => "-".into(),
        Some(Value::String(s)) => sanitize(s).into_owned(),
        Some(Value::Bool(true)) => "yes".into(),
        Some(Value::Bool(false)) => "no".into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => sanitize(&other.to_string()).into_owned(),
    }
}

/// Pretty JSON, exactly the fields and order received (C1 and bidi controls as `\uXXXX`).
pub(crate) fn json_pretty(v: &Value) -> String {
    crate::untrusted::json(v, true)
}

/// What `--dry-run` prints: the request as it would be sent, minus any secret.
pub(crate) fn dry_run(method: &str, url: &str, body: &Value) -> String {
    format!("{method} {url}\n{}\n", json_pretty(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sanitize_neutralises_escapes() {
        assert_eq!(sanitize("plain"), "plain");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("two\nlines"), "two\\nlines");
        assert!(!sanitize("x\u{202e}y").contains('\u{202e}'));
    }

    #[test]
    fn cells() {
        assert_eq!(cell(None), "-");
        assert_eq!(cell(Some(&json!(null))), "-");
        assert_eq!(cell(Some(&json!(true))), "yes");
        assert_eq!(cell(Some(&json!(12))), "12");
        assert_eq!(cell(Some(&json!("in-progress"))), "in-progress");
    }
}
