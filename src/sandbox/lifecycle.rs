//! How a sandbox sequence unfolds: its whole state is a pure function of what was created,
//! its seed and the simulated time, so it needs no background job and survives restarts.
//!
//! Step i (in `order`) is scheduled `SPACING_MS * (i + 1)` after creation, runs for a few
//! seconds, and ends `completed` or `failed`. The first failure ends the sequence (`failed`,
//! later steps `skipped`); otherwise it ends `completed` after its last step. What `render`
//! shows at a moment is derived only from what has happened by then (see `render`).

use super::clock::rfc3339;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

const SPACING_MS: i64 = 60_000;
/// Chance that a step fails when its config doesn't force an outcome.
const FAIL_CHANCE: f64 = 0.15;
/// Sandbox-only step config key forcing a step's outcome: "completed" or "failed".
const OUTCOME_KEY: &str = "sandbox_outcome";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepDef {
    pub order: u64,
    #[serde(rename = "type")]
    pub step_type: String,
    #[serde(default)]
    pub config: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub struct StoredSequence {
    pub id: i64,
    pub created_ms: i64,
    pub test_mode: bool,
    pub seed: u64,
    pub steps: Vec<StepDef>,
}

struct Plan<'a> {
    def: &'a StepDef,
    id: String,
    start: i64,
    end: i64,
    fails: bool,
}

fn plan(seq: &StoredSequence) -> Vec<Plan<'_>> {
    // Mixing in the id gives each sequence its own stream while staying fixed for a given seed.
    let mut rng = fastrand::Rng::with_seed(seq.seed ^ (seq.id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut defs: Vec<&StepDef> = seq.steps.iter().collect();
    defs.sort_by_key(|d| d.order);
    defs.into_iter()
        .enumerate()
        .map(|(i, def)| {
            let id = format!("stp_{:016x}", rng.u64(..));
            let start = seq.created_ms + SPACING_MS * (i as i64 + 1);
            let end = start + rng.i64(5_000..30_000);
            let roll = rng.f64();
            let fails = match def.config.get(OUTCOME_KEY).and_then(Value::as_str) {
                Some("failed") => true,
                Some("completed") => false,
                _ => roll < FAIL_CHANCE,
            };
            Plan { def, id, start, end, fails }
        })
        .collect()
}

/// A step as the API shows it, in the state it is in.
fn step_view(p: &Plan<'_>, state: Shown) -> Value {
    let cfg = |k: &str| p.def.config.get(k).cloned().unwrap_or(Value::Null);
    let voice = p.def.step_type == "voice";
    let voice_field = |k: &str| if voice { cfg(k) } else { Value::Null };
    json!({
        "id": p.id,
        "type": p.def.step_type,
        "inputs": [],
        "status": state.as_str(),
        "scheduled_at": rfc3339(p.start),
        "voicemail_message": voice_field("voicemail_message"),
        "source_number": voice_field("source_number"),
        "destination_number": voice_field("destination_number"),
        "voice_assistant_id": voice_field("voice_assistant_id").as_i64().map_or(Value::Null, Value::from),
        "post_actions": [],
    })
}

/// What a step shows at a moment: only what has happened by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Pending,
    InProgress,
    Completed,
    Failed,
    Skipped,
}

impl Shown {
    fn as_str(self) -> &'static str {
        match self {
            Shown::Pending => "pending",
            Shown::InProgress => "in-progress",
            Shown::Completed => "completed",
            Shown::Failed => "failed",
            Shown::Skipped => "skipped",
        }
    }
}

/// Where each step is at `now`, and the first step that has failed by then (which ends the
/// sequence there: the steps after it are skipped).
fn states(plans: &[Plan<'_>], now: i64) -> (Option<usize>, Vec<Shown>) {
    let failed_at = plans.iter().position(|p| p.fails && now >= p.end);
    let shown = plans
        .iter()
        .enumerate()
        .map(|(i, p)| match failed_at {
            Some(f) if i > f => Shown::Skipped,
            _ if now < p.start => Shown::Pending,
            _ if now < p.end => Shown::InProgress,
            _ if p.fails => Shown::Failed,
            _ => Shown::Completed,
        })
        .collect();
    (failed_at, shown)
}

/// The latest change by `now`. Steps skipped by a failure never start: their times are not changes.
fn last_change(seq: &StoredSequence, plans: &[Plan<'_>], shown: &[Shown], now: i64) -> i64 {
    plans
        .iter()
        .zip(shown)
        .filter(|(_, s)| **s != Shown::Skipped)
        .flat_map(|(p, _)| [p.start, p.end])
        .filter(|t| *t <= now)
        .chain([seq.created_ms])
        .max()
        .unwrap_or(seq.created_ms)
}

/// `status`, `outcome`, `ended_reason`, `ended_reason_v2` and `was_contact_reached`.
fn ending(ended: bool, failed_at: Option<usize>, shown: &[Shown]) -> (&'static str, Value, Value, Value, Value) {
    let reached = shown.contains(&Shown::Completed);
    match (ended, failed_at) {
        (false, _) => ("in-progress", Value::Null, Value::Null, Value::Null, Value::Null),
        (true, None) => {
            ("completed", json!("contact_reached"), json!("completed"), json!("all_steps_completed"), json!(true))
        }
        (true, Some(f)) => (
            "failed",
            json!(if reached { "contact_reached" } else { "not_reached" }),
            json!("step_failed"),
            json!(format!("step_{}_failed", f + 1)),
            json!(reached),
        ),
    }
}

/// The sequence's `data` object as the API would send it at simulated time `now`: every
/// documented field present, null where it has no value, and every field derived from what
/// has happened by `now` (a step's fate shows when it ends, never before):
/// - a step is `pending` until its `scheduled_at`, `in-progress` until it ends, then
///   `completed` or `failed`; once a step has failed, the steps after it are `skipped`;
/// - the sequence is `in-progress` until a step has failed (`failed`) or the last one has
///   completed (`completed`);
/// - `outcome`, `was_contact_reached`, `ended_reason` and `ended_reason_v2` are null while it is
///   in progress; at its end, `was_contact_reached` says whether any step completed, and
///   `outcome` says the same in words (`contact_reached` or `not_reached`);
/// - `current_step` is the position (from 1, as steps are listed) of the first step not yet
///   ended, or at the end, of the step that failed or the last one;
/// - `next_activity` is the `scheduled_at` of the first step still `pending`, null when none is
///   or the sequence has ended;
/// - `claimed_at` is when the first step started; `last_updated` the latest change so far.
pub(super) fn render(seq: &StoredSequence, now: i64) -> Map<String, Value> {
    let plans = plan(seq);
    let (failed_at, shown) = states(&plans, now);
    let ended_at = match failed_at {
        Some(f) => Some(plans[f].end),
        None => plans.last().filter(|p| now >= p.end).map(|p| p.end),
    };
    let ended = ended_at.is_some();
    let last_change = last_change(seq, &plans, &shown, now);
    let steps: Vec<Value> = plans.iter().zip(&shown).map(|(p, state)| step_view(p, *state)).collect();
    let (status, outcome, reason, reason_v2, contact) = ending(ended, failed_at, &shown);
    let current_step = match (ended, failed_at) {
        (true, Some(f)) => Some(f + 1),
        (true, None) => Some(plans.len()),
        (false, _) => shown.iter().position(|s| matches!(s, Shown::Pending | Shown::InProgress)).map(|i| i + 1),
    };
    let next_activity = if ended {
        Value::Null
    } else {
        plans
            .iter()
            .zip(&shown)
            .find(|(_, s)| **s == Shown::Pending)
            .map_or(Value::Null, |(p, _)| json!(rfc3339(p.start)))
    };
    let started = plans.first().is_some_and(|p| now >= p.start);
    let mut data = Map::new();
    data.insert("id".into(), json!(seq.id));
    data.insert("status".into(), json!(status));
    data.insert("ended_reason".into(), reason);
    data.insert("ended_reason_v2".into(), reason_v2);
    data.insert("current_step".into(), current_step.map_or(Value::Null, Value::from));
    data.insert("next_activity".into(), next_activity);
    data.insert("organization_id".into(), json!(1));
    data.insert("patient_id".into(), Value::Null);
    data.insert("type".into(), json!("custom"));
    data.insert("steps".into(), Value::Array(steps));
    data.insert("sequence_definition_id".into(), Value::Null);
    data.insert("inputs".into(), json!([]));
    data.insert("outcome".into(), outcome);
    data.insert("was_contact_reached".into(), contact);
    data.insert(
        "claimed_at".into(),
        if started { plans.first().map_or(Value::Null, |p| json!(rfc3339(p.start))) } else { Value::Null },
    );
    data.insert("is_test_mode".into(), json!(seq.test_mode));
    data.insert("last_updated".into(), json!(rfc3339(last_change)));
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(outcomes: &[&str]) -> StoredSequence {
        let steps = outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut config = Map::new();
                config.insert(OUTCOME_KEY.into(), json!(o));
                config.insert("destination_number".into(), json!("+15550199"));
                StepDef { order: i as u64 + 1, step_type: "voice".into(), config }
            })
            .collect();
        StoredSequence { id: 1, created_ms: 0, test_mode: true, seed: 42, steps }
    }

    fn statuses(d: &Map<String, Value>) -> Vec<String> {
        d["steps"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn unfolds_step_by_step_to_completed() {
        let s = seq(&["completed", "completed"]);
        let d = render(&s, 0);
        assert_eq!(
            (d["status"].as_str(), statuses(&d)),
            (Some("in-progress"), vec!["pending".into(), "pending".into()])
        );
        assert_eq!(d["current_step"], 1);
        assert_eq!(d["next_activity"], "1970-01-01T00:01:00Z");
        assert!(d["claimed_at"].is_null() && d["outcome"].is_null());
        let d = render(&s, SPACING_MS + 1);
        assert_eq!(statuses(&d)[0], "in-progress");
        assert_eq!(d["claimed_at"], "1970-01-01T00:01:00Z");
        let d = render(&s, 10 * SPACING_MS);
        assert_eq!(d["status"], "completed");
        assert_eq!(statuses(&d), vec!["completed", "completed"]);
        assert_eq!((d["outcome"].as_str(), d["was_contact_reached"].as_bool()), (Some("contact_reached"), Some(true)));
        assert!(d["next_activity"].is_null());
        assert_eq!(d["steps"][0]["destination_number"], "+15550199");
    }

    #[test]
    fn a_failed_step_ends_the_sequence() {
        let d = render(&seq(&["failed", "completed"]), 10 * SPACING_MS);
        assert_eq!(d["status"], "failed");
        assert_eq!(statuses(&d), vec!["failed", "skipped"]);
        assert_eq!(d["ended_reason"], "step_failed");
        assert_eq!(d["ended_reason_v2"], "step_1_failed");
        assert_eq!((d["outcome"].as_str(), d["was_contact_reached"].as_bool()), (Some("not_reached"), Some(false)));
        // A failure after a completed step: the patient was reached, and both fields say so.
        let d = render(&seq(&["completed", "failed", "completed"]), 10 * SPACING_MS);
        assert_eq!(statuses(&d), vec!["completed", "failed", "skipped"]);
        assert_eq!((d["outcome"].as_str(), d["was_contact_reached"].as_bool()), (Some("contact_reached"), Some(true)));
        assert_eq!(d["current_step"], 2, "a position, as the steps are listed");
    }

    fn forced(fates: &[u8], seed: u64) -> StoredSequence {
        let names: Vec<&str> = fates.iter().map(|f| ["random", "completed", "failed"][*f as usize % 3]).collect();
        let mut s = seq(&names);
        s.seed = seed;
        // Orders far apart and out of line, as users write them.
        for (i, step) in s.steps.iter_mut().enumerate() {
            step.order = 100 - 10 * i as u64;
        }
        s
    }

    fn rank(status: &str) -> u8 {
        match status {
            "pending" => 0,
            "in-progress" => 1,
            _ => 2,
        }
    }

    proptest::proptest! {
        #[test]
        fn the_model_holds_at_every_moment(
            seed in proptest::prelude::any::<u64>(),
            fates in proptest::collection::vec(0u8..3, 1..6),
            mut times in proptest::collection::vec(0i64..8 * SPACING_MS, 1..40),
        ) {
            use proptest::prop_assert as check;
            use proptest::prop_assert_eq as same;
            let s = forced(&fates, seed);
            times.sort();
            let mut prev: Option<Map<String, Value>> = None;
            for t in times {
                let d = render(&s, t);
                let status = d["status"].as_str().unwrap();
                let ended = status != "in-progress";
                let steps = d["steps"].as_array().unwrap();
                let shown: Vec<&str> = steps.iter().map(|x| x["status"].as_str().unwrap()).collect();
                for k in ["outcome", "was_contact_reached", "ended_reason", "ended_reason_v2"] {
                    same!(d[k].is_null(), !ended, "{} at {}: {:?}", k, t, d);
                }
                // The table's rows, read off the steps as shown: nothing else is consulted.
                let failed = shown.iter().position(|x| *x == "failed");
                let unended = shown.iter().position(|x| *x == "pending" || *x == "in-progress");
                same!(ended, failed.is_some() || unended.is_none(), "ended exactly when a step failed or all completed");
                if ended {
                    same!(d["was_contact_reached"].as_bool(), Some(d["outcome"] == "contact_reached"));
                    same!(d["was_contact_reached"].as_bool(), Some(shown.contains(&"completed")));
                    check!(d["next_activity"].is_null());
                    match failed {
                        Some(f) => {
                            same!(status, "failed");
                            same!(&d["ended_reason"], "step_failed");
                            same!(d["ended_reason_v2"].clone(), Value::from(format!("step_{}_failed", f + 1)));
                            same!(d["current_step"].as_u64(), Some(f as u64 + 1));
                            check!(shown[f + 1..].iter().all(|x| *x == "skipped"), "after a failed step: {:?}", shown);
                        }
                        None => {
                            same!(status, "completed");
                            same!(&d["ended_reason"], "completed");
                            same!(&d["ended_reason_v2"], "all_steps_completed");
                            same!(d["current_step"].as_u64(), Some(steps.len() as u64));
                        }
                    }
                } else {
                    same!(status, "in-progress");
                    same!(d["current_step"].as_u64(), unended.map(|i| i as u64 + 1));
                    let first_pending = steps.iter().find(|x| x["status"] == "pending").map(|x| x["scheduled_at"].clone());
                    same!(d["next_activity"].clone(), first_pending.unwrap_or(Value::Null));
                }
                // claimed_at: when the first step started, null before.
                if shown[0] == "pending" {
                    check!(d["claimed_at"].is_null());
                } else {
                    same!(&d["claimed_at"], &steps[0]["scheduled_at"]);
                }
                let at: Vec<&str> = steps.iter().map(|x| x["scheduled_at"].as_str().unwrap()).collect();
                check!(at.windows(2).all(|w| w[0] < w[1]), "scheduled_at ascending: {:?}", at);
                let current = d["current_step"].as_u64().unwrap() as usize;
                check!((1..=steps.len()).contains(&current));
                if let Some(p) = &prev {
                    let before = p["status"].as_str().unwrap();
                    if before != "in-progress" {
                        same!(&p["last_updated"], &d["last_updated"], "nothing changes once it has ended");
                    }
                    check!(before == "in-progress" || before == status, "{} then {}", before, status);
                    check!(p["last_updated"].as_str().unwrap() <= d["last_updated"].as_str().unwrap());
                    for (a, b) in p["steps"].as_array().unwrap().iter().zip(steps) {
                        let (a, b) = (a["status"].as_str().unwrap(), b["status"].as_str().unwrap());
                        check!(rank(a) < rank(b) || a == b, "a step went from {} to {}", a, b);
                    }
                }
                prev = Some(d);
            }
        }

        #[test]
        fn a_steps_fate_shows_only_once_it_has_ended(
            seed in proptest::prelude::any::<u64>(),
            n in 1usize..5,
            k in 0usize..5,
            t in 0i64..6 * SPACING_MS,
        ) {
            let k = k % n;
            let mut completes = vec![1u8; n];
            let mut fails = completes.clone();
            fails[k] = 2;
            completes[k] = 1;
            let (a, b) = (forced(&completes, seed), forced(&fails, seed));
            // Steps are listed in `order`, not as written.
            let plans = plan(&a);
            let at = plans.iter().position(|p| std::ptr::eq(p.def, &a.steps[k])).unwrap();
            if t < plans[at].end {
                proptest::prop_assert_eq!(render(&a, t), render(&b, t));
            } else {
                proptest::prop_assert_ne!(render(&a, t)["steps"][at]["status"].clone(), render(&b, t)["steps"][at]["status"].clone());
            }
        }
    }

    #[test]
    fn steps_run_5_to_30_seconds_a_minute_apart_and_about_15_percent_fail() {
        let (mut steps, mut failed) = (0u32, 0u32);
        for seed in 0..2_000 {
            let s = forced(&[0, 0, 0, 0, 0], seed);
            let plans = plan(&s);
            for (i, p) in plans.iter().enumerate() {
                assert!((5_000..=30_000).contains(&(p.end - p.start)), "seed {seed}: {} ms", p.end - p.start);
                let previous = if i == 0 { s.created_ms } else { plans[i - 1].start };
                assert_eq!(p.start - previous, SPACING_MS, "seed {seed}, step {i}");
                steps += 1;
                failed += u32::from(p.fails);
            }
        }
        // 10,000 steps drawn from fixed seeds: the same count every run, near 15%.
        let share = f64::from(failed) / f64::from(steps);
        assert!((0.14..0.16).contains(&share), "{failed} of {steps} failed");
    }

    #[test]
    fn the_same_seed_gives_the_same_ids_and_outcomes() {
        let mut a = seq(&["x", "y", "z"]);
        a.seed = 7;
        let b = a.clone();
        assert_eq!(render(&a, 1_000_000), render(&b, 1_000_000));
        let mut c = a.clone();
        c.seed = 8;
        assert_ne!(render(&a, 1_000_000)["steps"][0]["id"], render(&c, 1_000_000)["steps"][0]["id"]);
    }

    #[test]
    fn every_documented_field_is_present() {
        let d = render(&seq(&["completed"]), 0);
        for k in [
            "id",
            "status",
            "ended_reason",
            "ended_reason_v2",
            "current_step",
            "next_activity",
            "organization_id",
            "patient_id",
            "type",
            "steps",
            "sequence_definition_id",
            "inputs",
            "outcome",
            "was_contact_reached",
            "claimed_at",
            "is_test_mode",
            "last_updated",
        ] {
            assert!(d.contains_key(k), "{k}");
        }
    }
}
