//! The error kinds clarion distinguishes, and the one place that turns an error into an exit code.

use crate::diagnostics::ValidationError;
use crate::untrusted::escape_line as sanitize;
use std::fmt;

/// Exit codes, as documented in the README and in `clarion --help`.
pub(crate) mod code {
    pub(crate) const SUCCESS: u8 = 0;
    pub(crate) const FAILURE: u8 = 1;
    pub(crate) const USAGE: u8 = 2;
    pub(crate) const NOT_FOUND: u8 = 3;
    pub(crate) const AUTH: u8 = 4;
    pub(crate) const REJECTED: u8 = 5;
    pub(crate) const TEMPORARY: u8 = 6;
    pub(crate) const TEST_MODE_GUARD: u8 = 7;
    pub(crate) const ENDED_UNSUCCESSFULLY: u8 = 8;
    pub(crate) const BATCH_INCOMPLETE: u8 = 9;
    pub(crate) const WAIT_TIMED_OUT: u8 = 124;
    pub(crate) const INTERRUPTED: u8 = 130;
}

pub(crate) const EXIT_CODES_HELP: &str = "\
Exit codes:
    0    success
    1    unexpected failure (including a response clarion can't understand)
    2    usage error or invalid input; nothing was sent
    3    not found (404)
    4    authentication or permission: no token, 401, 403
    5    the API rejected the request: 400, 409, 422 and other 4xx
    6    temporary failure: network error, timeout, 429 or 5xx
    7    test mode was asked for, but the API created a live sequence
    8    the waited-for sequence ended, but not `completed`
    9    some lines of a batch were not created (failed, or invalid and skipped)
    124  the wait timed out (--timeout)
    130  interrupted";

/// Errors whose text is their `message` field.
macro_rules! message_error {
    ($($name:ident),*) => {$(
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message)
            }
        }
        impl std::error::Error for $name {}
    )*};
}

message_error!(UsageError, AuthError, TransportError, BadResponse, InputChanged);

/// Bad flags, arguments, environment or config: nothing was sent.
#[derive(Debug)]
pub struct UsageError {
    pub message: String,
    pub hint: Option<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), hint: None }
    }
    pub fn with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self { message: message.into(), hint: Some(hint.into()) }
    }
}

/// No usable token, or the server refused the one sent.
#[derive(Debug)]
pub(crate) struct AuthError {
    pub message: String,
    pub hint: Option<String>,
}

/// The server answered with an HTTP error status.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: u16,
    /// What the server said, on one line but otherwise as sent, so that `--json` carries it
    /// exactly; it reaches a terminal only through `untrusted`'s escapes. May be empty.
    pub message: String,
    pub code: Option<String>,
}

/// `503 Service Unavailable`: a status with its standard reason, when it has one.
pub(crate) fn status_text(status: u16) -> String {
    match reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", status_text(self.status))?;
        match (&self.code, self.message.is_empty()) {
            (Some(c), false) => write!(f, ": {} ({c})", self.message),
            (None, false) => write!(f, ": {}", self.message),
            (Some(c), true) => write!(f, " ({c})"),
            (None, true) => Ok(()),
        }
    }
}
impl std::error::Error for ApiError {}

/// The request could not be completed: connection, TLS or timeout.
#[derive(Debug)]
pub(crate) struct TransportError {
    pub message: String,
    /// What to do about it, when the cause is known (a TLS/plain-HTTP mix-up); else the
    /// general network hint is shown.
    pub hint: Option<String>,
    /// False when trying again cannot help (the server speaks another protocol).
    pub retryable: bool,
    /// False when the request can't have reached the server (no connection was made).
    pub may_have_arrived: bool,
}

/// A batch's input, read again to be sent, is not what its validation pass checked (edited or
/// cut short meanwhile): nothing more was sent.
#[derive(Debug)]
pub(crate) struct InputChanged {
    pub message: String,
}

/// A response clarion can't understand (not JSON, wrong shape, a redirect).
#[derive(Debug)]
pub(crate) struct BadResponse {
    pub message: String,
    /// The answer's HTTP status, when there was an answer (a batch records it per line).
    pub status: Option<u16>,
}

/// Every attempt failed in a way worth retrying, and the retries ran out.
#[derive(Debug)]
pub(crate) struct RetriesExhausted {
    pub attempts: u32,
    /// The last failure, already formatted.
    pub last: String,
    /// The last failure never reached the API (connection, timeout): the network or the URL
    /// is as likely a cause as a busy server.
    pub network: bool,
    /// False when no attempt can have reached the server (the last made no connection).
    pub may_have_arrived: bool,
}

impl fmt::Display for RetriesExhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gave up after {} attempts; the last: {}", self.attempts, self.last)
    }
}
impl std::error::Error for RetriesExhausted {}

/// A waited-for sequence ended with a status other than `completed`.
#[derive(Debug)]
pub(crate) struct SequenceUnsuccessful {
    pub id: u64,
    pub status: String,
    pub ended_reason: Option<String>,
}

impl fmt::Display for SequenceUnsuccessful {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sequence {} ended {}", self.id, self.status)?;
        if let Some(r) = &self.ended_reason {
            write!(f, " ({r})")?;
        }
        Ok(())
    }
}
impl std::error::Error for SequenceUnsuccessful {}

/// `--timeout` passed before the sequence ended.
#[derive(Debug)]
pub(crate) struct WaitTimedOut {
    pub id: u64,
    pub timeout: std::time::Duration,
    pub last_status: Option<String>,
}

impl fmt::Display for WaitTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = humantime::format_duration(std::time::Duration::from_millis(self.timeout.as_millis() as u64));
        write!(f, "sequence {} had not ended after {t}", self.id)?;
        if let Some(s) = &self.last_status {
            write!(f, " (last status: {s})")?;
        }
        Ok(())
    }
}
impl std::error::Error for WaitTimedOut {}

/// Test mode was asked for, and the API created live sequences anyway.
#[derive(Debug)]
pub(crate) struct TestModeNotHonoured {
    /// Every live sequence created, by id (`None` for an answer without one).
    pub ids: Vec<Option<i64>>,
    /// What the first of them said for `is_test_mode`.
    pub is_test_mode: String,
}

impl TestModeNotHonoured {
    pub(crate) fn new(ids: impl IntoIterator<Item = Option<i64>>, is_test_mode: String) -> Self {
        let mut ids: Vec<Option<i64>> = ids.into_iter().collect();
        ids.sort();
        Self { ids, is_test_mode }
    }

    fn list(&self) -> String {
        let shown: Vec<String> =
            self.ids.iter().map(|i| i.map_or_else(|| "(one without an id)".to_string(), |i| i.to_string())).collect();
        shown.join(", ")
    }
}

impl fmt::Display for TestModeNotHonoured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, verb) = if self.ids.len() == 1 { ("sequence", "was") } else { ("sequences", "were") };
        write!(
            f,
            "TEST MODE WAS NOT HONOURED: {what} {} {verb} created LIVE (is_test_mode: {}); real patients may be contacted",
            self.list(),
            self.is_test_mode
        )
    }
}
impl std::error::Error for TestModeNotHonoured {}

/// A test-mode batch got answers it can't understand: whether those creates were live is
/// unknown, so nothing more was sent.
#[derive(Debug)]
pub(crate) struct TestModeUnconfirmed {
    /// "line" or "row".
    pub unit: &'static str,
    pub lines: Vec<u64>,
}

impl fmt::Display for TestModeUnconfirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self.lines.iter().map(u64::to_string).collect();
        let (unit, s) = if self.lines.len() == 1 { (self.unit, "") } else { (self.unit, "s") };
        write!(
            f,
            "TEST MODE COULD NOT BE CONFIRMED: the API's answer to {unit}{s} {} can't be understood, so a live sequence may have been created; nothing more was sent",
            shown.join(", ")
        )
    }
}
impl std::error::Error for TestModeUnconfirmed {}

/// Some lines of a batch were not created.
#[derive(Debug)]
pub(crate) struct BatchIncomplete {
    /// "line" or "row".
    pub unit: &'static str,
    pub failed: u64,
    pub invalid: u64,
    pub journal: Option<std::path::PathBuf>,
}

impl fmt::Display for BatchIncomplete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not every {} was created: {} failed, {} invalid", self.unit, self.failed, self.invalid)
    }
}
impl std::error::Error for BatchIncomplete {}

/// A batch's results could not be written to stdout (a full disk under `> ids.txt`): the
/// sending stopped there, and the ids a script waits for are missing.
#[derive(Debug)]
pub(crate) struct ResultsNotWritten {
    pub why: String,
    /// Whether a journal recorded what was created.
    pub journal: bool,
}

impl fmt::Display for ResultsNotWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the results to stdout ({}); nothing more was sent", self.why)
    }
}
impl std::error::Error for ResultsNotWritten {}

impl Kind for ResultsNotWritten {
    fn exit_code(&self) -> u8 {
        code::FAILURE
    }
    fn hint(&self) -> Option<String> {
        Some(if self.journal {
            "the journal has what was created: once stdout can be written, the same command prints it all and sends the rest".into()
        } else {
            "once stdout can be written, run the same command again: its lines carry the same keys, so the API returns what exists instead of making it again".into()
        })
    }
}

/// An outcome already reported on stdout (as JSON); only its exit code is left to give.
#[derive(Debug)]
pub(crate) struct Silent(pub u8);

impl fmt::Display for Silent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit {}", self.0)
    }
}
impl std::error::Error for Silent {}

/// The user interrupted clarion (Ctrl-C).
#[derive(Debug)]
pub(crate) struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}
impl std::error::Error for Interrupted {}

/// Context for a single create: which key it carried and the command line that repeats it
/// with that key, for when its answer was lost (exit 6) and it may or may not exist.
#[derive(Debug)]
pub(crate) struct CreatingSequence {
    pub key: String,
    pub retry: String,
}

impl fmt::Display for CreatingSequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("creating the sequence")
    }
}

/// Ctrl-C during a batch: what was in flight has finished, the rest is not sent.
#[derive(Debug)]
pub(crate) struct BatchInterrupted {
    /// The command that resumes it, when a journal records what was created.
    pub resume: Option<String>,
}

impl fmt::Display for BatchInterrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted: the lines not yet sent were not sent")
    }
}
impl std::error::Error for BatchInterrupted {}

/// Ctrl-C while waiting for one sequence: the sequence runs on at the API.
#[derive(Debug)]
pub(crate) struct WaitInterrupted {
    pub id: u64,
}

impl fmt::Display for WaitInterrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "interrupted: sequence {} keeps running (clarion only stopped waiting)", self.id)
    }
}
impl std::error::Error for WaitInterrupted {}

/// What each error kind clarion raises says about itself: its exit code and, where there is
/// one, the advice shown under it. The answers are data of the error, written beside it below.
pub(crate) trait Kind {
    fn exit_code(&self) -> u8;
    fn hint(&self) -> Option<String> {
        None
    }
}

/// The kind of one cause in an error's chain, if it is one of clarion's: the one list of them.
fn kind_of<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a dyn Kind> {
    macro_rules! first_of {
        ($($kind:ty),*) => {{
            $(
                if let Some(k) = cause.downcast_ref::<$kind>() {
                    return Some(k);
                }
            )*
            None
        }};
    }
    first_of!(
        Silent,
        ResultsNotWritten,
        UsageError,
        ValidationError,
        AuthError,
        ApiError,
        TransportError,
        RetriesExhausted,
        BadResponse,
        Interrupted,
        WaitInterrupted,
        BatchInterrupted,
        TestModeNotHonoured,
        TestModeUnconfirmed,
        InputChanged,
        SequenceUnsuccessful,
        WaitTimedOut,
        BatchIncomplete
    )
}

/// The exit code for an error: the first cause in the chain that clarion knows decides it.
pub(crate) fn exit_code(err: &anyhow::Error) -> u8 {
    err.chain().find_map(kind_of).map_or(code::FAILURE, Kind::exit_code)
}

const NETWORK_HINT: &str = "check the network and the API URL (--api-url, CLARION_API_URL or the profile's api_url), then run the command again";

impl Kind for Silent {
    fn exit_code(&self) -> u8 {
        self.0
    }
}

impl Kind for UsageError {
    fn exit_code(&self) -> u8 {
        code::USAGE
    }
    fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

impl Kind for ValidationError {
    fn exit_code(&self) -> u8 {
        code::USAGE
    }
    fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

impl Kind for AuthError {
    fn exit_code(&self) -> u8 {
        code::AUTH
    }
    fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

impl Kind for ApiError {
    fn exit_code(&self) -> u8 {
        status_code(self.status)
    }
    fn hint(&self) -> Option<String> {
        match self.status {
            401 => {
                Some("the token was refused: check CLARION_TOKEN, or the profile's token in credentials.toml".into())
            }
            403 => Some("the token is valid but may not do this: check the account's permissions".into()),
            429 | 503 => Some("the API is busy: wait a moment and run the command again".into()),
            _ => None,
        }
    }
}

impl Kind for TransportError {
    fn exit_code(&self) -> u8 {
        code::TEMPORARY
    }
    fn hint(&self) -> Option<String> {
        Some(self.hint.clone().unwrap_or_else(|| NETWORK_HINT.into()))
    }
}

impl Kind for RetriesExhausted {
    fn exit_code(&self) -> u8 {
        code::TEMPORARY
    }
    fn hint(&self) -> Option<String> {
        Some(if self.network {
            NETWORK_HINT.into()
        } else {
            "the failures looked temporary: run the command again later, or allow more with --retries N".into()
        })
    }
}

impl Kind for BadResponse {
    fn exit_code(&self) -> u8 {
        code::FAILURE
    }
}

impl Kind for Interrupted {
    fn exit_code(&self) -> u8 {
        code::INTERRUPTED
    }
}

impl Kind for WaitInterrupted {
    fn exit_code(&self) -> u8 {
        code::INTERRUPTED
    }
    fn hint(&self) -> Option<String> {
        Some(format!("follow it again with `clarion sequence wait {}`", self.id))
    }
}

impl Kind for BatchInterrupted {
    fn exit_code(&self) -> u8 {
        code::INTERRUPTED
    }
    fn hint(&self) -> Option<String> {
        Some(match &self.resume {
            Some(cmd) => format!("to send the rest, run {cmd}; what was created is skipped"),
            None => "without a journal a re-run can't tell what was created: pass --journal PATH next time".into(),
        })
    }
}

impl Kind for TestModeNotHonoured {
    fn exit_code(&self) -> u8 {
        code::TEST_MODE_GUARD
    }
    fn hint(&self) -> Option<String> {
        let (they, them) = if self.ids.len() == 1 { ("it", "it") } else { ("they", "them") };
        Some(format!(
            "if {they} must not run, have Clarion Health stop {them} now (clarion itself can't cancel a sequence); then find out why the API ignored is_test_mode before sending more"
        ))
    }
}

impl Kind for TestModeUnconfirmed {
    fn exit_code(&self) -> u8 {
        code::FAILURE
    }
    fn hint(&self) -> Option<String> {
        Some(
            "ask Clarion Health what was created, and stop it if it must not run; once answers can be read, run the same command again: the journal resumes, and the same keys return what was made"
                .into(),
        )
    }
}

impl Kind for InputChanged {
    fn exit_code(&self) -> u8 {
        code::FAILURE
    }
    fn hint(&self) -> Option<String> {
        Some(
            "put the file back as it was and run the same command again: what was created is skipped; or send the file as it is now with --restart (new keys: what was created is created again)"
                .into(),
        )
    }
}

impl Kind for SequenceUnsuccessful {
    fn exit_code(&self) -> u8 {
        code::ENDED_UNSUCCESSFULLY
    }
}

impl Kind for WaitTimedOut {
    fn exit_code(&self) -> u8 {
        code::WAIT_TIMED_OUT
    }
}

impl Kind for BatchIncomplete {
    fn exit_code(&self) -> u8 {
        code::BATCH_INCOMPLETE
    }
    fn hint(&self) -> Option<String> {
        (self.failed > 0).then(|| match &self.journal {
            Some(_) => "once the cause above is dealt with, run the same command again: what was created is skipped, the rest is sent again".into(),
            None => "pass --journal PATH so that a re-run can resume".into(),
        })
    }
}

fn status_code(status: u16) -> u8 {
    match status {
        404 => code::NOT_FOUND,
        401 | 403 => code::AUTH,
        408 | 429 => code::TEMPORARY,
        400..=499 => code::REJECTED,
        500..=599 => code::TEMPORARY,
        _ => code::FAILURE,
    }
}

/// True when the error only means stdout was closed early (`clarion ... | head`): not worth a word.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// The lines to show for an error: one `error:` line per problem, then hints.
pub(crate) fn render(err: &anyhow::Error) -> (Vec<String>, Vec<String>) {
    let mut errors = Vec::new();
    let mut hints = Vec::new();
    if err.is::<Silent>() {
        return (errors, hints);
    }
    if let Some(v) = err.chain().find_map(|c| c.downcast_ref::<ValidationError>()) {
        errors.extend(v.problems.iter().map(|p| sanitize(&p.to_string()).into_owned()));
        if v.problems.len() > 1 || v.summary.is_some() {
            errors.push(sanitize(&v.to_string()).into_owned());
        }
        hints.extend(v.hint.iter().map(|h| sanitize(h).into_owned()));
        return (errors, hints);
    }
    errors.push(sanitize(&format!("{err:#}")).into_owned());
    hints.extend(err.chain().filter_map(kind_of).filter_map(Kind::hint));
    // A context, not a cause: found on the error itself. It replaces the general advice to
    // "run the command again", which would send a new key and could create a second sequence.
    if let Some(c) = err.downcast_ref::<CreatingSequence>()
        && exit_code(err) == code::TEMPORARY
        && may_have_arrived(err)
    {
        hints = vec![format!(
            "the sequence may or may not exist now (Idempotency-Key {}); this retries with the same key, so it is created at most once: {}",
            c.key, c.retry
        )];
    }
    (errors, hints)
}

/// Whether a failed request may have reached the server: not when no connection was made.
fn may_have_arrived(err: &anyhow::Error) -> bool {
    for cause in err.chain() {
        if let Some(t) = cause.downcast_ref::<TransportError>() {
            return t.may_have_arrived;
        }
        if let Some(r) = cause.downcast_ref::<RetriesExhausted>() {
            return r.may_have_arrived;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_the_list_the_chain_is_searched_with() {
        // A kind missing from `kind_of` would give exit 1 and no hint, silently.
        let source = include_str!("error.rs");
        let list = &source[source.find("first_of!(\n").unwrap()..];
        let list = &list[..list.find(')').unwrap()];
        let impls: Vec<&str> = source
            .lines()
            .filter_map(|l| l.strip_prefix("impl Kind for ").and_then(|r| r.strip_suffix(" {")))
            .collect();
        assert!(impls.len() > 10, "{impls:?}");
        for kind in impls {
            assert!(
                list.contains(&format!("        {kind},")) || list.contains(&format!("        {kind}\n")),
                "{kind}"
            );
        }
    }

    fn api(status: u16) -> anyhow::Error {
        ApiError { status, message: String::new(), code: None }.into()
    }

    #[test]
    fn statuses_map_to_documented_codes() {
        let cases = [
            (404, 3),
            (401, 4),
            (403, 4),
            (400, 5),
            (409, 5),
            (422, 5),
            (418, 5),
            (429, 6),
            (408, 6),
            (500, 6),
            (503, 6),
            (302, 1),
        ];
        for (status, want) in cases {
            assert_eq!(exit_code(&api(status)), want, "status {status}");
        }
    }

    #[test]
    fn context_does_not_hide_the_kind() {
        let err = anyhow::Error::from(TransportError {
            message: "refused".into(),
            hint: None,
            retryable: true,
            may_have_arrived: false,
        })
        .context("creating the sequence");
        assert_eq!(exit_code(&err), code::TEMPORARY);
        assert_eq!(render(&err).0, ["creating the sequence: refused"]);
        assert_eq!(exit_code(&anyhow::anyhow!("other")), code::FAILURE);
    }
}
