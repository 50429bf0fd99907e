//! `clarion sequence validate`: every check `create` makes, offline.

use crate::cli::{InputArgs, JsonArgs};
use crate::context::Ctx;
use crate::seqfile::ValidationError;
use clap::Args;

/// Check a sequence file (and flags) as `create` would, offline: no token, nothing sent
///
/// Exit 0 when it is valid, 2 with every problem listed when it is not. --json prints the
/// problems as a list of {file, line, column, field, message}, empty when valid.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence validate -f steps.toml
  clarion sequence validate -f steps.toml --json | jq -r '.[] | \"\\(.line): \\(.message)\"'")]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub json: JsonArgs,
}

pub fn run(args: ValidateArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let result = crate::seqfile::body_from_args(&args.input, None);
    let problems = match &result {
        Ok(_) => Vec::new(),
        Err(e) => match e.downcast_ref::<ValidationError>() {
            Some(v) => v.problems.clone(),
            // Not a problem in the input (a usage error): reported as usual.
            None => return result.map(|_| ()),
        },
    };
    if args.json.wanted() {
        ctx.print_json(&serde_json::to_value(&problems)?, args.json.jq.as_deref())?;
        if !problems.is_empty() {
            return Err(crate::error::Silent(crate::error::code::USAGE).into());
        }
        return Ok(());
    }
    match result {
        Ok(body) => {
            let steps = body.get("steps").and_then(|s| s.as_array()).map_or(0, Vec::len);
            let what = args.input.file.as_ref().map_or("the sequence".to_string(), |f| f.display().to_string());
            ctx.ui.info(&format!("{what} is valid ({steps} step{})", if steps == 1 { "" } else { "s" }));
            Ok(())
        }
        Err(e) => Err(e),
    }
}
