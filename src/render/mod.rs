//! Turning API data into what users read: tables for people, JSON for programs.

pub mod progress;
mod table;

pub use table::sequence_tables;

use serde_json::Value;
use std::borrow::Cow;

/// Makes server-supplied text safe for a terminal: control characters (ESC among them,
/// so no ANSI sequence survives) are shown escaped instead of being interpreted.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    // Newlines in a one-line message would forge extra lines; bidi overrides reorder what is shown.
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A JSON value as one cell of text: `-` for null or absent, never the word null.
pub fn cell(v: Option<&Value>) -> String {
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

/// Pretty JSON, exactly the fields and order received.
pub fn json_pretty(v: &Value) -> String {
    // Serialising a Value cannot fail: its keys are strings.
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// What `--dry-run` prints: the request as it would be sent, minus any secret.
pub fn dry_run(method: &str, url: &url::Url, body: &Value) -> String {
    format!("{method} {url}\n{}\n", json_pretty(body))
}

/// `--dry-run --json`: the same request as one JSON object.
pub fn dry_run_json(method: &str, url: &url::Url, body: &Value) -> Value {
    serde_json::json!({"method": method, "url": url.to_string(), "body": body})
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
