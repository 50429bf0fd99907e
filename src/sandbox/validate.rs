//! What the sandbox accepts as a create body, with the server's terse messages
//! (`steps[1].type is required`). Stricter than the client's defaults: `order` is required,
//! as the contract says.

use super::lifecycle::StepDef;
use crate::contract::VOICE_FIELDS;
use serde_json::{Map, Value};
use std::collections::HashMap;

pub(crate) struct Valid {
    pub test_mode: bool,
    pub steps: Vec<StepDef>,
}

/// A rejected body: the first problem's message, and each problem as (field, message).
pub(crate) struct Invalid {
    pub message: String,
    pub details: Vec<(String, String)>,
}

pub(crate) fn check(body: &[u8]) -> Result<Valid, Invalid> {
    let value: Value = serde_json::from_slice(body).map_err(|e| Invalid {
        message: format!("the body is not valid JSON: {e}"),
        details: vec![("".into(), "is not valid JSON".into())],
    })?;
    let Value::Object(obj) = value else {
        return Err(one("", "the body must be a JSON object"));
    };
    let mut problems: Vec<(String, String)> = Vec::new();
    match obj.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) => problems.push(("name".into(), "must not be empty".into())),
        None | Some(Value::Null) => problems.push(("name".into(), "is required".into())),
        Some(_) => problems.push(("name".into(), "must be a string".into())),
    }
    if !matches!(obj.get("description"), None | Some(Value::Null) | Some(Value::String(_))) {
        problems.push(("description".into(), "must be a string".into()));
    }
    let test_mode = match obj.get("is_test_mode") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            problems.push(("is_test_mode".into(), "must be a boolean".into()));
            false
        }
    };
    let mut steps = Vec::new();
    match obj.get("steps") {
        None | Some(Value::Null) => problems.push(("steps".into(), "is required".into())),
        Some(Value::Array(list)) if list.is_empty() => {
            problems.push(("steps".into(), "must have at least one step".into()))
        }
        Some(Value::Array(list)) => {
            let mut seen: HashMap<u64, usize> = HashMap::new();
            for (i, raw) in list.iter().enumerate() {
                if let Some(step) = check_step(i, raw, &mut problems) {
                    if let Some(first) = seen.insert(step.order, i) {
                        problems.push((
                            format!("steps[{i}].order"),
                            format!("duplicates steps[{first}].order ({})", step.order),
                        ));
                    }
                    steps.push(step);
                }
            }
        }
        Some(_) => problems.push(("steps".into(), "must be an array".into())),
    }
    if let Some((field, msg)) = problems.first() {
        let message = if field.is_empty() { msg.clone() } else { format!("{field} {msg}") };
        return Err(Invalid { message, details: problems });
    }
    Ok(Valid { test_mode, steps })
}

fn one(field: &str, message: &str) -> Invalid {
    Invalid { message: message.into(), details: vec![(field.into(), message.into())] }
}

fn check_step(i: usize, raw: &Value, problems: &mut Vec<(String, String)>) -> Option<StepDef> {
    let at = |k: &str| format!("steps[{i}].{k}");
    let Value::Object(step) = raw else {
        problems.push((format!("steps[{i}]"), "must be an object".into()));
        return None;
    };
    let step_type = match step.get("type") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::String(_)) => {
            problems.push((at("type"), "must not be empty".into()));
            None
        }
        None | Some(Value::Null) => {
            problems.push((at("type"), "is required".into()));
            None
        }
        Some(_) => {
            problems.push((at("type"), "must be a string".into()));
            None
        }
    };
    let order = match step.get("order") {
        None | Some(Value::Null) => {
            problems.push((at("order"), "is required".into()));
            None
        }
        // Within a signed 64-bit integer, as the contract's int64 says.
        Some(v) => match v.as_i64().filter(|n| *n >= 0) {
            Some(n) => Some(n as u64),
            None => {
                problems.push((at("order"), "must be a non-negative integer (at most 9223372036854775807)".into()));
                None
            }
        },
    };
    let config = match step.get("config") {
        None => Some(Map::new()),
        Some(Value::Object(m)) => Some(m.clone()),
        Some(_) => {
            problems.push((at("config"), "must be an object".into()));
            None
        }
    };
    // A voice step's fields come back in the answer, where the contract types them.
    if let (Some(Value::String(t)), Some(cfg)) = (step.get("type"), &config)
        && t == "voice"
    {
        for (key, kind) in VOICE_FIELDS {
            if let Some(v) = cfg.get(*key)
                && !kind.accepts(v)
            {
                problems.push((format!("steps[{i}].config.{key}"), format!("must be {}", kind.describe())));
            }
        }
    }
    Some(StepDef { order: order?, step_type: step_type?, config: config? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(body: &str) -> String {
        match check(body.as_bytes()) {
            Ok(_) => "ok".into(),
            Err(e) => e.message,
        }
    }

    #[test]
    fn messages_name_the_field() {
        assert_eq!(msg(r#"{"name":"x","steps":[{"order":1,"type":"voice"}]}"#), "ok");
        assert!(msg("nope").starts_with("the body is not valid JSON"));
        assert_eq!(msg(r#"{"steps":[{"order":1,"type":"v"}]}"#), "name is required");
        assert_eq!(msg(r#"{"name":" ","steps":[{"order":1,"type":"v"}]}"#), "name must not be empty");
        assert_eq!(msg(r#"{"name":"x","steps":[]}"#), "steps must have at least one step");
        assert_eq!(msg(r#"{"name":"x","steps":[{"order":1,"type":"v"},{"order":2}]}"#), "steps[1].type is required");
        assert_eq!(
            msg(r#"{"name":"x","steps":[{"order":-1,"type":"v"}]}"#),
            "steps[0].order must be a non-negative integer (at most 9223372036854775807)"
        );
        assert!(
            msg(r#"{"name":"x","steps":[{"order":9223372036854775808,"type":"v"}]}"#).starts_with("steps[0].order")
        );
        assert_eq!(
            msg(r#"{"name":"x","steps":[{"order":1,"type":"voice","config":{"destination_number":15550199}}]}"#),
            "steps[0].config.destination_number must be a string (the answer gives it back as one)"
        );
        assert_eq!(msg(r#"{"name":"x","steps":[{"order":1,"type":"sms","config":{"destination_number":1}}]}"#), "ok");
        assert_eq!(
            msg(r#"{"name":"x","steps":[{"order":1,"type":"v"},{"order":1,"type":"w"}]}"#),
            "steps[1].order duplicates steps[0].order (1)"
        );
        assert_eq!(
            msg(r#"{"name":"x","steps":[{"order":1,"type":"v","config":[]}]}"#),
            "steps[0].config must be an object"
        );
    }
}
