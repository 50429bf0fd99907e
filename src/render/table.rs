//! The human view of a sequence: its fields, its steps, and their voicemail messages, fitted
//! to the terminal without ever breaking an id, a time or a phone number across lines.

use crate::output::OutStyle;
use crate::untrusted::cell;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde_json::{Map, Value};
use std::time::SystemTime;
use unicode_width::UnicodeWidthStr;

/// Every documented field, always in this order: a field the server left null or out shows
/// `-`, so rows never come and go between two looks at a sequence. (`name` is not among the
/// answer's documented fields: it has a row only when a server sends it.)
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
    ("Definition", "sequence_definition_id"),
    ("Outcome", "outcome"),
    ("Contact reached", "was_contact_reached"),
    ("Ended reason", "ended_reason"),
    ("Ended reason v2", "ended_reason_v2"),
    ("Inputs", "inputs"),
    ("Claimed at", "claimed_at"),
    ("Last updated", "last_updated"),
];

/// Fields that hold a time: shown with how far off it is, on a terminal.
const TIMES: &[&str] = &["next_activity", "claimed_at", "last_updated", "scheduled_at"];

/// The steps' columns, most important first: a narrow terminal drops them from the end.
const STEP_COLUMNS: &[(&str, &str)] = &[
    ("#", "order"),
    ("TYPE", "type"),
    ("STATUS", "status"),
    ("SCHEDULED AT", "scheduled_at"),
    ("DESTINATION", "destination_number"),
    ("ID", "id"),
    ("SOURCE", "source_number"),
    ("ASSISTANT", "voice_assistant_id"),
];

/// Columns never dropped, however narrow the terminal: which step, what, and how it went.
const KEPT_COLUMNS: usize = 3;

/// `now` is the moment relative times count from; None shows times as sent (the sandbox's
/// clock runs ahead of this one, so "in 2h" there would mislead).
pub(crate) fn sequence_tables(seq: &Map<String, Value>, style: OutStyle, now: Option<SystemTime>) -> String {
    let shown = |key: &str, v: Option<&Value>| match (v, now) {
        (Some(Value::String(s)), Some(now)) if style.tty && TIMES.contains(&key) => with_relative(s, now),
        (Some(Value::Array(a)), _) if a.is_empty() => "-".to_string(),
        _ => cell(v),
    };
    let rows: Vec<(String, String)> = FIELDS
        .iter()
        .filter(|(_, key)| *key != "name" || seq.get("name").is_some_and(|v| !v.is_null()))
        .map(|(label, key)| (label.to_string(), shown(key, seq.get(*key))))
        .collect();
    let mut out = fields_table(&rows, style);

    let steps = match seq.get("steps") {
        Some(Value::Array(steps)) => steps.as_slice(),
        _ => &[],
    };
    out.push('\n');
    if steps.is_empty() {
        out.push_str("No steps.\n");
        return out;
    }
    let cells: Vec<Vec<String>> = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            STEP_COLUMNS
                .iter()
                .map(|(_, key)| match (key, step.get(*key)) {
                    (&"order", None | Some(Value::Null)) => (i + 1).to_string(),
                    (key, v) => shown(key, v),
                })
                .collect()
        })
        .collect();
    out.push_str(&steps_table(&cells, style));
    // Free text doesn't fit a column: each voicemail message gets a line of its own.
    let messages: Vec<String> = steps
        .iter()
        .zip(&cells)
        .filter_map(|(step, row)| match step.get("voicemail_message") {
            Some(Value::String(m)) if !m.is_empty() => {
                Some(format!("  step {}: {}", row[0], crate::untrusted::escape_line(m)))
            }
            _ => None,
        })
        .collect();
    if !messages.is_empty() {
        out.push_str("\nVoicemail:\n");
        for m in messages {
            out.push_str(&m);
            out.push('\n');
        }
    }
    out
}

/// `2026-11-29T10:41:00Z` as `2026-11-29 10:41 UTC (in 3m)`; anything else as it came.
fn with_relative(raw: &str, now: SystemTime) -> String {
    let normalised = match raw.strip_suffix("+00:00") {
        Some(utc) => format!("{utc}Z"),
        None => raw.to_string(),
    };
    let Ok(t) = humantime::parse_rfc3339(&normalised) else { return cell(Some(&Value::String(raw.into()))) };
    let shown = humantime::format_rfc3339_seconds(t).to_string();
    // 2026-11-29T10:41:07Z -> 2026-11-29 10:41 UTC
    let short = format!("{} {} UTC", &shown[..10], &shown[11..16]);
    let relative = match t.duration_since(now) {
        Ok(ahead) => span(ahead.as_secs_f64()).map_or("now".to_string(), |s| format!("in {s}")),
        Err(behind) => span(behind.duration().as_secs_f64()).map_or("now".to_string(), |s| format!("{s} ago")),
    };
    format!("{short} ({relative})")
}

/// A duration to the nearest whole unit people use: 42s, 3m, 5h, 12d; None under a second.
fn span(secs: f64) -> Option<String> {
    let secs = secs.round();
    if secs < 1.0 {
        return None;
    }
    Some(match secs {
        s if s < 60.0 => format!("{s:.0}s"),
        s if s < 3600.0 => format!("{:.0}m", (s / 60.0).round()),
        s if s < 86400.0 => format!("{:.0}h", (s / 3600.0).round()),
        s => format!("{:.0}d", (s / 86400.0).round()),
    })
}

fn status_cell(text: &str, style: OutStyle) -> Cell {
    let c = Cell::new(text);
    if !style.color {
        return c;
    }
    match text {
        "completed" => c.fg(Color::Green),
        "in-progress" | "pending" | "scheduled" => c.fg(Color::Yellow),
        "failed" | "error" | "cancelled" | "canceled" | "expired" => c.fg(Color::Red),
        _ => c,
    }
}

/// How a table is drawn: with borders when it fits, else without, the way `gh` does.
#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Borders,
    Plain,
}

/// Width of a table drawn `frame`, its columns as wide as their widest cell.
fn drawn_width(widths: &[usize], frame: Frame) -> usize {
    let n = widths.len();
    let sum: usize = widths.iter().sum();
    match frame {
        // "│ a │ b │": a space either side of each cell, and n + 1 rules.
        Frame::Borders => sum + 3 * n + 1,
        // "a  b": two spaces between columns.
        Frame::Plain => sum + 2 * n.saturating_sub(1),
    }
}

fn column_widths(header: &[&str], rows: &[Vec<String>], columns: usize) -> Vec<usize> {
    (0..columns)
        .map(|c| {
            let cells = rows.iter().map(|r| r[c].width());
            cells.chain([header.get(c).map_or(0, |h| h.width())]).max().unwrap_or(0)
        })
        .collect()
}

fn new_table(frame: Frame, style: OutStyle) -> Table {
    let mut t = Table::new();
    match frame {
        Frame::Borders => t.load_style(presets::UTF8_FULL_CONDENSED),
        Frame::Plain => t.load_style(presets::NOTHING),
    };
    // Never wrapped: a cell that doesn't fit drops its column instead (see `steps_table`).
    t.force_no_tty().set_content_arrangement(ContentArrangement::Disabled);
    if style.color {
        t.enforce_styling();
    }
    t
}

/// The steps: every column when piped; on a terminal, with borders if they fit, else without,
/// and then without the least important columns until it fits.
fn steps_table(rows: &[Vec<String>], style: OutStyle) -> String {
    let header: Vec<&str> = STEP_COLUMNS.iter().map(|(h, _)| *h).collect();
    let (frame, columns) = fit(&header, rows, style);
    let mut table = new_table(frame, style);
    table.set_header(header[..columns].to_vec());
    for row in rows {
        let cells = row[..columns].iter().enumerate().map(|(i, text)| match STEP_COLUMNS[i].1 {
            "status" => status_cell(text, style),
            _ => Cell::new(text),
        });
        table.add_row(cells.collect::<Vec<_>>());
    }
    finish(table, frame)
}

/// The frame and how many columns (from the left) to draw for this terminal.
fn fit(header: &[&str], rows: &[Vec<String>], style: OutStyle) -> (Frame, usize) {
    let all = header.len();
    let Some(width) = style.width.filter(|_| style.tty).map(usize::from) else {
        return (if style.tty { Frame::Borders } else { Frame::Plain }, all);
    };
    let widths = column_widths(header, rows, all);
    if drawn_width(&widths, Frame::Borders) <= width {
        return (Frame::Borders, all);
    }
    let mut columns = all;
    while columns > KEPT_COLUMNS && drawn_width(&widths[..columns], Frame::Plain) > width {
        columns -= 1;
    }
    (Frame::Plain, columns)
}

/// The fields, label and value: with borders when they fit. A long free-text value (a name,
/// an ended reason) is the only thing that may then run past the edge; nothing is cut.
fn fields_table(rows: &[(String, String)], style: OutStyle) -> String {
    let as_cells: Vec<Vec<String>> = rows.iter().map(|(l, v)| vec![l.clone(), v.clone()]).collect();
    let (frame, _) = fit(&["", ""], &as_cells, style);
    let mut table = new_table(frame, style);
    for (label, value) in rows {
        let value = if label == "Status" { status_cell(value, style) } else { Cell::new(value) };
        table.add_row(vec![Cell::new(label), value]);
    }
    finish(table, frame)
}

/// Renders a table; plain tables get no left padding, so every line starts with data.
fn finish(mut t: Table, frame: Frame) -> String {
    if frame == Frame::Plain {
        for col in t.column_iter_mut() {
            col.set_padding((0, 2));
        }
    }
    trim_lines(t.to_string())
}

fn trim_lines(s: String) -> String {
    // Plain tables pad the last column; trailing blanks only make diffs and greps worse.
    let mut out: String = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    fn sample() -> Map<String, Value> {
        let v = json!({
            "id": 42, "status": "completed", "type": "appointment_reminder", "current_step": 2,
            "next_activity": null, "is_test_mode": true, "patient_id": 7, "organization_id": 3,
            "outcome": "reached", "was_contact_reached": true, "claimed_at": "2026-11-29T10:00:00Z",
            "last_updated": "2026-11-29T10:02:00Z", "ended_reason_v2": {"code": "done"},
            "sequence_definition_id": "def_9", "inputs": [],
            "steps": [
                {"id": "stp_a1", "type": "voice", "status": "completed", "scheduled_at": "2026-11-29T10:01:00Z",
                 "destination_number": "+15550199", "source_number": "+15550100", "voice_assistant_id": null,
                 "voicemail_message": "Hi, this is Clarion Clinic calling about your appointment."},
                {"id": "stp_b2", "type": "sms", "status": "failed", "scheduled_at": "2026-11-29T10:02:00Z", "destination_number": null},
                {"id": "stp_c3", "type": "email", "status": "pending", "scheduled_at": "2026-11-29T10:45:00Z", "destination_number": null}
            ]
        });
        v.as_object().cloned().unwrap_or_default()
    }

    /// 2026-11-29T10:42:00Z: a fixed "now", so relative times are the same every run.
    fn now() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_948_920)
    }

    fn tty(width: u16) -> OutStyle {
        OutStyle { tty: true, color: false, width: Some(width) }
    }

    #[test]
    fn terminal_table_has_borders_when_it_fits() {
        let out = sequence_tables(&sample(), tty(160), Some(now()));
        assert!(!out.contains('\x1b'));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn narrow_terminals_drop_borders_then_columns_and_never_wrap() {
        for width in [120u16, 100, 80, 60] {
            let out = sequence_tables(&sample(), tty(width), Some(now()));
            for line in out.lines().filter(|l| !l.starts_with("  step ")) {
                assert!(line.width() <= usize::from(width), "{width}: {line:?}");
            }
            // A time, a phone number and an id each stay whole on one line.
            assert!(out.contains("2026-11-29 10:45 UTC (in 3m)"), "{width}:\n{out}");
            insta::assert_snapshot!(format!("width_{width}"), out);
        }
    }

    #[test]
    fn piped_tables_have_every_column_and_exact_times() {
        let out = sequence_tables(&sample(), OutStyle { tty: false, color: false, width: None }, Some(now()));
        assert!(out.contains("2026-11-29T10:45:00Z") && !out.contains("UTC"), "{out}");
        assert!(out.lines().any(|l| l.starts_with("#  TYPE")), "{out}");
        assert!(out.contains("ASSISTANT"), "{out}");
    }

    #[test]
    fn every_field_has_a_row_null_or_not() {
        let out = sequence_tables(&Map::new(), OutStyle { tty: false, color: false, width: None }, Some(now()));
        for (label, key) in FIELDS {
            assert_eq!(out.lines().any(|l| l.starts_with(label)), *key != "name", "{label}: {out}");
        }
        assert!(out.ends_with("\nNo steps.\n"));
    }

    #[test]
    fn colour_only_when_enabled() {
        let out = sequence_tables(&sample(), OutStyle { tty: true, color: true, width: Some(200) }, Some(now()));
        assert!(out.contains('\x1b'));
    }

    #[test]
    fn relative_times() {
        assert_eq!(with_relative("2026-11-29T10:45:00Z", now()), "2026-11-29 10:45 UTC (in 3m)");
        assert_eq!(with_relative("2026-11-29T10:41:30+00:00", now()), "2026-11-29 10:41 UTC (30s ago)");
        assert_eq!(with_relative("2026-11-07T05:31:56Z", now()), "2026-11-07 05:31 UTC (22d ago)");
        assert_eq!(with_relative("2026-11-29T10:42:00Z", now()), "2026-11-29 10:42 UTC (now)");
        assert_eq!(with_relative("next tuesday", now()), "next tuesday");
    }
}
