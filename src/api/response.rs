//! Interpreting what the API sent back: envelopes, error bodies, and responses that
//! don't follow the contract at all (HTML from a proxy, empty bodies, wrong types).

use crate::error::{ApiError, BadResponse};
use crate::untrusted::escape_line as sanitize;
use serde_json::{Map, Value};

/// A response as received, before interpretation.
pub(crate) struct RawResponse {
    pub status: u16,
    pub retry_after: Option<std::time::Duration>,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

/// A sequence as the server sent it: every field kept, in the server's order.
#[derive(Debug, Clone)]
pub(crate) struct Sequence {
    pub data: Map<String, Value>,
}

impl Sequence {
    pub(crate) fn id(&self) -> Option<i64> {
        self.data.get("id").and_then(Value::as_i64)
    }

    pub(crate) fn to_value(&self) -> Value {
        Value::Object(self.data.clone())
    }
}

fn bad(message: impl Into<String>) -> anyhow::Error {
    BadResponse { message: message.into() }.into()
}

/// The documented top-level fields and the JSON type each must have when present and not null.
const FIELD_TYPES: &[(&str, Kind)] = &[
    ("id", Kind::Integer),
    ("status", Kind::String),
    ("ended_reason", Kind::String),
    ("ended_reason_v2", Kind::String),
    ("current_step", Kind::Integer),
    ("next_activity", Kind::String),
    ("organization_id", Kind::Integer),
    ("patient_id", Kind::Integer),
    ("type", Kind::String),
    ("steps", Kind::ArrayOfObjects),
    ("sequence_definition_id", Kind::Integer),
    ("inputs", Kind::Array),
    ("outcome", Kind::String),
    ("was_contact_reached", Kind::Bool),
    ("claimed_at", Kind::String),
    ("is_test_mode", Kind::Bool),
    ("last_updated", Kind::String),
];

#[derive(Clone, Copy)]
enum Kind {
    Integer,
    String,
    Bool,
    Array,
    ArrayOfObjects,
}

impl Kind {
    fn matches(self, v: &Value) -> bool {
        match self {
            Kind::Integer => v.is_i64() || v.is_u64(),
            Kind::String => v.is_string(),
            Kind::Bool => v.is_boolean(),
            Kind::Array => v.is_array(),
            Kind::ArrayOfObjects => v.as_array().is_some_and(|a| a.iter().all(Value::is_object)),
        }
    }
    fn describe(self) -> &'static str {
        match self {
            Kind::Integer => "an integer",
            Kind::String => "a string",
            Kind::Bool => "true or false",
            Kind::Array => "an array",
            Kind::ArrayOfObjects => "an array of objects",
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Any status other than 2xx as an error: a redirect (never followed) or the API's error.
pub(crate) fn check_status(raw: &RawResponse) -> anyhow::Result<()> {
    let status = raw.status;
    if (300..400).contains(&status) {
        let to = raw
            .headers
            .get(reqwest::header::LOCATION)
            .map(|l| sanitize(&String::from_utf8_lossy(l.as_bytes())).into_owned())
            .unwrap_or_else(|| "nowhere".into());
        return Err(bad(format!(
            "the API answered {status}, redirecting to {to}; clarion does not follow redirects, so the token stays with the host you chose (check the API URL)"
        )));
    }
    if !(200..300).contains(&status) {
        let (message, code) = error_message(&raw.body);
        return Err(ApiError { status, message, code }.into());
    }
    Ok(())
}

/// Interprets an answer to a create or a show.
pub(crate) fn parse_sequence_response(raw: &RawResponse) -> anyhow::Result<Sequence> {
    check_status(raw)?;
    let status = raw.status;
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad(format!("the API answered {status} with an empty body, where a sequence was expected")));
    }
    let value: Value = match serde_json::from_slice(&raw.body) {
        Ok(v) => v,
        Err(e) => {
            let what = if std::str::from_utf8(&raw.body).is_err() {
                "not UTF-8 text".to_string()
            } else if e.is_eof() {
                "truncated JSON".to_string()
            } else {
                format!("not JSON (it begins {:?})", excerpt(&raw.body, 40))
            };
            return Err(bad(format!("the API answered {status}, but the body is {what}")));
        }
    };
    let Value::Object(mut envelope) = value else {
        return Err(bad(format!(
            "the API answered {status} with {}, not the expected {{\"success\", \"data\"}} object",
            json_kind(&value)
        )));
    };
    if envelope.get("success") == Some(&Value::Bool(false)) {
        let (message, _) = error_message(&raw.body);
        let why = if message.is_empty() { String::new() } else { format!(": {message}") };
        return Err(bad(format!("the API answered {status} but reported failure (success: false){why}")));
    }
    let data = match envelope.remove("data") {
        Some(Value::Object(d)) => d,
        None | Some(Value::Null) => {
            return Err(bad(format!("the API answered {status} without a sequence (no `data` in the body)")));
        }
        Some(other) => {
            return Err(bad(format!("the API answered {status}, but `data` is {}, not an object", json_kind(&other))));
        }
    };
    for (field, kind) in FIELD_TYPES {
        if let Some(v) = data.get(*field)
            && !v.is_null()
            && !kind.matches(v)
        {
            return Err(bad(format!(
                "the API answered {status}, but the sequence's `{field}` is {}, where {} was expected",
                json_kind(v),
                kind.describe()
            )));
        }
    }
    Ok(Sequence { data })
}

/// What a batch uses of a created sequence: its id, its status, and what it says of test mode
/// (`None`: it doesn't say).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Created {
    pub id: Option<i64>,
    pub status: Value,
    pub is_test_mode: Option<Value>,
}

impl Created {
    fn of(seq: &Sequence) -> Self {
        Created {
            id: seq.id(),
            status: seq.data.get("status").cloned().unwrap_or(Value::Null),
            is_test_mode: seq.data.get("is_test_mode").cloned(),
        }
    }
}

/// A create's answer, for a batch: the same checks and the same result as
/// `parse_sequence_response`, without building the whole sequence. A batch prints only the id
/// and status of thousands of answers, and building each one whole was a tenth of its time. An
/// answer the quick reading can't vouch for is read the full way, which also gives the error.
pub(crate) fn parse_created(raw: &RawResponse) -> anyhow::Result<Created> {
    check_status(raw)?;
    if let Some(created) = quick_created(&raw.body) {
        return Ok(created);
    }
    parse_sequence_response(raw).map(|seq| Created::of(&seq))
}

/// `Some` only for an answer `parse_sequence_response` accepts, with the values it would give:
/// an object (no `success: false`) whose `data` is an object, each documented field of the
/// right type or null. Anything else (escaped keys, duplicated envelope keys) is `None`.
fn quick_created(body: &[u8]) -> Option<Created> {
    use serde_json::value::RawValue;
    #[derive(serde::Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        success: Option<&'a RawValue>,
        #[serde(borrow)]
        data: Option<&'a RawValue>,
    }
    // A struct can also be read from an array; an answer that isn't an object is not one.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    // What RawValue and the struct skip over, they skim: no nesting limit, lone surrogates
    // and (outside a RawValue) bytes that aren't UTF-8 pass, and serde_json's private map keys
    // (`$serde_json::private::...`, which `Value` reads as a number or raw JSON) are not seen.
    // So: UTF-8 only, none of those keys however spelt (escaped, they hold `\u00`), no escaped
    // surrogates, and one walk of the whole body as `Value`'s parser walks it, keeping nothing.
    let body = std::str::from_utf8(body).ok()?;
    if ["$serde_json", "\\u00", "\\ud", "\\uD"].iter().any(|s| body.contains(s)) {
        return None;
    }
    serde_json::from_str::<Walked>(body).ok()?;
    let envelope: Envelope<'_> = serde_json::from_str(body).ok()?;
    if envelope.success.is_some_and(|s| s.get() == "false") {
        return None;
    }
    let data = envelope.data?.get();
    if !data.starts_with('{') {
        return None;
    }
    // Later duplicates win here as they do in a parsed Map.
    let fields: std::collections::HashMap<&str, &RawValue> = serde_json::from_str(data).ok()?;
    let value = |field: &str| fields.get(field).map(|raw| serde_json::from_str::<Value>(raw.get()));
    for (field, kind) in FIELD_TYPES {
        let Some(raw) = fields.get(field) else { continue };
        let text = raw.get();
        let fits = match kind {
            _ if text == "null" => true,
            Kind::String => text.starts_with('"'),
            Kind::Bool => text == "true" || text == "false",
            Kind::Array => text.starts_with('['),
            Kind::ArrayOfObjects => {
                text.starts_with('[')
                    && serde_json::from_str::<Vec<&RawValue>>(text)
                        .is_ok_and(|items| items.iter().all(|i| i.get().starts_with('{')))
            }
            Kind::Integer => serde_json::from_str::<Value>(text).is_ok_and(|v| kind.matches(&v)),
        };
        if !fits {
            return None;
        }
    }
    Some(Created {
        id: value("id").and_then(Result::ok).and_then(|v| v.as_i64()),
        status: match value("status") {
            Some(v) => v.ok()?,
            None => Value::Null,
        },
        is_test_mode: value("is_test_mode").transpose().ok()?,
    })
}

/// Any JSON, read as `Value` reads it (strings decoded, the nesting limit applied), kept nowhere.
struct Walked;

impl<'de> serde::Deserialize<'de> for Walked {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WalkedVisitor)
    }
}

struct WalkedVisitor;

impl<'de> serde::de::Visitor<'de> for WalkedVisitor {
    type Value = Walked;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_str<E>(self, _: &str) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_unit<E>(self) -> Result<Walked, E> {
        Ok(Walked)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Walked, A::Error> {
        while seq.next_element::<Walked>()?.is_some() {}
        Ok(Walked)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Walked, A::Error> {
        while map.next_key::<Walked>()?.is_some() {
            map.next_value::<Walked>()?;
        }
        Ok(Walked)
    }
}

/// The server's explanation in an error body, whatever its shape (the contract's error shape
/// is only assumed): the contract's `error.message`; a string `message`/`error`; RFC 9457's
/// `title` and `detail`; a list of `errors` (strings or objects with a message); FastAPI's
/// `detail: [{loc, msg}]`; else the start of the body, or "(empty body)". Returns (message,
/// error code).
pub(super) fn error_message(body: &[u8]) -> (String, Option<String>) {
    if body.iter().all(u8::is_ascii_whitespace) {
        return ("(empty body)".into(), None);
    }
    if let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(body) {
        let err_obj = obj.get("error").and_then(Value::as_object);
        let code = err_obj.and_then(|e| e.get("code")).and_then(Value::as_str).map(|c| sanitize(c).into_owned());
        if let Some(msg) = message_of_object(&obj, err_obj) {
            // A list of hundreds of problems is still one line, of a readable length.
            return (excerpt(msg.as_bytes(), 300), code);
        }
        if code.is_some() {
            return (String::new(), code);
        }
    }
    (excerpt(body, 300), None)
}

fn message_of_object(obj: &Map<String, Value>, err_obj: Option<&Map<String, Value>>) -> Option<String> {
    let direct = [err_obj.and_then(|e| e.get("message")), obj.get("message"), obj.get("error")];
    if let Some(msg) = direct.into_iter().flatten().find_map(Value::as_str) {
        return Some(msg.to_string());
    }
    // RFC 9457 problem details: the title says what, the detail says why.
    match (obj.get("title").and_then(Value::as_str), obj.get("detail").and_then(Value::as_str)) {
        (Some(t), Some(d)) => return Some(format!("{t}: {d}")),
        (None, Some(d)) => return Some(d.to_string()),
        (Some(t), None) => return Some(t.to_string()),
        (None, None) => {}
    }
    let list = obj.get("errors").or_else(|| obj.get("detail")).and_then(Value::as_array)?;
    let parts: Vec<String> = list.iter().filter_map(list_item_message).collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// One entry of an `errors` or FastAPI `detail` list: a string, or an object with a message
/// and perhaps where (`loc`, `field`, `path`).
fn list_item_message(item: &Value) -> Option<String> {
    let obj = match item {
        Value::String(s) => return Some(s.clone()),
        Value::Object(o) => o,
        _ => return None,
    };
    let msg = ["message", "msg", "detail", "title"].iter().find_map(|k| obj.get(*k).and_then(Value::as_str))?;
    let place = match obj.get("loc").or_else(|| obj.get("field")).or_else(|| obj.get("path")) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(parts)) => Some(loc_path(parts)),
        _ => None,
    };
    Some(match place {
        Some(p) if !p.is_empty() => format!("{p}: {msg}"),
        _ => msg.to_string(),
    })
}

/// FastAPI's `["body", "steps", 0, "type"]` as `steps[0].type` (the "body" root says nothing).
fn loc_path(parts: &[Value]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Value::String(s) if i == 0 && s == "body" => {}
            Value::String(s) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(s);
            }
            Value::Number(n) => out.push_str(&format!("[{n}]")),
            _ => {}
        }
    }
    out
}

fn one_line(s: &str) -> String {
    sanitize(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// The first `n` characters of a body, on one line, safe for a terminal.
fn excerpt(body: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let text: String = text.chars().take(n).collect();
    one_line(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::exit_code;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse { status, retry_after: None, headers: Default::default(), body: body.as_bytes().to_vec() }
    }

    #[test]
    fn keeps_unknown_fields_in_order() {
        let s =
            parse_sequence_response(&raw(200, r#"{"success":true,"data":{"zeta":1,"id":7,"alpha":null}}"#)).unwrap();
        assert_eq!(s.data.keys().collect::<Vec<_>>(), ["zeta", "id", "alpha"]);
        assert_eq!(s.id(), Some(7));
    }

    #[test]
    fn error_bodies_in_any_shape() {
        assert_eq!(
            error_message(
                br#"{"success":false,"error":{"code":"validation_error","message":"steps[0].type is required"}}"#
            ),
            ("steps[0].type is required".into(), Some("validation_error".into()))
        );
        assert_eq!(error_message(br#"{"detail":"nope"}"#).0, "nope");
        assert_eq!(
            error_message(b"<html>\n<b>Bad gateway</b>\x1b[2J</html>").0,
            "<html> <b>Bad gateway</b>\\u{1b}[2J</html>"
        );
        assert_eq!(error_message(&[b'x'; 1000]).0.len(), 300);
        let msg = |body: &str| error_message(body.as_bytes()).0;
        assert_eq!(msg(r#"{"errors":["name is required","steps is empty"]}"#), "name is required; steps is empty");
        assert_eq!(msg(r#"{"errors":[{"message":"too long","field":"name"},{"code":7}]}"#), "name: too long");
        assert_eq!(
            msg(r#"{"detail":[{"loc":["body","steps",0,"type"],"msg":"field required","type":"missing"}]}"#),
            "steps[0].type: field required"
        );
        assert_eq!(
            msg(r#"{"type":"about:blank","title":"Unprocessable","status":422,"detail":"order must be unique"}"#),
            "Unprocessable: order must be unique"
        );
        assert_eq!(msg(r#"{"oops":{"nested":true}}"#), r#"{"oops":{"nested":true}}"#);
        assert_eq!(msg(""), "(empty body)");
        assert_eq!(msg(" \n"), "(empty body)");
    }

    #[test]
    fn malformed_success_bodies_are_failures_not_panics() {
        for body in [
            "",
            "<html>hi</html>",
            "{\"success\":true,\"data\":{\"id\":1",
            "{\"success\":false,\"data\":{}}",
            "{\"success\":true}",
            "{\"success\":true,\"data\":null}",
            "{\"success\":true,\"data\":{\"id\":\"7\"}}",
            "{\"success\":true,\"data\":{\"steps\":{}}}",
            "[]",
        ] {
            let err = parse_sequence_response(&raw(200, body)).unwrap_err();
            assert_eq!(exit_code(&err), 1, "{body}: {err}");
        }
        let invalid =
            RawResponse { status: 200, retry_after: None, headers: Default::default(), body: vec![0xff, 0xfe] };
        assert!(parse_sequence_response(&invalid).unwrap_err().to_string().contains("UTF-8"));
    }

    proptest::proptest! {
        #[test]
        fn no_answer_makes_parsing_panic(status in 100u16..600, body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let raw = RawResponse { status, retry_after: None, headers: Default::default(), body };
            if let Ok(seq) = parse_sequence_response(&raw) {
                proptest::prop_assert!((200..300).contains(&status));
                proptest::prop_assert!(seq.data.get("id").is_none_or(|v| v.is_null() || v.is_i64() || v.is_u64()));
            }
            let _ = error_message(&raw.body);
        }

        #[test]
        fn a_batch_reads_any_answer_as_the_full_reading_does(
            fields in proptest::collection::vec((0usize..20, 0usize..13), 0..8),
            envelope in 0..4,
        ) {
            const NAMES: &[&str] = &["id", "status", "steps", "is_test_mode", "inputs", "current_step",
                "was_contact_reached", "outcome", "other", "\\u0069d", "patient_id", "type", "ended_reason",
                "claimed_at", "organization_id", "last_updated", "next_activity", "sequence_definition_id",
                "ended_reason_v2", "x"];
            const VALUES: &[&str] = &["null", "1", "-2", "1.5", "\"s\"", "true", "[]", "[{}]", "{\"k\":[1]}",
                "\"\\ud800\"", "{\"$serde_json::private::Number\":\"1\"}", "1e400", "\"\\u0041\""];
            let data: Vec<String> = fields.iter().map(|(n, v)| format!("\"{}\":{}", NAMES[*n], VALUES[*v])).collect();
            let data = format!("{{{}}}", data.join(","));
            let body = match envelope {
                0 => format!(r#"{{"success":true,"data":{data}}}"#),
                1 => format!(r#"{{"data":{data},"success":false}}"#),
                2 => format!(r#"{{"meta":[1],"data":{data}}}"#),
                _ => data.clone(),
            };
            same_as_full(&body);
        }

        #[test]
        fn json_shaped_answers_never_panic(status in 100u16..600, data in "\\PC{0,80}", wrap in 0..4) {
            let body = match wrap {
                0 => format!(r#"{{"success":true,"data":{data}}}"#),
                1 => format!(r#"{{"success":true,"data":{{"id":{data}}}}}"#),
                2 => format!(r#"{{"error":{{"message":{data}}}}}"#),
                _ => data.clone(),
            };
            let raw = RawResponse { status, retry_after: None, headers: Default::default(), body: body.into_bytes() };
            let _ = parse_sequence_response(&raw);
        }
    }

    /// The quick reading of a create's answer must give exactly what the full one gives.
    fn same_as_full(body: &str) {
        let raw = raw(201, body);
        let full = parse_sequence_response(&raw).map(|s| Created::of(&s)).map_err(|e| e.to_string());
        let quick = parse_created(&raw).map_err(|e| e.to_string());
        assert_eq!(quick, full, "{body}");
    }

    #[test]
    fn a_batch_reads_answers_as_the_full_reading_does() {
        let steps = r#"[{"id":"stp_1","type":"voice","status":"pending","config":{"a":[1,{"b":null}]}}]"#;
        for body in [
            format!(
                r#"{{"success":true,"data":{{"id":42,"status":"in-progress","steps":{steps},"is_test_mode":true}}}}"#
            ),
            r#" {"data":{"id":7,"is_test_mode":null,"extra":{"x":[1,2]}}} "#.into(),
            r#"{"data":{"id":7}}"#.into(),
            r#"{"data":{"status":"a\u0041\n"}}"#.into(),
            r#"{"data":{"id":18446744073709551615}}"#.into(),
            r#"{"data":{"id":-3,"current_step":null}}"#.into(),
            r#"{"data":{"id":1.5}}"#.into(),
            r#"{"data":{"id":"42"}}"#.into(),
            r#"{"data":{"status":3}}"#.into(),
            r#"{"data":{"steps":[1]}}"#.into(),
            r#"{"data":{"steps":{}}}"#.into(),
            r#"{"data":{"is_test_mode":"yes"}}"#.into(),
            r#"{"data":{"id":1,"id":2}}"#.into(),
            r#"{"data":{"i\u0064":5}}"#.into(),
            r#"{"data":{"id":1},"data":{"id":2}}"#.into(),
            r#"{"d\u0061ta":{"id":9}}"#.into(),
            r#"{"success":false,"data":{"id":1}}"#.into(),
            r#"{"success":"false","data":{"id":1}}"#.into(),
            r#"{"data":null}"#.into(),
            r#"{"data":[{"id":1}]}"#.into(),
            r#"[true,{"id":1}]"#.into(),
            r#"{"data":{"id":1}} x"#.into(),
            r#"{"data":{"id":1}"#.into(),
            String::new(),
            "<html>".into(),
            // Found by a review: what the quick reading skips must still be read as `Value` would.
            r#"{"data":{"id":1,"is_test_mode":true,"note":"\ud800"}}"#.into(),
            r#"{"meta":"\udc00","data":{"id":1}}"#.into(),
            r#"{"data":{"id":1,"inputs":["\ud800"]}}"#.into(),
            format!(r#"{{"data":{{"id":1,"x":{}{}}}}}"#, "[".repeat(126), "]".repeat(126)),
            format!(r#"{{"data":{{"id":1,"x":{}{}}}}}"#, "[".repeat(125), "]".repeat(125)),
            format!(r#"{{"meta":{}{},"data":{{"id":1}}}}"#, "[".repeat(200), "]".repeat(200)),
            format!(r#"{{"data":{{"id":1,"steps":[{{"a":{}{}}}]}}}}"#, "[".repeat(200), "]".repeat(200)),
            r#"{"data":{"$serde_json::private::RawValue":"{\"id\":5,\"is_test_mode\":true}"}}"#.into(),
            r#"{"data":{"$serde_json::private::RawValue":"{}","id":1,"is_test_mode":true}}"#.into(),
            r#"{"data":{"$serde_json::private::Number":"5"}}"#.into(),
            r#"{"data":{"id":1,"steps":[{"$serde_json::private::Number":"1"}]}}"#.into(),
            r#"{"data":{"id":1,"x":{"$serde_json::private::Numb\u0065r":"abc"}}}"#.into(),
            r#"{"$serde_json::private::Number":"1","data":{"id":1}}"#.into(),
            r#"{"data":{"id":1,"x":1e400}}"#.into(),
            r#"{"data":{"id":1E+2}}"#.into(),
            r#"{"data":{"id":-9223372036854775809}}"#.into(),
            r#"{"data":{"is_test_mode":true,"is_test_mode":false}}"#.into(),
            r#"{"succ\u0065ss":false,"data":{"id":1}}"#.into(),
            "{\"data\" : \n {\"id\" : 1 , \"is_test_mode\" :\ttrue } }".into(),
        ] {
            same_as_full(&body);
        }
        for bytes in [
            &b"{\"meta\":\"\xff\",\"data\":{\"id\":1,\"is_test_mode\":false}}"[..],
            b"\xef\xbb\xbf{\"data\":{\"id\":1}}",
        ] {
            let raw = RawResponse { status: 201, retry_after: None, headers: Default::default(), body: bytes.to_vec() };
            let full = parse_sequence_response(&raw).map(|s| Created::of(&s)).map_err(|e| e.to_string());
            assert_eq!(parse_created(&raw).map_err(|e| e.to_string()), full);
        }
        // And the quick reading does read the contract's answer (not only fall back).
        let example = format!(r#"{{"success":true,"data":{{"id":42,"status":"pending","steps":{steps}}}}}"#);
        let quick = quick_created(example.as_bytes()).expect("read quickly");
        assert_eq!((quick.id, quick.status, quick.is_test_mode), (Some(42), Value::from("pending"), None));
    }

    #[test]
    fn redirects_are_refused() {
        let r = RawResponse {
            status: 302,
            headers: [(reqwest::header::LOCATION, reqwest::header::HeaderValue::from_static("https://elsewhere/"))]
                .into_iter()
                .collect(),
            retry_after: None,
            body: vec![],
        };
        let err = parse_sequence_response(&r).unwrap_err();
        assert!(err.to_string().contains("https://elsewhere/"));
        assert_eq!(exit_code(&err), 1);
    }
}
