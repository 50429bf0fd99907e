//! The sandbox's HTTP surface: routes, auth, idempotency, faults, the request log,
//! and error bodies in the contract's Error shape.

use super::clock::Clock;
use super::lifecycle::{StoredSequence, render};
use super::options::{DropConnection, Peer, SandboxConfig};
use super::store::{KeyState, NewSequence, Store};
use super::validate;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Request, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub(super) const COLLECTION: &str = "/v1/sequence-manager/sequences";
/// The largest create body the sandbox reads (413 beyond).
pub(super) const MAX_BODY: usize = 2 * 1024 * 1024;

pub(super) struct State {
    pub cfg: SandboxConfig,
    /// The speed asked for, when the database's clock runs at another (and wins).
    pub speed_ignored: Option<f64>,
    store: Mutex<Store>,
    clock: Clock,
    faults: Mutex<Faults>,
    /// Group commit, for a database file (an in-memory one is private to its connection).
    writer: Option<super::writer::Writer>,
    /// Base of per-sequence seeds when `--seed` is not given.
    random_base: u64,
}

struct Faults {
    rng: fastrand::Rng,
    window_start: Instant,
    window_count: u32,
}

/// Set by a handler once its request has arrived whole (its body read): from then on the
/// request deadline no longer applies, since the work has begun.
#[derive(Clone, Default)]
struct Arrived(Arc<std::sync::atomic::AtomicBool>);

impl Arrived {
    fn now(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Release);
    }
}

/// Marks a response whose handler already added `--latency` itself.
#[derive(Clone, Copy)]
struct LatencyAdded;

impl State {
    pub(super) async fn open(cfg: SandboxConfig) -> anyhow::Result<Arc<State>> {
        let cfg2 = cfg.clone();
        let (store, (clock, speed_ignored)) =
            tokio::task::spawn_blocking(move || -> anyhow::Result<(Store, (Clock, Option<f64>))> {
                let mut store = Store::open(cfg2.db.as_deref())?;
                let clock = store.clock(cfg2.speed)?;
                Ok((store, clock))
            })
            .await??;
        let rng = match cfg.seed {
            Some(s) => fastrand::Rng::with_seed(s),
            None => fastrand::Rng::new(),
        };
        let writer = match &cfg.db {
            Some(path) => Some(super::writer::Writer::start(path, respond_created)?),
            None => None,
        };
        Ok(Arc::new(State {
            writer,
            speed_ignored,
            store: Mutex::new(store),
            clock,
            faults: Mutex::new(Faults { rng, window_start: Instant::now(), window_count: 0 }),
            random_base: fastrand::u64(..),
            cfg,
        }))
    }

    /// Runs a database operation off the async workers: SQLite may wait on another process's lock.
    async fn db<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, Response> {
        let st = self.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let mut store = st.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut store)
        })
        .await;
        match joined {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                &format!("sandbox storage failed: {e:#}"),
            )),
            Err(_) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "sandbox storage task failed")),
        }
    }

    /// How many creates one commit (one fsync) carried on average, with a file database.
    pub(super) fn creates_per_commit(&self) -> Option<(u64, u64)> {
        let w = self.writer.as_ref()?;
        let (commits, creates) = (
            w.stats.commits.load(std::sync::atomic::Ordering::Relaxed),
            w.stats.creates.load(std::sync::atomic::Ordering::Relaxed),
        );
        Some((creates, commits))
    }

    pub(super) fn clock_speed(&self) -> f64 {
        self.clock.speed
    }

    fn seed_base(&self) -> u64 {
        self.cfg.seed.unwrap_or(self.random_base)
    }

    pub(super) fn log(&self, line: &str) {
        if self.cfg.log {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
    }
}

pub(super) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(COLLECTION, post(create))
        .route(&format!("{COLLECTION}/{{id}}"), get(show))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(state.clone(), gate))
        .with_state(state)
}

/// The answer to a request that took longer than the sandbox allows.
fn timed_out() -> Response {
    error(StatusCode::REQUEST_TIMEOUT, "request_timeout", "the request took too long to arrive")
}

/// Error body in the contract's shape.
fn error(status: StatusCode, code: &str, message: &str) -> Response {
    error_with_details(status, code, message, Vec::new())
}

fn error_with_details(status: StatusCode, code: &str, message: &str, details: Vec<Value>) -> Response {
    // Every documented field present, as in sequences: `details` is empty when there are none.
    let err = json!({"code": code, "message": message, "details": details});
    json_response(status, json!({"success": false, "error": err}).to_string())
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}

/// The answer to a create: the new sequence as of its creation.
fn respond_created(seq: &StoredSequence) -> String {
    envelope(&render(seq, seq.created_ms))
}

fn envelope(data: &serde_json::Map<String, Value>) -> String {
    json!({"success": true, "data": data}).to_string()
}

fn with_retry_after(mut resp: Response, seconds: u64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

/// Every request passes here first: rate limit, injected failures, auth; then latency and the log.
async fn gate(AxState(st): AxState<Arc<State>>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let peer = req.extensions().get::<Peer>().map(|p| p.0.to_string()).unwrap_or_default();
    let auth = req.headers().get(header::AUTHORIZATION).cloned();

    let resp = if let Some(wait) = rate_limited(&st) {
        with_retry_after(error(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "too many requests; slow down"), wait)
    } else if injected_failure(&st) {
        with_retry_after(
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the sandbox is failing this request on purpose (--fail-rate)",
            ),
            st.cfg.retry_after,
        )
    } else if let Err(why) = check_auth(&st, auth.as_ref()) {
        let mut r = error(StatusCode::UNAUTHORIZED, "unauthorized", why);
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        r
    } else {
        // A body that trickles in, or never ends, can't hold the connection for ever: 408 once
        // the deadline passes before the request has arrived. After that the work is under way
        // (a create may be committed) and is answered, however long it takes.
        let arrived = Arrived::default();
        req.extensions_mut().insert(arrived.clone());
        let work = next.run(req);
        tokio::pin!(work);
        tokio::select! {
            answered = &mut work => answered,
            () = tokio::time::sleep(st.cfg.request_deadline) => {
                if arrived.0.load(std::sync::atomic::Ordering::Acquire) { work.await } else { timed_out() }
            }
        }
    };
    if resp.extensions().get::<LatencyAdded>().is_none() && !st.cfg.latency.is_zero() {
        tokio::time::sleep(st.cfg.latency).await;
    }
    // The method and path are the client's: escaped, so a request can't drive the terminal
    // the log is read on.
    st.log(&format!(
        "{peer} {} {} {} {:.1}ms",
        crate::untrusted::Untrusted(method.as_str()),
        crate::untrusted::Untrusted(&path),
        resp.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    ));
    resp
}

/// Seconds to wait when this request is over `--rate-limit` for the current second.
fn rate_limited(st: &State) -> Option<u64> {
    let limit = st.cfg.rate_limit?;
    let mut f = st.faults.lock().unwrap_or_else(|p| p.into_inner());
    if f.window_start.elapsed().as_secs_f64() >= 1.0 {
        f.window_start = Instant::now();
        f.window_count = 0;
    }
    f.window_count += 1;
    (f.window_count > limit).then_some(1)
}

fn injected_failure(st: &State) -> bool {
    if st.cfg.fail_rate <= 0.0 {
        return false;
    }
    let mut f = st.faults.lock().unwrap_or_else(|p| p.into_inner());
    f.rng.f64() < st.cfg.fail_rate
}

fn dropped(st: &State) -> bool {
    if st.cfg.drop_rate <= 0.0 {
        return false;
    }
    let mut f = st.faults.lock().unwrap_or_else(|p| p.into_inner());
    f.rng.f64() < st.cfg.drop_rate
}

fn check_auth(st: &State, value: Option<&HeaderValue>) -> Result<(), &'static str> {
    let Some(value) = value else { return Err("missing Authorization header (expected: Bearer <token>)") };
    let value = value.to_str().map_err(|_| "malformed Authorization header")?;
    let token = match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => return Err("malformed Authorization header (expected: Bearer <token>)"),
    };
    if token.is_empty() || token.contains(char::is_whitespace) {
        return Err("malformed Authorization header (expected: Bearer <token>)");
    }
    match &st.cfg.token {
        Some(expected) if !same_secret(expected, token) => Err("invalid token"),
        _ => Ok(()),
    }
}

/// Compares two secrets in time that doesn't depend on where they differ, or on their
/// lengths: their SHA-256 digests are compared byte for byte without stopping early.
fn same_secret(a: &str, b: &str) -> bool {
    let (x, y) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    let diff = x.iter().zip(y.iter()).fold(0u8, |acc, (p, q)| acc | (p ^ q));
    std::hint::black_box(diff) == 0
}

async fn create(
    AxState(st): AxState<Arc<State>>,
    Extension(dropper): Extension<DropConnection>,
    Extension(arrived): Extension<Arrived>,
    peer: Option<Extension<Peer>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    arrived.now();
    let body = match body {
        Ok(b) => b,
        Err(rej) if rej.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                &format!("the body is larger than {} MiB", MAX_BODY >> 20),
            );
        }
        Err(rej) => return error(rej.status(), "invalid_body", &rej.body_text()),
    };
    let valid = match validate::check(&body) {
        Ok(v) => v,
        Err(inv) => {
            let details = inv.details.iter().map(|(f, m)| json!({"field": f, "message": m})).collect();
            return error_with_details(StatusCode::UNPROCESSABLE_ENTITY, "validation_error", &inv.message, details);
        }
    };
    let key = match headers.get(crate::contract::headers::IDEMPOTENCY_KEY).map(HeaderValue::as_bytes) {
        None => None,
        // 1 to 255 visible ASCII characters, as the contract's pattern says.
        Some(k) if (1..=255).contains(&k.len()) && k.iter().all(u8::is_ascii_graphic) => {
            Some(String::from_utf8_lossy(k).into_owned())
        }
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_idempotency_key",
                "Idempotency-Key must be 1 to 255 visible characters",
            );
        }
    };
    // From here on the work is finished even if the client goes away, as a real server's is:
    // cancelled at any await below, it could leave a reserved key "in flight" for good.
    let st2 = st.clone();
    let work = tokio::spawn(async move { reserve_and_create(&st2, key, &body, valid).await });
    let response = match work.await {
        Ok(Ok(r)) => r,
        Ok(Err(resp)) => return resp,
        Err(_) => return error(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "the create task failed"),
    };
    if dropped(&st) {
        // The gate's line never comes (the connection closes first): this is the request's line.
        let peer = peer.map(|Extension(p)| p.0.to_string()).unwrap_or_default();
        st.log(&format!("{peer} POST {COLLECTION} dropped (committed, then closed unanswered: --drop-rate)"));
        dropper.0.notify_one();
        // Never answer: the connection task closes the socket.
        std::future::pending::<()>().await;
    }
    let mut resp = json_response(StatusCode::OK, response);
    // The latency was spent inside, while the key was in flight; every other answer gets it
    // from `gate`.
    resp.extensions_mut().insert(LatencyAdded);
    resp
}

/// The idempotent part of a create: the key's check and reservation, the latency, and the
/// create itself. `Err` is a finished answer (a replay, a conflict) rather than a new sequence.
async fn reserve_and_create(
    st: &Arc<State>,
    key: Option<String>,
    body: &[u8],
    valid: validate::Valid,
) -> Result<String, Response> {
    let latency = st.cfg.latency;
    // Only a keyed create needs its body's fingerprint (to tell a replay from a reused key).
    let hash: Option<String> = key.as_ref().map(|_| Sha256::digest(body).iter().map(|b| format!("{b:02x}")).collect());
    // A durable sandbox with nothing to model between check and create: group commit, the
    // key checked and the sequence created in a transaction shared with other creates.
    if let Some(writer) = &st.writer
        && latency.is_zero()
    {
        let (created, seed) = (st.clock.now(), st.seed_base());
        let outcome = writer.create(key.zip(hash), created, valid.test_mode, seed, valid.steps).await.map_err(|e| {
            error(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", &format!("sandbox storage failed: {e:#}"))
        })?;
        return outcome.map_err(key_answer);
    }
    if let (Some(k), Some(h)) = (key.clone(), hash.clone()) {
        if latency.is_zero() {
            // Nothing to model between check and create: one transaction does both.
            let (created, seed) = (st.clock.now(), st.seed_base());
            let done = st
                .db(move |s| {
                    let new =
                        NewSequence { created_ms: created, test_mode: valid.test_mode, seed, steps: &valid.steps };
                    s.create_once(&k, &h, &new, respond_created)
                })
                .await?;
            return done.map_err(key_answer);
        }
        match st.db(move |s| s.reserve_key(&k, &h)).await? {
            KeyState::Reserved => {}
            other => return Err(key_answer(other)),
        }
    }
    // The latency falls while the key is in flight, as a slow real server's would.
    tokio::time::sleep(latency).await;
    let (created, seed) = (st.clock.now(), st.seed_base());
    let stored_key = key.clone();
    let result = st
        .db(move |s| {
            let new = NewSequence { created_ms: created, test_mode: valid.test_mode, seed, steps: &valid.steps };
            let key = stored_key.as_deref().zip(hash.as_deref());
            s.create(key, &new, respond_created)
        })
        .await;
    if result.is_err()
        && let Some(k) = key
    {
        let _ = st.db(move |s| s.release_key(&k)).await;
    }
    result
}

/// The answer for a key that was not new: a replay, a refusal, or a conflict.
fn key_answer(state: KeyState) -> Response {
    match state {
        KeyState::Done { status, response } => {
            let mut r = json_response(StatusCode::from_u16(status).unwrap_or(StatusCode::OK), response);
            r.headers_mut().insert(crate::contract::headers::IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
            r
        }
        KeyState::Mismatch => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "this Idempotency-Key was used with a different request body",
        ),
        KeyState::InFlight | KeyState::Reserved => error(
            StatusCode::CONFLICT,
            "idempotency_key_in_use",
            "a request with this Idempotency-Key is still being processed",
        ),
    }
}

async fn show(
    AxState(st): AxState<Arc<State>>,
    Extension(arrived): Extension<Arrived>,
    raw: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    arrived.now();
    // An id is written one way: digits, no sign, no leading zero (`+1` and `01` are not 1). A
    // segment that isn't even UTF-8 is no id either: all of these are 404 in the contract's
    // shape, not the framework's text.
    let Ok(Path(raw)) = raw else {
        return error(StatusCode::NOT_FOUND, "not_found", "no sequence with that id (it is not even UTF-8)");
    };
    let canonical = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) && !raw.starts_with('0');
    let id = match raw.parse::<i64>() {
        Ok(id) if canonical => id,
        _ => return error(StatusCode::NOT_FOUND, "not_found", &format!("no sequence with id {raw:?}")),
    };
    match st.db(move |s| s.get_sequence(id)).await {
        Ok(Some(seq)) => json_response(StatusCode::OK, envelope(&render(&seq, st.clock.now()))),
        Ok(None) => error(StatusCode::NOT_FOUND, "not_found", &format!("no sequence with id {id}")),
        Err(resp) => resp,
    }
}

async fn not_found(req: Request) -> Response {
    error(StatusCode::NOT_FOUND, "not_found", &format!("no such endpoint: {}", req.uri().path()))
}

async fn method_not_allowed(req: Request) -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &format!("{} is not allowed on {}", req.method(), req.uri().path()),
    )
}
