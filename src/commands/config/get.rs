//! `clarion config get KEY`

use crate::config::{self, effective::Sources};
use crate::context::Ctx;
use clap::Args;

/// Print the value a setting has for commands run like this one
///
/// The value commands would use: a flag (--api-url, --ca-cert, --retries) or environment
/// variable (CLARION_API_URL) wins over the selected profile's value in config.toml, which wins
/// over the built-in default. Prints nothing for a key with no value and no default.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The key (see the list below)
    #[arg(value_parser = crate::args::ConfigKeyParser)]
    pub key: String,

    /// Also say where the value came from, before it and a tab: flag:--api-url,
    /// env:CLARION_API_URL, file:PATH [profiles.NAME], or default
    #[arg(long)]
    pub show_origin: bool,
}

pub(crate) fn run(args: GetArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let spec = config::key_spec(&args.key)?;
    let (dir, cfg, profile, _) = ctx.checked_profile()?;
    let flags = ctx.conn_flags();
    let sources = Sources {
        flags: &flags,
        retries_flag: ctx.global.retries,
        env: ctx.env,
        dir,
        config: cfg,
        profile: &profile,
        sandbox: ctx.is_sandbox().then_some(ctx.global.sandbox),
    };
    let (value, origin) = config::effective::effective(spec, &sources);
    let Some(value) = value else { return Ok(()) };
    // The value commands would use, or their refusal: a URL they would refuse is refused here.
    if spec.name == "api_url" && sources.sandbox.is_none() {
        crate::api::parse_api_url(&value)?;
    }
    let line = if args.show_origin { format!("{origin}\t{value}\n") } else { format!("{value}\n") };
    // Values are the user's own text: exact when piped, escaped on a terminal.
    ctx.ui.data(line.as_bytes())?;
    Ok(())
}
