//! `clarion auth login`: store a profile's token (and API URL) in the config directory.

use crate::config::{self, Token, files};
use crate::context::Ctx;
use crate::error::UsageError;
use clap::Args;
use std::io::IsTerminal;

/// Store an API token for a profile
///
/// On a terminal, asks for the token without echoing it. With --with-token, reads it from
/// standard input, so it never appears in the command line or shell history:
///   echo "$TOKEN" | clarion auth login --with-token
/// The token goes to credentials.toml (mode 0600); --api-url, if given, to config.toml.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion auth login
  clarion --profile staging --api-url https://staging.api.clarionhealth.com auth login
  vault read -field=token secret/clarion | clarion auth login --with-token --profile ci")]
pub struct LoginArgs {
    /// Read the token from standard input (for scripts and CI; no terminal needed)
    #[arg(long)]
    pub with_token: bool,
}

pub(crate) fn run(args: LoginArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.refuse_under_sandbox("`auth login` would store a token in your real credentials.toml")?;
    let (dir, _, profile) = ctx.profile_files()?;
    config::check_profile_name(&profile).map_err(UsageError::new)?;
    let api_url = match &ctx.global.api_url {
        Some(raw) => {
            crate::api::parse_api_url(raw)?;
            Some(raw.trim().to_string())
        }
        None => None,
    };

    let raw = if args.with_token {
        // Bounded: `cat /dev/zero | ... --with-token` ends at once, in flat memory, and a
        // credentials file too large to read back is never written.
        crate::config::read_token_text(std::io::stdin().lock()).map_err(|why| {
            UsageError::with_hint(
                format!("cannot read the token from standard input: {why}"),
                "pipe in the token alone: echo \"$TOKEN\" | clarion auth login --with-token",
            )
        })?
    } else if std::io::stdin().is_terminal() {
        match crate::tty::prompt_hidden(&format!("Paste the API token for profile `{profile}`: ")) {
            Ok(line) => line,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return Err(crate::error::Interrupted.into()),
            Err(e) => return Err(UsageError::new(format!("cannot read the token from the terminal: {e}")).into()),
        }
    } else {
        return Err(UsageError::with_hint(
            "standard input is not a terminal, so there is nowhere to ask for the token",
            "pipe it in: echo \"$TOKEN\" | clarion auth login --with-token",
        )
        .into());
    };
    let token = Token::new(&raw).map_err(|why| UsageError::new(format!("the token {why}")))?;

    files::edit(dir, files::CREDENTIALS_FILE, files::CREDENTIALS_MODE, |doc| {
        files::set_value(files::profile_table(doc, &profile)?, "token", token.expose().into());
        Ok(())
    })?;
    if let Some(url) = &api_url {
        files::edit(dir, files::CONFIG_FILE, files::CONFIG_MODE, |doc| {
            files::set_value(files::profile_table(doc, &profile)?, "api_url", url.as_str().into());
            Ok(())
        })?;
    }
    ctx.ui.info(&format!(
        "Token {} saved for profile `{profile}` in {}",
        token.masked(),
        dir.join(files::CREDENTIALS_FILE).display()
    ));
    if ctx.env.get("CLARION_TOKEN").is_some() {
        ctx.ui.warn("CLARION_TOKEN is set: it will keep overriding the stored token until you unset it");
    }
    Ok(())
}
