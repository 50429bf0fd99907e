//! How a sandbox sequence unfolds: its whole state is a pure function of what was created,
//! its seed and the simulated time, so it needs no background job and survives restarts.
//!
//! Step i (in `order`) is scheduled `SPACING_MS * (i + 1)` after creation, runs for a few
//! seconds, and ends `completed` or `failed`. The first failure ends the sequence (`failed`,
//! later steps `skipped`); otherwise it ends `completed` after its last step.

use super::clock::rfc3339;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

pub const SPACING_MS: i64 = 60_000;
/// Chance that a step fails when its config doesn't force an outcome.
const FAIL_CHANCE: f64 = 0.15;
/// Sandbox-only step config key forcing a step's outcome: "completed" or "failed".
pub const OUTCOME_KEY: &str = "sandbox_outcome";

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

/// The sequence's `data` object as the API would send it at simulated time `now`:
/// every documented field present, null where it has no value.
pub fn render(seq: &StoredSequence, now: i64) -> Map<String, Value> {
    let plans = plan(seq);
    // The sequence ends when a step fails, or when the last one finishes.
    let ended_at = plans.iter().find(|p| p.fails).or(plans.last()).map(|p| p.end);
    let failed_step = plans.iter().find(|p| p.fails).map(|p| p.def.order);
    let ended = ended_at.is_some_and(|t| now >= t);
    let mut last_change = seq.created_ms;
    let mut steps = Vec::with_capacity(plans.len());
    let mut current = None;
    let mut next_activity = None;
    for p in &plans {
        // Orders are unique, and a later step starts after the failing one has ended.
        let skipped = failed_step.is_some_and(|f| p.def.order > f);
        let status = if skipped {
            if ended {
                last_change = last_change.max(ended_at.unwrap_or(0));
                "skipped"
            } else {
                "pending"
            }
        } else if now < p.start {
            if next_activity.is_none() {
                next_activity = Some(p.start);
            }
            "pending"
        } else if now < p.end {
            last_change = last_change.max(p.start);
            "in-progress"
        } else {
            last_change = last_change.max(p.end);
            if p.fails { "failed" } else { "completed" }
        };
        if current.is_none() && matches!(status, "pending" | "in-progress") && !skipped {
            current = Some(p.def.order);
        }
        let cfg = |k: &str| p.def.config.get(k).cloned().unwrap_or(Value::Null);
        let voice = p.def.step_type == "voice";
        let voice_field = |k: &str| if voice { cfg(k) } else { Value::Null };
        steps.push(json!({
            "id": p.id,
            "type": p.def.step_type,
            "inputs": [],
            "status": status,
            "scheduled_at": rfc3339(p.start),
            "voicemail_message": voice_field("voicemail_message"),
            "source_number": voice_field("source_number"),
            "destination_number": voice_field("destination_number"),
            "voice_assistant_id": voice_field("voice_assistant_id").as_i64().map_or(Value::Null, Value::from),
            "post_actions": [],
        }));
    }
    let started = plans.first().is_some_and(|p| now >= p.start);
    let reached = plans.iter().any(|p| !p.fails && now >= p.end && failed_step.is_none_or(|f| p.def.order < f));
    let (status, outcome, reason, reason_v2) = match (ended, failed_step) {
        (false, _) => ("in-progress", Value::Null, Value::Null, Value::Null),
        (true, None) => ("completed", json!("contact_reached"), json!("completed"), json!("all_steps_completed")),
        (true, Some(order)) => {
            ("failed", json!("not_reached"), json!("step_failed"), json!(format!("step_{order}_failed")))
        }
    };
    let current_step = if ended { failed_step.or(plans.last().map(|p| p.def.order)) } else { current };
    let mut data = Map::new();
    data.insert("id".into(), json!(seq.id));
    data.insert("status".into(), json!(status));
    data.insert("ended_reason".into(), reason);
    data.insert("ended_reason_v2".into(), reason_v2);
    data.insert("current_step".into(), current_step.map_or(Value::Null, Value::from));
    data.insert(
        "next_activity".into(),
        if ended { Value::Null } else { next_activity.map_or(Value::Null, |t| json!(rfc3339(t))) },
    );
    data.insert("organization_id".into(), json!(1));
    data.insert("patient_id".into(), Value::Null);
    data.insert("type".into(), json!("custom"));
    data.insert("steps".into(), Value::Array(steps));
    data.insert("sequence_definition_id".into(), Value::Null);
    data.insert("inputs".into(), json!([]));
    data.insert("outcome".into(), outcome);
    data.insert("was_contact_reached".into(), if ended { json!(reached) } else { Value::Null });
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
        assert_eq!(d["was_contact_reached"], false);
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
