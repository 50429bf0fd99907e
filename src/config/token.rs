//! The token: where it comes from (`--token-file`, CLARION_TOKEN, credentials.toml, a
//! `token_command`), and where a stored one may go.

use super::files;
use super::load::load_credentials;
use super::model::{DEFAULT_API_URL, DEFAULT_TOKEN_COMMAND_TIMEOUT};
use super::resolve::{Settings, UrlOrigin};
use crate::api::auth::{Token, same_origin};
use crate::api::parse_api_url;
use crate::env::Env;
use crate::error::{AuthError, UsageError};
use std::path::{Path, PathBuf};

/// The most text a token may come in, from any source (a file, standard input, a
/// `token_command`'s output): a token is short, and an endless source must end at once.
pub(crate) const MAX_TOKEN_TEXT: u64 = 64 * 1024;

/// The text of a token file (`--token-file`, the sandbox's too): at most 64 KiB of UTF-8.
pub(crate) fn read_token_file(path: &Path) -> Result<String, UsageError> {
    let cannot = |why: String| UsageError::new(format!("cannot read the token file {}: {why}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| cannot(crate::fs::io_reason(&e)))?;
    read_token_text(file).map_err(cannot)
}

/// A token's text from `reader`: at most `MAX_TOKEN_TEXT` of UTF-8, or why not.
pub(crate) fn read_token_text(reader: impl std::io::Read) -> Result<String, String> {
    let bytes = crate::fs::read_bounded(reader, MAX_TOKEN_TEXT)
        .map_err(|e| crate::fs::io_reason(&e))?
        .ok_or_else(|| format!("larger than {} KiB: not a token", MAX_TOKEN_TEXT / 1024))?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenOrigin {
    TokenFile(PathBuf),
    Env,
    CredentialsFile,
    TokenCommand,
}

impl std::fmt::Display for TokenOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenOrigin::TokenFile(p) => write!(f, "--token-file {}", p.display()),
            TokenOrigin::Env => f.write_str("CLARION_TOKEN"),
            TokenOrigin::CredentialsFile => f.write_str("credentials.toml"),
            TokenOrigin::TokenCommand => f.write_str("token_command"),
        }
    }
}

impl TokenOrigin {
    /// A token the user handed over for this one run, rather than one stored for a profile.
    pub(crate) fn is_explicit(&self) -> bool {
        matches!(self, TokenOrigin::TokenFile(_) | TokenOrigin::Env)
    }
}

#[derive(Debug)]
pub(crate) struct ResolvedToken {
    pub token: Token,
    pub origin: TokenOrigin,
    /// Things the user should hear about (a readable credentials file, a shadowed token).
    pub warnings: Vec<String>,
}

/// The token: `--token-file` > `CLARION_TOKEN` > the profile's entry in `credentials.toml` > its `token_command`.
pub(crate) fn resolve_token(settings: &Settings, env: &Env) -> anyhow::Result<ResolvedToken> {
    env.check_unicode("CLARION_TOKEN")?;
    let mut warnings = Vec::new();
    if let Some(path) = &settings.token_file {
        let text = read_token_file(path)?;
        warnings.extend(files::loose_mode_warning(path));
        let token =
            Token::new(&text).map_err(|why| UsageError::new(format!("the token in {} {why}", path.display())))?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::TokenFile(path.clone()), warnings });
    }
    if let Some(t) = env.get("CLARION_TOKEN") {
        let token = Token::new(t).map_err(|why| UsageError::new(format!("CLARION_TOKEN {why}")))?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::Env, warnings });
    }
    let path = settings.credentials_path();
    let creds = load_credentials(&settings.dir)?;
    if let Some(t) = creds.profiles.get(&settings.profile).and_then(|e| e.token.as_deref()) {
        warnings.extend(files::loose_mode_warning(&path));
        let token = Token::new(t).map_err(|why| {
            UsageError::new(format!("{}: the token of profile `{}` {why}", path.display(), settings.profile))
        })?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::CredentialsFile, warnings });
    }
    if let Some(cmd) = &settings.profile_config.token_command {
        let limit = settings.profile_config.token_command_timeout.unwrap_or(DEFAULT_TOKEN_COMMAND_TIMEOUT);
        let token = run_token_command(cmd, &settings.profile, std::time::Duration::from_secs(limit))?;
        return Ok(ResolvedToken { token, origin: TokenOrigin::TokenCommand, warnings });
    }
    Err(AuthError {
        message: format!("no API token for profile `{}`", settings.profile),
        hint: Some(
            "run `clarion auth login`, set CLARION_TOKEN, or set a token_command for the profile (or try clarion with --sandbox: no account needed)".into(),
        ),
    }
    .into())
}

/// A token stored for a profile goes only to that profile's own API host. A URL from
/// `--api-url` or `CLARION_API_URL` pointing elsewhere needs a token given for this run.
pub(crate) fn check_token_destination(settings: &Settings, origin: &TokenOrigin) -> Result<(), AuthError> {
    if origin.is_explicit() || !matches!(settings.api_url_origin, UrlOrigin::Flag | UrlOrigin::Env(_)) {
        return Ok(());
    }
    let home = settings.profile_config.api_url.as_deref().unwrap_or(DEFAULT_API_URL);
    let Ok(home) = parse_api_url(home) else { return Ok(()) };
    if same_origin(&home, &settings.api_url) {
        return Ok(());
    }
    let from = &settings.api_url_origin;
    Err(AuthError {
        message: format!(
            "refusing to send the token stored for profile `{}` (for {}) to {}, which comes from {from}",
            settings.profile,
            home.origin().ascii_serialization(),
            settings.api_url.origin().ascii_serialization(),
        ),
        hint: Some(
            "give that host's token for this run (CLARION_TOKEN or --token-file), or use a profile for it: clarion auth login --profile NAME --api-url URL".into(),
        ),
    })
}

/// Runs a profile's `token_command` with `sh -c` (`cmd /C` on Windows): its stderr passes through to the user, its
/// trimmed stdout is the token, and it gets `limit` to finish. A failure or a timeout is an
/// auth error naming the profile; a command that never ends is stopped (its whole process
/// group), never waited on forever.
fn run_token_command(cmd: &str, profile: &str, limit: std::time::Duration) -> anyhow::Result<Token> {
    let fail = |message: String, hint: Option<&str>| AuthError { message, hint: hint.map(str::to_string) };
    let mut child = shell_command(cmd)
        .spawn()
        .map_err(|e| fail(format!("cannot run the token_command of profile `{profile}`: {e}"), None))?;
    let pieces = read_in_pieces(child.stdout.take());
    let deadline = std::time::Instant::now() + limit;
    let finished = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            _ => break None,
        }
    };
    let Some(status) = finished else {
        stop_group(&mut child);
        return Err(fail(
            format!(
                "the token_command of profile `{profile}` did not finish within {}s; it was stopped",
                limit.as_secs()
            ),
            Some("run the command yourself to see why; token_command_timeout in the profile allows it longer"),
        )
        .into());
    };
    // Its output: until the pipe closes, or, once the command itself has exited, a moment more
    // (something it left running in the background may hold the pipe open for good).
    let grace = (std::time::Instant::now() + std::time::Duration::from_millis(200)).min(deadline);
    let mut stdout = Vec::new();
    while let Ok(piece) = pieces.recv_timeout(grace.saturating_duration_since(std::time::Instant::now())) {
        match piece {
            Piece::Bytes(bytes) => stdout.extend(bytes),
            Piece::End => break,
            // Checked before the status: the pipe closed on it is why it failed (SIGPIPE).
            Piece::TooMuch => {
                return Err(fail(
                    format!("the token_command of profile `{profile}` printed more than {} KiB", MAX_TOKEN_TEXT / 1024),
                    Some(
                        "it should print the token alone, on one line; run the command yourself to see what it prints",
                    ),
                )
                .into());
            }
        }
    }
    if !status.success() {
        return Err(fail(
            format!("the token_command of profile `{profile}` failed ({status})"),
            Some("its own messages are above; run the command yourself to see why"),
        )
        .into());
    }
    let text = String::from_utf8(stdout)
        .map_err(|_| fail(format!("the token_command of profile `{profile}` printed non-UTF-8 output"), None))?;
    Token::new(&text).map_err(|why| {
        fail(format!("the token printed by the token_command of profile `{profile}` {why}"), None).into()
    })
}

/// `cmd` for the platform's shell: no stdin, stdout piped, stderr the user's, and (on Unix) a
/// process group of its own, so that stopping it stops what it started.
fn shell_command(cmd: &str) -> std::process::Command {
    #[cfg(unix)]
    let mut command = std::process::Command::new("sh");
    #[cfg(unix)]
    command.arg("-c");
    #[cfg(not(unix))]
    let mut command = std::process::Command::new("cmd");
    #[cfg(not(unix))]
    command.arg("/C");
    command
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command
}

/// What the reader of a token command's stdout passes on.
enum Piece {
    Bytes(Vec<u8>),
    /// The pipe closed.
    End,
    /// More than `MAX_TOKEN_TEXT`: reading stopped, and the pipe was closed on the command.
    TooMuch,
}

/// What a pipe carries, a piece at a time, read on a thread of its own.
fn read_in_pieces(pipe: Option<std::process::ChildStdout>) -> std::sync::mpsc::Receiver<Piece> {
    use std::io::Read as _;
    let (tx, rx) = std::sync::mpsc::channel::<Piece>();
    std::thread::spawn(move || {
        let mut total = 0u64;
        if let Some(s) = pipe {
            // One byte past the limit tells "exactly the limit" from "more".
            let mut s = s.take(MAX_TOKEN_TEXT + 1);
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = s.read(&mut buf) {
                total += n as u64;
                let piece = if total > MAX_TOKEN_TEXT { Piece::TooMuch } else { Piece::Bytes(buf[..n].to_vec()) };
                if tx.send(piece).is_err() {
                    return;
                }
            }
        }
        if total <= MAX_TOKEN_TEXT {
            let _ = tx.send(Piece::End);
        }
    });
    rx
}

/// Stops a command that ran out of time, with everything in its process group.
fn stop_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}
