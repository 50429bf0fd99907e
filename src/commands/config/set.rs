//! `clarion config set KEY VALUE`

use crate::config::{self, Scope, files};
use crate::context::Ctx;
use clap::Args;

/// Set a key in config.toml, keeping your comments and layout
///
/// Profile keys (all but default_profile) go to the selected profile (--profile);
/// default_profile goes to the top of the file. Tokens are never set here:
/// use `clarion auth login`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion config set default_profile staging
  clarion --profile staging config set api_url https://staging.api.clarionhealth.com
  clarion --profile ci config set token_command 'vault read -field=token secret/clarion'")]
pub struct SetArgs {
    /// The key (see the list below)
    #[arg(value_parser = crate::args::ConfigKeyParser)]
    pub key: String,
    pub value: String,
}

pub(crate) fn run(args: SetArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.refuse_under_sandbox("`config set` would change your real config.toml")?;
    let spec = config::key_spec(&args.key)?;
    let value = config::parse_value(spec, &args.value)?;
    let (dir, _, profile) = ctx.profile_files()?;
    files::edit(dir, files::CONFIG_FILE, files::CONFIG_MODE, |doc| {
        match spec.scope {
            Scope::Top => files::set_value(doc.as_table_mut(), spec.name, value),
            Scope::Profile => files::set_value(files::profile_table(doc, &profile)?, spec.name, value),
        }
        Ok(())
    })
}
