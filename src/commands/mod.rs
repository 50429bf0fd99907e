//! The command tree: one enum per level, matched to the module that runs it.

pub mod sequence;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and inspect sequences
    #[command(subcommand)]
    Sequence(sequence::SequenceCommand),
}

pub async fn run(cmd: Command, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        Command::Sequence(c) => sequence::run(c, ctx).await,
    }
}
