//! The command tree: one enum per level, matched to the module that runs it.

pub mod sandbox;
pub mod sequence;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and inspect sequences
    #[command(subcommand)]
    Sequence(sequence::SequenceCommand),
    /// Run a local, stateful imitation of the API for trying clarion and testing clients
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
}

pub async fn run(cmd: Command, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        Command::Sequence(c) => sequence::run(c, ctx).await,
        Command::Sandbox(c) => sandbox::run(c, ctx).await,
    }
}
