//! A sequence file's text and the mapping from byte offsets to line:column.

use super::parse::Format;
use crate::diagnostics::{Problem, ValidationError, line_col};

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
