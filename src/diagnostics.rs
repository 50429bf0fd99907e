//! The ground floor for every checker (sequence files, config files, rows): a located
//! problem, the error that carries them, positions in text, and near-miss suggestions.

use serde::Serialize;
use std::fmt;

/// A problem in the input: where it is (source, line, column), which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Problem {
    /// The file as the user named it, `<stdin>`, or the flag (`--step #2`).
    #[serde(rename = "file")]
    pub source: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// For a row of `--rows`: its number (data rows counted from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The field path in the request body (`steps[1].type`); empty for the whole input.
    pub field: String,
    pub message: String,
}

impl Problem {
    pub(crate) fn at(source: &str, pos: Option<(usize, usize)>, field: &str, message: impl Into<String>) -> Self {
        Self {
            source: source.to_string(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            row: None,
            field: field.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn whole(source: &str, message: impl Into<String>) -> Self {
        Self::at(source, None, "", message)
    }

    /// A TOML parser's error (toml or toml_edit) in `text`: its first line, where its span starts.
    pub(crate) fn from_toml(source: &str, text: &str, span: Option<std::ops::Range<usize>>, message: &str) -> Self {
        let message = message.lines().next().unwrap_or("").trim();
        let message = if message.is_empty() { "invalid TOML" } else { message };
        Self::at(source, span.map(|s| line_col(text, s.start)), "", message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(row) = self.row {
            write!(f, ": row {row}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The input is invalid; nothing may be sent. Holds every problem found, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidationError {
    pub problems: Vec<Problem>,
    /// The closing line, where the caller can say more than "N problems in the input".
    pub summary: Option<String>,
    /// What to do, when the problems point at one mistake (a JSON file named .toml, ...).
    pub hint: Option<String>,
}

impl ValidationError {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        Self { problems, summary: None, hint: None }
    }

    pub(crate) fn summarised(problems: Vec<Problem>, summary: String) -> Self {
        Self { problems, summary: Some(summary), hint: None }
    }

    pub(crate) fn hinted(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub(crate) fn single(p: Problem) -> Self {
        Self::new(vec![p])
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.summary, self.problems.as_slice()) {
            (Some(s), _) => f.write_str(s),
            (None, [one]) => write!(f, "{one}"),
            (None, many) => write!(f, "{} problems in the input; nothing was sent", many.len()),
        }
    }
}

impl std::error::Error for ValidationError {}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The known key a mistyped one most likely meant, if any is close enough.
pub(crate) fn suggest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = key.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
