//! `clarion sequence ...`

pub(crate) mod create;
pub(crate) mod show;
pub(crate) mod validate;
pub(crate) mod wait;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SequenceCommand {
    Create(create::CreateArgs),
    Show(show::ShowArgs),
    Wait(wait::WaitArgs),
    Validate(validate::ValidateArgs),
}

pub(crate) async fn run(cmd: SequenceCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        SequenceCommand::Create(args) => create::run(args, ctx).await,
        SequenceCommand::Show(args) => show::run(args, ctx).await,
        SequenceCommand::Wait(args) => wait::run(args, ctx).await,
        SequenceCommand::Validate(args) => validate::run(args, ctx),
    }
}
