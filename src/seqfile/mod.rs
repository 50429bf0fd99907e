//! The sequence file: reading TOML or JSON (or `--step` flags) into a validated
//! `POST /v1/sequence-manager/sequences` body, with every problem located.

mod input;
mod parse;
#[cfg(test)]
mod props;
mod source;
mod validate;

pub(crate) use crate::diagnostics::{Problem, ValidationError};
pub(crate) use input::body_from_args;
pub(crate) use parse::{Parsed, child_path, parse_document, parse_json_unlocated};
pub(crate) use source::{Format, Input, MAX_INPUT, Source, read_input};
pub(crate) use validate::{Overrides, StepSpec, build_body, build_body_quiet, parse_step_spec};
