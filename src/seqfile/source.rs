//! Reading a sequence file (a path or standard input, bounded), its format, its text, and the
//! mapping from byte offsets to line:column.

use crate::diagnostics::{Problem, ValidationError, line_col};
use crate::fs::{io_reason, read_bounded};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Toml,
    Json,
}

impl Format {
    /// JSON documents that can hold a sequence start with `{`; TOML never does. A `[` is
    /// JSON only when an array follows (`[{`, `[]`): `[[steps]]` and `[table]` are TOML.
    pub(crate) fn sniff(text: &str) -> Self {
        let text = text.trim_start();
        match text.as_bytes().first() {
            Some(b'{') => Format::Json,
            Some(b'[') if matches!(text[1..].trim_start().as_bytes().first(), Some(b'{' | b']')) => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Where a sequence file comes from, as the user named it.
#[derive(Debug, Clone)]
pub(crate) enum Input<'a> {
    Stdin,
    File(&'a Path),
}

/// The largest sequence file, or body on standard input, clarion reads: more is refused
/// (exit 2) without reading it all, so `/dev/zero` or an endless pipe ends at once.
pub(crate) const MAX_INPUT: u64 = 16 * 1024 * 1024;

fn too_large(name: &str) -> ValidationError {
    ValidationError::single(Problem::whole(name, format!("larger than {} MiB: not a sequence file", MAX_INPUT >> 20)))
}

/// Reads the input whole and tells its format: by extension for files
/// (`.toml`, `.json`), by content otherwise.
pub(crate) fn read_input(input: &Input<'_>) -> Result<Source, ValidationError> {
    match input {
        Input::Stdin => {
            let bytes = read_bounded(std::io::stdin().lock(), MAX_INPUT)
                .map_err(|e| {
                    ValidationError::single(Problem::whole("<stdin>", format!("cannot read standard input: {e}")))
                })?
                .ok_or_else(|| too_large("<stdin>"))?;
            Source::from_bytes("<stdin>".into(), bytes, None)
        }
        Input::File(path) => {
            let name = path.display().to_string();
            let cannot = |e: std::io::Error| {
                ValidationError::single(Problem::whole(&name, format!("cannot read file: {}", io_reason(&e))))
            };
            let file = std::fs::File::open(path).map_err(cannot)?;
            // A regular file says its size: a huge one is refused without reading a byte.
            if file.metadata().is_ok_and(|m| m.is_file() && m.len() > MAX_INPUT) {
                return Err(too_large(&name));
            }
            let bytes = read_bounded(file, MAX_INPUT).map_err(cannot)?.ok_or_else(|| too_large(&name))?;
            let by_ext = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("toml") => Some(Format::Toml),
                Some("json") => Some(Format::Json),
                _ => None,
            };
            Source::from_bytes(name, bytes, by_ext)
        }
    }
}

/// The text of one input, with the name errors should use for it.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub name: String,
    pub text: String,
    pub format: Format,
}

impl Source {
    pub(crate) fn from_bytes(name: String, bytes: Vec<u8>, format: Option<Format>) -> Result<Self, ValidationError> {
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                let (line, col) = line_col(&prefix, valid);
                return Err(ValidationError::single(Problem::at(
                    &name,
                    Some((line, col)),
                    "",
                    "the file is not valid UTF-8 text",
                )));
            }
        };
        // A BOM is invisible in editors; refusing the file for it would be baffling.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let format = format.unwrap_or_else(|| Format::sniff(&text));
        Ok(Self { name, text, format })
    }

    #[cfg(test)]
    pub(crate) fn from_text(name: &str, text: &str, format: Format) -> Self {
        Self { name: name.to_string(), text: text.to_string(), format }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }

    /// Where a message points back into the text: "line N", or "column N" in a one-line text
    /// (a JSON Lines line, whose own line number the problem already carries).
    pub(crate) fn place(&self, offset: usize) -> String {
        let (line, column) = self.line_col(offset);
        if self.text.trim_end().contains('\n') { format!("line {line}") } else { format!("column {column}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nné = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // offset of '=' on line 2: "né " is 4 bytes, 3 chars
        assert_eq!(line_col(text, 10), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = Source::from_bytes("x.toml".into(), b"name = 1\n\xff".to_vec(), None).unwrap_err();
        assert_eq!(err.problems[0].line, Some(2));
    }
}
