//! What a sandbox is started with (`SandboxConfig`), and what the accept loop puts into each
//! request for the handlers (`DropConnection`, `Peer`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Debug, Clone)]
pub(crate) struct SandboxConfig {
    pub addr: SocketAddr,
    /// SQLite file; in memory when `None`.
    pub db: Option<PathBuf>,
    /// Accept only this bearer token; any non-empty one when `None`.
    pub token: Option<String>,
    pub seed: Option<u64>,
    pub speed: f64,
    pub latency: Duration,
    pub fail_rate: f64,
    pub retry_after: u64,
    pub rate_limit: Option<u32>,
    pub drop_rate: f64,
    /// One line per request on stderr.
    pub log: bool,
    /// A connection that hasn't sent a whole request head this long after it opened, or after
    /// its previous answer (an idle keep-alive), is closed.
    pub header_timeout: Duration,
    /// How long one request may take to arrive whole: then 408, so a body that trickles in,
    /// or never ends, can't hold a connection for ever. Once it has arrived it is answered.
    pub request_deadline: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
}

impl SandboxConfig {
    pub(crate) fn new(addr: SocketAddr) -> Self {
        SandboxConfig {
            addr,
            db: None,
            token: None,
            seed: None,
            speed: 1.0,
            latency: Duration::ZERO,
            fail_rate: 0.0,
            retry_after: 1,
            rate_limit: None,
            drop_rate: 0.0,
            log: false,
            header_timeout: Duration::from_secs(10),
            request_deadline: Duration::from_secs(60),
            max_connections: 512,
        }
    }
}

/// Put into each request so a handler can close its connection without answering.
#[derive(Clone)]
pub(crate) struct DropConnection(pub Arc<Notify>);

/// The client's address, for the request log.
#[derive(Clone, Copy)]
pub(crate) struct Peer(pub SocketAddr);
