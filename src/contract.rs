//! Rules of the API contract (`contract/openapi.yaml`) that both sides check: the client's
//! loader before sending, and the sandbox before accepting. One copy, so they can't drift.

use serde_json::Value;

/// The config keys a voice step's answer carries, and the type the contract gives each.
pub(crate) const VOICE_FIELDS: &[(&str, FieldKind)] = &[
    ("voicemail_message", FieldKind::Text),
    ("source_number", FieldKind::Text),
    ("destination_number", FieldKind::Text),
    ("voice_assistant_id", FieldKind::Integer),
];

#[derive(Debug, Clone, Copy)]
pub(crate) enum FieldKind {
    Text,
    Integer,
}

impl FieldKind {
    pub(crate) fn accepts(self, v: &Value) -> bool {
        match self {
            FieldKind::Text => v.is_string() || v.is_null(),
            FieldKind::Integer => v.is_i64() || v.is_null(),
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            FieldKind::Text => "a string (the answer gives it back as one)",
            FieldKind::Integer => "an integer (the answer gives it back as one)",
        }
    }
}

/// The headers the contract names, as HTTP/1 sends them (lower case); in one place so the
/// client and the sandbox can't drift apart. Names built once: each use of a `&str` name
/// parsed it again, on every request of a batch and every create the sandbox answers.
pub(crate) mod headers {
    use http::HeaderName;
    /// Sent with every create; the same key gets the same sequence back.
    pub(crate) const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
    /// On an answer that is a replay of an earlier create with the same key (x-assumed).
    pub(crate) const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
}
