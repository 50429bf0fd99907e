//! The sequence file: reading TOML or JSON (or `--step` flags) into a validated
//! `POST /v1/sequence-manager/sequences` body, with every problem located.

mod input;
mod parse;
#[cfg(test)]
mod props;
mod source;
mod validate;

pub(crate) use crate::diagnostics::{Problem, ValidationError};
use crate::fs::{io_reason, read_bounded};
pub(crate) use input::body_from_args;
pub(crate) use parse::{Format, Parsed, child_path, parse_document, parse_json_unlocated};
pub(crate) use source::Source;
pub(crate) use validate::{Overrides, StepSpec, build_body, build_body_quiet, parse_step_spec};

use std::path::Path;

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
