//! The sequence file: reading TOML or JSON (or `--step` flags) into a validated
//! `POST /v1/sequence-manager/sequences` body, with every problem located.

mod input;
mod parse;
mod problem;
#[cfg(test)]
mod props;
mod source;
mod validate;

pub use input::body_from_args;
pub use parse::{Format, Parsed, parse_document};
pub use problem::{Problem, ValidationError};
pub use source::{Source, line_col};
pub use validate::{Overrides, StepSpec, build_body, parse_step_spec, suggest};

use std::path::Path;

/// Where a sequence file comes from, as the user named it.
#[derive(Debug, Clone)]
pub enum Input<'a> {
    Stdin,
    File(&'a Path),
}

/// Reads the input whole and tells its format: by extension for files
/// (`.toml`, `.json`), by content otherwise.
pub fn read_input(input: &Input<'_>) -> Result<Source, ValidationError> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(|e| {
                ValidationError::single(Problem::whole("<stdin>", format!("cannot read standard input: {e}")))
            })?;
            Source::from_bytes("<stdin>".into(), bytes, None)
        }
        Input::File(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| {
                ValidationError::single(Problem::whole(&name, format!("cannot read file: {}", io_reason(&e))))
            })?;
            let by_ext = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("toml") => Some(Format::Toml),
                Some("json") => Some(Format::Json),
                _ => None,
            };
            Source::from_bytes(name, bytes, by_ext)
        }
    }
}

/// An I/O error as a reader of the message would put it.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}
