//! `clarion sandbox ...`

pub mod path;
pub mod reset;
pub mod serve;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    Serve(serve::ServeArgs),
    Reset(reset::ResetArgs),
    Path(path::PathArgs),
}

pub async fn run(cmd: SandboxCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        SandboxCommand::Serve(args) => serve::run(args, ctx).await,
        SandboxCommand::Reset(args) => reset::run(args, ctx),
        SandboxCommand::Path(args) => path::run(args, ctx),
    }
}
