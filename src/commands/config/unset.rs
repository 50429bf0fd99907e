//! `clarion config unset KEY`

use crate::config::{self, Scope, files};
use crate::context::Ctx;
use clap::Args;

/// Remove a key from config.toml (from the selected profile for profile keys)
#[derive(Debug, Args)]
pub struct UnsetArgs {
    /// The key (see the list below)
    #[arg(value_parser = crate::args::ConfigKeyParser)]
    pub key: String,
}

pub(crate) fn run(args: UnsetArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.refuse_under_sandbox("`config unset` would change your real config.toml")?;
    let spec = config::key_spec(&args.key)?;
    let (dir, _, profile) = ctx.profile_files()?;
    if !dir.join(files::CONFIG_FILE).exists() {
        return Ok(());
    }
    files::edit(dir, files::CONFIG_FILE, files::CONFIG_MODE, |doc| {
        match spec.scope {
            Scope::Top => {
                doc.remove(spec.name);
            }
            Scope::Profile => {
                files::remove_profile_key(doc, &profile, spec.name);
            }
        }
        Ok(())
    })
}
