//! `clarion config get KEY`

use crate::config::{self, Scope};
use crate::context::Ctx;
use clap::Args;

/// Print a setting from config.toml (profile keys are read from the selected profile)
///
/// Prints nothing when the key is not set. Keys: default_profile, and per profile api_url,
/// test_mode, token_command, ca_cert.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The key, e.g. api_url
    pub key: String,
}

pub fn run(args: GetArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let spec = config::key_spec(&args.key)?;
    let (dir, _, profile) = ctx.profile_files()?;
    let doc = config::load_config_table(&dir)?;
    let value = match spec.scope {
        Scope::Top => doc.get(spec.name),
        Scope::Profile => doc.get("profiles").and_then(|p| p.get(&profile)).and_then(|p| p.get(spec.name)),
    };
    match value {
        Some(toml::Value::String(s)) => ctx.ui.data(format!("{s}\n").as_bytes())?,
        Some(other) => ctx.ui.data(format!("{other}\n").as_bytes())?,
        None => {}
    }
    Ok(())
}
