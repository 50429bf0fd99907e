//! Running a parsed command line: building the runtime and reporting failures.

use crate::cli::Cli;
use crate::context::{ConfigOnce, Ctx, Mode};
use crate::env::Env;
use crate::error::{self, UsageError};
use crate::output::Ui;
use crate::sandbox::{Sandbox, SandboxConfig};
use anyhow::Context as _;

pub fn run(cli: Cli, ui: &Ui, env: &Env) -> anyhow::Result<()> {
    // The one place the mode is decided: every command asks `ctx.mode`.
    let mode_sandbox = cli.global.sandbox || env.flag("CLARION_SANDBOX")?;
    // Only a command that talks to the API starts the embedded sandbox (and opens its
    // database); `auth`, `config`, `completions` and the like say what they do under it.
    let use_sandbox = mode_sandbox && cli.command.uses_api();
    let config = ConfigOnce::default();
    check_named_profile(&cli, env, &config)?;
    // Worker threads pay off for a server (the embedded sandbox too). A client, even a batch
    // with many creates in flight, waits on the network: on the calling thread it does the
    // same work with a third less CPU (no hand-offs between workers), which a server on the
    // same machine, the sandbox or a developer's mock, gets to use.
    let runtime = if use_sandbox || cli.command.serves() {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()
    } else {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    }
    .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        let sandbox = if use_sandbox { Some(start_embedded_sandbox(env, ui).await?) } else { None };
        let mode = match &sandbox {
            Some(s) => Mode::Sandbox { url: Some(s.url.clone()) },
            None if mode_sandbox => Mode::Sandbox { url: None },
            None => Mode::Api,
        };
        let ctx = Ctx { ui, global: &cli.global, env, mode, config: &config };
        let result = crate::commands::run(cli.command, &ctx).await;
        if let Some(s) = sandbox {
            s.stop().await;
        }
        result
    })
}

/// A profile named with `--profile` or CLARION_PROFILE must be a valid name and exist, for
/// every command but the two that start one (`auth login`, `config set`): a misspelt CI
/// profile must stop the job, whatever the command (exit 2, the defined profiles listed).
fn check_named_profile(cli: &Cli, env: &Env, config: &ConfigOnce) -> anyhow::Result<()> {
    env.check_unicode("CLARION_PROFILE")?;
    let Some((name, origin)) = crate::config::named_profile(cli.global.profile.as_deref(), env) else { return Ok(()) };
    crate::config::check_profile_name(name).map_err(UsageError::new)?;
    if cli.command.starts_profiles() {
        return Ok(());
    }
    let (dir, cfg) = config.get(env)?;
    crate::config::check_profile_defined(dir, cfg, name, origin)
}

/// Simulated minutes pass at one per real second under `--sandbox`, so a sequence visibly
/// progresses between two commands; `CLARION_SANDBOX_SPEED` changes that.
const EMBEDDED_SPEED: f64 = 60.0;

async fn start_embedded_sandbox(env: &Env, ui: &Ui) -> anyhow::Result<Sandbox> {
    env.check_unicode("CLARION_SANDBOX_SPEED")?;
    let speed = match env.get("CLARION_SANDBOX_SPEED") {
        None => EMBEDDED_SPEED,
        Some(raw) => crate::sandbox::parse_speed(raw)
            .map_err(|why| UsageError::new(format!("CLARION_SANDBOX_SPEED={raw:?}: {why}")))?,
    };
    let cfg = SandboxConfig {
        db: Some(crate::sandbox::embedded_db_path(env)?),
        speed,
        ..SandboxConfig::new(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
    };
    let sandbox = Sandbox::start(cfg).await.context("cannot start the embedded sandbox")?;
    if let Some((asked, running)) = sandbox.speed_ignored
        && env.get("CLARION_SANDBOX_SPEED").is_some()
    {
        ui.warn(&format!(
            "the sandbox database's clock runs at {running}x, so CLARION_SANDBOX_SPEED={asked} is ignored (another speed needs another CLARION_SANDBOX_DB)"
        ));
    }
    Ok(sandbox)
}

/// Reports an error on stderr and returns the exit code it stands for.
pub fn report(ui: &Ui, err: &anyhow::Error) -> u8 {
    if error::is_broken_pipe(err) {
        return error::code::SUCCESS;
    }
    let (errors, hints) = error::render(err);
    for line in &errors {
        ui.error(line);
    }
    for h in &hints {
        ui.hint(h);
    }
    error::exit_code(err)
}
