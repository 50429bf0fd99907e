//! `clarion config list`

use crate::config;
use crate::context::Ctx;
use clap::Args;

/// List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)
#[derive(Debug, Args)]
pub struct ListArgs {}

pub(crate) fn run(_args: ListArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let dir = config::config_dir(ctx.env)?;
    let doc = config::load_config_table(&dir)?;
    let mut lines = Vec::new();
    flatten("", &doc, &mut lines);
    if !lines.is_empty() {
        // Values are the user's own text: exact when piped, escaped on a terminal.
        ctx.ui.data(format!("{}\n", lines.join("\n")).as_bytes())?;
    }
    // A default_profile naming no profile stops every command that reads a profile; listing
    // still works, since it is how the mistake is found, and says so.
    if let Some(name) = doc.get("default_profile").and_then(toml::Value::as_str) {
        // The run's one parse of config.toml (`ConfigOnce`), not another.
        let (_, cfg, _) = ctx.profile_files()?;
        if let Err(e) = config::check_profile_defined(&dir, cfg, name, config::ProfileOrigin::ConfigFile) {
            let hint = crate::error::render(&e).1.join("; ");
            ctx.ui.warn(&format!("{e}: commands that use a profile refuse to run ({hint})"));
        }
    }
    Ok(())
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            other => out.push(format!("{key} = {other}")),
        }
    }
}
