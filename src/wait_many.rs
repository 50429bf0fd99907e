//! Waiting for many sequences at once: bounded, fair polling (at most `concurrency` requests
//! in flight, each sequence looked at no more than once per interval, looks spread over the
//! interval, an ended sequence never looked at again), and what each came to.

use crate::api::{ApiClient, Sequence};
use crate::waiter::{Timing, outcome};
use serde_json::Value;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;
use tokio::time::Instant;

/// What became of one sequence.
#[derive(Debug, Clone)]
pub(crate) enum Fate {
    Completed(Sequence),
    /// Ended with another status (failed, cancelled, ...).
    EndedOtherwise(Sequence),
    /// Still running when the wait stopped (timeout or Ctrl-C); its last known state, if any.
    Running(Option<Sequence>),
    /// The API has no such sequence (404).
    NotFound,
    /// It could not be looked at (an error not worth retrying, or the retries ran out): the
    /// reason, and the exit code that error has on its own (6 temporary, 4 auth, 5 rejected).
    Unreachable(String, u8),
}

impl Fate {
    /// The word lines and counts use: the sequence's status, or what kept it from having one.
    pub(crate) fn status(&self) -> String {
        match self {
            Fate::NotFound => "not found".to_string(),
            Fate::Unreachable(..) => "unreachable".to_string(),
            _ => field(self.sequence(), "status"),
        }
    }

    /// Only what the summary and the reports use.
    fn brief(self) -> Fate {
        match self {
            Fate::Completed(s) => Fate::Completed(brief(s)),
            Fate::EndedOtherwise(s) => Fate::EndedOtherwise(brief(s)),
            other => other,
        }
    }

    pub(crate) fn sequence(&self) -> Option<&Sequence> {
        match self {
            Fate::Completed(s) | Fate::EndedOtherwise(s) => Some(s),
            Fate::Running(s) => s.as_ref(),
            _ => None,
        }
    }
}

/// How many sequences came to each fate: what summaries, reports and the exit code count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub completed: usize,
    pub ended_otherwise: usize,
    pub running: usize,
    pub not_found: usize,
    pub unreachable: usize,
}

impl Tally {
    pub(crate) fn of(fates: &[(u64, Fate)]) -> Self {
        let mut t = Tally::default();
        for (_, fate) in fates {
            *match fate {
                Fate::Completed(_) => &mut t.completed,
                Fate::EndedOtherwise(_) => &mut t.ended_otherwise,
                Fate::Running(_) => &mut t.running,
                Fate::NotFound => &mut t.not_found,
                Fate::Unreachable(..) => &mut t.unreachable,
            } += 1;
        }
        t
    }
}

/// How the wait stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    AllEnded,
    TimedOut,
    Interrupted,
    /// The API refused the token (401, 403): every other look would be refused alike.
    Refused,
}

/// Told about each sequence as its fate is known (ended, not found, unreachable) as
/// `Some((id, fate))`, and every 30 seconds in between as `None`.
pub(crate) type OnFate<'a> = dyn FnMut(Option<(u64, &Fate)>) + 'a;

/// How often `OnFate` hears that time has passed.
const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(30);

/// Polls every id until each has ended, the timeout passes, or `interrupt` fires. Returns the
/// fate of every id, in the order given, and how it stopped.
pub(crate) async fn wait_many(
    client: Arc<ApiClient>,
    ids: &[u64],
    timing: Timing,
    concurrency: usize,
    mut interrupt: impl std::future::Future<Output = ()> + Unpin,
    on_fate: &mut OnFate<'_>,
) -> (Vec<(u64, Fate)>, Stop) {
    let started = Instant::now();
    let deadline = started + timing.timeout;
    let n = ids.len().max(1) as u32;
    let mut last: Vec<Option<Sequence>> = vec![None; ids.len()];
    let mut fates: Vec<Option<Fate>> = vec![None; ids.len()];
    // Looks are spread over the first interval, not all at once; and over the first half of
    // the timeout when that is shorter, so that every sequence gets a look.
    let spread = timing.interval.min(timing.timeout / 2);
    let mut due: BinaryHeap<Reverse<(Instant, usize)>> =
        (0..ids.len()).map(|i| Reverse((started + spread * i as u32 / n, i))).collect();
    let mut in_flight = tokio::task::JoinSet::new();
    // Every sequence gets one look, however short the timeout; the deadline counts after that,
    // but no later than FIRST_LOOK past the start.
    let mut unlooked = ids.len();
    let last_chance = deadline.max(started + crate::waiter::FIRST_LOOK);
    let mut heartbeat = tokio::time::interval_at(started + HEARTBEAT, HEARTBEAT);
    let stop = loop {
        // Start every look that is due, up to the bound.
        while in_flight.len() < concurrency.max(1)
            && let Some(Reverse((at, i))) = due.peek().copied()
            && at <= Instant::now()
        {
            due.pop();
            let (client, id) = (client.clone(), ids[i]);
            in_flight.spawn(async move { (i, client.get_sequence(id).await) });
        }
        if in_flight.is_empty() && due.is_empty() {
            break Stop::AllEnded;
        }
        let next_due = due.peek().map(|Reverse((at, _))| *at).filter(|_| in_flight.len() < concurrency.max(1));
        let stop_at = if unlooked == 0 { deadline } else { last_chance };
        let wake = next_due.map_or(stop_at, |t| t.min(stop_at));
        tokio::select! {
            // Answers first: a look that has its answer counts even at the deadline.
            biased;
            done = in_flight.join_next(), if !in_flight.is_empty() => {
                let Some(Ok((i, result))) = done else { continue };
                if last[i].is_none() && fates[i].is_none() {
                    unlooked = unlooked.saturating_sub(1);
                }
                match fate_of(result) {
                    Err(running) => {
                        last[i] = Some(brief(running));
                        due.push(Reverse((Instant::now() + timing.interval, i)));
                    }
                    Ok(fate) => {
                        on_fate(Some((ids[i], &fate)));
                        let refused = matches!(fate, Fate::Unreachable(_, code) if code == crate::error::code::AUTH);
                        // Thousands of sequences are kept until the end: only what reports use.
                        fates[i] = Some(fate.brief());
                        if refused {
                            break Stop::Refused;
                        }
                    }
                }
            }
            _ = tokio::time::sleep_until(wake) => {
                if Instant::now() >= stop_at {
                    break Stop::TimedOut;
                }
            }
            _ = heartbeat.tick() => on_fate(None),
            _ = &mut interrupt => break Stop::Interrupted,
        }
    };
    in_flight.abort_all();
    let out =
        ids.iter().zip(fates).zip(last).map(|((id, fate), last)| (*id, fate.unwrap_or(Fate::Running(last)))).collect();
    (out, stop)
}

/// What one look came to: a fate, or the sequence still running (`Err`).
fn fate_of(look: anyhow::Result<Sequence>) -> Result<Fate, Sequence> {
    match look {
        Ok(seq) => match outcome(&seq) {
            Some(true) => Ok(Fate::Completed(seq)),
            Some(false) => Ok(Fate::EndedOtherwise(seq)),
            None => Err(seq),
        },
        Err(e) if crate::error::exit_code(&e) == crate::error::code::NOT_FOUND => Ok(Fate::NotFound),
        Err(e) => Ok(Fate::Unreachable(format!("{e:#}"), crate::error::exit_code(&e))),
    }
}

/// What the summary and the reports use of a sequence; the rest is dropped once shown.
fn brief(mut seq: Sequence) -> Sequence {
    const KEPT: &[&str] = &["id", "name", "status", "outcome", "ended_reason", "claimed_at", "last_updated"];
    seq.data.retain(|k, _| KEPT.contains(&k.as_str()));
    seq
}

/// A sequence's field as text, for lines and reports (`-` when absent).
pub(crate) fn field(seq: Option<&Sequence>, key: &str) -> String {
    crate::untrusted::cell(seq.and_then(|s| s.data.get(key)))
}

/// The name a report gives a sequence: its own name when the API sends one, and its id.
pub(crate) fn label(id: u64, seq: Option<&Sequence>) -> String {
    match seq.and_then(|s| s.data.get("name")).and_then(Value::as_str) {
        // Escaped as every other field of a report is: a name is the server's text.
        Some(name) if !name.is_empty() => format!("{} (#{id})", crate::untrusted::escape_line(name)),
        _ => format!("sequence {id}"),
    }
}
