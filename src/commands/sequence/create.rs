//! `clarion sequence create`: validate a sequence file and/or flags, then POST it.

use crate::cli::OutputArgs;
use crate::context::Ctx;
use crate::error::UsageError;
use crate::seqfile::{self, Input, Overrides, StepSpec};
use anyhow::Context as _;
use clap::Args;
use std::path::PathBuf;

/// Create a sequence from a TOML or JSON file and/or flags
///
/// Everything is validated before anything is sent: a problem is reported with its file,
/// line, column and field, and exit code 2.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence create -f examples/appointment-reminder.toml
  clarion sequence create --name 'Reminder' --step voice --step 'sms:{\"message\":\"See you Tuesday\"}'
  id=$(clarion sequence create -f steps.toml -q)
  clarion sequence create -f steps.toml --dry-run")]
pub struct CreateArgs {
    /// Sequence file: TOML (.toml) or JSON (.json); `-` reads standard input
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Name of the sequence (replaces the file's)
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,

    /// Description of the sequence (replaces the file's)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Add a step, after the file's: TYPE or TYPE:JSON_OBJECT (its config); repeatable
    #[arg(long = "step", value_name = "SPEC", value_parser = seqfile::parse_step_spec)]
    pub steps: Vec<StepSpec>,

    /// Print the request that would be sent (method, URL, body) and send nothing; needs no token
    #[arg(long)]
    pub dry_run: bool,

    /// Idempotency key for this create [default: a random UUID]; every retry sends the same one,
    /// so the server creates the sequence at most once
    #[arg(long, value_name = "KEY", value_parser = parse_idempotency_key)]
    pub idempotency_key: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_idempotency_key(raw: &str) -> Result<String, String> {
    if (1..=255).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(raw.to_string())
    } else {
        Err("expected 1 to 255 visible ASCII characters".into())
    }
}

pub async fn run(args: CreateArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if args.file.is_none() && args.name.is_none() && args.steps.is_empty() {
        return Err(UsageError::with_hint(
            "nothing to create",
            "give a sequence file with -f PATH, or --name and at least one --step",
        )
        .into());
    }
    let parsed = match &args.file {
        None => None,
        Some(path) => {
            let input = if path.as_os_str() == "-" { Input::Stdin } else { Input::File(path) };
            Some(seqfile::parse_document(seqfile::read_input(&input)?)?)
        }
    };
    let overrides = Overrides { name: args.name, description: args.description, steps: args.steps, test_mode: None };
    let body = seqfile::build_body(parsed.as_ref(), &overrides)?;
    let settings = ctx.settings()?;

    if args.dry_run {
        let url = crate::api::sequences_url(&settings.api_url);
        ctx.ui.out(&crate::render::dry_run("POST", &url, &body, args.output.json))?;
        return Ok(());
    }

    let client = ctx.client(&settings)?;
    let key = args.idempotency_key.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let seq = client.create_sequence(&body, &key).await.context("creating the sequence")?;
    if let Some(id) = seq.id() {
        ctx.ui.status(&format!("Created sequence {id}"));
    }
    ctx.print_sequence(&seq, &args.output)
}
