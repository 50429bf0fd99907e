//! `clarion sequence wait ID`: poll until the sequence ends, then print it.

use crate::cli::{OutputArgs, WaitTiming};
use crate::context::Ctx;
use clap::Args;

/// Wait until a sequence ends, then print it as `show` does
///
/// Ends are the statuses completed, failed, cancelled/canceled, ended, expired and error, or
/// any status once ended_reason is set; other statuses are waited through. Success is
/// `completed` (exit 0); any other end is exit 8; --timeout passing first is exit 124.
/// Progress goes to stderr, so stdout (and --json) carries only the result.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence wait 42
  clarion sequence wait 42 --timeout 10m --interval 15s --json | jq .outcome")]
pub struct WaitArgs {
    /// The sequence id (a positive integer)
    #[arg(value_name = "ID", value_parser = super::show::parse_id)]
    pub id: u64,

    #[command(flatten)]
    pub timing: WaitTiming,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub async fn run(args: WaitArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let settings = ctx.settings()?;
    let client = ctx.client(&settings)?;
    ctx.wait_and_print(&client, args.id, args.timing.get(), &args.output).await
}
