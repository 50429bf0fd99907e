//! `clarion sequence create`: validate a sequence file and/or flags, then POST it.

use crate::args::{InputArgs, OutputArgs, WaitTiming};
use crate::context::Ctx;
use crate::error::TestModeNotHonoured;
use clap::Args;
use serde_json::Value;

/// Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or
/// one per row of a CSV (or JSON Lines) file, from a template
///
/// Everything is validated before anything is sent: a problem is reported with its file,
/// line, column and field, and exit code 2. Test mode (--test-mode, or test_mode in the
/// profile) is checked in the answer: a sequence created live anyway is exit 7.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence create -f examples/appointment-reminder.toml
  clarion sequence create --name 'Reminder' --step voice --step 'sms:{\"message\":\"See you Tuesday\"}'
  id=$(clarion sequence create -f steps.toml --test-mode -q)
  clarion sequence create -f steps.toml --wait --timeout 30m
  clarion sequence create -f steps.toml --dry-run
  clarion sequence create -f reminder.toml --rows patients.csv --test-mode")]
pub struct CreateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Ask for a test-mode sequence (no real patient is contacted), and refuse a live one (exit 7)
    #[arg(long, conflicts_with = "live")]
    pub test_mode: bool,

    /// Create a live sequence even if the profile sets test_mode
    #[arg(long)]
    pub live: bool,

    /// Print the request that would be sent (method, URL, body) and send nothing; needs no token
    #[arg(long)]
    pub dry_run: bool,

    /// Idempotency key for this create [default: a random UUID]; every retry sends the same one,
    /// so the server creates the sequence at most once
    #[arg(long, value_name = "KEY", value_parser = parse_idempotency_key)]
    pub idempotency_key: Option<String>,

    /// After creating, wait until the sequence ends, then print it (as `sequence wait`); for a
    /// batch, wait for every sequence it made (one line each as it ends)
    #[arg(long, conflicts_with = "dry_run")]
    pub wait: bool,

    /// Read one sequence per line (JSON Lines), as for .jsonl/.ndjson files; for `-f -`
    #[arg(long, help_heading = "Batch (JSON Lines)", conflicts_with = "idempotency_key")]
    pub batch: bool,

    /// Batch: requests in flight at once
    #[arg(long, help_heading = "Batch (JSON Lines)", value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// Batch: report invalid lines and send the valid ones (exit 9), instead of sending nothing (exit 2)
    #[arg(long, help_heading = "Batch (JSON Lines)")]
    pub skip_invalid: bool,

    /// Batch: the journal that lets a re-run resume [default: FILE.journal beside the input]
    #[arg(long, help_heading = "Batch (JSON Lines)", value_name = "PATH")]
    pub journal: Option<std::path::PathBuf>,

    /// Batch: start over even though the journal was written for other input
    #[arg(long, help_heading = "Batch (JSON Lines)")]
    pub restart: bool,

    /// Batch: don't ask before creating live sequences on a terminal (the line saying what is
    /// about to happen is still printed)
    #[arg(short, long, help_heading = "Batch (JSON Lines)")]
    pub yes: bool,

    #[command(flatten)]
    pub timing: WaitTiming,

    #[command(flatten)]
    pub output: OutputArgs,
}

async fn run_batch(
    args: CreateArgs,
    test_mode: Option<bool>,
    settings: crate::config::Settings,
    ctx: &Ctx<'_>,
) -> anyhow::Result<()> {
    if args.idempotency_key.is_some() {
        return Err(crate::error::UsageError::new(
            "--idempotency-key doesn't apply to a batch: each line gets its own key, derived from the input",
        )
        .into());
    }
    if args.output.quiet {
        return Err(crate::error::UsageError::new("-q doesn't apply to a batch: it prints only the ids already").into());
    }
    // A batch allocates per line and per answer, thousands of times.
    crate::alloc::favor_throughput();
    let (path, rows) = match (&args.input.rows, &args.input.file) {
        (Some(rows), template) => {
            let (input, path) = crate::rows::load(template.as_deref(), rows, args.input.rows_format)?;
            (path, Some(input))
        }
        (None, Some(p)) if p.as_os_str() == "-" => (None, None),
        (None, Some(p)) => (Some(p.clone()), None),
        (None, None) => {
            return Err(crate::error::UsageError::new("a batch needs -f FILE.jsonl (or -f - --batch)").into());
        }
    };
    let overrides = args.input.overrides(test_mode);
    if rows.is_some() {
        crate::rows::check_flags(&overrides)?;
    }
    let target = if ctx.is_sandbox() {
        format!("on the local sandbox (no one is contacted; profile {})", settings.profile)
    } else {
        format!("on {} (profile {})", settings.api_url, settings.profile)
    };
    let batch = crate::batch::Batch {
        target,
        // Resuming must not start over.
        command_line: crate::args::this_command_line(
            ctx.ui,
            "the same command (without --restart)",
            Some("--restart"),
            false,
            &[],
        ),
        keep_ids: args.wait,
        // The sandbox's port changes with every run; its database is what it is.
        api: if ctx.is_sandbox() {
            format!("the local sandbox ({})", crate::sandbox::default_db_path(ctx.env)?.display())
        } else {
            settings.api_url.to_string()
        },
        path,
        overrides,
        concurrency: usize::from(args.concurrency),
        skip_invalid: args.skip_invalid,
        journal: args.journal.clone(),
        restart: args.restart,
        json: args.output.json || args.output.jq.is_some(),
        jq: args.output.jq.clone(),
        dry_run: args.dry_run,
        rows,
        // The embedded sandbox contacts no one; test mode is checked in the answers.
        live: (test_mode != Some(true) && !ctx.is_sandbox()).then(|| crate::batch::LiveTarget {
            host: settings.api_url.origin().ascii_serialization(),
            profile: settings.profile.clone(),
            yes: args.yes,
        }),
    };
    let gate = std::sync::Arc::new(crate::api::gate::PauseGate::default());
    // Nothing in a dry run needs the API, or a token.
    let client = if batch.dry_run { None } else { Some(ctx.client_with_gate(&settings, Some(gate))?) };
    let dry_run = batch.dry_run;
    let made = crate::batch::run(batch, client, ctx.ui).await?;
    if !args.wait || dry_run {
        return Ok(());
    }
    wait_for_batch(made, &args, &settings, ctx).await
}

/// `--wait` after a batch: every sequence it made is followed to its end, as `sequence wait`
/// does; `made` is each line's number and id.
async fn wait_for_batch(
    made: Vec<(u64, Option<i64>)>,
    args: &CreateArgs,
    settings: &crate::config::Settings,
    ctx: &Ctx<'_>,
) -> anyhow::Result<()> {
    let (mut ids, mut unnamed) = (Vec::new(), Vec::new());
    for (line, id) in made {
        match id.and_then(|id| u64::try_from(id).ok()) {
            Some(id) => ids.push(id),
            None => unnamed.push(line),
        }
    }
    let options = super::wait::Many {
        concurrency: usize::from(args.concurrency),
        timing: args.timing.get(),
        output: args.output.clone(),
        junit: None,
        summary: None,
    };
    if !ids.is_empty() || unnamed.is_empty() {
        super::wait::wait_many(ids, &options, settings, ctx).await?;
    }
    // Only when all the others completed: their verdict (exit 8, 124, ...) says more.
    if let Some(first) = unnamed.first() {
        let unit = if args.input.rows.is_some() { "row" } else { "line" };
        let why = "not waited for: the API's answer has no usable sequence id";
        return Err(crate::batch::without_ids(unit, *first, unnamed.len() as u64, why));
    }
    Ok(())
}

fn parse_idempotency_key(raw: &str) -> Result<String, String> {
    if (1..=255).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(raw.to_string())
    } else {
        Err("expected 1 to 255 visible ASCII characters".into())
    }
}

pub(crate) async fn run(args: CreateArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let settings = ctx.settings()?;
    let test_mode = if args.live {
        Some(false)
    } else if args.test_mode || settings.profile_config.test_mode == Some(true) {
        Some(true)
    } else {
        None
    };
    if args.input.rows.is_some() || args.input.is_batch(args.batch) {
        return run_batch(args, test_mode, settings, ctx).await;
    }
    let body = crate::seqfile::body_from_args(args.input.file.as_deref(), &args.input.overrides(test_mode))?;

    if args.dry_run {
        let url = crate::api::sequences_url(&settings.api_url);
        // Under --sandbox nothing was started: say where it would go, not a made-up port.
        let url = if ctx.is_sandbox() { format!("the local sandbox, {}", url.path()) } else { url.to_string() };
        if args.output.json || args.output.jq.is_some() {
            // The body alone on stdout, as `--jq .name` expects; where it would go, beside it.
            ctx.ui.info(&format!("POST {url}"));
            return ctx.print_json(&body, args.output.jq.as_deref());
        }
        ctx.ui.out(&crate::render::dry_run("POST", &url, &body))?;
        return Ok(());
    }

    let client = ctx.client(&settings)?;
    let asked_test = body.get("is_test_mode") == Some(&Value::Bool(true));
    // -q is quiet: the id on stdout, and on stderr nothing but errors.
    let quiet = args.output.quiet;
    if !quiet {
        let kind = if asked_test { "test-mode" } else { "LIVE" };
        ctx.ui.note_tty(&if ctx.is_sandbox() {
            // Nothing there is live: the sandbox contacts no one.
            let kind = if asked_test { "test-mode " } else { "" };
            format!("Creating {kind}sequence on the local sandbox (no one is contacted; profile {})", settings.profile)
        } else {
            format!("Creating {kind} sequence on {} (profile {})", settings.api_url, settings.profile)
        });
    }
    let key = args.idempotency_key.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let seq = client.create_sequence(&body, &key).await.map_err(|e| {
        e.context(crate::error::CreatingSequence {
            key: key.clone(),
            retry: crate::args::this_command_line(
                ctx.ui,
                &format!("the same command with --idempotency-key {key} (in place of any key it had)"),
                Some("--idempotency-key"),
                true,
                &["--idempotency-key", &key],
            ),
        })
    })?;
    if asked_test && seq.data.get("is_test_mode") != Some(&Value::Bool(true)) {
        // The result still goes to stdout, so a script can act on the id.
        ctx.print_sequence(&seq, &args.output)?;
        let shown = seq.data.get("is_test_mode").map_or("absent".to_string(), |v| v.to_string());
        return Err(TestModeNotHonoured::new([seq.id()], shown).into());
    }
    let Some(id) = seq.id() else {
        // Created all the same: the answer is shown whole, then the error says what it lacks
        // for -q (whose stdout is the id alone) and --wait (which follows the id).
        if !args.output.quiet {
            ctx.print_sequence(&seq, &args.output)?;
        }
        if !args.output.quiet && !args.wait {
            return Ok(());
        }
        let missing = if args.wait { ", so it can't be waited for" } else { "" };
        return Err(crate::error::BadResponse {
            message: format!("the sequence was created, but the API's answer has no sequence id{missing}"),
            status: None,
        }
        .into());
    };
    if !quiet {
        ctx.ui.status(&format!("Created sequence {id}"));
    }
    if args.wait {
        let id = u64::try_from(id).map_err(|_| anyhow::anyhow!("the API gave a negative sequence id {id}"))?;
        return ctx.wait_and_print(&client, id, args.timing.get(), &args.output, Some(seq)).await;
    }
    ctx.print_sequence(&seq, &args.output)
}
