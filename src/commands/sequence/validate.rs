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

/// Every row of `--rows` rendered through the template and checked; what is valid, said.
fn check_rows(input: &crate::cli::InputArgs, rows: &std::path::Path) -> anyhow::Result<String> {
    let (loaded, path) = crate::rows::load(input.file.as_deref(), rows, input.rows_format)?;
    let overrides = crate::seqfile::Overrides {
        name: input.name.clone(),
        description: input.description.clone(),
        steps: input.steps.clone(),
        test_mode: None,
    };
    crate::rows::check_flags(&overrides)?;
    let (name, scan) = match &path {
        Some(p) => {
            let name = p.display().to_string();
            let file = std::fs::File::open(p).map_err(|e| {
                crate::error::UsageError::new(format!("{name}: cannot read file: {}", crate::seqfile::io_reason(&e)))
            })?;
            let scan = crate::rows::scan(&loaded, file, &name, &overrides, 20)?;
            (name, scan)
        }
        None => {
            ("<stdin>".to_string(), crate::rows::scan(&loaded, std::io::stdin().lock(), "<stdin>", &overrides, 20)?)
        }
    };
    if scan.invalid > 0 {
        let summary = format!("{name}: {} of {} rows are invalid", scan.invalid, scan.valid + scan.invalid);
        return Err(ValidationError { problems: scan.problems, summary: Some(summary) }.into());
    }
    Ok(format!("{name}: all {} rows are valid for {}", scan.valid, loaded.template.source_name()))
}

pub fn run(args: ValidateArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let result = match &args.input.rows {
        Some(rows) => check_rows(&args.input, rows),
        None => crate::seqfile::body_from_args(&args.input, None).map(|body| {
            let steps = body.get("steps").and_then(|s| s.as_array()).map_or(0, Vec::len);
            let what = args.input.file.as_ref().map_or("the sequence".to_string(), |f| f.display().to_string());
            format!("{what} is valid ({steps} step{})", if steps == 1 { "" } else { "s" })
        }),
    };
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
    let said = result?;
    ctx.ui.info(&said);
    Ok(())
}
