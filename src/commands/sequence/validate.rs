//! `clarion sequence validate`: every check `create` makes, offline.

use crate::args::{InputArgs, JsonArgs};
use crate::context::Ctx;
use crate::seqfile::ValidationError;
use clap::Args;

/// Check a sequence file (and flags) as `create` would, offline: no token, nothing sent
///
/// Accepts everything `create` does (a file, flags, a JSON Lines batch, a template and rows)
/// and reports the same problems at the same places. Exit 0 when it is valid, 2 with every
/// problem listed when it is not. --json prints the problems as a list of {file, line,
/// column, field, message}, empty when valid.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence validate -f steps.toml
  clarion sequence validate -f batch.jsonl
  clarion sequence validate -f steps.toml --json | jq -r '.[] | \"\\(.line): \\(.message)\"'")]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Check as a test-mode create would
    #[arg(long, conflicts_with = "live")]
    pub test_mode: bool,

    /// Check as a live create would (the profile's test_mode is not read here either way)
    #[arg(long)]
    pub live: bool,

    /// Read one sequence per line (JSON Lines), as for .jsonl/.ndjson files; for `-f -`
    #[arg(long, help_heading = "Batch (JSON Lines)")]
    pub batch: bool,

    #[command(flatten)]
    pub json: JsonArgs,
}

/// Every line of a JSON Lines batch, or every row of `--rows` rendered through the template,
/// checked by the batch's own validation pass; what is valid, said.
fn check_batch(input: &crate::args::InputArgs, test_mode: Option<bool>) -> anyhow::Result<String> {
    let overrides = input.overrides(test_mode);
    let (rows, path) = match &input.rows {
        Some(rows_path) => {
            let (loaded, path) = crate::rows::load(input.file.as_deref(), rows_path, input.rows_format)?;
            crate::rows::check_flags(&overrides)?;
            (Some(loaded), path)
        }
        None => (None, input.file.clone().filter(|p| p.as_os_str() != "-")),
    };
    let (name, scan) = crate::batch::check_only(path.as_deref(), &overrides, rows.as_ref())?;
    let unit = if rows.is_some() { "row" } else { "line" };
    let s = |n: u64| if n == 1 { "" } else { "s" };
    if scan.invalid > 0 {
        let keep = crate::batch::SHOWN_PROBLEMS;
        let shown = if scan.invalid as usize > keep { format!(" (the first {keep} shown)") } else { String::new() };
        let total = scan.valid + scan.invalid;
        let summary = format!("{name}: {} of {total} {unit}{} are invalid{shown}", scan.invalid, s(total));
        return Err(ValidationError::summarised(scan.problems, summary).into());
    }
    Ok(match &rows {
        Some(loaded) => format!("{name}: all {} rows are valid for {}", scan.valid, loaded.template.source_name()),
        None => format!("{name}: all {} sequence{} are valid", scan.valid, s(scan.valid)),
    })
}

pub(crate) fn run(args: ValidateArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let test_mode = if args.live { Some(false) } else { args.test_mode.then_some(true) };
    let result = match &args.input.rows {
        Some(_) => check_batch(&args.input, None),
        None if args.input.is_batch(args.batch) => check_batch(&args.input, test_mode),
        None => {
            crate::seqfile::body_from_args(args.input.file.as_deref(), &args.input.overrides(test_mode)).map(|body| {
                let steps = body.get("steps").and_then(|s| s.as_array()).map_or(0, Vec::len);
                let what = match args.input.file.as_ref() {
                    Some(f) if f.as_os_str() == "-" => "<stdin>".to_string(),
                    Some(f) => f.display().to_string(),
                    None => "the sequence".to_string(),
                };
                format!("{what} is valid ({steps} step{})", if steps == 1 { "" } else { "s" })
            })
        }
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
