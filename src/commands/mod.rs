//! The command tree: one enum per level, matched to the module that runs it.

pub mod auth;
pub mod config;
pub mod sandbox;
pub mod sequence;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and inspect sequences
    #[command(subcommand)]
    Sequence(sequence::SequenceCommand),
    /// Store, inspect and remove API tokens
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// Read and write settings in config.toml
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Run a local, stateful imitation of the API for trying clarion and testing clients
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
}

pub async fn run(cmd: Command, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        Command::Sequence(c) => sequence::run(c, ctx).await,
        Command::Sandbox(c) => sandbox::run(c, ctx).await,
        Command::Auth(c) => auth::run(c, ctx).await,
        Command::Config(c) => config::run(c, ctx).await,
    }
}
