//! `clarion auth status`: where each profile's URL and token come from, masked, with warnings.

use crate::config::{self, ConfigFile, CredentialsFile, DEFAULT_API_URL, files};
use crate::context::Ctx;
use crate::error::AuthError;
use crate::untrusted::Untrusted;
use clap::Args;
use serde::Serialize;
use std::collections::BTreeSet;

/// Show each profile's API URL and token source (masked), and anything wrong
///
/// Exits 4 when the selected profile has no usable token.
#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub json: crate::args::JsonArgs,
}

#[derive(Serialize)]
struct Report {
    active_profile: String,
    config_dir: String,
    profiles: Vec<ProfileStatus>,
}

#[derive(Serialize)]
struct ProfileStatus {
    name: String,
    active: bool,
    api_url: String,
    api_url_source: String,
    token_source: Option<String>,
    token: Option<String>,
    warnings: Vec<String>,
}

pub(crate) fn run(args: StatusArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if ctx.is_sandbox() {
        return sandbox_status(&args, ctx);
    }
    // The same refusal as every other command's, not a status report of a profile that isn't.
    let (dir, cfg, active, chosen_by) = ctx.checked_profile()?;
    let creds_path = dir.join(files::CREDENTIALS_FILE);
    let creds: CredentialsFile = config::load_credentials(dir)?;

    // A profile named on purpose is the only one shown; otherwise every profile on file.
    let names: BTreeSet<String> = if chosen_by.is_named() {
        [active.clone()].into()
    } else {
        cfg.profiles.keys().chain(creds.profiles.keys()).cloned().chain([active.clone()]).collect()
    };
    let file_warning = files::loose_mode_warning(&creds_path);
    // The active profile is resolved as a command would resolve it, once: its warnings (the
    // credentials file's mode among them) come from there.
    let active_settings = ctx.settings();
    let active_token =
        active_settings.as_ref().map_err(|e| anyhow::anyhow!("{e:#}")).and_then(|s| config::resolve_token(s, ctx.env));
    let known = Known {
        cfg,
        creds: &creds,
        active_settings: &active_settings,
        active_token: &active_token,
        file_warning: file_warning.as_deref(),
    };
    let active_ok = active_token.is_ok();
    let profiles = names.into_iter().map(|name| known.status(name == active, name)).collect();
    let report = Report { active_profile: active.clone(), config_dir: dir.display().to_string(), profiles };
    if args.json.wanted() {
        ctx.print_json(&serde_json::to_value(&report)?, args.json.jq.as_deref())?;
    } else {
        ctx.ui.out(&human(&report))?;
    }
    if !active_ok {
        return Err(AuthError {
            message: format!("no usable API token for profile `{active}`"),
            hint: Some("run `clarion auth login`, or set CLARION_TOKEN".into()),
        }
        .into());
    }
    Ok(())
}

/// What a profile's line is made of: the files as read, and the active profile resolved once.
struct Known<'a> {
    cfg: &'a ConfigFile,
    creds: &'a CredentialsFile,
    active_settings: &'a anyhow::Result<config::Settings>,
    active_token: &'a anyhow::Result<config::ResolvedToken>,
    /// credentials.toml's loose mode, said on each profile stored there (the active one's
    /// resolution says it already).
    file_warning: Option<&'a str>,
}

impl Known<'_> {
    /// One profile's URL, token source and warnings: the active one as a command resolves it,
    /// the others as their files say.
    fn status(&self, is_active: bool, name: String) -> ProfileStatus {
        let pc = self.cfg.profiles.get(&name).cloned().unwrap_or_default();
        let stored = self.creds.profiles.get(&name).and_then(|e| e.token.clone());
        let mut warnings = Vec::new();
        let (api_url, api_url_source) = match (is_active, self.active_settings) {
            (true, Ok(s)) => (s.api_url.to_string(), s.api_url_origin.to_string()),
            (true, Err(e)) => {
                warnings.push(format!("{e:#}"));
                (String::new(), "invalid".into())
            }
            (false, _) => stored_url(&pc, &mut warnings),
        };
        let (token_source, token) = match (is_active, self.active_token) {
            (true, Ok(r)) => {
                warnings.extend(r.warnings.iter().cloned());
                if r.origin.is_explicit() && stored.is_some() {
                    warnings.push(format!("{} overrides the token stored in credentials.toml", r.origin));
                }
                (Some(r.origin.to_string()), Some(r.token.masked()))
            }
            // Already reported above when the settings themselves failed.
            (true, Err(e)) if self.active_settings.is_ok() => {
                warnings.push(format!("{e:#}"));
                (None, None)
            }
            (true, Err(_)) => (None, None),
            (false, _) => stored_token(stored.as_deref(), &pc),
        };
        if let (false, Some(_), Some(w)) = (is_active, &stored, self.file_warning) {
            warnings.push(w.to_string());
        }
        ProfileStatus { name, active: is_active, api_url, api_url_source, token_source, token, warnings }
    }
}

/// A profile other than the active one: its URL as config.toml has it, and where from.
fn stored_url(pc: &config::ProfileConfig, warnings: &mut Vec<String>) -> (String, String) {
    let (raw, source) = match &pc.api_url {
        Some(u) => (u.as_str(), "config.toml"),
        None => (DEFAULT_API_URL, "built-in default"),
    };
    match crate::api::parse_api_url(raw) {
        Ok(u) => (u.to_string(), source.into()),
        Err(e) => {
            warnings.push(e.to_string());
            (raw.to_string(), source.into())
        }
    }
}

/// A profile other than the active one: where its token would come from, masked (its
/// token_command is not run for a profile not in use).
fn stored_token(stored: Option<&str>, pc: &config::ProfileConfig) -> (Option<String>, Option<String>) {
    match (stored, &pc.token_command) {
        (Some(t), _) => (
            Some("credentials.toml".into()),
            Some(config::Token::new(t).map(|t| t.masked()).unwrap_or_else(|why| format!("(unusable: {why})"))),
        ),
        (None, Some(_)) => (Some("token_command (not run)".into()), None),
        (None, None) => (None, None),
    }
}

fn human(r: &Report) -> String {
    let mut out = String::new();
    for p in &r.profiles {
        let mark = if p.active { " (active)" } else { "" };
        // Profile names, URLs and paths come from files anyone could have edited.
        let (name, url, url_src) = (Untrusted(&p.name), Untrusted(&p.api_url), Untrusted(&p.api_url_source));
        out.push_str(&format!("{name}{mark}\n"));
        out.push_str(&format!("  API URL:  {url} ({url_src})\n"));
        match (&p.token, &p.token_source) {
            (Some(t), Some(src)) => out.push_str(&format!("  Token:    {t} (from {})\n", Untrusted(src))),
            (None, Some(src)) => out.push_str(&format!("  Token:    from {}\n", Untrusted(src))),
            _ => out.push_str("  Token:    none\n"),
        }
        for w in &p.warnings {
            out.push_str(&format!("  Warning:  {}\n", Untrusted(w)));
        }
    }
    out
}

/// Under `--sandbox`: the facts that matter there (no token, where its data is), and nothing
/// about the real profiles' tokens, which it never uses.
fn sandbox_status(args: &StatusArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let db = crate::sandbox::default_db_path(ctx.env)?;
    if args.json.wanted() {
        let report = serde_json::json!({"mode": "sandbox", "token_needed": false, "database": db.to_string_lossy()});
        return ctx.print_json(&report, args.json.jq.as_deref());
    }
    let text = format!(
        "local sandbox (--sandbox): no token needed, no one is contacted\n  Database: {}\n",
        Untrusted(&db.to_string_lossy())
    );
    ctx.ui.out(&text)?;
    Ok(())
}
