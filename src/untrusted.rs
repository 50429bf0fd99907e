//! Text from outside (server answers, files, config, environment) on its way to a terminal.
//! A terminal obeys ESC sequences, C1 controls (U+009B is a CSI of its own) and bidi
//! overrides; any of them in a server's answer could retitle the window (OSC 0), plant a
//! link (OSC 8), write the clipboard (OSC 52) or make text read backwards. Everything
//! clarion writes to a terminal passes through one of the escapes here (the writers in
//! `output.rs` apply them); data piped to another program stays byte-exact.

use std::borrow::Cow;
use std::fmt;

/// Untrusted text, shown escaped: its `Display` is the only way it reaches a terminal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Untrusted<'a>(pub &'a str);

impl fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_line(self.0))
    }
}

/// Characters a terminal would act on rather than show: every C0 and C1 control (ESC among
/// them) and the bidirectional overrides and isolates.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One line of text made safe: every unsafe character (newlines too, which would forge
/// extra lines in a one-line message) is shown as an escape such as `\u{1b}`.
pub(crate) fn escape_line(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe)
}

/// Multi-line data for a terminal (a response body, `--jq` output): as `escape_line`, but
/// newlines and tabs are kept, since they are the data's own layout.
pub(crate) fn escape_block(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_unsafe(c) && c != '\n' && c != '\t')
}

fn escape_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A JSON value as one cell of text: `-` for null or absent, never the word null.
pub(crate) fn cell(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "-".into(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "-".into(),
        Some(serde_json::Value::String(s)) => escape_line(s).into_owned(),
        Some(serde_json::Value::Bool(true)) => "yes".into(),
        Some(serde_json::Value::Bool(false)) => "no".into(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => escape_line(&other.to_string()).into_owned(),
    }
}

/// Bytes of unknown encoding as terminal text: invalid UTF-8 becomes U+FFFD, then `escape_block`.
pub(crate) fn escape_bytes(bytes: &[u8]) -> String {
    escape_block(&String::from_utf8_lossy(bytes)).into_owned()
}

/// serde_json escapes C0 controls in strings but writes C1 controls and bidi overrides as
/// they are; this formatter writes those as `\uXXXX` too. The JSON means exactly the same to
/// a parser, and is the same whether or not it goes to a terminal.
pub(crate) struct SafeJson<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeJson<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_control() || is_bidi_control(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    // Everything else is the wrapped formatter's (pretty or compact).
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// A JSON value as text with `SafeJson`: pretty (indented) or compact.
pub(crate) fn json(v: &serde_json::Value, pretty: bool) -> String {
    use serde::Serialize as _;
    let mut out = Vec::new();
    let result = if pretty {
        let mut ser =
            serde_json::Serializer::with_formatter(&mut out, SafeJson(serde_json::ser::PrettyFormatter::new()));
        v.serialize(&mut ser)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeJson(serde_json::ser::CompactFormatter));
        v.serialize(&mut ser)
    };
    // Serialising a Value into memory cannot fail (its keys are strings), and every byte
    // written is UTF-8 from its strings or ASCII from the formatter.
    match result {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json as j;

    #[test]
    fn lines_and_blocks() {
        assert_eq!(escape_line("plain"), "plain");
        assert_eq!(escape_line("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(escape_line("two\nlines"), "two\\nlines");
        assert_eq!(escape_line("c1 \u{9b}2J"), "c1 \\u{9b}2J");
        assert_eq!(escape_line("x\u{202e}y\u{2066}"), "x\\u{202e}y\\u{2066}");
        assert_eq!(escape_block("a\n\tb\u{1b}[2J\r"), "a\n\tb\\u{1b}[2J\\r");
        assert_eq!(Untrusted("\u{1b}").to_string(), "\\u{1b}");
    }

    #[test]
    fn json_escapes_c1_and_bidi_and_stays_the_same_json() {
        let v = j!({"name": "a\u{9b}b\u{202e}c\u{1b}d", "n": 1, "ok": "é"});
        let text = json(&v, false);
        assert_eq!(text, r#"{"name":"a\u009bb\u202ec\u001bd","n":1,"ok":"é"}"#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        let pretty = json(&v, true);
        assert!(pretty.contains("\n  \"name\": \"a\\u009bb"), "{pretty}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&pretty).unwrap(), v);
    }

    #[test]
    fn cells() {
        assert_eq!(cell(None), "-");
        assert_eq!(cell(Some(&serde_json::json!(null))), "-");
        assert_eq!(cell(Some(&serde_json::json!(true))), "yes");
        assert_eq!(cell(Some(&serde_json::json!(12))), "12");
        assert_eq!(cell(Some(&serde_json::json!("in-progress"))), "in-progress");
    }
}
