//! `clarion man`: the man page.

use crate::context::Ctx;
use clap::{Args, CommandFactory};

/// Print the man page (roff)
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  clarion man > ~/.local/share/man/man1/clarion.1")]
pub struct ManArgs {}

pub fn run(_args: ManArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command()).render(&mut buf)?;
    ctx.ui.out(&String::from_utf8_lossy(&buf))?;
    Ok(())
}
