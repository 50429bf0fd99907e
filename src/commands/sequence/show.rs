//! `clarion sequence show ID`: fetch one sequence and print it.

use crate::args::OutputArgs;
use crate::context::Ctx;
use anyhow::Context as _;
use clap::Args;

/// Show one sequence: its status, outcome and steps
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence show 42
  clarion sequence show 42 --json | jq .status")]
pub struct ShowArgs {
    /// The sequence id (a positive integer)
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: u64,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub(crate) fn parse_id(raw: &str) -> Result<u64, String> {
    match raw.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("a sequence id is a positive integer, such as 42".into()),
    }
}

pub(crate) async fn run(args: ShowArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let settings = ctx.settings()?;
    let client = ctx.client(&settings)?;
    let seq = client.get_sequence(args.id).await.with_context(|| format!("fetching sequence {}", args.id))?;
    ctx.print_sequence(&seq, &args.output)
}
