//! The HTTP client for the Sequence Manager API: one place that builds requests,
//! sends them, and turns every answer into a sequence or a classified error.

pub(crate) mod auth;
mod base_url;
mod created;
mod failure;
pub(crate) mod gate;
mod plain;
mod response;
pub(crate) mod retry;

pub(crate) use base_url::{ApiUrl, parse_api_url};
pub(crate) use created::Created;
pub(crate) use response::{RawResponse, Sequence, check_status, parse_sequence_response};
pub(crate) use retry::RetryPolicy;

use crate::error::{RetriesExhausted, TransportError};
use anyhow::Context as _;
use auth::{Token, is_loopback};
use failure::Failure;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use serde_json::Value;
use std::time::Duration;
use url::Url;

pub(crate) const SEQUENCES_PATH: &str = "v1/sequence-manager/sequences";
pub(crate) const USER_AGENT: &str = concat!("clarion/", env!("CARGO_PKG_VERSION"));
/// Larger answers are refused rather than read into memory.
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub(crate) const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

type Sink = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

pub(crate) struct ApiClient {
    transport: Transport,
    base: ApiUrl,
    /// The collection's URL, parsed once (a batch posts to it thousands of times).
    sequences: Url,
    /// `Bearer TOKEN`, built once and marked sensitive (never shown by `-v` or `Debug`).
    authorization: HeaderValue,
    trace: Option<Trace>,
    retry: RetryPolicy,
    notify: Option<Sink>,
    gate: Option<std::sync::Arc<gate::PauseGate>>,
    /// Bounds each attempt (the plain transport's; reqwest keeps its own).
    request_timeout: Duration,
}

/// How requests travel: `http://` (this machine only) over plain connections of clarion's own,
/// anything else through reqwest, for TLS and proxies.
enum Transport {
    Plain(plain::Pool),
    Reqwest(reqwest::Client),
}

/// An answer whose body is still to be read.
enum Answer<'a> {
    Plain(plain::Answer<'a>),
    Reqwest(reqwest::Response),
}

/// Where `-v` output goes: a line at a time, at a level (1: requests and headers, 2: bodies too).
#[derive(Clone)]
pub(crate) struct Trace {
    pub level: u8,
    pub sink: Sink,
}

/// How to build the client beyond base URL and token.
#[derive(Clone)]
pub(crate) struct ClientOptions {
    pub extra_roots: Vec<reqwest::Certificate>,
    pub trace: Option<Trace>,
    pub retry: RetryPolicy,
    /// Bounds each attempt, from connecting to the last byte of the body.
    pub request_timeout: Duration,
    /// Where a line about each retry goes (attempt, reason, delay).
    pub notify: Option<Sink>,
    /// Shared by concurrent requests: a `Retry-After` from any answer pauses them all.
    pub gate: Option<std::sync::Arc<gate::PauseGate>>,
}

/// A request to any path of the API (`clarion api`).
pub(crate) struct RawRequest {
    pub method: reqwest::Method,
    pub url: Url,
    /// Shared, not copied, by each attempt.
    pub body: Option<bytes::Bytes>,
    pub headers: reqwest::header::HeaderMap,
}

impl ApiClient {
    pub(crate) fn new(base: ApiUrl, token: Token, options: ClientOptions) -> anyhow::Result<Self> {
        let ClientOptions { extra_roots, trace, retry, request_timeout, notify, gate } = options;
        let connect_timeout = CONNECT_TIMEOUT.min(request_timeout);
        let transport = if base.scheme() == "http" {
            // Plain http is only ever this machine (an `ApiUrl`'s promise): no TLS, no proxy.
            Transport::Plain(plain::Pool::new(&base, USER_AGENT, connect_timeout)?)
        } else {
            Transport::Reqwest(reqwest_client(&base, extra_roots, connect_timeout, request_timeout)?)
        };
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
            .map_err(|_| anyhow::anyhow!("the token can't be sent as a header"))?;
        authorization.set_sensitive(true);
        Ok(Self {
            transport,
            sequences: sequences_url(&base),
            base,
            authorization,
            trace,
            retry,
            notify,
            gate,
            request_timeout,
        })
    }

    pub(crate) fn sequences_url(&self) -> Url {
        self.sequences.clone()
    }

    pub(crate) fn sequence_url(&self, id: u64) -> Url {
        sequence_url(&self.base, id)
    }

    /// POSTs a sequence. Every attempt carries the same `Idempotency-Key`, so a retry after a
    /// lost answer gets the first sequence back instead of creating a second.
    pub(crate) async fn create_sequence(&self, body: &Value, idempotency_key: &str) -> anyhow::Result<Sequence> {
        let bytes = serde_json::to_vec(body).context("cannot encode the request body")?;
        parse_sequence_response(&self.post_sequence(bytes.into(), idempotency_key).await?)
    }

    /// The same create for a batch, which keeps only the id, status and test mode of each
    /// answer: it is read for those (`created.rs`), with the same outcome. The body comes
    /// encoded (a batch encodes it off the senders' thread, or kept it from its validation pass).
    pub(crate) async fn create_for_batch(&self, body: bytes::Bytes, idempotency_key: &str) -> anyhow::Result<Created> {
        let (raw, earlier_may_have_acted) = self.send_counted(&self.post_request(body, idempotency_key)?, true).await?;
        let created = created::parse_created(&raw)?;
        // A replay may be of this request's own earlier attempt (its answer lost): only when
        // none could have been acted on does it show an earlier run made the sequence.
        Ok(Created { replayed: created.replayed && !earlier_may_have_acted, ..created })
    }

    async fn post_sequence(&self, body: bytes::Bytes, idempotency_key: &str) -> anyhow::Result<RawResponse> {
        self.send(&self.post_request(body, idempotency_key)?, true).await
    }

    fn post_request(&self, body: bytes::Bytes, idempotency_key: &str) -> anyhow::Result<RawRequest> {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            crate::contract::headers::IDEMPOTENCY_KEY,
            HeaderValue::from_str(idempotency_key).context("invalid idempotency key")?,
        );
        Ok(RawRequest { method: reqwest::Method::POST, url: self.sequences_url(), body: Some(body), headers })
    }

    pub(crate) async fn get_sequence(&self, id: u64) -> anyhow::Result<Sequence> {
        let req = RawRequest {
            method: reqwest::Method::GET,
            url: self.sequence_url(id),
            body: None,
            headers: Default::default(),
        };
        let raw = self.send(&req, true).await?;
        parse_sequence_response(&raw)
    }

    /// Any request, answered as received. Retried only when repeating it is harmless: a
    /// method that is idempotent by definition, or one carrying an `Idempotency-Key`.
    pub(crate) async fn raw(&self, req: &RawRequest) -> anyhow::Result<RawResponse> {
        use reqwest::Method;
        // `resolve_target` already refused any other target; the same rule holds here for any
        // caller, and the plain transport, which dials the base's address whatever the URL
        // says, never sends one host's path to another.
        check_target(&self.base, &req.url)?;
        let safe = [Method::GET, Method::HEAD, Method::OPTIONS, Method::PUT, Method::DELETE].contains(&req.method)
            || req.headers.contains_key(crate::contract::headers::IDEMPOTENCY_KEY);
        self.send(req, safe).await
    }

    /// Sends with retries (when `retry_safe`): transport failures and retryable statuses are
    /// tried again after a backoff (or the server's `Retry-After`); anything else is returned
    /// as it came.
    async fn send(&self, req: &RawRequest, retry_safe: bool) -> anyhow::Result<RawResponse> {
        self.send_counted(req, retry_safe).await.map(|(raw, _)| raw)
    }

    /// `send`, and whether an earlier attempt may have been acted on by the server: its answer
    /// was lost, or was a 5xx that may have come after the work (503 says the server was
    /// unavailable, 408 and 429 that it didn't take the request).
    async fn send_counted(&self, req: &RawRequest, retry_safe: bool) -> anyhow::Result<(RawResponse, bool)> {
        let mut may_have_acted = false;
        let mut rng = fastrand::Rng::new();
        let mut retry = 0;
        let retries = if retry_safe { self.retry.retries } else { 0 };
        let has_key = req.headers.contains_key(crate::contract::headers::IDEMPOTENCY_KEY);
        loop {
            if let Some(gate) = &self.gate {
                gate.wait().await;
            }
            let result = self.attempt(req).await;
            if let (Some(gate), Ok(RawResponse { retry_after: Some(d), .. })) = (&self.gate, &result) {
                gate.pause((*d).min(self.retry.retry_after_cap));
            }
            let (reason, retry_after) = match &result {
                Ok(raw) if retry::retryable_status(raw.status, has_key) => (status_reason(raw.status), raw.retry_after),
                Err(e) if e.downcast_ref::<TransportError>().is_some_and(|t| t.retryable) => (e.to_string(), None),
                _ => return result.map(|raw| (raw, may_have_acted)),
            };
            if retry >= retries {
                if retry == 0 {
                    return result.map(|raw| (raw, may_have_acted));
                }
                let network = result.is_err();
                let may_have_arrived = result.as_ref().map_or_else(may_have_arrived, |_| true);
                let last = match result {
                    Ok(raw) => match parse_sequence_response(&raw) {
                        Err(e) => e,
                        Ok(_) => anyhow::anyhow!("{reason}"),
                    },
                    Err(e) => e,
                };
                return Err(RetriesExhausted {
                    attempts: retry + 1,
                    last: format!("{last:#}"),
                    network,
                    may_have_arrived,
                }
                .into());
            }
            let delay = self.retry.delay(retry, retry_after, &mut rng);
            if let Some(notify) = &self.notify {
                let why = if retry_after.is_some() { " (as Retry-After asked)" } else { "" };
                notify(&format!(
                    "retrying in {:.1}s{why}, attempt {} of {}: {}",
                    delay.as_secs_f64(),
                    retry + 2,
                    retries + 1,
                    crate::untrusted::escape_line(&reason)
                ));
            }
            may_have_acted |= match &result {
                Ok(raw) => raw.status >= 500 && raw.status != 503,
                Err(e) => may_have_arrived(e),
            };
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }

    /// One try, start to finish: a transport failure is a `TransportError`.
    async fn attempt(&self, raw: &RawRequest) -> anyhow::Result<RawResponse> {
        let mut headers = reqwest::header::HeaderMap::with_capacity(4 + raw.headers.len());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if raw.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        // The caller's headers replace these defaults (`api -H 'Content-Type: text/plain'`
        // sends one Content-Type), and a header given twice is sent twice.
        for name in raw.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &raw.headers {
            headers.append(name, value.clone());
        }
        headers.insert(AUTHORIZATION, self.authorization.clone());
        if let Some(t) = &self.trace {
            trace_request(t, raw, &headers);
        }
        let started = std::time::Instant::now();
        let failed = |f: Failure| transport_error(&f, &self.base);
        let mut answer = match &self.transport {
            Transport::Plain(pool) => {
                let deadline = tokio::time::Instant::now() + self.request_timeout;
                Answer::Plain(
                    pool.send(raw.method.clone(), &raw.url, headers, raw.body.clone(), deadline)
                        .await
                        .map_err(failed)?,
                )
            }
            Transport::Reqwest(http) => {
                let mut req = http.request(raw.method.clone(), raw.url.clone()).headers(headers);
                if let Some(bytes) = &raw.body {
                    req = req.body(bytes.clone());
                }
                Answer::Reqwest(req.send().await.map_err(|e| failed(reqwest_failure(e)))?)
            }
        };
        let head = answer.head();
        let status = head.0.as_u16();
        if let Some(t) = &self.trace {
            (t.sink)(&format!("< {} ({:.1} ms)", head.0, started.elapsed().as_secs_f64() * 1000.0));
            trace_headers(t, '<', head.1);
        }
        let retry_after = head
            .1
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry::parse_retry_after(v, std::time::SystemTime::now()));
        let mut body = Vec::new();
        while let Some(chunk) = answer.chunk().await.map_err(failed)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(crate::error::BadResponse {
                    message: format!(
                        "the API's answer ({status}) is larger than {} MiB; stopped reading it",
                        MAX_BODY >> 20
                    ),
                    status: Some(status),
                }
                .into());
            }
            body.extend_from_slice(&chunk);
        }
        if let Some(t) = &self.trace
            && t.level >= 2
            && !body.is_empty()
        {
            (t.sink)(&format!("< {}", crate::untrusted::escape_line(&String::from_utf8_lossy(&body))));
        }
        let headers = answer.take_headers();
        Ok(RawResponse { status, retry_after, headers, body })
    }
}

impl Answer<'_> {
    fn head(&self) -> (reqwest::StatusCode, &reqwest::header::HeaderMap) {
        match self {
            Answer::Plain(a) => (a.head.status, &a.head.headers),
            Answer::Reqwest(r) => (r.status(), r.headers()),
        }
    }

    async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, Failure> {
        match self {
            Answer::Plain(a) => a.chunk().await,
            Answer::Reqwest(r) => r.chunk().await.map_err(reqwest_failure),
        }
    }

    fn take_headers(&mut self) -> reqwest::header::HeaderMap {
        match self {
            Answer::Plain(a) => std::mem::take(&mut a.head.headers),
            Answer::Reqwest(r) => std::mem::take(r.headers_mut()),
        }
    }
}

/// The client for `https://` APIs.
fn reqwest_client(
    base: &Url,
    extra_roots: Vec<reqwest::Certificate>,
    connect_timeout: Duration,
    request_timeout: Duration,
) -> anyhow::Result<reqwest::Client> {
    crate::tls::ensure_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        // A redirect could carry the Authorization header to a host the user never chose.
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .timeout(request_timeout);
    if is_loopback(base) {
        // This machine is never reached through a proxy (HTTPS_PROXY, HTTP_PROXY and
        // NO_PROXY apply to everything else).
        builder = builder.no_proxy();
    }
    if !extra_roots.is_empty() {
        builder = builder.tls_certs_merge(extra_roots);
    }
    builder.build().context("cannot set up the HTTP client")
}

/// A reqwest error in the terms the messages need.
fn reqwest_failure(e: reqwest::Error) -> Failure {
    use failure::Stage;
    let stage = if e.is_builder() {
        Stage::Unsendable
    } else if e.is_timeout() {
        Stage::TimedOut { sent: !e.is_connect() }
    } else if e.is_connect() {
        Stage::Connect
    } else if e.is_body() || e.is_decode() {
        Stage::Body
    } else {
        Stage::Request
    };
    Failure::new(stage, e)
}

fn trace_request(t: &Trace, req: &RawRequest, headers: &reqwest::header::HeaderMap) {
    (t.sink)(&format!("> {} {}", req.method, req.url));
    trace_headers(t, '>', headers);
    if t.level >= 2
        && let Some(body) = &req.body
    {
        (t.sink)(&format!("> {}", crate::untrusted::escape_line(&String::from_utf8_lossy(body))));
    }
}

fn trace_headers(t: &Trace, arrow: char, headers: &reqwest::header::HeaderMap) {
    for (name, value) in headers {
        (t.sink)(&format!("{arrow} {name}: {}", shown_header(name, value)));
    }
}

/// A header's value as clarion shows it anywhere (`-v`, `api -i`): credentials masked (only
/// an Authorization scheme is kept), everything else made safe for a terminal.
pub(crate) fn shown_header(name: &HeaderName, value: &HeaderValue) -> String {
    use reqwest::header::{COOKIE, PROXY_AUTHORIZATION, SET_COOKIE};
    if name == AUTHORIZATION || name == PROXY_AUTHORIZATION {
        let scheme = value.to_str().ok().and_then(|v| v.split_whitespace().next()).unwrap_or("");
        format!("{scheme} ****")
    } else if name == COOKIE || name == SET_COOKIE {
        "****".into()
    } else {
        crate::untrusted::escape_line(&String::from_utf8_lossy(value.as_bytes())).into_owned()
    }
}

fn status_reason(status: u16) -> String {
    format!("the API answered {}", crate::error::status_text(status))
}

/// The URL a path or URL given to `clarion api` is sent to, or why it may not be.
///
/// The argument is resolved against the base URL exactly as the request will be sent (the URL
/// parser's rules decide what `HTTP://`, `http:\\host`, a tab inside the scheme or a
/// scheme-relative `//host` mean), and only then judged: anything whose scheme, host or port
/// differs from the base's, or that carries a user name or password, is refused before any
/// connection, so the token never leaves the API's origin.
pub(crate) fn resolve_target(base: &ApiUrl, arg: &str) -> Result<Url, crate::error::UsageError> {
    use crate::error::UsageError;
    let mut url = base.join(arg).map_err(|e| UsageError::new(format!("invalid path {arg:?}: {e}")))?;
    check_target(base, &url)?;
    // A path from the root (`/v1/...`) stays under the base URL's own path, if it has one; a
    // whole URL is sent as written. Only the path changes, on the URL already judged: nothing
    // is parsed as a URL again, so no path (`/http://elsewhere/`) can turn back into another
    // origin.
    let whole_url = Url::parse(arg).is_ok();
    let segments = |u: &Url| -> Vec<String> {
        u.path_segments().map(|s| s.filter(|x| !x.is_empty()).map(str::to_string).collect()).unwrap_or_default()
    };
    if !whole_url && !segments(&url).starts_with(&segments(base)) {
        let path = format!("{}{}", base.path(), url.path().trim_start_matches('/'));
        url.set_path(&path);
    }
    debug_assert!(auth::same_origin(base, &url));
    Ok(url)
}

/// Whether a failed attempt's request may have reached the server: anything but a transport
/// error that says it never left.
fn may_have_arrived(e: &anyhow::Error) -> bool {
    e.downcast_ref::<TransportError>().is_none_or(|t| t.may_have_arrived)
}

/// The token goes only to the API's own origin: a URL whose scheme, host or port differs from
/// the base's, or that carries a user name or password, is refused (exit 2).
fn check_target(base: &ApiUrl, url: &Url) -> Result<(), crate::error::UsageError> {
    if auth::same_origin(base, url) && url.username().is_empty() && url.password().is_none() {
        return Ok(());
    }
    let hint = "give a path such as /v1/sequence-manager/sequences/42 (it is sent to the API's URL)";
    if auth::same_origin(base, url) {
        // The API's own origin, but with a user name or password: saying "not the origin"
        // would name the same origin twice.
        return Err(crate::error::UsageError::with_hint(
            "refusing to send the token to a URL that carries a user name or password",
            hint,
        ));
    }
    Err(crate::error::UsageError::with_hint(
        format!(
            "refusing to send the token to {}: it is not the API's origin {}",
            url.origin().ascii_serialization(),
            base.origin().ascii_serialization()
        ),
        hint,
    ))
}

pub(crate) fn sequences_url(base: &ApiUrl) -> Url {
    // An `ApiUrl` ends in `/`, so joining keeps any path prefix.
    base.join(SEQUENCES_PATH).unwrap_or_else(|_| Url::clone(base))
}

fn sequence_url(base: &ApiUrl, id: u64) -> Url {
    base.join(&format!("{SEQUENCES_PATH}/{id}")).unwrap_or_else(|_| Url::clone(base))
}

fn transport_error(f: &Failure, base: &Url) -> anyhow::Error {
    use failure::Stage;
    let host = base.host_str().unwrap_or("the API");
    let at = match base.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    let e: &(dyn std::error::Error + 'static) = &*f.error;
    let root = root_cause(e);
    // Two mix-ups a person makes, told apart by the error itself, not its text: https:// to a
    // plain-HTTP server (the answer isn't TLS), and http:// to a TLS server (the answer isn't
    // HTTP). Retrying either cannot help.
    if base.scheme() == "https" && tls_got_plain_text(e) {
        return TransportError {
            message: format!("{at} answered in plain HTTP, not TLS (https://)"),
            hint: Some(format!("if it is a local server without TLS, use http://{at}; else check the port")),
            retryable: false,
            may_have_arrived: false,
        }
        .into();
    }
    if base.scheme() == "http" && f.stage == Stage::Request && answer_was_not_http(e) {
        return TransportError {
            // hyper says only "a parse error": TLS bytes and one malformed header look alike.
            message: format!(
                "{at} sent an answer that is not valid HTTP: it may expect TLS, or its headers are malformed"
            ),
            hint: Some(format!("if it expects TLS, use https://{at}")),
            retryable: false,
            may_have_arrived: false,
        }
        .into();
    }
    if is_refused(e) {
        return TransportError {
            message: format!("cannot connect to {at}: nothing is listening there (connection refused)"),
            hint: None,
            retryable: true,
            may_have_arrived: false,
        }
        .into();
    }
    let message = match f.stage {
        Stage::TimedOut { .. } => format!("no answer from {host} in time (timed out)"),
        Stage::Connect => format!("cannot connect to {host}: {root}"),
        Stage::Body => format!("the connection to {host} broke while reading the answer: {root}"),
        Stage::Request => format!("the request to {host} failed: {root}"),
        Stage::Unsendable => {
            // Only what was asked for can make it so (`clarion api` with a huge path): the
            // network has nothing to do with it.
            return crate::error::UsageError::with_hint(
                format!("cannot send the request to {host}: {root}"),
                "shorten the path and query: servers take request lines of a few kilobytes",
            )
            .into();
        }
    };
    // Without a connection nothing was sent; a timeout or a broken answer may come after the
    // server got the request.
    let may_have_arrived = !matches!(f.stage, Stage::Connect | Stage::TimedOut { sent: false });
    TransportError { message, hint: None, retryable: true, may_have_arrived }.into()
}

/// The errors behind `e`, looking inside I/O errors too (where TLS and socket errors travel).
fn causes<'a>(e: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |cur| match cur.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
        Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
        None => cur.source(),
    })
}

fn tls_got_plain_text(e: &(dyn std::error::Error + 'static)) -> bool {
    causes(e).any(|c| {
        matches!(
            c.downcast_ref::<rustls::Error>(),
            Some(rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType))
        )
    })
}

fn answer_was_not_http(e: &(dyn std::error::Error + 'static)) -> bool {
    causes(e).any(|c| c.downcast_ref::<hyper::Error>().is_some_and(|h| h.is_parse()))
}

fn is_refused(e: &(dyn std::error::Error + 'static)) -> bool {
    causes(e).any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
    })
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> ApiClient {
        let options = ClientOptions {
            extra_roots: Vec::new(),
            trace: None,
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(1),
            notify: None,
            gate: None,
        };
        ApiClient::new(parse_api_url(base).unwrap(), Token::new("t0k3n").unwrap(), options).unwrap()
    }

    #[test]
    fn a_target_stays_on_the_apis_origin_and_under_its_path() {
        let base = parse_api_url("https://api.example/gateway").unwrap();
        for (arg, want) in [
            ("/v1/x", "https://api.example/gateway/v1/x"),
            ("v1/x?a=1", "https://api.example/gateway/v1/x?a=1"),
            ("https://api.example/gateway/v1/x", "https://api.example/gateway/v1/x"),
            ("/http://evil.example/", "https://api.example/gateway/http://evil.example/"),
            // A whole URL on the API's origin is sent as written, outside the base path too.
            ("https://api.example/other", "https://api.example/other"),
            // Under the base path by whole segments, not by the text's prefix.
            ("/gatewayx/v1", "https://api.example/gateway/gatewayx/v1"),
        ] {
            assert_eq!(resolve_target(&base, arg).unwrap().as_str(), want, "{arg}");
        }
        for arg in
            ["//evil.example/v1", "http://api.example/v1", "https://api.example:444/v1", "https://u:p@api.example/v1"]
        {
            let err = resolve_target(&base, arg).unwrap_err().to_string();
            assert!(err.starts_with("refusing to send the token to "), "{arg}: {err}");
            assert!(!err.contains("u:p"), "{arg}: {err}");
        }
    }

    /// Refused before any connection (every address is loopback, and port 9 would answer
    /// with a transport error, not this refusal).
    #[tokio::test]
    async fn a_raw_request_goes_only_to_the_apis_origin() {
        for (base, target) in [
            ("http://127.0.0.1:9", "http://127.0.0.1:10/v1/x"),
            ("http://127.0.0.1:9", "http://localhost:9/v1/x"),
            ("https://127.0.0.1:9", "https://127.0.0.2:9/v1/x"),
            ("https://127.0.0.1:9", "http://127.0.0.1:9/v1/x"),
            ("http://127.0.0.1:9", "http://u:p@127.0.0.1:9/v1/x"),
        ] {
            let c = client(base);
            let req = RawRequest {
                method: reqwest::Method::GET,
                url: Url::parse(target).unwrap(),
                body: None,
                headers: Default::default(),
            };
            let Err(err) = c.raw(&req).await else { panic!("{base} -> {target} was sent") };
            let err = err.to_string();
            assert!(err.starts_with("refusing to send the token to "), "{base} -> {target}: {err}");
        }
    }
}
