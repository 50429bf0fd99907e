//! Test harness: run the built binary in a sealed environment, and a recording HTTP stub.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub const TOKEN: &str = "tok_test_5ecret_Zx9q";

/// No clarion run in these tests takes this long: one that does is stuck (on a question no one
/// answers, a lost wake-up), and is killed so that its test fails showing what it printed,
/// instead of hanging the suite until CI gives up.
const STUCK_AFTER: std::time::Duration = std::time::Duration::from_secs(120);

/// Waits for the child to end; true with the status when it had to be killed for being stuck.
fn wait_or_kill(mut child: std::process::Child) -> (std::process::ExitStatus, bool) {
    #[cfg(unix)]
    {
        let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        match rx.recv_timeout(STUCK_AFTER) {
            Ok(status) => (status.unwrap(), false),
            Err(_) => {
                // Not reaped yet, so the pid is still the child's.
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
                (rx.recv().unwrap().unwrap(), true)
            }
        }
    }
    #[cfg(not(unix))]
    (child.wait().unwrap(), false)
}

/// A temporary HOME and config dir; every command runs with only these in its environment.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::create_dir_all(dir.path().join("work")).unwrap();
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        TestEnv { dir }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// The working directory of commands: files written here are named by relative path.
    pub fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.work().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn write_config(&self, name: &str, text: &str) {
        std::fs::write(self.config_dir().join(name), text).unwrap();
    }

    pub fn cmd(&self) -> Cli {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_clarion"));
        cmd.env_clear()
            .env("HOME", self.dir.path().join("home"))
            .env("TMPDIR", self.dir.path().join("tmp"))
            .env("CLARION_CONFIG_DIR", self.config_dir())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(self.work());
        Cli { cmd, stdin: None, stdout: None }
    }

    /// A command with a token in the environment, pointed at `url`.
    pub fn authed(&self, url: &str) -> Cli {
        self.cmd().env("CLARION_TOKEN", TOKEN).env("CLARION_API_URL", url)
    }
}

pub struct Cli {
    cmd: Command,
    stdin: Option<Vec<u8>>,
    stdout: Option<std::fs::File>,
}

/// What a run of clarion did. Must be looked at: a test that never checks the exit code
/// passes whatever happened.
#[derive(Debug)]
#[must_use = "assert the exit code (.ok() or .code(n)) before anything else"]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Cli {
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn arg_path(mut self, p: &Path) -> Self {
        self.cmd.arg(p);
        self
    }

    pub fn env(mut self, k: &str, v: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(k, v);
        self
    }

    pub fn env_remove(mut self, k: &str) -> Self {
        self.cmd.env_remove(k);
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// Runs on a new pseudo-terminal (`cols` wide) as its controlling terminal: stdin, stdout
    /// and stderr are all the terminal. Each `(expect, keys)` waits until the screen shows
    /// `expect`, then types `keys`. The terminal's settings when clarion has exited are
    /// returned too, to check what it left behind.
    #[cfg(unix)]
    pub fn run_on_pty(self, cols: u16, script: &[(&str, &[u8])]) -> (PtyRun, rustix::termios::Termios) {
        pty::run(self.cmd, cols, script)
    }

    /// Starts clarion under another name (argv[0]), as a copy, a link or `exec -a` would.
    #[cfg(unix)]
    pub fn arg0(mut self, name: &str) -> Self {
        use std::os::unix::process::CommandExt;
        self.cmd.arg0(name);
        self
    }

    /// Runs under this umask, as a user's shell would have set it.
    #[cfg(unix)]
    pub fn umask(mut self, mask: u32) -> Self {
        use std::os::unix::process::CommandExt;
        // SAFETY: one system call between fork and exec.
        unsafe {
            self.cmd.pre_exec(move || {
                rustix::process::umask(rustix::fs::Mode::from_raw_mode(mask));
                Ok(())
            });
        }
        self
    }

    /// Starts clarion in the background (to signal it, or to run several at once).
    pub fn spawn(self) -> Running {
        self.start(true)
    }

    /// Starts clarion with a stdout nobody reads: the pipe is closed at once, as `| head -c1`
    /// leaves it.
    pub fn spawn_with_stdout_closed(self) -> Running {
        self.start(false)
    }

    /// Sends stdout to a file (`> ids.txt`, `> /dev/full`) instead of the pipe the run reads;
    /// the run's stdout is then empty.
    pub fn stdout_to(mut self, file: std::fs::File) -> Self {
        self.stdout = Some(file);
        self
    }

    fn start(mut self, keep_stdout: bool) -> Running {
        self.cmd.stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        let stdout = self.stdout.take().map_or_else(Stdio::piped, Stdio::from);
        self.cmd.stdout(stdout).stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn clarion");
        if !keep_stdout {
            drop(child.stdout.take());
        }
        let feeder = self.stdin.take().map(|bytes| {
            let mut pipe = child.stdin.take().unwrap();
            std::thread::spawn(move || match pipe.write_all(&bytes) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("writing stdin: {e}"),
                _ => {}
            })
        });
        let drain = |mut r: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = r.read_to_end(&mut buf);
                buf
            })
        };
        let out = match child.stdout.take() {
            Some(s) => drain(Box::new(s)),
            None => drain(Box::new(std::io::empty())),
        };
        // stderr is collected as it comes, so a test can wait for a line before it acts.
        let seen: Arc<(Mutex<Vec<u8>>, std::sync::Condvar)> = Arc::default();
        let mut pipe = child.stderr.take().unwrap();
        let sink = seen.clone();
        let err = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buf) {
                sink.0.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.1.notify_all();
            }
        });
        Running { child, feeder, out, err, seen }
    }

    pub fn run(self) -> Run {
        self.spawn().wait()
    }
}

/// A clarion running in the background.
pub struct Running {
    child: std::process::Child,
    feeder: Option<JoinHandle<()>>,
    out: JoinHandle<Vec<u8>>,
    err: JoinHandle<()>,
    seen: Arc<(Mutex<Vec<u8>>, std::sync::Condvar)>,
}

impl Running {
    /// Waits until stderr holds `needle` (what clarion says once it has acted, e.g. on a
    /// signal), for at most `limit`; whether it came.
    pub fn stderr_shows(&self, needle: &str, limit: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + limit;
        let mut got = self.seen.0.lock().unwrap();
        loop {
            if String::from_utf8_lossy(&got).contains(needle) {
                return true;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            got = self.seen.1.wait_timeout(got, left).unwrap().0;
        }
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends a signal, as a terminal or a supervisor would.
    #[cfg(unix)]
    pub fn signal(&self, signal: rustix::process::Signal) {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
    }

    /// Waits for it to end; killed by a signal, its code is 128 + the signal, as in a shell.
    #[must_use = "assert the exit code (.ok() or .code(n)) before anything else"]
    pub fn wait(self) -> Run {
        let Running { child, feeder, out, err, seen } = self;
        let (status, stuck) = wait_or_kill(child);
        if let Some(f) = feeder {
            f.join().unwrap();
        }
        let stdout = out.join().unwrap();
        err.join().unwrap();
        let stderr = std::mem::take(&mut *seen.0.lock().unwrap());
        assert!(
            !stuck,
            "clarion was still running after {STUCK_AFTER:?}, and was killed\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&stdout),
            String::from_utf8_lossy(&stderr)
        );
        #[cfg(unix)]
        let code =
            std::os::unix::process::ExitStatusExt::signal(&status).map_or(status.code().unwrap_or(-1), |s| 128 + s);
        #[cfg(not(unix))]
        let code = status.code().unwrap_or(-1);
        Run {
            code,
            stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(self.code, want, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Asserts success (exit 0).
    pub fn ok(&self) -> &Self {
        self.code(0)
    }
}

/// A run on a pseudo-terminal: what the terminal showed (stdout and stderr together, with
/// `\r\n` turned back into `\n`).
#[cfg(unix)]
#[derive(Debug)]
#[must_use = "assert the exit code before anything else"]
pub struct PtyRun {
    pub code: i32,
    pub screen: String,
}

#[cfg(unix)]
impl PtyRun {
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(self.code, want, "exit code; the terminal showed:\n{}", self.screen);
        self
    }
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Canned {
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Canned {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Canned { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into() }
    }
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
}

type Responder = dyn Fn(&Recorded) -> Canned + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1:0 that records every request and answers what it is told.
pub struct Stub {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl Stub {
    pub fn start(responder: impl Fn(&Recorded) -> Canned + Send + Sync + 'static) -> Self {
        Self::start_with(responder, usize::MAX)
    }

    /// Like `start`, but each connection is closed after `per_connection` answers, without
    /// saying so (no `Connection: close`), as a server whose keep-alive ran out does.
    pub fn start_with(responder: impl Fn(&Recorded) -> Canned + Send + Sync + 'static, per_connection: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let responder: Arc<Responder> = Arc::new(responder);
        let (reqs, stop2) = (requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (reqs, responder) = (reqs.clone(), responder.clone());
                std::thread::spawn(move || serve(conn, &reqs, &*responder, per_connection));
            }
        });
        Stub { url: format!("http://{addr}"), requests, stop, addr, thread: Some(thread) }
    }

    /// Always the same answer.
    pub fn fixed(canned: Canned) -> Self {
        Self::start(move |_| canned.clone())
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(conn: TcpStream, reqs: &Mutex<Vec<Recorded>>, responder: &Responder, per_connection: usize) {
    // The head and the body are two writes: without this, Nagle holds the body until the
    // client's delayed ACK, 40 ms an answer.
    let _ = conn.set_nodelay(true);
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    for _ in 0..per_connection {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let len = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let rec = Recorded { method, path, headers, body };
        reqs.lock().unwrap().push(rec.clone());
        let canned = responder(&rec);
        let mut out = format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\n", canned.status, canned.body.len());
        for (k, v) in &canned.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let mut w = &conn;
        if w.write_all(out.as_bytes()).and_then(|_| w.write_all(&canned.body)).is_err() {
            return;
        }
    }
}

/// A full sequence as the contract's example shows it, with the given id.
pub fn sample_sequence(id: i64) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "status": "in-progress",
        "ended_reason": null,
        "ended_reason_v2": null,
        "current_step": 1,
        "next_activity": "2026-11-07T05:31:56Z",
        "organization_id": 9,
        "patient_id": 1234,
        "type": "appointment_reminder",
        "steps": [
            {
                "id": "stp_a1",
                "type": "voice",
                "inputs": [],
                "status": "pending",
                "scheduled_at": "2026-11-07T05:31:56Z",
                "voicemail_message": "Hi",
                "source_number": "+15550100",
                "destination_number": "+15550199",
                "voice_assistant_id": null,
                "post_actions": []
            }
        ],
        "sequence_definition_id": null,
        "inputs": [],
        "outcome": null,
        "was_contact_reached": null,
        "claimed_at": null,
        "is_test_mode": true,
        "last_updated": "2026-11-07T05:30:00Z"
    })
}

pub fn envelope(data: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"success": true, "data": data})
}

pub fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A `clarion sandbox serve` process on 127.0.0.1:0; stopped with SIGTERM when dropped.
pub struct SandboxProc {
    pub url: String,
    child: Option<std::process::Child>,
    stderr: Arc<Mutex<String>>,
    drain: Option<JoinHandle<()>>,
}

impl SandboxProc {
    pub fn start(t: &TestEnv, args: &[&str]) -> Self {
        Self::start_with(t, args, &[], None)
    }

    /// With extra environment variables, and at most `max_files` open file descriptors.
    pub fn start_with(t: &TestEnv, args: &[&str], env: &[(&str, &str)], max_files: Option<u64>) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_clarion"));
        cmd.env_clear().envs(env.iter().copied());
        #[cfg(unix)]
        if let Some(n) = max_files {
            use std::os::unix::process::CommandExt;
            // SAFETY: one system call between fork and exec.
            unsafe {
                cmd.pre_exec(move || {
                    let limit = rustix::process::Rlimit { current: Some(n), maximum: Some(n) };
                    rustix::process::setrlimit(rustix::process::Resource::Nofile, limit)?;
                    Ok(())
                });
            }
        }
        #[cfg(not(unix))]
        let _ = max_files;
        cmd.env("HOME", t.dir.path().join("home"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(t.work())
            .args(["sandbox", "serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn sandbox");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut url = String::new();
        out.read_line(&mut url).expect("sandbox prints its URL");
        let url = url.trim().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "first stdout line: {url:?}");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = child.stderr.take().unwrap();
        // Drained continuously: a full pipe would block the server's request log.
        let drain = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        SandboxProc { url, child: Some(child), stderr, drain: Some(drain) }
    }

    /// SIGTERM and wait: returns the exit code and everything it wrote on stderr.
    pub fn terminate(self) -> (i32, String) {
        #[cfg(unix)]
        return self.stop_with(rustix::process::Signal::TERM);
        #[cfg(not(unix))]
        return self.stop_with(());
    }

    /// `signal` (what Ctrl-C or a service manager sends; a kill elsewhere) and wait: the exit
    /// code and everything it wrote on stderr.
    #[cfg(unix)]
    pub fn stop_with(mut self, signal: rustix::process::Signal) -> (i32, String) {
        let child = self.child.take().unwrap();
        let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
        self.reap(child, &format!("{signal:?}"))
    }

    #[cfg(not(unix))]
    pub fn stop_with(mut self, _: ()) -> (i32, String) {
        let child = self.child.take().unwrap();
        self.reap(child, "a kill")
    }

    fn reap(&mut self, child: std::process::Child, signal: &str) -> (i32, String) {
        #[cfg(not(unix))]
        let child = {
            let mut child = child;
            child.kill().unwrap();
            child
        };
        let (status, stuck) = wait_or_kill(child);
        if let Some(d) = self.drain.take() {
            d.join().unwrap();
        }
        let stderr = self.stderr.lock().unwrap().clone();
        assert!(
            !stuck,
            "the sandbox did not stop on {signal} within {STUCK_AFTER:?}, and was killed; stderr:\n{stderr}"
        );
        (status.code().unwrap_or(-1), stderr)
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, |c| c.id())
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(mut self) {
        let mut child = self.child.take().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

impl Drop for SandboxProc {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 request with `Connection: close`; `None` when the server closed without answering.
pub fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Option<HttpResponse> {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(host).unwrap();
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    if raw.is_empty() {
        return None;
    }
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    Some(HttpResponse { status, headers, body: raw[split + 4..].to_vec() })
}

pub const AUTH: (&str, &str) = ("Authorization", "Bearer tok_test_5ecret_Zx9q");

pub fn post_sequence(url: &str, body: &serde_json::Value, extra: &[(&str, &str)]) -> Option<HttpResponse> {
    let mut headers = vec![AUTH, ("Content-Type", "application/json")];
    headers.extend_from_slice(extra);
    http("POST", &format!("{url}/v1/sequence-manager/sequences"), &headers, body.to_string().as_bytes())
}

pub fn get_sequence(url: &str, id: &str) -> HttpResponse {
    http("GET", &format!("{url}/v1/sequence-manager/sequences/{id}"), &[AUTH], b"").expect("an answer")
}

pub fn two_step_body(outcomes: [&str; 2]) -> serde_json::Value {
    serde_json::json!({
        "name": "Reminder",
        "steps": [
            {"order": 1, "type": "voice", "config": {"sandbox_outcome": outcomes[0], "destination_number": "+15550199", "voicemail_message": "Hi", "source_number": "+15550100", "voice_assistant_id": 12}},
            {"order": 2, "type": "sms", "config": {"sandbox_outcome": outcomes[1], "message": "See you"}}
        ]
    })
}

/// Polls until the sequence is no longer in progress; the deadline only bounds a broken sandbox.
pub fn until_ended(url: &str, id: &str) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let data = get_sequence(url, id).json()["data"].clone();
        if data["status"] != "in-progress" {
            return data;
        }
        assert!(std::time::Instant::now() < deadline, "sequence {id} never ended: {data}");
        // The sandbox's simulated clock moves on by itself; there is nothing to wait on but it.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(unix)]
mod pty {
    use super::PtyRun;
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use std::io::{Read, Write};
    use std::os::fd::{AsFd, OwnedFd};
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    pub fn run(mut cmd: Command, cols: u16, script: &[(&str, &[u8])]) -> (PtyRun, rustix::termios::Termios) {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pseudo-terminal");
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave: OwnedFd = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            // Never the test process's own controlling terminal.
            .custom_flags(rustix::fs::OFlags::NOCTTY.bits() as i32)
            .open(name.to_str().unwrap())
            .unwrap()
            .into();
        let size = rustix::termios::Winsize { ws_row: 50, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
        rustix::termios::tcsetwinsize(&slave, size).unwrap();
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave.try_clone().unwrap()));
        // SAFETY: only async-signal-safe system calls, between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(std::io::stdin().as_fd())?;
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn clarion on a pty");
        // The terminal ends (EIO on the master) only when no one holds its other side.
        drop(cmd);
        drop(slave);
        let mut reader = std::fs::File::from(master.try_clone().unwrap());
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the last process holding the terminal has gone: the end of the screen.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut writer = std::fs::File::from(master.try_clone().unwrap());
        let mut seen = Vec::new();
        for (expect, keys) in script {
            while !String::from_utf8_lossy(&seen).contains(expect) {
                match rx.recv_timeout(Duration::from_secs(30)) {
                    Ok(more) => seen.extend(more),
                    Err(_) => {
                        panic!("the terminal never showed {expect:?}; it showed:\n{}", String::from_utf8_lossy(&seen))
                    }
                }
            }
            writer.write_all(keys).unwrap();
        }
        let (status, stuck) = super::wait_or_kill(child);
        let termios = rustix::termios::tcgetattr(&master).unwrap();
        while let Ok(more) = rx.recv_timeout(Duration::from_secs(5)) {
            seen.extend(more);
        }
        let screen = String::from_utf8_lossy(&seen).replace("\r\n", "\n");
        assert!(
            !stuck,
            "clarion was still running after {:?}, and was killed; it showed:\n{screen}",
            super::STUCK_AFTER
        );
        let code =
            std::os::unix::process::ExitStatusExt::signal(&status).map_or(status.code().unwrap_or(-1), |s| 128 + s);
        (PtyRun { code, screen }, termios)
    }
}

/// An HTTPS server on 127.0.0.1:0 with a certificate from a private CA made here (rcgen): for
/// testing what clarion trusts. Answers every request with `body` as JSON.
pub struct TlsServer {
    pub url: String,
    /// The private CA's certificate, PEM.
    pub ca_pem: String,
}

impl TlsServer {
    pub fn start(body: serde_json::Value) -> Self {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
        clarion::testing::ensure_crypto_provider();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(DnType::CommonName, "clarion-test-ca");
        let ca_key = KeyPair::generate().unwrap();
        let ca_cert = ca_params.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca_params, ca_key);
        let server_params = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        let server_key = KeyPair::generate().unwrap();
        let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(server_key.serialize_der().into());
        let config = std::sync::Arc::new(
            rustls::ServerConfig::builder()
                .with_no_client_auth()
                .with_single_cert(vec![server_cert.der().clone()], key)
                .unwrap(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let body = body.to_string();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (config, body) = (config.clone(), body.clone());
                std::thread::spawn(move || {
                    let Ok(server) = rustls::ServerConnection::new(config) else { return };
                    let mut tls = rustls::StreamOwned::new(server, conn);
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    // A failed handshake (an untrusting client) ends here.
                    while !head.ends_with(b"\r\n\r\n") {
                        match tls.read(&mut byte) {
                            Ok(1) => head.push(byte[0]),
                            _ => return,
                        }
                    }
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = tls.write_all(answer.as_bytes());
                    let _ = tls.flush();
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                });
            }
        });
        TlsServer { url, ca_pem: ca_cert.pem() }
    }
}

/// Marks `key` as taken by a create of `body` that is still being processed, as a sandbox does
/// between receiving a keyed create and answering it.
pub fn hold_key_in_flight(db: &Path, key: &str, body: &serde_json::Value) {
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(body.to_string().as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let mut store = clarion::testing::Store::open(Some(db)).unwrap();
    assert_eq!(store.reserve_key(key, &hash).unwrap(), clarion::testing::KeyState::Reserved);
}

/// `n` lines of JSON Lines, one small sequence each (`r1`, `r2`, ...).
pub fn jsonl_lines(n: usize) -> String {
    (1..=n).map(|i| format!("{{\"name\":\"r{i}\",\"steps\":[{{\"type\":\"voice\"}}]}}\n")).collect()
}

/// How many sequences a sandbox database holds.
pub fn count_sequences(db: &Path) -> i64 {
    clarion::testing::Store::open(Some(db)).unwrap().count_sequences().unwrap()
}
