//! `clarion auth token`: print the resolved token, for piping into other tools.

use crate::config;
use crate::context::Ctx;
use clap::Args;

/// Print the token clarion would use, alone on one line (the only command that prints a token)
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  curl -H \"Authorization: Bearer $(clarion auth token)\" https://api.clarionhealth.com/..."
)]
pub struct TokenArgs {}

pub(crate) fn run(_args: TokenArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.refuse_under_sandbox("`auth token` would print your real token, which the sandbox never uses")?;
    let settings = ctx.settings()?;
    let resolved = config::resolve_token(&settings, ctx.env)?;
    for w in &resolved.warnings {
        ctx.ui.warn(w);
    }
    ctx.ui.out(resolved.token.expose())?;
    Ok(())
}
