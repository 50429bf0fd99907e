//! The sandbox: a stateful, fault-injectable imitation of the Sequence Manager API over real
//! HTTP, served by `clarion sandbox serve` or embedded in-process by `clarion --sandbox`.

mod clock;
mod http;
mod lifecycle;
mod options;
mod store;
pub(crate) mod validate;
mod writer;

pub(crate) use options::SandboxConfig;
use options::{DropConnection, Peer};
pub use store::{KeyState, Store};

use anyhow::Context as _;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceExt as _;

/// A running sandbox; `stop` finishes in-flight requests (briefly) and closes the database.
pub(crate) struct Sandbox {
    pub url: String,
    /// `(asked, running)`: the speed asked for, and the database clock's, when they differ
    /// (the database's wins, so that every process sharing it agrees on the time).
    pub speed_ignored: Option<(f64, f64)>,
    state: Arc<http::State>,
    shutdown: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Sandbox {
    pub(crate) async fn start(cfg: SandboxConfig) -> anyhow::Result<Sandbox> {
        let listener = TcpListener::bind(cfg.addr).await.with_context(|| format!("cannot listen on {}", cfg.addr))?;
        let addr = listener.local_addr()?;
        let limits = Limits {
            header_timeout: cfg.header_timeout,
            slots: Arc::new(tokio::sync::Semaphore::new(cfg.max_connections.max(1))),
        };
        let state = http::State::open(cfg).await?;
        let speed_ignored = state.speed_ignored.map(|asked| (asked, state.clock_speed()));
        let (tx, rx) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, http::router(state.clone()), limits, rx));
        Ok(Sandbox { url: format!("http://{addr}"), speed_ignored, state, shutdown: tx, task })
    }

    pub(crate) async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
        if let Some((creates, commits)) = self.state.creates_per_commit()
            && commits > 0
        {
            self.state.log(&format!(
                "group commit: {creates} creates in {commits} commits, {:.1} per fsync",
                creates as f64 / commits as f64
            ));
        }
    }
}

/// What a connection may cost: the sandbox is a server someone will expose.
#[derive(Clone)]
struct Limits {
    header_timeout: Duration,
    /// One permit per connection being served.
    slots: Arc<tokio::sync::Semaphore>,
}

async fn accept_loop(listener: TcpListener, router: axum::Router, limits: Limits, mut shutdown: watch::Receiver<bool>) {
    let mut conns = tokio::task::JoinSet::new();
    // After a failed accept (EMFILE: out of file descriptors), wait before the next try
    // instead of spinning on the same error; doubled each time, up to a second.
    let mut backoff = Duration::from_millis(5);
    loop {
        // Beyond the cap, connections wait in the kernel's queue, not in memory here.
        let slot = tokio::select! {
            s = limits.slots.clone().acquire_owned() => match s { Ok(s) => s, Err(_) => break },
            _ = shutdown.changed() => break,
        };
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    backoff = Duration::from_millis(5);
                    let _ = stream.set_nodelay(true);
                    let (limits, router, shutdown) = (limits.clone(), router.clone(), shutdown.clone());
                    conns.spawn(async move {
                        let _slot = slot;
                        serve_connection(stream, peer, router, &limits, shutdown).await;
                    });
                }
                Err(_) => {
                    drop(slot);
                    tokio::select! {
                        _ = tokio::time::sleep(backoff) => {}
                        _ = shutdown.changed() => break,
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(1));
                }
            },
            _ = shutdown.changed() => break,
        }
        while conns.try_join_next().is_some() {}
    }
    drop(listener);
    // Requests already being served get a moment to finish; their commits are durable anyway.
    let _ = tokio::time::timeout(Duration::from_secs(5), async { while conns.join_next().await.is_some() {} }).await;
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: axum::Router,
    limits: &Limits,
    mut shutdown: watch::Receiver<bool>,
) {
    let dropper = Arc::new(Notify::new());
    let for_requests = dropper.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(DropConnection(for_requests.clone()));
        req.extensions_mut().insert(Peer(peer));
        router.clone().oneshot(req)
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        // Dropping the connection future closes the socket with nothing written.
        _ = dropper.notified() => {}
        _ = shutdown.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// The fastest simulated clock: a year of simulated time in about half a minute. Faster
/// would make simulated times overflow and mean nothing.
pub(crate) const MAX_SPEED: f64 = 1_000_000.0;

/// A clock rate (`--speed`, `CLARION_SANDBOX_SPEED`): a positive number up to `MAX_SPEED`.
pub(crate) fn parse_speed(raw: &str) -> Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= MAX_SPEED => Ok(x),
        _ => Err(format!("expected a positive number up to {MAX_SPEED}, such as 1 or 600")),
    }
}

/// Empties a sandbox database (see `Store::reset`); returns how many sequences it held.
pub(crate) fn reset_db(path: &Path) -> anyhow::Result<i64> {
    store::Store::open(Some(path))?.reset()
}

/// The sandbox database file `--sandbox` uses: `CLARION_SANDBOX_DB`, else the data directory.
pub(crate) fn default_db_path(env: &crate::env::Env) -> anyhow::Result<PathBuf> {
    Ok(db_choice(env)?.0)
}

/// `default_db_path`, with its folder made ready when it is clarion's own data directory
/// (created 0700: the database holds phone numbers). A folder the user named in
/// `CLARION_SANDBOX_DB` must already exist.
pub(crate) fn embedded_db_path(env: &crate::env::Env) -> anyhow::Result<PathBuf> {
    let (path, ours) = db_choice(env)?;
    if let Some(dir) = path.parent().filter(|_| ours) {
        crate::fs::ensure_private_dir(dir)?;
    }
    Ok(path)
}

/// The path, and whether it is in clarion's data directory rather than named by the user.
fn db_choice(env: &crate::env::Env) -> anyhow::Result<(PathBuf, bool)> {
    env.check_unicode("CLARION_SANDBOX_DB")?;
    if let Some(p) = env.get("CLARION_SANDBOX_DB") {
        return Ok((PathBuf::from(p), false));
    }
    let path = dirs::data_dir().map(|d| d.join("clarion").join("sandbox.sqlite3")).ok_or_else(|| {
        crate::error::UsageError::with_hint(
            "cannot find a data directory for the sandbox database",
            "set CLARION_SANDBOX_DB to a file path",
        )
    })?;
    Ok((path, true))
}
