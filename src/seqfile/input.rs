//! Turning the command line's input flags into a request body (or every problem with it).

use super::{Input, Overrides, build_body, parse_document, read_input};
use crate::cli::InputArgs;
use crate::error::UsageError;

/// Reads and validates the input named by the flags; `test_mode` adds `is_test_mode`.
pub fn body_from_args(args: &InputArgs, test_mode: Option<bool>) -> anyhow::Result<serde_json::Value> {
    if args.file.is_none() && args.name.is_none() && args.steps.is_empty() {
        return Err(UsageError::with_hint(
            "nothing to create",
            "give a sequence file with -f PATH, or --name and at least one --step",
        )
        .into());
    }
    let parsed = match &args.file {
        None => None,
        Some(path) => {
            let input = if path.as_os_str() == "-" { Input::Stdin } else { Input::File(path) };
            Some(parse_document(read_input(&input)?)?)
        }
    };
    let overrides = Overrides {
        name: args.name.clone(),
        description: args.description.clone(),
        steps: args.steps.clone(),
        test_mode,
    };
    Ok(build_body(parsed.as_ref(), &overrides)?)
}
