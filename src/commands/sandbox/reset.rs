//! `clarion sandbox reset`: empty the embedded sandbox's database.

use crate::context::Ctx;
use anyhow::Context as _;
use clap::Args;

/// Forget every sequence the `--sandbox` database holds, so ids start at 1 again
///
/// Empties the database `clarion sandbox path` names, safely even while another clarion uses
/// it. Touches nothing else, and never the real API.
#[derive(Debug, Args)]
pub struct ResetArgs {}

// What was removed is said whatever stderr is: a CI log should show that state went away.
pub(crate) fn run(_args: ResetArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let db = crate::sandbox::default_db_path(ctx.env)?;
    if !db.exists() {
        ctx.ui.info("The sandbox database does not exist yet: nothing to reset");
        return Ok(());
    }
    let count = crate::sandbox::reset_db(&db).with_context(|| format!("cannot reset {}", db.display()))?;
    ctx.ui.info(&format!("Removed {count} sequence(s) from the sandbox database"));
    Ok(())
}
