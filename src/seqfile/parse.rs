//! Parsing TOML or JSON text into a JSON value plus the location of every key and value.

use super::source::{Format, Source};
use crate::diagnostics::{Problem, ValidationError};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::ops::Range;

/// Byte ranges of one field's key and value, where the parser knows them.
#[derive(Debug, Clone, Default)]
pub(super) struct Span {
    pub key: Option<Range<usize>>,
    pub value: Option<Range<usize>>,
}

/// A parsed document: its value as JSON and where each field path sits in the text.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub source: Source,
    pub value: Value,
    spans: HashMap<String, Span>,
}

impl Parsed {
    /// Position of a field's key (falling back to its value), as 1-based line and column.
    pub(crate) fn key_pos(&self, path: &str) -> Option<(usize, usize)> {
        let span = self.spans.get(path)?;
        let r = span.key.as_ref().or(span.value.as_ref())?;
        Some(self.source.line_col(r.start))
    }

    /// Where a field's key (else its value) is, as a message says it: "line N", or "column N"
    /// in a one-line document (see `Source::place`).
    pub(crate) fn key_place(&self, path: &str) -> Option<String> {
        let span = self.spans.get(path)?;
        let r = span.key.as_ref().or(span.value.as_ref())?;
        Some(self.source.place(r.start))
    }

    /// Position of a field's value (falling back to its key).
    pub(crate) fn value_pos(&self, path: &str) -> Option<(usize, usize)> {
        let span = self.spans.get(path)?;
        let r = span.value.as_ref().or(span.key.as_ref())?;
        Some(self.source.line_col(r.start))
    }

    pub(crate) fn problem_at_key(&self, path: &str, message: impl Into<String>) -> Problem {
        Problem::at(&self.source.name, self.key_pos(path), path, message)
    }

    pub(crate) fn problem_at_value(&self, path: &str, message: impl Into<String>) -> Problem {
        Problem::at(&self.source.name, self.value_pos(path), path, message)
    }
}

/// Field path of `key` inside the object at `parent`; odd keys are quoted so the path stays readable.
pub(crate) fn child_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if plain { key.to_string() } else { format!("{key:?}") };
    if parent.is_empty() { key } else { format!("{parent}.{key}") }
}

/// serde_json's private marker for numbers kept as text (`arbitrary_precision`).
const RESERVED_KEY: &str = "$serde_json::private::Number";

pub(crate) fn index_path(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

pub(crate) fn parse_document(source: Source) -> Result<Parsed, ValidationError> {
    match source.format {
        Format::Json => parse_json(source),
        Format::Toml => parse_toml(source),
    }
}

/// When a document doesn't parse, what it seems to be instead: a mistake in the format, not
/// in the sequence, and one fix rather than a parser's complaint.
fn format_hint(source: &Source) -> Option<String> {
    let text = source.text.trim_start();
    let stdin = source.name == "<stdin>";
    let ext = std::path::Path::new(&source.name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("yaml" | "yml")) || looks_like_yaml(text) {
        return Some("YAML is not read: write the sequence as TOML or JSON (see examples/)".into());
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first_is_object = lines.next().is_some_and(|l| matches!(serde_json::from_str(l), Ok(Value::Object(_))));
    let more = lines.next().is_some();
    match source.format {
        Format::Json if first_is_object && more => Some(if stdin {
            "this looks like JSON Lines (one sequence per line): pass --batch".into()
        } else {
            "this looks like JSON Lines (one sequence per line): name the file .jsonl, or pass --batch".into()
        }),
        Format::Toml if text.starts_with('{') || first_is_object => {
            Some("this looks like JSON: name the file .json (or pass it on standard input, -f -)".into())
        }
        // An empty file (or comments alone) is TOML too, and no sign of it.
        Format::Json
            if !text.starts_with(['{', '[']) && toml::from_str::<toml::Table>(text).is_ok_and(|t| !t.is_empty()) =>
        {
            Some("this looks like TOML: name the file .toml (or pass it on standard input, -f -)".into())
        }
        _ => None,
    }
}

/// `key: value` on the first line (or a `---` start), which neither TOML nor JSON writes.
fn looks_like_yaml(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')) else {
        return false;
    };
    if first == "---" {
        return true;
    }
    match first.split_once(':') {
        Some((key, rest)) => {
            !key.is_empty()
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && (rest.is_empty() || rest.starts_with(' '))
        }
        None => false,
    }
}

/// JSON without the second, locating pass, for a batch's lines: where a line has a problem,
/// the caller reads it again with `parse_document` to say where. It refuses whatever that
/// pass would: serde_json's own errors, and a key given twice in one object (which serde_json
/// takes silently, the last value winning), found by counting keys.
pub(crate) fn parse_json_unlocated(source: Source) -> Result<Parsed, ValidationError> {
    let value: Value = serde_json::from_str(&source.text)
        .map_err(|e| ValidationError::single(Problem::whole(&source.name, format!("invalid JSON: {e}"))))?;
    if keys_in_text(&source.text) != keys_in_value(&value) {
        return Err(ValidationError::single(Problem::whole(&source.name, "duplicate key")));
    }
    Ok(Parsed { source, value, spans: HashMap::new() })
}

/// How many object keys a JSON text holds: each string followed by a colon. The text must be
/// JSON serde_json has accepted, so a string's end is the first unescaped quote.
pub(super) fn keys_in_text(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut keys) = (0, 0);
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        i += 1;
        while i < b.len() && b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        i += 1;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if b.get(i) == Some(&b':') {
            keys += 1;
        }
    }
    keys
}

/// How many keys the objects of a value hold; fewer than its text's when a key was repeated.
pub(super) fn keys_in_value(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.len() + m.values().map(keys_in_value).sum::<usize>(),
        Value::Array(a) => a.iter().map(keys_in_value).sum(),
        _ => 0,
    }
}

fn parse_json(source: Source) -> Result<Parsed, ValidationError> {
    let value: Value = serde_json::from_str(&source.text).map_err(|e| {
        let text = e.to_string();
        let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
        let pos = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
        ValidationError::single(Problem::at(&source.name, pos, "", format!("invalid JSON: {message}")))
            .hinted(format_hint(&source))
    })?;
    let mut spans = HashMap::new();
    let mut problems = Vec::new();
    // serde_json accepted the text, so strict jsonc parsing succeeds too; it only adds locations.
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    if let Ok(ast) = jsonc_parser::parse_to_ast(&source.text, &Default::default(), &options)
        && let Some(root) = &ast.value
    {
        json_spans(root, "", None, &mut spans, &mut problems, &source);
    }
    if !problems.is_empty() {
        return Err(ValidationError::new(problems));
    }
    Ok(Parsed { source, value, spans })
}

fn json_spans(
    node: &jsonc_parser::ast::Value<'_>,
    path: &str,
    key: Option<Range<usize>>,
    spans: &mut HashMap<String, Span>,
    problems: &mut Vec<Problem>,
    source: &Source,
) {
    use jsonc_parser::ast::Value as J;
    use jsonc_parser::common::Ranged;
    let r = node.range();
    spans.insert(path.to_string(), Span { key, value: Some(r.start..r.end) });
    match node {
        J::Object(obj) => {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for prop in &obj.properties {
                let name = prop.name.as_str().to_string();
                let kr = prop.name.range();
                let child = child_path(path, &name);
                if let Some(first) = seen.insert(name.clone(), kr.start) {
                    problems.push(Problem::at(
                        &source.name,
                        Some(source.line_col(kr.start)),
                        &child,
                        format!("duplicate key (first given at {})", source.place(first)),
                    ));
                }
                json_spans(&prop.value, &child, Some(kr.start..kr.end), spans, problems, source);
            }
        }
        J::Array(arr) => {
            for (i, el) in arr.elements.iter().enumerate() {
                json_spans(el, &index_path(path, i), None, spans, problems, source);
            }
        }
        _ => {}
    }
}

fn parse_toml(source: Source) -> Result<Parsed, ValidationError> {
    let doc = toml_edit::Document::parse(source.text.as_str()).map_err(|e| {
        let mut p = Problem::from_toml(&source.name, &source.text, e.span(), e.message());
        p.message = format!("invalid TOML: {}", p.message);
        ValidationError::single(p).hinted(format_hint(&source))
    })?;
    let mut spans = HashMap::new();
    let mut problems = Vec::new();
    let root = toml_table(doc.as_table(), "", &mut spans, &mut problems, &source);
    drop(doc);
    if !problems.is_empty() {
        return Err(ValidationError::new(problems));
    }
    Ok(Parsed { source, value: Value::Object(root), spans })
}

struct TomlWalk<'a> {
    spans: &'a mut HashMap<String, Span>,
    problems: &'a mut Vec<Problem>,
    source: &'a Source,
}

fn toml_table(
    table: &toml_edit::Table,
    path: &str,
    spans: &mut HashMap<String, Span>,
    problems: &mut Vec<Problem>,
    source: &Source,
) -> Map<String, Value> {
    let mut w = TomlWalk { spans, problems, source };
    w.table(table, path)
}

impl TomlWalk<'_> {
    /// Tables and inline tables alike: the key spans come from `get_key_value`.
    fn table(&mut self, table: &dyn toml_edit::TableLike, path: &str) -> Map<String, Value> {
        let mut out = Map::new();
        for (name, _) in table.iter() {
            if let Some((key, item)) = table.get_key_value(name) {
                let child = child_path(path, name);
                if name == RESERVED_KEY {
                    // serde_json writes a map with this one key as a bare number: the request
                    // would carry whatever the value says, not JSON.
                    let pos = key.span().map(|s| self.source.line_col(s.start));
                    self.problems.push(Problem::at(
                        &self.source.name,
                        pos,
                        &child,
                        "this key name is reserved and can't be sent",
                    ));
                    continue;
                }
                let value = self.item(item, &child, key.span());
                out.insert(name.to_string(), value);
            }
        }
        out
    }

    fn item(&mut self, item: &toml_edit::Item, path: &str, key: Option<Range<usize>>) -> Value {
        use toml_edit::Item;
        self.spans.insert(path.to_string(), Span { key, value: item.span() });
        match item {
            Item::None => Value::Null,
            Item::Value(v) => self.value(v, path),
            Item::Table(t) => Value::Object(self.table(t, path)),
            Item::ArrayOfTables(a) => Value::Array(
                a.iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let p = index_path(path, i);
                        self.spans.insert(p.clone(), Span { key: None, value: t.span() });
                        Value::Object(self.table(t, &p))
                    })
                    .collect(),
            ),
        }
    }

    fn value(&mut self, v: &toml_edit::Value, path: &str) -> Value {
        use toml_edit::Value as T;
        match v {
            T::String(s) => Value::String(s.value().clone()),
            T::Integer(i) => Value::Number((*i.value()).into()),
            T::Float(f) => match Number::from_f64(*f.value()) {
                Some(n) => Value::Number(n),
                None => {
                    let pos = v.span().map(|s| self.source.line_col(s.start));
                    self.problems.push(Problem::at(
                        &self.source.name,
                        pos,
                        path,
                        "inf and nan can't be sent: the API speaks JSON, which has no such numbers",
                    ));
                    Value::Null
                }
            },
            T::Boolean(b) => Value::Bool(*b.value()),
            T::Datetime(d) => Value::String(d.value().to_string()),
            T::Array(a) => Value::Array(
                a.iter()
                    .enumerate()
                    .map(|(i, el)| {
                        let p = index_path(path, i);
                        self.spans.insert(p.clone(), Span { key: None, value: el.span() });
                        self.value(el, &p)
                    })
                    .collect(),
            ),
            T::InlineTable(t) => Value::Object(self.table(t, path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Result<Parsed, ValidationError> {
        parse_document(Source::from_text("s.toml", text, Format::Toml))
    }

    #[test]
    fn toml_keeps_order_and_locates_keys() {
        let p = toml("name = \"x\"\n\n[[steps]]\ntype = \"voice\"\n[steps.config]\nz = 1\na = 2\n").unwrap();
        assert_eq!(p.value["steps"][0]["config"].as_object().unwrap().keys().collect::<Vec<_>>(), ["z", "a"]);
        assert_eq!(p.key_pos("name"), Some((1, 1)));
        assert_eq!(p.key_pos("steps[0].type"), Some((4, 1)));
        assert_eq!(p.value_pos("steps[0]").map(|p| p.0), Some(3));
    }

    #[test]
    fn toml_syntax_error_is_located() {
        let e = toml("name = \"x\"\nsteps = [\n").unwrap_err();
        let p = &e.problems[0];
        assert!(p.message.starts_with("invalid TOML"), "{p}");
        assert!(p.line.is_some());
    }

    #[test]
    fn toml_datetimes_become_strings() {
        let p = toml("when = 2026-01-02T03:04:05Z\n").unwrap();
        assert_eq!(p.value["when"], "2026-01-02T03:04:05Z");
    }

    #[test]
    fn serde_jsons_number_marker_is_refused_in_toml() {
        let e =
            toml("[[steps]]\ntype = \"voice\"\nconfig = { \"$serde_json::private::Number\" = \"abc\" }\n").unwrap_err();
        assert_eq!(e.problems[0].line, Some(3));
        assert!(e.problems[0].message.contains("reserved"));
    }

    #[test]
    fn toml_nan_is_refused() {
        let e = toml("[[steps]]\ntype = \"voice\"\nconfig = { x = nan }\n").unwrap_err();
        assert_eq!(e.problems[0].field, "steps[0].config.x");
        assert_eq!(e.problems[0].line, Some(3));
    }

    #[test]
    fn json_locates_nested_keys_and_flags_duplicates() {
        let text = "{\n  \"name\": \"x\",\n  \"steps\": [\n    {\"type\": \"voice\"}\n  ]\n}";
        let p = parse_document(Source::from_text("s.json", text, Format::Json)).unwrap();
        assert_eq!(p.key_pos("steps[0].type"), Some((4, 6)));
        let dup = "{\"name\": \"a\",\n\"name\": \"b\"}";
        let e = parse_document(Source::from_text("s.json", dup, Format::Json)).unwrap_err();
        assert_eq!(e.problems[0].line, Some(2));
        assert!(e.problems[0].message.contains("duplicate"));
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let e = parse_document(Source::from_text("s.json", "{\n\"name\": \"x\",,\n}", Format::Json)).unwrap_err();
        let p = &e.problems[0];
        assert_eq!(p.line, Some(2));
        assert!(!p.message.contains(" at line "), "{}", p.message);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff("  \n{\"a\":1}"), Format::Json);
        assert_eq!(Format::sniff("name = 'x'"), Format::Toml);
        assert_eq!(Format::sniff(""), Format::Toml);
    }
}
