//! `clarion sandbox ...`

pub mod serve;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    Serve(serve::ServeArgs),
}

pub async fn run(cmd: SandboxCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        SandboxCommand::Serve(args) => serve::run(args, ctx).await,
    }
}
