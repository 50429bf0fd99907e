//! Waiting for a sequence to end: which statuses are an end, polling against one deadline
//! that bounds the whole wait, and what "success" means (`completed`).

use crate::api::{ApiClient, Sequence};
use crate::error::{SequenceUnsuccessful, WaitTimedOut};
use serde_json::Value;
use std::time::Duration;
use tokio::time::Instant;

/// Statuses that end a sequence. Any other status is still running (the set is open), unless
/// the sequence has an `ended_reason`.
pub(crate) const TERMINAL: &[&str] = &["completed", "failed", "cancelled", "canceled", "ended", "expired", "error"];

/// `Some(true)` when it ended with `completed`, `Some(false)` when it ended otherwise,
/// `None` while it is still running.
pub(crate) fn outcome(seq: &Sequence) -> Option<bool> {
    let status = seq.data.get("status").and_then(Value::as_str).unwrap_or("");
    let ended_reason = seq.data.get("ended_reason").and_then(Value::as_str).is_some_and(|r| !r.is_empty());
    (TERMINAL.contains(&status) || ended_reason).then_some(status == "completed")
}

#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub timeout: Duration,
    pub interval: Duration,
}

/// How an ended sequence that isn't `completed` is reported (exit 8), once it is printed.
pub(crate) fn unsuccessful(id: u64, seq: &Sequence) -> SequenceUnsuccessful {
    let status = crate::untrusted::cell(seq.data.get("status"));
    let reason =
        seq.data.get("ended_reason").and_then(Value::as_str).map(|r| crate::untrusted::escape_line(r).into_owned());
    SequenceUnsuccessful { id, status, ended_reason: reason }
}

/// Polls until the sequence ends or the timeout passes; `seen` gets every poll's result.
/// Ends with the sequence however it ended (see `outcome`): the caller prints it, then
/// decides what an unsuccessful end means.
pub(crate) async fn wait(
    client: &ApiClient,
    id: u64,
    timing: Timing,
    mut seen: impl FnMut(&Sequence),
) -> anyhow::Result<Sequence> {
    let deadline = Instant::now() + timing.timeout;
    let mut last_status = None;
    let mut first = true;
    loop {
        // The first look is always made, however short the timeout: a sequence that has
        // ended (or doesn't exist) says so, rather than "had not ended".
        let seq = if std::mem::take(&mut first) {
            // Bounded all the same, by the longer of the timeout and FIRST_LOOK.
            let limit = timing.timeout.max(FIRST_LOOK);
            match tokio::time::timeout(limit, client.get_sequence(id)).await {
                Ok(result) => result?,
                Err(_) => return Err(WaitTimedOut { id, timeout: limit, last_status }.into()),
            }
        } else {
            match tokio::time::timeout_at(deadline, client.get_sequence(id)).await {
                Ok(result) => result?,
                Err(_) => return Err(WaitTimedOut { id, timeout: timing.timeout, last_status }.into()),
            }
        };
        seen(&seq);
        match outcome(&seq) {
            Some(_) => return Ok(seq),
            None => last_status = Some(crate::untrusted::cell(seq.data.get("status"))),
        }
        let next = Instant::now() + timing.interval;
        if next >= deadline {
            tokio::time::sleep_until(deadline).await;
            return Err(WaitTimedOut { id, timeout: timing.timeout, last_status }.into());
        }
        tokio::time::sleep_until(next).await;
    }
}

/// How long a first look may take when the timeout is shorter: a sequence always gets one
/// look, but a hung server doesn't get to hold the wait for its whole retry schedule.
pub(crate) const FIRST_LOOK: Duration = Duration::from_secs(30);

/// The longest `--timeout`: a wait is for a sequence's life, not for ever (and a deadline
/// must stay a time the clock can represent).
pub(crate) const MAX_TIMEOUT: Duration = Duration::from_secs(30 * 24 * 3600);
/// The longest `--interval`.
pub(crate) const MAX_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// Durations as people write them: `90s`, `10m`, `1h30m`, or plain seconds; at most `max`.
fn parse_bounded(raw: &str, max: Duration, max_text: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let too_long = || format!("at most {max_text}");
    if let Ok(secs) = raw.parse::<f64>() {
        if !secs.is_finite() || secs < 0.0 {
            return Err("expected a duration such as 90s, 10m or 1h".into());
        }
        // Checked before converting: from_secs_f64 panics on what doesn't fit.
        if secs > max.as_secs_f64() {
            return Err(too_long());
        }
        return Ok(Duration::from_secs_f64(secs));
    }
    let d = humantime::parse_duration(raw).map_err(|_| "expected a duration such as 90s, 10m or 1h".to_string())?;
    if d > max {
        return Err(too_long());
    }
    Ok(d)
}

pub(crate) fn parse_duration(raw: &str) -> Result<Duration, String> {
    parse_bounded(raw, MAX_TIMEOUT, "30 days (30d)")
}

pub(crate) fn parse_interval(raw: &str) -> Result<Duration, String> {
    let d = parse_bounded(raw, MAX_INTERVAL, "one day (24h)")?;
    if d < Duration::from_secs(1) {
        return Err("the interval must be at least 1s, to spare the API".into());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn seq(v: Value) -> Sequence {
        Sequence { data: v.as_object().cloned().unwrap_or_default() }
    }

    #[test]
    fn what_counts_as_the_end() {
        assert_eq!(outcome(&seq(json!({"status": "completed"}))), Some(true));
        for s in ["failed", "cancelled", "canceled", "ended", "expired", "error"] {
            assert_eq!(outcome(&seq(json!({"status": s}))), Some(false), "{s}");
        }
        assert_eq!(outcome(&seq(json!({"status": "in-progress"}))), None);
        assert_eq!(outcome(&seq(json!({"status": "some-new-status"}))), None, "unknown statuses are waited through");
        assert_eq!(outcome(&seq(json!({"status": "some-new-status", "ended_reason": "x"}))), Some(false));
        assert_eq!(outcome(&seq(json!({"status": "in-progress", "ended_reason": null}))), None);
        assert_eq!(outcome(&seq(json!({}))), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("2.5"), Ok(Duration::from_millis(2500)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_interval("500ms").is_err());
        for huge in ["1e20", "18446744073709551615s", "500000000000y", "31d", "inf", "NaN"] {
            assert!(parse_duration(huge).is_err(), "{huge}");
        }
        assert!(parse_interval("2d").is_err());
        assert_eq!(parse_duration("30d"), Ok(MAX_TIMEOUT));
        assert_eq!(parse_interval("1s"), Ok(Duration::from_secs(1)));
    }
}
