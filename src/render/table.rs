//! The human view of a sequence: its fields, then its steps.

use super::cell;
use crate::output::OutStyle;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde_json::{Map, Value};

const FIELDS: &[(&str, &str)] = &[
    ("ID", "id"),
    ("Name", "name"),
    ("Status", "status"),
    ("Type", "type"),
    ("Current step", "current_step"),
    ("Next activity", "next_activity"),
    ("Test mode", "is_test_mode"),
    ("Patient", "patient_id"),
    ("Organization", "organization_id"),
    ("Outcome", "outcome"),
    ("Ended reason", "ended_reason"),
    ("Contact reached", "was_contact_reached"),
    ("Claimed at", "claimed_at"),
    ("Last updated", "last_updated"),
];

/// Rows shown only when the server sent something there; the rest always show, as `-` if empty.
const OPTIONAL: &[&str] = &["name", "ended_reason"];

fn new_table(style: OutStyle) -> Table {
    let mut t = Table::new();
    if style.tty {
        t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.load_style(presets::NOTHING).force_no_tty().set_content_arrangement(ContentArrangement::Disabled);
    }
    if style.color {
        t.enforce_styling();
    }
    t
}

fn status_cell(text: String, style: OutStyle) -> Cell {
    let c = Cell::new(&text);
    if !style.color {
        return c;
    }
    match text.as_str() {
        "completed" => c.fg(Color::Green),
        "in-progress" | "pending" | "scheduled" => c.fg(Color::Yellow),
        "failed" | "error" | "cancelled" | "canceled" | "expired" => c.fg(Color::Red),
        _ => c,
    }
}

/// Renders a table; piped tables get no left padding, so every line starts with data.
fn finish(mut t: Table, style: OutStyle) -> String {
    if !style.tty {
        for col in t.column_iter_mut() {
            col.set_padding((0, 2));
        }
    }
    trim_lines(t.to_string())
}

fn trim_lines(s: String) -> String {
    // NOTHING-preset tables pad the last column; trailing blanks only make diffs and greps worse.
    let mut out: String = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

pub fn sequence_tables(seq: &Map<String, Value>, style: OutStyle) -> String {
    let mut fields = new_table(style);
    for (label, key) in FIELDS {
        let v = seq.get(*key);
        if OPTIONAL.contains(key) && matches!(v, None | Some(Value::Null)) {
            continue;
        }
        let text = cell(v);
        let value = if *key == "status" { status_cell(text, style) } else { Cell::new(text) };
        fields.add_row(vec![Cell::new(*label), value]);
    }
    let mut out = finish(fields, style);

    let steps = match seq.get("steps") {
        Some(Value::Array(steps)) => steps.as_slice(),
        _ => &[],
    };
    out.push('\n');
    if steps.is_empty() {
        out.push_str("No steps.\n");
        return out;
    }
    let mut table = new_table(style);
    table.set_header(vec!["#", "ID", "TYPE", "STATUS", "SCHEDULED AT", "DESTINATION"]);
    for (i, step) in steps.iter().enumerate() {
        let get = |k: &str| step.get(k);
        let order = match get("order") {
            Some(v @ Value::Number(_)) => cell(Some(v)),
            _ => (i + 1).to_string(),
        };
        table.add_row(vec![
            Cell::new(order),
            Cell::new(cell(get("id"))),
            Cell::new(cell(get("type"))),
            status_cell(cell(get("status")), style),
            Cell::new(cell(get("scheduled_at"))),
            Cell::new(cell(get("destination_number"))),
        ]);
    }
    out.push_str(&finish(table, style));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Map<String, Value> {
        let v = json!({
            "id": 42, "status": "completed", "type": "appointment_reminder", "current_step": 2,
            "next_activity": null, "is_test_mode": true, "patient_id": 7, "organization_id": 3,
            "outcome": "reached", "was_contact_reached": true, "claimed_at": "2026-11-29T10:00:00Z",
            "last_updated": "2026-11-29T10:02:00Z",
            "steps": [
                {"id": "s1", "type": "voice", "status": "completed", "scheduled_at": "2026-11-29T10:01:00Z", "destination_number": "+15550199"},
                {"id": "s2", "type": "sms", "status": "failed", "scheduled_at": "2026-11-29T10:02:00Z", "destination_number": null}
            ]
        });
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn terminal_table_has_borders_and_no_colour_when_asked() {
        let out = sequence_tables(&sample(), OutStyle { tty: true, color: false });
        assert!(!out.contains('\x1b'));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn colour_only_when_enabled() {
        let out = sequence_tables(&sample(), OutStyle { tty: true, color: true });
        assert!(out.contains('\x1b'));
    }

    #[test]
    fn no_steps_says_so() {
        let out = sequence_tables(&Map::new(), OutStyle { tty: false, color: false });
        assert!(out.ends_with("\nNo steps.\n"));
    }
}
