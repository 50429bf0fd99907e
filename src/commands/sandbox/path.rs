//! `clarion sandbox path`: where `--sandbox` keeps its data.

use crate::context::Ctx;
use clap::Args;

/// Print the path of the database `--sandbox` uses (CLARION_SANDBOX_DB, else the data directory)
#[derive(Debug, Args)]
pub struct PathArgs {}

pub(crate) fn run(_args: PathArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let db = crate::sandbox::default_db_path(ctx.env)?;
    let mut line = db.into_os_string().into_encoded_bytes();
    line.push(b'\n');
    ctx.ui.data(&line)?;
    Ok(())
}
