//! Turning a sequence file and the command line's additions into a request body (or every
//! problem with it).

use super::parse::parse_document;
use super::source::{Input, read_input};
use super::validate::{Overrides, build_body};
use crate::error::UsageError;
use std::path::Path;

/// Reads and validates `file` (`-` for standard input) with `overrides` on top.
pub(crate) fn body_from_args(file: Option<&Path>, overrides: &Overrides) -> anyhow::Result<serde_json::Value> {
    if file.is_none() && overrides.name.is_none() && overrides.steps.is_empty() {
        return Err(UsageError::with_hint(
            "nothing to create",
            "give a sequence file with -f PATH, or --name and at least one --step",
        )
        .into());
    }
    let parsed = match file {
        None => None,
        Some(path) => {
            let input = if path.as_os_str() == "-" { Input::Stdin } else { Input::File(path) };
            Some(parse_document(read_input(&input)?)?)
        }
    };
    Ok(build_body(parsed.as_ref(), overrides)?)
}
