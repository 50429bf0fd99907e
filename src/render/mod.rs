//! Turning API data into what users read: tables for people, JSON for programs.

pub(crate) mod man;
pub(crate) mod progress;
pub(crate) mod reports;
mod table;

pub(crate) use table::sequence_tables;

use serde_json::Value;

/// Pretty JSON, exactly the fields and order received (C1 and bidi controls as `\uXXXX`).
pub(crate) fn json_pretty(v: &Value) -> String {
    crate::untrusted::json(v, true)
}

/// What `--dry-run` prints: the request as it would be sent, minus any secret.
pub(crate) fn dry_run(method: &str, url: &str, body: &Value) -> String {
    format!("{method} {url}\n{}\n", json_pretty(body))
}
