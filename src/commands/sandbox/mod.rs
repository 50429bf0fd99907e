//! `clarion sandbox ...`

pub(crate) mod path;
pub(crate) mod reset;
pub(crate) mod serve;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    Serve(serve::ServeArgs),
    Reset(reset::ResetArgs),
    Path(path::PathArgs),
}

pub(crate) async fn run(cmd: SandboxCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        SandboxCommand::Serve(args) => serve::run(args, ctx).await,
        SandboxCommand::Reset(args) => reset::run(args, ctx),
        SandboxCommand::Path(args) => path::run(args, ctx),
    }
}
