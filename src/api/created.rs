//! A create's answer as a batch reads it: only what a batch keeps (id, status, test mode), the
//! documented fields' types checked as `parse_sequence_response` checks them, the rest skipped
//! without being built. Anything unusual is left to that full reading, which decides and words
//! the error; so this reading accepts nothing the full one refuses, and keeps the same values.
//!
//! Why: building the whole answer (every key hashed into an ordered map, every string copied)
//! was a quarter of the instructions a batch's create cost the client.

use super::response::{Kind, RawResponse, Sequence, parse_sequence_response};
use serde_json::Value;

/// What a batch keeps of a created sequence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Created {
    pub id: Option<i64>,
    /// `status` as sent; null when absent.
    pub status: Value,
    /// `is_test_mode` as sent, if sent at all.
    pub is_test_mode: Option<Value>,
    /// The answer says it replays an earlier create with the same key (`Idempotent-Replayed:
    /// true`, as Stripe and the sandbox send it; the contract doesn't promise it): the
    /// sequence existed before this request.
    pub replayed: bool,
}

impl Created {
    fn of(seq: &Sequence) -> Created {
        Created {
            id: seq.id(),
            status: seq.data.get("status").cloned().unwrap_or(Value::Null),
            is_test_mode: seq.data.get("is_test_mode").cloned(),
            replayed: false,
        }
    }
}

/// Interprets an answer to a create for a batch: the same outcome as `parse_sequence_response`.
pub(crate) fn parse_created(raw: &RawResponse) -> anyhow::Result<Created> {
    let replayed = raw
        .headers
        .get(crate::contract::headers::IDEMPOTENT_REPLAYED)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let created = if (200..300).contains(&raw.status)
        && let Some(created) = read(&raw.body)
    {
        created
    } else {
        parse_sequence_response(raw).map(|seq| Created::of(&seq))?
    };
    Ok(Created { replayed, ..created })
}

/// Nesting deeper than this is left to the full reading, which has a limit (128) that this
/// reading doesn't need.
const MAX_DEPTH: usize = 100;

/// The answer, when it is a plain success: else None, and the full reading decides.
///
/// One pass over the bytes, which builds nothing but what it keeps. It accepts only what the
/// full reading accepts, and leaves to it anything it would have to interpret: invalid UTF-8,
/// any `\u` escape (a lone surrogate is refused there; an escaped key could spell a field's
/// name), any `$` (a key spelling serde_json's private number key is read as a number there),
/// an escape in a key or a kept string, and nesting past `MAX_DEPTH`.
fn read(body: &[u8]) -> Option<Created> {
    if std::str::from_utf8(body).is_err() || body.contains(&b'$') {
        return None;
    }
    let mut s = Scan { b: body, i: 0 };
    let (mut success_false, mut data) = (false, None);
    s.ws();
    s.object(|s, key| {
        match key {
            // The full reading looks at the last of repeated keys.
            b"success" => success_false = s.value(1)? == Token::False,
            b"data" => data = Some(s.data()?),
            _ => {
                s.value(1)?;
            }
        }
        Some(())
    })?;
    s.ws();
    if s.i != body.len() || success_false {
        return None;
    }
    data
}

/// What a value was, as far as the type checks need.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Null,
    True,
    False,
    /// A string without escapes, as it is (UTF-8: the whole body is).
    Str(&'a [u8]),
    /// A string with (simple) escapes.
    Escaped,
    /// A number in integer form (no fraction, no exponent), as written.
    Integer(&'a [u8]),
    Number,
    Array,
    Object,
}

/// Where a string's text stops: the first quote, backslash or control character in `bytes`,
/// found eight bytes at a time (strings are most of an answer's bytes).
fn special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte's high bit is set where the byte was zero (or, above the first such byte, by
    // the borrow): so the lowest set bit always marks the first match.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (k, word) in words.enumerate() {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let found = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS);
        if found != 0 {
            return Some(k * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    let done = bytes.len() - tail.len();
    tail.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).map(|p| done + p)
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// An object's members, each key handed to `member` to read its value; at the object.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a [u8]) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            self.ws();
            let key = match self.string()? {
                Token::Str(k) => k,
                _ => return None,
            };
            self.ws();
            self.eat(b':')?;
            self.ws();
            member(self, key)?;
            if !self.more(b'}')? {
                return Some(());
            }
        }
    }

    /// An array's items, each read by `item`; at the array.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.ws();
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            self.ws();
            item(self)?;
            if !self.more(b']')? {
                return Some(());
            }
        }
    }

    /// After a member or an item: whether another follows (a comma), or the container ends
    /// (`close`); None for anything else.
    fn more(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let c = self.peek()?;
        self.i += 1;
        match c {
            b',' => Some(true),
            c if c == close => Some(false),
            _ => None,
        }
    }

    /// Any value, skipped; at its first byte.
    fn value(&mut self, depth: usize) -> Option<Token<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(|s, _| s.value(depth + 1).map(drop)).map(|()| Token::Object),
            b'[' => self.array(|s| s.value(depth + 1).map(drop)).map(|()| Token::Array),
            b'"' => self.string(),
            b'n' => self.literal(b"null", Token::Null),
            b't' => self.literal(b"true", Token::True),
            b'f' => self.literal(b"false", Token::False),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8], token: Token<'a>) -> Option<Token<'a>> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| {
            self.i = end;
            token
        })
    }

    /// A string; at its opening quote. JSON's simple escapes are accepted, `\u` is not.
    fn string(&mut self) -> Option<Token<'a>> {
        self.eat(b'"')?;
        let start = self.i;
        let mut escaped = false;
        loop {
            let rest = self.b.get(self.i..)?;
            self.i += special(rest)?;
            match self.b[self.i] {
                b'"' => break,
                b'\\' if matches!(self.b.get(self.i + 1)?, b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                    escaped = true;
                    self.i += 2;
                }
                _ => return None,
            }
        }
        let text = &self.b[start..self.i];
        self.i += 1;
        Some(if escaped { Token::Escaped } else { Token::Str(text) })
    }

    /// A number in JSON's grammar; at its first byte.
    fn number(&mut self) -> Option<Token<'a>> {
        let start = self.i;
        let _ = self.eat(b'-');
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        let mut integer = true;
        if self.eat(b'.').is_some() {
            integer = false;
            self.at_least_one_digit()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.at_least_one_digit()?;
        }
        if !integer {
            return Some(Token::Number);
        }
        Some(Token::Integer(&self.b[start..self.i]))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    fn at_least_one_digit(&mut self) -> Option<()> {
        let start = self.i;
        self.digits();
        (self.i > start).then_some(())
    }

    /// The sequence (`data`): its documented fields' types checked, what a batch keeps kept.
    fn data(&mut self) -> Option<Created> {
        let mut created = Created { id: None, status: Value::Null, is_test_mode: None, replayed: false };
        self.object(|s, key| {
            let Some(kind) = super::response::field_kind(key) else {
                return s.value(2).map(drop);
            };
            if kind == Kind::ArrayOfObjects && s.peek()? == b'[' {
                return s.array(|s| match s.peek()? {
                    b'{' => s.value(3).map(drop),
                    _ => None,
                });
            }
            let token = s.value(2)?;
            let matches = match (kind, token) {
                (_, Token::Null) => true,
                (Kind::Array | Kind::ArrayOfObjects, t) => t == Token::Array,
                // An integer as the full reading has it: one that fits an i64 or a u64.
                (Kind::Integer, Token::Integer(n)) => {
                    let n = std::str::from_utf8(n).ok()?;
                    n.parse::<i64>().is_ok() || n.parse::<u64>().is_ok()
                }
                (Kind::Integer, _) => false,
                (Kind::String, t) => matches!(t, Token::Str(_) | Token::Escaped),
                (Kind::Bool, t) => matches!(t, Token::True | Token::False),
            };
            if !matches {
                return None;
            }
            match key {
                b"id" => {
                    created.id = match token {
                        // An id past i64 is left to the full reading.
                        Token::Integer(n) => Some(std::str::from_utf8(n).ok()?.parse::<i64>().ok()?),
                        _ => None,
                    }
                }
                b"status" => {
                    created.status = match token {
                        Token::Str(text) => Value::String(std::str::from_utf8(text).ok()?.to_owned()),
                        Token::Null => Value::Null,
                        _ => return None,
                    }
                }
                b"is_test_mode" => {
                    created.is_test_mode = Some(match token {
                        Token::True => Value::Bool(true),
                        Token::False => Value::Bool(false),
                        _ => Value::Null,
                    })
                }
                _ => {}
            }
            Some(())
        })?;
        Some(created)
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
            Some(Created {
                id: Some(1),
                status: Value::from("in-progress"),
                is_test_mode: Some(Value::Bool(true)),
                replayed: false
            })
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
            r#"{"data":{"id":-0}}"#,
            r#"{"data":{"id":-0,"status":"a\/b"}}"#,
            r#"{"data":{"id":1,"x":"a\/b\n","y":[true,false,null,-1.5e-3,{"a":{}}]}}"#,
            r#"{"data":{"id":1,"steps":[{"a":[{}]},{}],"inputs":[]}}"#,
            r#"{"data":{"id":1,"steps":[{} ,{}] , "inputs" : [ ] } }"#,
            r#"{"data":{"id":9223372036854775808}}"#,
            r#"{"data":{"id":1,"current_step":99999999999999999999}}"#,
            r#"{"data":{"id":1,"organization_id":-9223372036854775809}}"#,
            r#"{"data":{"id":1,"patient_id":18446744073709551616}}"#,
            r#"{"data":{"id":1,"patient_id":18446744073709551615}}"#,
            r#"{"data":{"id":1,"x":tru}}"#,
            r#"{"data":{"id":1,"x":nulll}}"#,
            r#"{"data":{"id":1,"x":[1,]}}"#,
            r#"{"data":{"id":1,"x":{"a"}}}"#,
            r#"{"data":{"id":1,"x":{"a":1,}}}"#,
            r#"{"data":{"id":1,"x":1e}}"#,
            r#"{"data":{"id":1,"x":1e+}}"#,
            r#"{"data":{"id":1,"x":-01}}"#,
            r#"{"data":{"id":1,"x":"\x"}}"#,
            r#"{"data":{"id":1,"x":"\u0041"}}"#,
            r#"{"data":{"id":1},"success":true,"success":false}"#,
            r#"{"success":{"a":false},"data":{"id":1}}"#,
            "{\"data\":{\"id\":1,\"x\":\"caf\u{e9}\"}}",
            "\u{feff}{\"data\":{\"id\":1}}",
            " \t\r\n{\"data\":{\"id\":1}}\n",
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

    #[test]
    fn special_finds_the_first_quote_backslash_or_control_character() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
        let mut rng = fastrand::Rng::with_seed(8);
        for _ in 0..20_000 {
            let len = rng.usize(0..40);
            let bytes: Vec<u8> = (0..len)
                .map(|_| match rng.u8(0..8) {
                    0 => [b'"', b'\\', 0, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0x5b, 0x5d][rng.usize(0..11)],
                    _ => rng.u8(0x20..0x7f),
                })
                .collect();
            assert_eq!(special(&bytes), naive(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn well_formed_variants_are_read_without_the_full_reading() {
        for body in [
            r#" {"data" : {"id" : -0 , "x" : "a\/b\n\"" , "steps" : [ { } , {"a":[1,2.5e-3]} ] } , "success" : true } "#,
            r#"{"success":false,"success":true,"data":{"id":1,"status":"a","status":"b"}}"#,
            "{\"data\":{\"id\":7,\"name\":\"R\u{e9}sum\u{e9}\",\"status\":null,\"is_test_mode\":null}}",
        ] {
            let lean = read(body.as_bytes());
            assert!(lean.is_some(), "left to the full reading: {body}");
            assert_eq!(lean, full(body.as_bytes()), "the readings differ on {body}");
        }
    }

    /// Random damage, a few bytes at a time, drawn from what changes JSON's meaning.
    #[test]
    fn randomly_damaged_answers_are_read_alike() {
        const BYTES: &[u8] = b"{}[]\",:0123456789-+.eE \t\\/ntfalsru$\x01\xc3\xa9";
        let mut rng = fastrand::Rng::with_seed(16);
        let mut read_lean = 0;
        for _ in 0..30_000 {
            let mut body = ANSWER.as_bytes().to_vec();
            for _ in 0..rng.usize(1..4) {
                let at = rng.usize(0..body.len());
                let byte = BYTES[rng.usize(0..BYTES.len())];
                match rng.u8(0..3) {
                    0 => body[at] = byte,
                    1 => body.insert(at, byte),
                    _ => {
                        body.remove(at);
                    }
                }
            }
            if let Some(lean) = read(&body) {
                read_lean += 1;
                assert_eq!(Some(lean), full(&body), "the readings differ on {}", String::from_utf8_lossy(&body));
            }
        }
        assert!(read_lean > 1000, "the lean reading took only {read_lean} damaged answers");
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
