//! `clarion auth logout`: remove one profile's stored token, and nothing else.

use crate::config::files;
use crate::context::Ctx;
use clap::Args;

/// Remove the stored token of a profile (only that profile's; settings stay)
#[derive(Debug, Args)]
pub struct LogoutArgs {}

pub(crate) fn run(_args: LogoutArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.refuse_under_sandbox("`auth logout` would remove a token from your real credentials.toml")?;
    // Like every command that reads a profile, not one default_profile names in vain: "no
    // token was stored" for a typo would read as done.
    let (dir, _, profile, _) = ctx.checked_profile()?;
    let path = dir.join(files::CREDENTIALS_FILE);
    let mut removed = false;
    if path.exists() {
        files::edit(dir, files::CREDENTIALS_FILE, files::CREDENTIALS_MODE, |doc| {
            removed = files::remove_profile_key(doc, &profile, "token");
            Ok(())
        })?;
    }
    if removed {
        ctx.ui.info(&format!("Removed the token of profile `{profile}` from {}", path.display()));
    } else {
        ctx.ui.info(&format!("No token was stored for profile `{profile}`"));
    }
    if ctx.env.get("CLARION_TOKEN").is_some() {
        ctx.ui.warn("CLARION_TOKEN is still set in this environment");
    }
    Ok(())
}
