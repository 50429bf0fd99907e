//! A create's answer as a batch reads it: only what a batch keeps (id, status, test mode), the
//! documented fields' types checked as `parse_sequence_response` checks them, the rest skipped
//! without being built. Anything unusual is left to that full reading, which decides and words
//! the error; so this reading accepts nothing the full one refuses, and keeps the same values.
//!
//! Why: building the whole answer (every key hashed into an ordered map, every string copied)
//! was a quarter of the instructions a batch's create cost the client.

use super::response::{Kind, RawResponse, Sequence, parse_sequence_response};
use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// What a batch keeps of a created sequence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Created {
    pub id: Option<i64>,
    /// `status` as sent; null when absent.
    pub status: Value,
    /// `is_test_mode` as sent, if sent at all.
    pub is_test_mode: Option<Value>,
}

impl Created {
    fn of(seq: &Sequence) -> Created {
        Created {
            id: seq.id(),
            status: seq.data.get("status").cloned().unwrap_or(Value::Null),
            is_test_mode: seq.data.get("is_test_mode").cloned(),
        }
    }
}

/// Interprets an answer to a create for a batch: the same outcome as `parse_sequence_response`.
pub(crate) fn parse_created(raw: &RawResponse) -> anyhow::Result<Created> {
    if (200..300).contains(&raw.status)
        && let Some(created) = read(&raw.body)
    {
        return Ok(created);
    }
    parse_sequence_response(raw).map(|seq| Created::of(&seq))
}

/// Nesting deeper than this is left to the full reading, which has a limit (128) that skipping
/// doesn't.
const MAX_DEPTH: usize = 100;

/// The answer, when it is a plain success: else None, and the full reading decides.
fn read(body: &[u8]) -> Option<Created> {
    if !plain(body) {
        return None;
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let envelope = de.deserialize_map(EnvelopeVisitor).ok()?;
    de.end().ok()?;
    match envelope {
        Envelope { success_false: false, data: Some(data) } => Some(data),
        _ => None,
    }
}

/// Whether skipping a value can't differ from reading it: valid UTF-8 (skipped strings aren't
/// checked), no `\u` escape and no `$` (so no key spells serde_json's private number key, which
/// its reading treats as a number), and nesting within `MAX_DEPTH`.
fn plain(body: &[u8]) -> bool {
    if std::str::from_utf8(body).is_err() || body.contains(&b'$') {
        return false;
    }
    // Most answers have no escape at all and fewer brackets than the limit: two quick scans
    // settle them without following strings.
    if !body.contains(&b'\\') && body.iter().filter(|&&b| b == b'{' || b == b'[').count() <= MAX_DEPTH {
        return true;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in body {
        if in_string {
            if escaped {
                if b == b'u' {
                    return false;
                }
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return false;
                    }
                }
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    true
}

struct Envelope {
    /// The last `success` is `false` (the full reading looks at the last of repeated keys).
    success_false: bool,
    /// The last `data`.
    data: Option<Created>,
}

/// Refuses, so that the full reading decides.
fn unusual<E: de::Error>() -> E {
    E::custom("left to the full reading")
}

enum TopKey {
    Success,
    Data,
    Other,
}

enum DataKey {
    Field(Kind, Keep),
    Other,
}

#[derive(Clone, Copy)]
enum Keep {
    Id,
    Status,
    TestMode,
    Nothing,
}

/// A key, named without copying it.
struct KeyVisitor<F>(F);

impl<'de, T, F: Fn(&str) -> T> Visitor<'de> for KeyVisitor<F> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<T, E> {
        Ok((self.0)(key))
    }
}

impl<'de> de::Deserialize<'de> for TopKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor(|key: &str| match key {
            "success" => TopKey::Success,
            "data" => TopKey::Data,
            _ => TopKey::Other,
        }))
    }
}

impl<'de> de::Deserialize<'de> for DataKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor(|key: &str| {
            let keep = match key {
                "id" => Keep::Id,
                "status" => Keep::Status,
                "is_test_mode" => Keep::TestMode,
                _ => Keep::Nothing,
            };
            match super::response::field_kind(key) {
                Some(kind) => DataKey::Field(kind, keep),
                None => DataKey::Other,
            }
        }))
    }
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut envelope = Envelope { success_false: false, data: None };
        while let Some(key) = map.next_key::<TopKey>()? {
            match key {
                TopKey::Success => envelope.success_false = map.next_value::<Value>()? == Value::Bool(false),
                TopKey::Data => envelope.data = Some(map.next_value_seed(DataSeed)?),
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(envelope)
    }
}

struct DataSeed;

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = Created;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Created, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DataSeed {
    type Value = Created;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Created, A::Error> {
        let mut created = Created { id: None, status: Value::Null, is_test_mode: None };
        while let Some(key) = map.next_key::<DataKey>()? {
            let (kind, keep) = match key {
                DataKey::Field(kind, keep) => (kind, keep),
                DataKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            match kind {
                // Arrays are checked without being built: they are most of an answer.
                Kind::Array => map.next_value_seed(ArraySeed { of_objects: false })?,
                Kind::ArrayOfObjects => map.next_value_seed(ArraySeed { of_objects: true })?,
                Kind::Integer | Kind::String | Kind::Bool => {
                    let value: Value = map.next_value()?;
                    if !value.is_null() && !kind.matches(&value) {
                        return Err(unusual());
                    }
                    match keep {
                        Keep::Id => created.id = value.as_i64(),
                        Keep::Status => created.status = value,
                        Keep::TestMode => created.is_test_mode = Some(value),
                        Keep::Nothing => {}
                    }
                }
            }
        }
        Ok(created)
    }
}

/// An array (or null), its items skipped; with `of_objects`, each must be an object.
struct ArraySeed {
    of_objects: bool,
}

impl<'de> DeserializeSeed<'de> for ArraySeed {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ArraySeed {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.of_objects {
            while seq.next_element_seed(ObjectSeed)?.is_some() {}
        } else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
        }
        Ok(())
    }
}

/// An object, skipped. `deserialize_map` refuses anything else, numbers included (which
/// serde_json's arbitrary precision hands to `deserialize_any` as a map).
struct ObjectSeed;

impl<'de> DeserializeSeed<'de> for ObjectSeed {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(body: &[u8]) -> Option<Created> {
        let raw = RawResponse { status: 201, retry_after: None, headers: Default::default(), body: body.to_vec() };
        parse_sequence_response(&raw).ok().map(|seq| Created::of(&seq))
    }

    /// The sandbox's answer to a create, as the batch sees it thousands of times.
    const ANSWER: &str = r#"{"success": true, "data": {"id": 1, "status": "in-progress", "ended_reason": null, "ended_reason_v2": null, "current_step": 1, "next_activity": "2026-11-29T20:12:07Z", "organization_id": 1, "patient_id": null, "type": "custom", "steps": [{"id": "stp_6a2af5b1543ea513", "type": "voice", "inputs": [], "status": "pending", "scheduled_at": "2026-11-29T20:12:07Z", "voicemail_message": null, "source_number": null, "destination_number": "+15550000000", "voice_assistant_id": null, "post_actions": []}], "sequence_definition_id": null, "inputs": [], "outcome": null, "was_contact_reached": null, "claimed_at": null, "is_test_mode": true, "last_updated": "2026-11-29T20:11:07Z", "extra": {"a": [1, 2.5e300, -0, "x"]}}}"#;

    #[test]
    fn a_plain_answer_is_read_without_the_full_reading_and_alike() {
        let lean = read(ANSWER.as_bytes());
        assert_eq!(
            lean,
            Some(Created { id: Some(1), status: Value::from("in-progress"), is_test_mode: Some(Value::Bool(true)) })
        );
        assert_eq!(lean, full(ANSWER.as_bytes()));
    }

    /// Whatever the body, the lean reading either agrees with the full one or leaves it to it.
    fn agrees(body: &str) {
        if let Some(lean) = read(body.as_bytes()) {
            assert_eq!(Some(lean), full(body.as_bytes()), "the readings differ on {body}");
        }
    }

    #[test]
    fn unusual_answers_are_left_to_the_full_reading_or_read_alike() {
        let deep = format!(r#"{{"success":true,"data":{{"id":1,"x":{}1{}}}}}"#, "[".repeat(130), "]".repeat(130));
        let cases = [
            r#"{"success":true,"data":{"id":1}}"#,
            r#"{"success":false,"data":{"id":1}}"#,
            r#"{"success":false,"success":true,"data":{"id":1}}"#,
            r#"{"success":true,"success":false,"data":{"id":1}}"#,
            r#"{"success":"false","data":{"id":1}}"#,
            r#"{"data":{"id":1},"data":{"id":2}}"#,
            r#"{"data":{"id":1},"data":null}"#,
            r#"{"data":null}"#,
            r#"{"data":[]}"#,
            r#"{"data":{"id":1,"id":"x"}}"#,
            r#"{"data":{"id":1,"id":2,"status":"a","status":"b","status":null}}"#,
            r#"{"data":{"id":"x","id":1}}"#,
            r#"{"data":{"id":1.0}}"#,
            r#"{"data":{"id":1e2}}"#,
            r#"{"data":{"id":18446744073709551615}}"#,
            r#"{"data":{"id":-9223372036854775808}}"#,
            r#"{"data":{"id":null,"status":null,"is_test_mode":null}}"#,
            r#"{"data":{"is_test_mode":"true"}}"#,
            r#"{"data":{"is_test_mode":false,"is_test_mode":true}}"#,
            r#"{"data":{"steps":null,"inputs":null}}"#,
            r#"{"data":{"steps":[1]}}"#,
            r#"{"data":{"steps":[{}, 1]}}"#,
            r#"{"data":{"steps":[[]]}}"#,
            r#"{"data":{"steps":{}}}"#,
            r#"{"data":{"inputs":[1,"a",{},[]]}}"#,
            r#"{"data":{"inputs":1}}"#,
            r#"{"data":{"status":1}}"#,
            r#"{"data":{"st\u0061tus":1}}"#,
            r#"{"data":{"x":{"$serde_json::private::Number":"abc"}}}"#,
            r#"{"data":{"x":{"\u0024serde_json::private::Number":"abc"}}}"#,
            r#"{"data":{"steps":[{"$serde_json::private::Number":"1"}]}}"#,
            r#"{"data":{"x":"\ud800"}}"#,
            r#"{"data":{"x":"a\"b\\"}, "y": "\\u"}"#,
            r#"{"data":{"x":01}}"#,
            r#"{"data":{"x":1.}}"#,
            r#"{"data":{"x":-}}"#,
            r#"{"data":{"id":1}} x"#,
            r#"{"data":{"id":1}}   "#,
            r#"{"data":{"id":1},}"#,
            r#"{"data":{"id":1}"#,
            r#"[{"data":{"id":1}}]"#,
            r#"1"#,
            r#""#,
            "{\"data\":{\"x\":\"tab\there\"}}",
            &deep,
        ];
        for body in cases {
            agrees(body);
        }
        // Invalid UTF-8 inside a skipped string.
        let mut bytes = br#"{"data":{"id":1,"x":"#.to_vec();
        bytes.extend_from_slice(b"\"\xff\"}}");
        assert_eq!(read(&bytes), None);
        assert_eq!(full(&bytes), None);
    }

    /// Byte-level damage to a real answer: every single-byte deletion and a few replacements.
    #[test]
    fn damaged_answers_are_read_alike() {
        let answer = ANSWER.as_bytes();
        let mut read_lean = 0;
        for i in 0..answer.len() {
            for replacement in [None, Some(b'"'), Some(b'1'), Some(b'}'), Some(b'\\'), Some(b'[')] {
                let mut body = answer.to_vec();
                match replacement {
                    None => {
                        body.remove(i);
                    }
                    Some(r) => body[i] = r,
                }
                if let Some(lean) = read(&body) {
                    read_lean += 1;
                    assert_eq!(Some(lean), full(&body), "the readings differ on {}", String::from_utf8_lossy(&body));
                }
            }
        }
        assert!(read_lean > 100, "the lean reading took only {read_lean} damaged answers");
    }
}
