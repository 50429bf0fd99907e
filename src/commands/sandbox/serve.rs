//! `clarion sandbox serve`: run the local Sequence Manager until Ctrl-C or SIGTERM.

use crate::context::Ctx;
use crate::error::UsageError;
use crate::sandbox::{Sandbox, SandboxConfig};
use clap::Args;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

/// Serve a stateful imitation of the Sequence Manager API on this machine
///
/// Prints its base URL as the first line on stdout, then logs one line per request on
/// stderr. Sequences progress on a simulated clock (see --speed); faults can be injected to
/// test clients. Stops cleanly on Ctrl-C or SIGTERM.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sandbox serve
  clarion sandbox serve --addr 127.0.0.1:0 --db sandbox.sqlite3 --speed 600 --seed 1
  clarion sandbox serve --fail-rate 0.3 --retry-after 0 --drop-rate 0.05 --seed 7")]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:4010")]
    pub addr: String,

    /// SQLite file to keep state in (survives restarts; shareable by several processes) [default: in memory]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Accept only this bearer token [default: any non-empty token]. Visible to other users
    /// in `ps`: prefer --token-file or CLARION_SANDBOX_TOKEN
    #[arg(long, value_name = "TOKEN", conflicts_with = "token_file")]
    pub token: Option<String>,

    /// Accept only the bearer token in this file [env: CLARION_SANDBOX_TOKEN holds the token itself]
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// Seed for step ids, outcomes, timings and faults: the same seed gives the same results
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Simulated clock rate: 600 runs a ten-minute sequence in about a second
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = crate::sandbox::parse_speed)]
    pub speed: f64,

    /// Milliseconds added to every answer
    #[arg(long, value_name = "MS", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub latency: u64,

    /// Fraction of requests answered 503 with Retry-After, before any state changes
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    pub fail_rate: f64,

    /// Retry-After seconds sent with --fail-rate's 503s (0 keeps tests fast)
    #[arg(long, value_name = "SECONDS", default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub retry_after: u64,

    /// Answer 429 with Retry-After to requests beyond N in one second
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,

    /// Fraction of creates committed and then left unanswered (the connection is closed)
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    pub drop_rate: f64,

    /// Seconds a connection may take to send a request's head (also how long an idle
    /// keep-alive connection is kept)
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,

    /// Seconds a request may take to arrive whole (its body read); then 408
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_deadline: u64,

    /// Connections served at once; more wait until one closes
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub max_connections: u64,
}

/// The token the sandbox accepts: --token, --token-file or CLARION_SANDBOX_TOKEN.
fn accepted_token(args: &ServeArgs, ctx: &Ctx<'_>) -> anyhow::Result<Option<String>> {
    let raw = match (&args.token, &args.token_file) {
        (Some(t), _) => t.clone(),
        (None, Some(path)) => crate::config::read_token_file(path)?,
        (None, None) => {
            ctx.env.check_unicode("CLARION_SANDBOX_TOKEN")?;
            match ctx.env.get("CLARION_SANDBOX_TOKEN") {
                Some(t) => t.to_string(),
                None => return Ok(None),
            }
        }
    };
    let token = crate::config::Token::new(&raw).map_err(|why| UsageError::new(format!("the sandbox's token {why}")))?;
    Ok(Some(token.expose().to_string()))
}

fn probability(raw: &str) -> Result<f64, String> {
    match raw.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err("expected a fraction from 0 to 1, such as 0.3".into()),
    }
}

fn parse_addr(raw: &str) -> Result<SocketAddr, UsageError> {
    raw.to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.find(SocketAddr::is_ipv4).or_else(|| raw.to_socket_addrs().ok()?.next()))
        .ok_or_else(|| UsageError::new(format!("--addr {raw:?} is not a HOST:PORT address this machine can listen on")))
}

pub(crate) async fn run(args: ServeArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    // A server allocates per request for as long as it runs.
    crate::alloc::favor_throughput();
    let addr = parse_addr(&args.addr)?;
    if !addr.ip().is_loopback() {
        ctx.ui.warn(&format!("listening on {addr}: other machines can reach this sandbox"));
    }
    let token = accepted_token(&args, ctx)?;
    let cfg = SandboxConfig {
        db: args.db,
        token,
        header_timeout: Duration::from_secs(args.header_timeout),
        request_deadline: Duration::from_secs(args.request_deadline),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        seed: args.seed,
        speed: args.speed,
        latency: Duration::from_millis(args.latency),
        fail_rate: args.fail_rate,
        retry_after: args.retry_after,
        rate_limit: args.rate_limit,
        drop_rate: args.drop_rate,
        log: true,
        ..SandboxConfig::new(addr)
    };
    // Listening before the URL is out: a supervisor may stop it the moment it has read it.
    let stop = crate::interrupt::Interrupts::new();
    let sandbox = Sandbox::start(cfg).await?;
    if let Some((asked, running)) = sandbox.speed_ignored {
        ctx.ui.warn(&format!(
            "this database's clock runs at {running}x, so --speed {asked} is ignored: every process sharing the file keeps one time (another speed needs another --db)"
        ));
    }
    ctx.ui.out(&sandbox.url)?;
    stop.first().await;
    ctx.ui.info("shutting down");
    sandbox.stop().await;
    Ok(())
}
