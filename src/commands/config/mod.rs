//! `clarion config ...`

pub(crate) mod get;
pub(crate) mod list;
pub(crate) mod path;
pub(crate) mod set;
pub(crate) mod unset;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    Get(get::GetArgs),
    Set(set::SetArgs),
    Unset(unset::UnsetArgs),
    List(list::ListArgs),
    Path(path::PathArgs),
}

pub(crate) async fn run(cmd: ConfigCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        ConfigCommand::Get(args) => get::run(args, ctx),
        ConfigCommand::Set(args) => set::run(args, ctx),
        ConfigCommand::Unset(args) => unset::run(args, ctx),
        ConfigCommand::List(args) => list::run(args, ctx),
        ConfigCommand::Path(args) => path::run(args, ctx),
    }
}
