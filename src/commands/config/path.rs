//! `clarion config path`

use crate::config::{self, files};
use crate::context::Ctx;
use clap::Args;

/// Print where config.toml is (credentials.toml is beside it)
#[derive(Debug, Args)]
pub struct PathArgs {}

pub(crate) fn run(_args: PathArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let dir = config::config_dir(ctx.env)?;
    ctx.ui.data(format!("{}\n", dir.join(files::CONFIG_FILE).display()).as_bytes())?;
    Ok(())
}
