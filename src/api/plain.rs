//! Plain HTTP/1.1 to this machine: the API's transport when its URL is `http://`, which only
//! a loopback address may be (`base_url::parse_api_url`). A few kept-alive connections, each
//! driven by hyper directly.
//!
//! Why not reqwest here: with no TLS, no proxy and no redirect to handle, reqwest's layers
//! were 30% of the instructions a batch's create cost the client (it parses each request's
//! URL twice, with IDNA, even with redirects off), CPU taken from the local server the batch
//! is waiting on. What reqwest did that still matters is kept: the same headers on the wire
//! (`Host` and `User-Agent` unless given), `TCP_NODELAY`, a connect timeout, idle connections
//! dropped after 90 seconds, and a request that never left a closed kept-alive connection sent
//! again on a fresh one.

use super::failure::{Failure, Stage};
use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::client::conn::http1;
use reqwest::header::{HOST, HeaderMap, HeaderValue, USER_AGENT};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use url::Url;

/// Connections idle longer than this are not used again (reqwest's default too): a server
/// may have dropped them without a word.
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);
/// More idle connections than this are closed rather than kept.
const MAX_IDLE: usize = 64;

type Sender = http1::SendRequest<Full<Bytes>>;

pub(crate) struct Pool {
    addrs: Vec<SocketAddr>,
    host: HeaderValue,
    user_agent: HeaderValue,
    connect_timeout: Duration,
    idle: Mutex<Vec<(Sender, Instant)>>,
}

/// An answer whose body is still to be read; its connection goes back to the pool once the
/// body has been read to the end.
pub(crate) struct Answer<'a> {
    pool: &'a Pool,
    sender: Option<Sender>,
    pub head: http::response::Parts,
    body: hyper::body::Incoming,
    deadline: tokio::time::Instant,
}

impl Pool {
    /// A pool for `base`, which must be a plain-HTTP loopback URL.
    pub(crate) fn new(base: &Url, user_agent: &'static str, connect_timeout: Duration) -> anyhow::Result<Self> {
        let port = base.port_or_known_default().ok_or_else(|| anyhow::anyhow!("{base} has no port"))?;
        // `localhost` is this machine by definition (RFC 6761), so it is not looked up: no
        // resolver, and no hosts file, can send it anywhere else.
        let ips: Vec<IpAddr> = match base.host() {
            Some(url::Host::Ipv4(ip)) if ip.is_loopback() => vec![ip.into()],
            Some(url::Host::Ipv6(ip)) if ip.is_loopback() => vec![ip.into()],
            Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => {
                vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()]
            }
            _ => anyhow::bail!("plain HTTP is only for this machine, not {base}"),
        };
        let host = base.host_str().unwrap_or_default();
        // As reqwest sends it: the port only when it isn't the scheme's own.
        let host = match base.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        Ok(Pool {
            addrs: ips.into_iter().map(|ip| SocketAddr::new(ip, port)).collect(),
            host: HeaderValue::from_str(&host)?,
            user_agent: HeaderValue::from_static(user_agent),
            connect_timeout,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Sends one request and waits for its answer's head, all before `deadline`.
    pub(crate) async fn send(
        &self,
        method: http::Method,
        url: &Url,
        mut headers: HeaderMap,
        body: Option<Bytes>,
        deadline: tokio::time::Instant,
    ) -> Result<Answer<'_>, Failure> {
        let target = &url[url::Position::BeforePath..url::Position::AfterQuery];
        let uri = http::Uri::try_from(target).map_err(|e| Failure::new(Stage::Unsendable, e))?;
        headers.entry(USER_AGENT).or_insert_with(|| self.user_agent.clone());
        headers.entry(HOST).or_insert_with(|| self.host.clone());
        let mut request = http::Request::new(Full::new(body.unwrap_or_default()));
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        loop {
            let (mut sender, fresh) = match self.take_idle() {
                Some(sender) => (sender, false),
                None => (self.connect(deadline).await?, true),
            };
            // A kept-alive connection is ready once its last answer has been wound up, or
            // is found closed.
            match tokio::time::timeout_at(deadline, sender.ready()).await {
                Err(_) => return Err(Failure::timed_out(false)),
                Ok(Err(_)) if !fresh => continue,
                // Closed as soon as it was opened: nothing was sent on it.
                Ok(Err(e)) => return Err(Failure::new(Stage::Connect, e)),
                Ok(Ok(())) => {}
            }
            let sent = tokio::time::timeout_at(deadline, sender.try_send_request(request)).await;
            match sent {
                Err(_) => return Err(Failure::timed_out(true)),
                Ok(Ok(response)) => {
                    let (head, body) = response.into_parts();
                    return Ok(Answer { pool: self, sender: Some(sender), head, body, deadline });
                }
                Ok(Err(mut e)) => match e.take_message() {
                    // It never left: a kept-alive connection closed under it. A new one gets it.
                    Some(unsent) if !fresh => request = unsent,
                    _ => return Err(Failure::new(Stage::Request, e.into_error())),
                },
            }
        }
    }

    fn take_idle(&self) -> Option<Sender> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some((sender, since)) = idle.pop() {
            if !sender.is_closed() && since.elapsed() < IDLE_TIMEOUT {
                return Some(sender);
            }
        }
        None
    }

    fn put_idle(&self, sender: Sender) {
        if sender.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push((sender, Instant::now()));
        }
    }

    async fn connect(&self, deadline: tokio::time::Instant) -> Result<Sender, Failure> {
        let deadline = deadline.min(tokio::time::Instant::now() + self.connect_timeout);
        let (mut errors, mut timed_out) = (Vec::new(), false);
        for (i, addr) in self.addrs.iter().enumerate() {
            // Each address but the last gets its share of the time left, so one that never
            // answers can't keep the next from being tried.
            let now = tokio::time::Instant::now();
            let share = deadline.saturating_duration_since(now) / u32::try_from(self.addrs.len() - i).unwrap_or(1);
            match tokio::time::timeout_at(now + share, TcpStream::connect(addr)).await {
                Err(_) => timed_out = true,
                Ok(Err(e)) => errors.push(e),
                Ok(Ok(stream)) => {
                    // Each request goes out whole at once; Nagle would hold its tail back.
                    stream.set_nodelay(true).map_err(|e| Failure::new(Stage::Connect, e))?;
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let (sender, connection) =
                        http1::handshake(io).await.map_err(|e| Failure::new(Stage::Connect, e))?;
                    // The connection ends when its last sender is dropped; its error, if any,
                    // reaches the request it broke.
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                    return Ok(sender);
                }
            }
        }
        // The most telling failure: nothing listening (on `localhost`'s IPv4 address, say)
        // over an address this machine lacks (its IPv6 one, in many containers), then a
        // silence, then the first error.
        let refused = errors.iter().position(|e| e.kind() == std::io::ErrorKind::ConnectionRefused);
        match refused {
            Some(i) => Err(Failure::new(Stage::Connect, errors.swap_remove(i))),
            None if timed_out => Err(Failure::timed_out(false)),
            None => Err(Failure::new(
                Stage::Connect,
                errors.into_iter().next().unwrap_or_else(|| std::io::Error::other("no address to connect to")),
            )),
        }
    }
}

impl Answer<'_> {
    /// The body's next piece, or `None` at its end (the connection is then free again).
    pub(crate) async fn chunk(&mut self) -> Result<Option<Bytes>, Failure> {
        loop {
            let frame = match tokio::time::timeout_at(self.deadline, self.body.frame()).await {
                Err(_) => return Err(Failure::timed_out(true)),
                Ok(None) => {
                    if let Some(sender) = self.sender.take() {
                        self.pool.put_idle(sender);
                    }
                    return Ok(None);
                }
                Ok(Some(frame)) => frame.map_err(|e| Failure::new(Stage::Body, e))?,
            };
            // Trailers carry nothing clarion reads.
            if let Ok(data) = frame.into_data() {
                return Ok(Some(data));
            }
        }
    }
}
