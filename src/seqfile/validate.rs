//! Checking a parsed sequence file plus command-line overrides, and building the request body.

use super::parse::{Parsed, child_path, index_path};
use super::source::Format;
use crate::diagnostics::{Problem, ValidationError, suggest};
use serde_json::{Map, Value};
use std::collections::HashMap;

const TOP_KEYS: &[&str] = &["name", "description", "steps", "is_test_mode"];
const STEP_KEYS: &[&str] = &["order", "type", "config"];

/// A step given on the command line as `TYPE[@ORDER][:JSON_OBJECT]`.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSpec {
    pub step_type: String,
    /// `sms@3`: an explicit order; without it the step runs after every step before it.
    pub order: Option<u64>,
    pub config: Option<Map<String, Value>>,
}

/// Parses one `--step` value. The error is a sentence fit to follow "invalid value for --step".
pub(crate) fn parse_step_spec(raw: &str) -> Result<StepSpec, String> {
    let (head, config) = match raw.split_once(':') {
        Some((head, json)) => (head, Some(json)),
        None => (raw, None),
    };
    let (ty, order) = match head.split_once('@') {
        Some((ty, order)) => (ty.trim(), Some(parse_flag_order(ty.trim(), order)?)),
        None => (head.trim(), None),
    };
    if ty.is_empty() {
        return Err(
            "the step type is empty (expected TYPE, TYPE@ORDER or TYPE:{...}, e.g. voice, sms@3 or 'sms:{\"message\":\"Hi\"}')"
                .into(),
        );
    }
    if ty.chars().any(char::is_whitespace) {
        return Err(format!("the step type {ty:?} contains white space"));
    }
    let config = match config {
        None => None,
        Some(json) => match serde_json::from_str::<Value>(json) {
            // serde_json keeps the last of a key given twice; a file's config would be refused.
            Ok(v) if super::parse::keys_in_text(json) != super::parse::keys_in_value(&v) => {
                return Err(format!("the config after `{ty}:` gives a key twice"));
            }
            Ok(Value::Object(map)) => Some(map),
            Ok(other) => {
                return Err(format!(
                    "the config after `{ty}:` must be a JSON object, not {}",
                    type_name(&other, Format::Json)
                ));
            }
            Err(e) => {
                // Columns count from the start of the whole value, as the user typed it.
                let col = ty.len() + 1 + e.column();
                let text = e.to_string();
                let msg = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
                return Err(format!("the config after `{ty}:` is not valid JSON: {msg} (column {col})"));
            }
        },
    };
    // A step's order is not part of its config: putting it there would send a config the
    // user didn't mean and leave the step at an order they didn't choose.
    if let Some(c) = &config
        && c.contains_key("order")
    {
        return Err(format!(
            "\"order\" is not part of a step's config: write the order as {ty}@N before the colon (e.g. {ty}@3:{{...}})"
        ));
    }
    if ty == "voice"
        && let Some(c) = &config
    {
        for (key, kind) in crate::contract::VOICE_FIELDS {
            if let Some(v) = c.get(*key)
                && !kind.accepts(v)
            {
                return Err(format!("{key} in the config after `voice:` must be {}", kind.describe()));
            }
        }
    }
    Ok(StepSpec { step_type: ty.to_string(), order, config })
}

/// The ORDER of `TYPE@ORDER`: what a file's `order` accepts, a non-negative int64.
fn parse_flag_order(ty: &str, raw: &str) -> Result<u64, String> {
    let raw = raw.trim();
    match raw.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(n as u64),
        _ => Err(format!(
            "the order after `{ty}@` must be a non-negative integer up to 9223372036854775807, found {raw:?}"
        )),
    }
}

/// What the command line adds to, or puts in place of, the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub name: Option<String>,
    pub description: Option<String>,
    pub steps: Vec<StepSpec>,
    /// `Some(true)` asks for a test-mode sequence whatever the file says.
    pub test_mode: Option<bool>,
}

/// Validates the file (if any) and the overrides together, and builds the request body.
/// Every problem is collected, so one run shows them all.
pub(crate) fn build_body(parsed: Option<&Parsed>, overrides: &Overrides) -> Result<Value, ValidationError> {
    validate(parsed, parsed.map(|p| &p.value), overrides, false)
}

/// As `build_body`, for `value` made from the template `parsed` (a row of `--rows`): problems
/// are located as the template's fields, and no message repeats a value (it could be a cell's).
pub(crate) fn build_body_quiet(
    parsed: &Parsed,
    value: &Value,
    overrides: &Overrides,
) -> Result<Value, ValidationError> {
    validate(Some(parsed), Some(value), overrides, true)
}

fn validate(
    parsed: Option<&Parsed>,
    value: Option<&Value>,
    overrides: &Overrides,
    quiet: bool,
) -> Result<Value, ValidationError> {
    let mut v = Validator { parsed, value, quiet, problems: Vec::new() };
    let body = v.build(overrides);
    if v.problems.is_empty() {
        return Ok(body);
    }
    // Read top to bottom, as in the file; unlocated problems (a missing name) come last.
    v.problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
    Err(ValidationError::new(v.problems))
}

/// Whether `obj` lacks `wanted` but has an unknown key that is its near miss (`nmae`, `typ`):
/// one typo, one error.
fn misspelt(obj: &Map<String, Value>, wanted: &str, known: &[&str]) -> bool {
    !obj.contains_key(wanted) && obj.keys().any(|k| !known.contains(&k.as_str()) && suggest(k, known) == Some(wanted))
}

struct Validator<'a> {
    /// Where fields are in the text, for locating problems.
    parsed: Option<&'a Parsed>,
    /// What is checked: the parsed document, or a rendering of it.
    value: Option<&'a Value>,
    /// Messages never quote a value.
    quiet: bool,
    problems: Vec<Problem>,
}

/// Where an effective step came from, for locating problems.
#[derive(Clone, Copy)]
enum Origin {
    File(usize),
    Flag(usize),
}

struct Step {
    origin: Origin,
    order: Option<u64>,
    /// An `order` was written but isn't usable (already reported): no position stands in for it.
    bad_order: bool,
    ty: Option<String>,
    config: Option<Map<String, Value>>,
}

impl Validator<'_> {
    fn format(&self) -> Format {
        self.parsed.map_or(Format::Json, |p| p.source.format)
    }

    fn source_name(&self) -> &str {
        self.parsed.map_or("command line", |p| p.source.name.as_str())
    }

    fn at_key(&mut self, path: &str, message: impl Into<String>) {
        let p = match self.parsed {
            Some(parsed) => parsed.problem_at_key(path, message),
            None => Problem::at("command line", None, path, message),
        };
        self.problems.push(p);
    }

    fn at_value(&mut self, path: &str, message: impl Into<String>) {
        let p = match self.parsed {
            Some(parsed) => parsed.problem_at_value(path, message),
            None => Problem::at("command line", None, path, message),
        };
        self.problems.push(p);
    }

    fn build(&mut self, ov: &Overrides) -> Value {
        let empty = Map::new();
        let root = match self.value {
            None => &empty,
            Some(Value::Object(m)) => m,
            Some(other) => {
                let what = type_name(other, Format::Json);
                let hint = if other.is_array() {
                    " (several sequences are JSON Lines: one object per line, in a .jsonl file or with --batch)"
                } else {
                    ""
                };
                self.at_value(
                    "",
                    format!("expected an object with name and steps at the top level, found {what}{hint}"),
                );
                // Nothing below the top can be judged: its missing name and steps would be noise.
                return Value::Object(Map::new());
            }
        };
        self.unknown_keys(root, "", TOP_KEYS);
        let name = self.name(root, ov);
        let description = match &ov.description {
            Some(d) => Some(d.clone()),
            None => self.string_field(root, "description", false),
        };
        let file_test_mode = match root.get("is_test_mode") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                let what = type_name(other, self.format());
                self.at_value("is_test_mode", format!("must be true or false, found {what}"));
                None
            }
        };
        let steps = self.steps(root, ov);

        let mut body = Map::new();
        body.insert("name".into(), Value::String(name.unwrap_or_default()));
        if let Some(d) = description {
            body.insert("description".into(), Value::String(d));
        }
        body.insert("steps".into(), Value::Array(steps));
        if let Some(t) = ov.test_mode.or(file_test_mode) {
            body.insert("is_test_mode".into(), Value::Bool(t));
        }
        Value::Object(body)
    }

    /// The name: `--name`, else the file's; missing or empty is a problem.
    fn name(&mut self, root: &Map<String, Value>, ov: &Overrides) -> Option<String> {
        let name = match &ov.name {
            Some(n) => {
                if n.trim().is_empty() {
                    self.problems.push(Problem::at("--name", None, "name", "must not be empty"));
                }
                Some(n.clone())
            }
            None => self.string_field(root, "name", true),
        };
        // `nmae = ...` is reported once, as the unknown key it is, with `name` suggested.
        if name.is_none() && ov.name.is_none() && !self.has(root, "name") && !misspelt(root, "name", TOP_KEYS) {
            let hint = match self.format() {
                Format::Toml if self.parsed.is_some() => "add name = \"...\" at the top of the file, or pass --name",
                Format::Json if self.parsed.is_some() => "add \"name\": \"...\" to the file, or pass --name",
                _ => "pass --name, or give a file with -f",
            };
            let src = self.source_name().to_string();
            self.problems.push(Problem::at(
                &src,
                None,
                "name",
                format!("missing: every sequence needs a name ({hint})"),
            ));
        }
        name
    }

    /// The file's steps then the flags', with their orders; none at all is a problem.
    fn steps(&mut self, root: &Map<String, Value>, ov: &Overrides) -> Vec<Value> {
        let mut steps = self.file_steps(root);
        for (i, spec) in ov.steps.iter().enumerate() {
            steps.push(Step {
                origin: Origin::Flag(i + 1),
                order: spec.order,
                bad_order: false,
                ty: Some(spec.step_type.clone()),
                config: spec.config.clone(),
            });
        }
        if steps.is_empty() && !matches!(root.get("steps"), Some(v) if !v.is_array()) {
            let hint = match self.format() {
                Format::Toml if self.parsed.is_some() => "add a [[steps]] table with a type, or pass --step TYPE",
                Format::Json if self.parsed.is_some() => "add \"steps\": [{\"type\": \"voice\"}], or pass --step TYPE",
                _ => "pass --step TYPE (e.g. --step voice), or give a file with -f",
            };
            let present = self.has(root, "steps");
            if !present && misspelt(root, "steps", TOP_KEYS) {
                // Reported as the unknown key, with `steps` suggested.
            } else if !present {
                let src = self.source_name().to_string();
                self.problems.push(Problem::at(
                    &src,
                    None,
                    "steps",
                    format!("no steps: a sequence needs at least one ({hint})"),
                ));
            } else {
                self.at_value("steps", format!("no steps: a sequence needs at least one ({hint})"));
            }
        }
        self.orders_and_duplicates(steps)
    }

    fn has(&self, obj: &Map<String, Value>, key: &str) -> bool {
        obj.get(key).is_some_and(|v| !v.is_null())
    }

    fn string_field(&mut self, obj: &Map<String, Value>, key: &str, required: bool) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                if required && s.trim().is_empty() {
                    self.at_value(key, "must not be empty");
                }
                Some(s.clone())
            }
            Some(other) => {
                let what = type_name(other, self.format());
                self.at_value(key, format!("must be a string, found {what}"));
                None
            }
        }
    }

    fn unknown_keys(&mut self, obj: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in obj.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let field = child_path(path, key);
            let msg = match suggest(key, known) {
                Some(s) => format!("unknown key (did you mean `{s}`?)"),
                None => format!("unknown key (known keys here: {})", known.join(", ")),
            };
            self.at_key(&field, msg);
        }
    }

    fn file_steps(&mut self, root: &Map<String, Value>) -> Vec<Step> {
        let list = match root.get("steps") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(list)) => list,
            Some(other) => {
                let what = type_name(other, self.format());
                let expected = match self.format() {
                    Format::Toml => "an array of tables ([[steps]])",
                    Format::Json => "an array of objects",
                };
                self.at_value("steps", format!("must be {expected}, found {what}"));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, raw) in list.iter().enumerate() {
            let path = index_path("steps", i);
            let Value::Object(step) = raw else {
                let what = type_name(raw, self.format());
                let table = self.table_word();
                self.at_value(&path, format!("each step must be {table}, found {what}"));
                continue;
            };
            self.unknown_keys(step, &path, STEP_KEYS);
            let ty = self.step_type(step, &path);
            let order = self.step_order(step, &path);
            let config = self.step_config(step, &path);
            if let (Some(t), Some(c)) = (&ty, &config) {
                self.voice_fields(t, c, &path);
            }
            let bad_order = order.is_none() && step.get("order").is_some();
            out.push(Step { origin: Origin::File(i), order, bad_order, ty, config });
        }
        out
    }

    /// A step's `type`, when it is a non-empty string; otherwise its problem is noted.
    fn step_type(&mut self, step: &Map<String, Value>, path: &str) -> Option<String> {
        let ty_path = || child_path(path, "type");
        match step.get("type") {
            None if misspelt(step, "type", STEP_KEYS) => None,
            None | Some(Value::Null) => {
                let eg = match self.format() {
                    Format::Toml => "type = \"voice\"",
                    Format::Json => "\"type\": \"voice\"",
                };
                self.at_value(path, format!("missing `type`: every step needs one (e.g. {eg})"));
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.at_value(&ty_path(), "must not be empty (e.g. \"voice\")");
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                let what = type_name(other, self.format());
                self.at_value(&ty_path(), format!("must be a string such as \"voice\", found {what}"));
                None
            }
        }
    }

    /// A step's `order`, when given and an int64 the API can hold; otherwise its problem is noted.
    fn step_order(&mut self, step: &Map<String, Value>, path: &str) -> Option<u64> {
        let v = step.get("order")?;
        // The contract's int64: a larger order would not fit the API's integer.
        if let Some(n) = v.as_i64().filter(|n| *n >= 0) {
            return Some(n as u64);
        }
        let shown = match v {
            Value::Number(n) if self.quiet => match (n.as_i64(), n.as_f64()) {
                (Some(_), _) => "a negative number".to_string(),
                (None, Some(f)) if f.fract() != 0.0 => "a fraction".to_string(),
                _ => "a number too large".to_string(),
            },
            Value::Number(n) => n.to_string(),
            other => type_name(other, self.format()).to_string(),
        };
        self.at_value(
            &child_path(path, "order"),
            format!("must be a non-negative integer up to 9223372036854775807, found {shown}"),
        );
        None
    }

    /// A step's `config`, when it is a table; otherwise its problem is noted.
    fn step_config(&mut self, step: &Map<String, Value>, path: &str) -> Option<Map<String, Value>> {
        match step.get("config")? {
            Value::Object(m) => Some(m.clone()),
            other => {
                let what = type_name(other, self.format());
                let table = self.table_word();
                self.at_value(&child_path(path, "config"), format!("must be {table}, found {what}"));
                None
            }
        }
    }

    /// A voice step's number and message fields come back in the API's answer, typed: a phone
    /// number written as a bare number (`destination_number = 15550199`) is a mistake to catch
    /// here, not a sequence to send.
    fn voice_fields(&mut self, step_type: &str, config: &Map<String, Value>, step_path: &str) {
        if step_type != "voice" {
            return;
        }
        for (key, kind) in crate::contract::VOICE_FIELDS {
            if let Some(v) = config.get(*key)
                && !kind.accepts(v)
            {
                let what = type_name(v, self.format());
                let path = child_path(&child_path(step_path, "config"), key);
                self.at_value(&path, format!("must be {}, found {what}", kind.describe()));
            }
        }
    }

    fn table_word(&self) -> &'static str {
        match self.format() {
            Format::Toml => "a table",
            Format::Json => "an object",
        }
    }

    /// Fills in positional orders (counting from 1) and reports any order used twice.
    fn orders_and_duplicates(&mut self, steps: Vec<Step>) -> Vec<Value> {
        // Where each order was first used, described only when a second step uses it: most
        // sequences have none, and a batch checks every line twice.
        let mut first_by_order: HashMap<u64, (Origin, usize)> = HashMap::new();
        let mut out = Vec::new();
        // A `--step` runs after everything before it: one more than the largest order so far
        // (its position could be smaller than a file's orders, and it would run first).
        let mut largest: u64 = 0;
        for (pos, step) in steps.into_iter().enumerate() {
            let explicit = step.order.is_some();
            let order = match (step.order, &step.origin) {
                (Some(o), _) => o,
                (None, Origin::Flag(_)) => largest.saturating_add(1),
                (None, Origin::File(_)) => pos as u64 + 1,
            };
            largest = largest.max(order);
            if order > i64::MAX as u64
                && let Origin::Flag(n) = step.origin
            {
                // One more than the largest order so far would not fit the API's int64.
                self.problems.push(Problem::at(
                    &format!("--step #{n}"),
                    None,
                    &format!("steps[{pos}]"),
                    "it would run after a step whose order is the largest there is; give its order with TYPE@ORDER",
                ));
            }
            if step.bad_order {
                // Its own problem is reported; a duplicate of a made-up order would be noise.
            } else if let Some(&(first_origin, first_pos)) = first_by_order.get(&order) {
                let first = self.describe_step(first_origin, first_pos);
                let field = self.step_field(step.origin, pos);
                let how = if explicit { "" } else { ", implied by its position" };
                let msg = if self.quiet {
                    format!("its order{how} is already used by {first}")
                } else {
                    format!("order {order}{how} is already used by {first}")
                };
                match step.origin {
                    Origin::File(_) if explicit => self.at_value(&child_path(&field, "order"), msg),
                    Origin::File(_) => self.at_value(&field, msg),
                    Origin::Flag(n) => self.problems.push(Problem::at(&format!("--step #{n}"), None, &field, msg)),
                }
            } else {
                first_by_order.insert(order, (step.origin, pos));
            }
            let mut obj = Map::new();
            obj.insert("order".into(), Value::from(order));
            obj.insert("type".into(), Value::String(step.ty.unwrap_or_default()));
            if let Some(c) = step.config {
                obj.insert("config".into(), Value::Object(c));
            }
            out.push(Value::Object(obj));
        }
        out
    }

    /// A step's field path: its place in the file, or in the body for a `--step`.
    fn step_field(&self, origin: Origin, pos: usize) -> String {
        match origin {
            Origin::File(i) => index_path("steps", i),
            Origin::Flag(_) => format!("steps[{pos}]"),
        }
    }

    /// A step as a message names it: its path and line in the file, or which `--step` it is.
    fn describe_step(&self, origin: Origin, pos: usize) -> String {
        match origin {
            Origin::File(_) => {
                let path = self.step_field(origin, pos);
                let place = self.parsed.and_then(|p| p.key_place(&child_path(&path, "order")).or(p.key_place(&path)));
                let at = place.map(|p| format!(" ({p})")).unwrap_or_default();
                format!("{path}{at}")
            }
            Origin::Flag(n) => format!("--step #{n}"),
        }
    }
}

fn type_name(v: &Value, format: Format) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => match format {
            Format::Toml => "a table",
            Format::Json => "an object",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Source, parse_document};
    use super::*;
    use serde_json::json;

    fn toml(text: &str) -> Parsed {
        parse_document(Source::from_text("s.toml", text, Format::Toml)).unwrap()
    }

    fn problems(text: &str) -> Vec<String> {
        build_body(Some(&toml(text)), &Overrides::default())
            .unwrap_err()
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn builds_body_with_positional_orders() {
        let p = toml(
            "name = \"n\"\n[[steps]]\ntype = \"voice\"\n[steps.config]\nvoicemail_message = \"hi\"\n[[steps]]\ntype = \"sms\"\n",
        );
        let body = build_body(Some(&p), &Overrides::default()).unwrap();
        assert_eq!(
            body,
            json!({"name": "n", "steps": [
                {"order": 1, "type": "voice", "config": {"voicemail_message": "hi"}},
                {"order": 2, "type": "sms"}
            ]})
        );
    }

    #[test]
    fn flags_override_and_append() {
        let p = toml("name = \"n\"\ndescription = \"d\"\n[[steps]]\norder = 5\ntype = \"voice\"\n");
        let ov = Overrides {
            name: Some("flag".into()),
            steps: vec![parse_step_spec("sms:{\"message\":\"Hi\"}").unwrap()],
            ..Default::default()
        };
        let body = build_body(Some(&p), &ov).unwrap();
        assert_eq!(body["name"], "flag");
        assert_eq!(body["description"], "d");
        // After the file's order 5, not at its position (2), which would run before it.
        assert_eq!(body["steps"][1], json!({"order": 6, "type": "sms", "config": {"message": "Hi"}}));
    }

    #[test]
    fn flags_alone_suffice() {
        let ov =
            Overrides { name: Some("x".into()), steps: vec![parse_step_spec("voice").unwrap()], ..Default::default() };
        assert_eq!(build_body(None, &ov).unwrap(), json!({"name": "x", "steps": [{"order": 1, "type": "voice"}]}));
    }

    #[test]
    fn every_problem_is_located() {
        assert_eq!(
            problems("nmae = \"x\"\n[[steps]]\ntype = \"voice\"\n")[0],
            "s.toml:1:1: nmae: unknown key (did you mean `name`?)"
        );
        assert_eq!(problems("name = \"\"\n[[steps]]\ntype = \"voice\"\n"), ["s.toml:1:8: name: must not be empty"]);
        assert_eq!(
            problems("name = \"x\"\n[[steps]]\norder = 1\n")[0],
            "s.toml:2:1: steps[0]: missing `type`: every step needs one (e.g. type = \"voice\")"
        );
        assert_eq!(
            problems("name = \"x\"\n[[steps]]\ntype = \"voice\"\norder = -1\n")[0],
            "s.toml:4:9: steps[0].order: must be a non-negative integer up to 9223372036854775807, found -1"
        );
        assert_eq!(
            problems("name = \"x\"\n[[steps]]\ntype = \"voice\"\n[steps.config]\ndestination_number = 15550199\n")[0],
            "s.toml:5:22: steps[0].config.destination_number: must be a string (the answer gives it back as one), found an integer"
        );
        assert_eq!(
            problems("name = \"x\"\n[[steps]]\ntype = \"voice\"\nconfig = 3\n")[0],
            "s.toml:4:10: steps[0].config: must be a table, found an integer"
        );
        assert_eq!(
            problems("name = \"x\"\n[[steps]]\ntype = \"voice\"\ntpye = 1\n")[0],
            "s.toml:4:1: steps[0].tpye: unknown key (did you mean `type`?)"
        );
        assert!(problems("name = \"x\"\n")[0].contains("no steps"));
    }

    #[test]
    fn an_implied_order_never_passes_the_apis_largest() {
        let ov = Overrides {
            name: Some("x".into()),
            steps: vec![parse_step_spec("sms@9223372036854775807").unwrap(), parse_step_spec("voice").unwrap()],
            ..Default::default()
        };
        let e = build_body(None, &ov).unwrap_err();
        assert_eq!(e.problems.len(), 1, "{:?}", e.problems);
        assert!(e.problems[0].to_string().starts_with("--step #2: steps[1]: it would run after"), "{}", e.problems[0]);
    }

    #[test]
    fn one_typo_is_one_error() {
        assert_eq!(
            problems("nmae = \"x\"\n[[steps]]\ntyp = \"voice\"\n"),
            [
                "s.toml:1:1: nmae: unknown key (did you mean `name`?)",
                "s.toml:3:1: steps[0].typ: unknown key (did you mean `type`?)"
            ]
        );
        assert_eq!(
            problems("name = \"x\"\n[[step]]\ntype = \"voice\"\n"),
            ["s.toml:2:3: step: unknown key (did you mean `steps`?)"]
        );
        // Not a near miss: the key is unknown and the name is still missing.
        assert_eq!(problems("title = \"x\"\n[[steps]]\ntype = \"voice\"\n").len(), 2);
    }

    #[test]
    fn duplicate_orders_name_both_steps() {
        let got = problems("name = \"x\"\n[[steps]]\norder = 1\ntype = \"a\"\n[[steps]]\norder = 1\ntype = \"b\"\n");
        assert_eq!(got, ["s.toml:6:9: steps[1].order: order 1 is already used by steps[0] (line 3)"]);
    }

    #[test]
    fn step_spec_syntax() {
        assert_eq!(
            parse_step_spec("voice").unwrap(),
            StepSpec { step_type: "voice".into(), order: None, config: None }
        );
        assert_eq!(
            parse_step_spec("sms@3").unwrap(),
            StepSpec { step_type: "sms".into(), order: Some(3), config: None }
        );
        assert_eq!(
            parse_step_spec(r#"sms:{"a":1,"b":{"c":2,"c":3}}"#).err().as_deref(),
            Some("the config after `sms:` gives a key twice")
        );
        assert!(parse_step_spec(r#"sms:{"a":"\"a\":","b":[{"a":1},{"a":2}]}"#).is_ok(), "same key in two objects");
        let with_config = parse_step_spec(r#"sms@0:{"message":"a@b"}"#).unwrap();
        assert_eq!((with_config.order, with_config.config.map(|c| c.len())), (Some(0), Some(1)));
        assert!(parse_step_spec("sms@").unwrap_err().contains("non-negative integer"));
        assert!(parse_step_spec("sms@-1").unwrap_err().contains("non-negative integer"));
        assert!(parse_step_spec("@3").unwrap_err().contains("empty"));
        assert!(parse_step_spec(r#"sms:{"order":3}"#).unwrap_err().contains("write the order as sms@N"));
        assert!(parse_step_spec("").unwrap_err().contains("empty"));
        assert!(parse_step_spec(":{}").unwrap_err().contains("empty"));
        assert!(parse_step_spec("sms:[1]").unwrap_err().contains("must be a JSON object"));
        assert!(parse_step_spec("sms:{oops}").unwrap_err().contains("not valid JSON"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("nmae", TOP_KEYS), Some("name"));
        assert_eq!(suggest("Steps", TOP_KEYS), Some("steps"));
        assert_eq!(suggest("colour", TOP_KEYS), None);
    }
}
