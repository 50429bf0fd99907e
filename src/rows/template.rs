//! A sequence file whose strings hold placeholders (`{{ phone }}`, `{{ first_name | title }}`):
//! every one found and compiled once (minijinja, strict about undefined values), checked
//! against the rows' columns, and rendered per row into a request body.

use super::read::{Row, RowsFormat, near_column};
use crate::seqfile::{Overrides, Parsed, Problem, build_body_quiet};
use minijinja::{Environment, UndefinedBehavior};
use serde_json::Value;

/// Where a templated string sits in the document.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

#[derive(Debug)]
enum Kind {
    /// The whole string is one `{{ expression }}`: its value keeps its type (a number from a
    /// JSON Lines row stays a number). Compiled once, not per row.
    Expression(minijinja::Expression<'static, 'static>),
    /// Text with placeholders in it, registered under this name.
    Text(String),
}

#[derive(Debug)]
struct Slot {
    path: Vec<Step>,
    /// The field path, as problems name it (`steps[0].config.phone`).
    field: String,
    /// The string as written, to place a variable's column in it.
    source: String,
    kind: Kind,
    /// The variables it reads from the row.
    vars: Vec<String>,
}

pub(crate) struct RowTemplate {
    parsed: Parsed,
    /// Leaked, once per template (one per process): compiled expressions borrow it, and a
    /// struct can't hold both.
    env: &'static Environment<'static>,
    slots: Vec<Slot>,
}

/// Why a row could not be turned into a body: problems to list (never a cell's value).
pub(crate) type RowProblems = Vec<Problem>;

/// The whole row, for columns whose names aren't identifiers: `{{ row["Patient Name"] }}`.
pub(crate) const ROW: &str = "row";

fn is_templated(s: &str) -> bool {
    s.contains("{{") || s.contains("{%") || s.contains("{#")
}

/// `{{ expr }}` and nothing else: the expression inside.
fn sole_expression(s: &str) -> Option<&str> {
    let inner = s.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    (!inner.contains("{{") && !inner.contains("}}")).then_some(inner)
}

impl RowTemplate {
    /// Finds and compiles every placeholder; a syntax error is a problem at its place.
    pub(crate) fn new(parsed: Parsed) -> Result<Self, Vec<Problem>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let mut found = Vec::new();
        let mut problems = Vec::new();
        collect(&parsed.value, &mut Vec::new(), "", &mut found, &mut |field: &str| {
            problems.push(
                parsed.problem_at_key(field, "placeholders in keys are not filled in: only values can hold them"),
            );
        });
        // Templates are added first (that changes the environment), expressions compiled once
        // it no longer changes.
        let mut added = Vec::new();
        for (n, (_, _, source)) in found.iter().enumerate() {
            added.push(match sole_expression(source) {
                Some(_) => Ok(()),
                None => env.add_template_owned(format!("t{n}"), source.clone()),
            });
        }
        let env: &'static Environment<'static> = Box::leak(Box::new(env));
        let mut slots = Vec::new();
        for (n, ((path, field, source), added)) in found.into_iter().zip(added).enumerate() {
            let compiled = match sole_expression(&source) {
                Some(expr) => env.compile_expression_owned(expr.to_string()).map(|e| {
                    let vars = e.undeclared_variables(false).into_iter().collect::<Vec<_>>();
                    (Kind::Expression(e), vars)
                }),
                None => {
                    let name = format!("t{n}");
                    added
                        .and_then(|()| env.get_template(&name))
                        .map(|t| (Kind::Text(name.clone()), t.undeclared_variables(false).into_iter().collect()))
                }
            };
            match compiled {
                Ok((kind, mut vars)) => {
                    vars.sort();
                    slots.push(Slot { path, field, source, kind, vars });
                }
                Err(e) => {
                    let why = e.detail().map_or_else(|| e.kind().to_string(), str::to_string);
                    problems.push(parsed.problem_at_value(&field, format!("invalid placeholder: {why}")));
                }
            }
        }
        let template = RowTemplate { parsed, env, slots };
        problems.extend(template.probe());
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(template)
    }

    /// Mistakes that show only when a placeholder runs (an unknown filter, test or function,
    /// a wrong number of arguments), found once here with made-up values instead of once per
    /// row. Only those kinds: a made-up value can fail where a real one wouldn't.
    fn probe(&self) -> Vec<Problem> {
        use minijinja::ErrorKind as K;
        let mut problems = Vec::new();
        for slot in &self.slots {
            let made_up: Vec<(&str, minijinja::Value)> =
                slot.vars.iter().map(|v| (v.as_str(), minijinja::Value::from("x"))).collect();
            let ctx = minijinja::Value::from_pairs(made_up);
            if let Err(e) = self.eval(slot, ctx)
                && matches!(
                    e.kind(),
                    K::UnknownFilter | K::UnknownTest | K::UnknownFunction | K::TooManyArguments | K::MissingArgument
                )
            {
                // The engine's words are about the template here, not about any row.
                let why = e.detail().map_or_else(|| e.kind().to_string(), |d| format!("{}: {d}", e.kind()));
                problems.push(self.parsed.problem_at_value(&slot.field, format!("invalid placeholder: {why}")));
            }
        }
        problems
    }

    fn eval(&self, slot: &Slot, ctx: minijinja::Value) -> Result<Value, minijinja::Error> {
        match &slot.kind {
            Kind::Expression(expr) => expr.eval(ctx).and_then(|v| to_json(&v)),
            Kind::Text(name) => self.env.get_template(name).and_then(|t| t.render(ctx)).map(Value::String),
        }
    }

    /// Where a slot is in the template, as `t.toml:7:26`.
    fn place(&self, slot: &Slot) -> String {
        let p = self.parsed.problem_at_value(&slot.field, "");
        match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", p.source),
            _ => p.source,
        }
    }

    pub(crate) fn source_name(&self) -> &str {
        &self.parsed.source.name
    }

    /// The template's own text, part of a batch's fingerprint.
    pub(crate) fn text(&self) -> &str {
        &self.parsed.source.text
    }

    /// Every variable a placeholder reads that no column provides: one problem each, at the
    /// first place it is used, with the near miss.
    pub(crate) fn check_columns(&self, columns: &[String], rows_name: &str) -> Vec<Problem> {
        // Not one placeholder finds its column: the file has no header row, most likely (and
        // its "column names" are a patient's values, not to be repeated).
        let used: std::collections::BTreeSet<&String> =
            self.slots.iter().flat_map(|s| s.vars.iter()).filter(|v| *v != ROW).collect();
        if used.len() >= 2 && used.iter().all(|v| !columns.contains(v)) {
            let mut p = Problem::whole(
                rows_name,
                format!(
                    "no placeholder of {} names one of its columns: is its first line a header row naming the columns ({})?",
                    self.source_name(),
                    used.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
                ),
            );
            p.line = Some(1);
            return vec![p];
        }
        let mut problems: Vec<Problem> = Vec::new();
        let mut reported: Vec<&str> = Vec::new();
        for slot in &self.slots {
            for var in &slot.vars {
                if columns.contains(var) || var == ROW || reported.contains(&var.as_str()) {
                    continue;
                }
                reported.push(var);
                // The header's names are not listed: in a file without a header row they would be
                // the first patient's values.
                let near = match near_column(var, columns) {
                    Some(c) => format!("; did you mean `{c}`?"),
                    None => format!(" (is its first line a header row naming the columns? {} of them)", columns.len()),
                };
                let mut p =
                    self.parsed.problem_at_value(&slot.field, format!("no column `{var}` in {rows_name}{near}"));
                // Point at the name inside the string when it is on the string's own line.
                if let (Some(col), Some(offset)) = (p.column, slot.source.find(var.as_str()))
                    && !slot.source[..offset].contains('\n')
                {
                    p.column = Some(col + 1 + slot.source[..offset].chars().count());
                }
                problems.push(p);
            }
        }
        problems
    }

    /// The request body for one row, validated as any sequence file is; problems name the
    /// rows file, the row's line and number, and the field or column, never a value.
    pub(crate) fn render(
        &self,
        row: &Row,
        rows_name: &str,
        format: RowsFormat,
        overrides: &Overrides,
    ) -> Result<Value, RowProblems> {
        let here = |field: &str, message: String| {
            let mut p = Problem::at(rows_name, Some((row.line as usize, 1)), field, message);
            p.column = None;
            p.row = Some(row.number);
            p
        };
        let ctx = context(row);
        let mut value = self.parsed.value.clone();
        let mut problems = Vec::new();
        for slot in &self.slots {
            match self.eval(slot, ctx.clone()) {
                Ok(v) => set(&mut value, &slot.path, v),
                Err(e) => {
                    let missing: Vec<&String> =
                        slot.vars.iter().filter(|v| *v != ROW && !row.values.contains_key(*v)).collect();
                    let (empty, absent) = match format {
                        RowsFormat::Csv => ("is empty in this row", "a column it reads is empty in this row"),
                        RowsFormat::Jsonl => ("is missing or null in this row", "a value it reads is missing or null"),
                    };
                    let message = match (e.kind(), missing.as_slice()) {
                        (minijinja::ErrorKind::UndefinedError, [one, ..]) => {
                            format!("column `{one}` {empty}, and the template needs it")
                        }
                        (minijinja::ErrorKind::UndefinedError, []) => {
                            format!("the placeholder at {} can't be filled: {absent}", self.place(slot))
                        }
                        // The engine's own words could quote a value; its kind of error can't.
                        (kind, _) => format!("the placeholder at {} can't be filled: {kind}", self.place(slot)),
                    };
                    problems.push(here(&slot.field, message));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        build_body_quiet(&self.parsed, &value, overrides).map_err(|e| {
            e.problems
                .into_iter()
                .map(|p| {
                    // A CSV cell is text: a number the template needs must be made one.
                    let from_csv = format == RowsFormat::Csv
                        && p.message.ends_with("found a string")
                        && self.slots.iter().any(|s| s.field == p.field);
                    let hint = if from_csv { " (CSV values are text: write `{{ column | int }}`)" } else { "" };
                    here(&p.field, format!("{}{hint}", p.message))
                })
                .collect()
        })
    }
}

/// A row as the placeholders see it. Built value by value: serde_json's numbers serialize as
/// private maps (arbitrary precision), which the engine would take for objects.
fn context(row: &Row) -> minijinja::Value {
    let values: Vec<(&str, minijinja::Value)> = row.values.iter().map(|(k, v)| (k.as_str(), scalar(v))).collect();
    let whole = minijinja::Value::from_pairs(values.clone());
    let mut pairs = values;
    // A column named `row` keeps its name; the whole row is then only reachable through it.
    if !row.values.contains_key(ROW) {
        pairs.push((ROW, whole));
    }
    minijinja::Value::from_pairs(pairs)
}

fn scalar(v: &Value) -> minijinja::Value {
    match v {
        Value::Bool(b) => minijinja::Value::from(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => minijinja::Value::from(i),
            (None, Some(u), _) => minijinja::Value::from(u),
            (None, None, Some(f)) => minijinja::Value::from(f),
            _ => minijinja::Value::from(n.to_string()),
        },
        Value::String(s) => minijinja::Value::from(s.as_str()),
        // Rows are flat: `read` refuses anything else.
        _ => minijinja::Value::from(()),
    }
}

/// A placeholder's value as JSON: scalars keep their type; an undefined value is an error.
fn to_json(v: &minijinja::Value) -> Result<Value, minijinja::Error> {
    use minijinja::value::ValueKind;
    Ok(match v.kind() {
        ValueKind::Undefined => return Err(minijinja::Error::from(minijinja::ErrorKind::UndefinedError)),
        ValueKind::None => Value::Null,
        ValueKind::Bool => Value::Bool(v.is_true()),
        ValueKind::Number => match i64::try_from(v.clone()) {
            Ok(i) => Value::from(i),
            Err(_) => {
                f64::try_from(v.clone()).ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
            }
        },
        ValueKind::String => Value::String(v.as_str().unwrap_or_default().to_string()),
        // Lists and maps (from a filter) as their text: a row's values are flat.
        _ => Value::String(v.to_string()),
    })
}

/// Every templated string under `v`, with its path.
fn collect(
    v: &Value,
    path: &mut Vec<Step>,
    field: &str,
    out: &mut Vec<(Vec<Step>, String, String)>,
    templated_key: &mut dyn FnMut(&str),
) {
    match v {
        Value::String(s) if is_templated(s) => out.push((path.clone(), field.to_string(), s.clone())),
        Value::Object(m) => {
            for (k, child) in m {
                let child_field = crate::seqfile::child_path(field, k);
                if is_templated(k) {
                    templated_key(&child_field);
                }
                path.push(Step::Key(k.clone()));
                collect(child, path, &child_field, out, templated_key);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                path.push(Step::Index(i));
                collect(child, path, &format!("{field}[{i}]"), out, templated_key);
                path.pop();
            }
        }
        _ => {}
    }
}

fn set(v: &mut Value, path: &[Step], new: Value) {
    let mut cur = v;
    for step in path {
        let next = match (step, cur) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k),
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    *cur = new;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seqfile::{Format, Source, parse_document};
    use serde_json::json;

    fn template(text: &str) -> RowTemplate {
        RowTemplate::new(parse_document(Source::from_text("t.toml", text, Format::Toml)).unwrap()).unwrap()
    }

    fn row(values: Value) -> Row {
        Row { number: 4, line: 5, values: values.as_object().cloned().unwrap() }
    }

    const T: &str = "name = \"Reminder for {{ first_name | title }}\"\n[[steps]]\ntype = \"voice\"\norder = \"{{ n }}\"\n[steps.config]\ndestination_number = \"{{ phone }}\"\nnote = \"{{ note | default('') }}\"\nnested = { deep = [\"x {{ phone }} y\"] }\n";

    #[test]
    fn placeholders_fill_any_string_and_a_sole_one_keeps_its_type() {
        let t = template(T);
        let body = t
            .render(
                &row(json!({"first_name": "ada", "phone": "+15550100", "n": 3})),
                "p.jsonl",
                RowsFormat::Jsonl,
                &Overrides::default(),
            )
            .unwrap();
        assert_eq!(body["name"], "Reminder for Ada");
        assert_eq!(body["steps"][0]["order"], 3);
        assert_eq!(body["steps"][0]["config"]["destination_number"], "+15550100");
        assert_eq!(body["steps"][0]["config"]["note"], "");
        assert_eq!(body["steps"][0]["config"]["nested"]["deep"][0], "x +15550100 y");
    }

    #[test]
    fn unknown_columns_are_reported_once_at_their_place() {
        let t = template(
            "name = \"{{ nmae }}\"\n[[steps]]\ntype = \"voice\"\n[steps.config]\nx = \"call {{ phnoe }}\"\ny = \"{{ phnoe }}\"\nz = \"{{ name }}\"\n",
        );
        let got: Vec<String> =
            t.check_columns(&["name".into(), "phone".into()], "p.csv").iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "t.toml:1:12: name: no column `nmae` in p.csv; did you mean `name`?",
                "t.toml:5:14: steps[0].config.x: no column `phnoe` in p.csv; did you mean `phone`?",
            ]
        );
    }

    #[test]
    fn an_empty_cell_names_the_row_and_the_column_never_a_value() {
        let t = template(T);
        let problems = t
            .render(&row(json!({"first_name": "ada-secret", "n": 1})), "p.csv", RowsFormat::Csv, &Overrides::default())
            .unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "p.csv:5: row 4: steps[0].config.destination_number: column `phone` is empty in this row, and the template needs it",
                "p.csv:5: row 4: steps[0].config.nested.deep[0]: column `phone` is empty in this row, and the template needs it",
            ]
        );
        // A rendered body that breaks a rule: the problem, without the value.
        let problems = t
            .render(
                &row(json!({"first_name": "a", "phone": "1", "n": -7})),
                "p.jsonl",
                RowsFormat::Jsonl,
                &Overrides::default(),
            )
            .unwrap_err();
        let shown = problems[0].to_string();
        assert!(shown.starts_with("p.jsonl:5: row 4: steps[0].order: must be a non-negative integer"), "{shown}");
        assert!(!shown.contains("-7"), "{shown}");
    }

    #[test]
    fn syntax_errors_are_located() {
        let parsed = parse_document(Source::from_text("t.toml", "name = \"{{ oops \"\n", Format::Toml)).unwrap();
        let e = RowTemplate::new(parsed).err().unwrap();
        assert!(e[0].to_string().starts_with("t.toml:1:8: name: invalid placeholder:"), "{}", e[0]);
    }
}
