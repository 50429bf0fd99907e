//! Interpreting what the API sent back: envelopes, error bodies, and responses that
//! don't follow the contract at all (HTML from a proxy, empty bodies, wrong types).

use crate::error::{ApiError, BadResponse};
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

fn bad(status: u16, message: impl Into<String>) -> anyhow::Error {
    BadResponse { message: message.into(), status: Some(status) }.into()
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

/// The type a documented field must have, looked up as often as an answer has keys: a
/// `match` compares lengths first, where a search of `FIELD_TYPES` compared every name.
pub(super) fn field_kind(key: &[u8]) -> Option<Kind> {
    Some(match key {
        b"id" | b"current_step" | b"organization_id" | b"patient_id" | b"sequence_definition_id" => Kind::Integer,
        b"status" | b"ended_reason" | b"ended_reason_v2" | b"next_activity" | b"type" | b"outcome" | b"claimed_at"
        | b"last_updated" => Kind::String,
        b"was_contact_reached" | b"is_test_mode" => Kind::Bool,
        b"inputs" => Kind::Array,
        b"steps" => Kind::ArrayOfObjects,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    Integer,
    String,
    Bool,
    Array,
    ArrayOfObjects,
}

impl Kind {
    pub(super) fn matches(self, v: &Value) -> bool {
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
/// 304 Not Modified is neither: it answers a conditional request (`api -H 'If-None-Match:
/// ...'`) with "what you have is current".
pub(crate) fn check_status(raw: &RawResponse) -> anyhow::Result<()> {
    let status = raw.status;
    if status == 304 {
        return Ok(());
    }
    if (300..400).contains(&status) {
        let to = raw
            .headers
            .get(reqwest::header::LOCATION)
            .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
            .unwrap_or_else(|| "nowhere".into());
        return Err(bad(
            status,
            format!(
                "the API answered {status}, redirecting to {to}; clarion does not follow redirects, so the token stays with the host you chose (check the API URL)"
            ),
        ));
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
        return Err(bad(
            status,
            format!("the API answered {status} with an empty body, where a sequence was expected"),
        ));
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
            return Err(bad(status, format!("the API answered {status}, but the body is {what}")));
        }
    };
    let Value::Object(mut envelope) = value else {
        return Err(bad(
            status,
            format!(
                "the API answered {status} with {}, not the expected {{\"success\", \"data\"}} object",
                json_kind(&value)
            ),
        ));
    };
    if envelope.get("success") == Some(&Value::Bool(false)) {
        let (message, _) = error_message(&raw.body);
        let why = if message.is_empty() { String::new() } else { format!(": {message}") };
        return Err(bad(status, format!("the API answered {status} but reported failure (success: false){why}")));
    }
    let data = match envelope.remove("data") {
        Some(Value::Object(d)) => d,
        None | Some(Value::Null) => {
            return Err(bad(status, format!("the API answered {status} without a sequence (no `data` in the body)")));
        }
        Some(other) => {
            return Err(bad(
                status,
                format!("the API answered {status}, but `data` is {}, not an object", json_kind(&other)),
            ));
        }
    };
    for (field, kind) in FIELD_TYPES {
        if let Some(v) = data.get(*field)
            && !v.is_null()
            && !kind.matches(v)
        {
            return Err(bad(
                status,
                format!(
                    "the API answered {status}, but the sequence's `{field}` is {}, where {} was expected",
                    json_kind(v),
                    kind.describe()
                ),
            ));
        }
    }
    Ok(Sequence { data })
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
        let code = err_obj.and_then(|e| e.get("code")).and_then(Value::as_str).map(str::to_string);
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
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `n` characters of a body, on one line; still untrusted text (see `ApiError`).
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

    /// Every field the full reading checks, the lean one (`created.rs`) checks alike. (A name
    /// only the match had would make the lean reading stricter, never laxer.)
    #[test]
    fn field_kind_is_the_table() {
        for (name, kind) in FIELD_TYPES {
            assert_eq!(field_kind(name.as_bytes()), Some(*kind), "{name}");
        }
        let named = ["id", "status", "steps", "inputs", "is_test_mode"];
        assert!(named.iter().all(|n| FIELD_TYPES.iter().any(|(f, _)| f == n)));
        for other in ["", "ID", "Status", "step", "stepss", "data", "success", "is_test_mode "] {
            assert_eq!(field_kind(other.as_bytes()), None, "{other:?}");
        }
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
        // One line, but the text as sent: escaping is for the terminal, not for `--json`.
        assert_eq!(
            error_message(b"<html>\n<b>Bad gateway</b>\x1b[2J</html>").0,
            "<html> <b>Bad gateway</b>\x1b[2J</html>"
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
