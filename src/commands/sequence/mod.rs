//! `clarion sequence ...`

pub mod create;
pub mod show;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SequenceCommand {
    Create(create::CreateArgs),
    Show(show::ShowArgs),
}

pub async fn run(cmd: SequenceCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        SequenceCommand::Create(args) => create::run(args, ctx).await,
        SequenceCommand::Show(args) => show::run(args, ctx).await,
    }
}
