//! Reports of a wait over many sequences, in the forms CI systems show: JUnit XML (one test
//! case per sequence) and a Markdown summary. They carry ids, statuses, reasons and the
//! sequences' own names, nothing from their steps (no numbers, no messages).

use crate::wait_many::{Fate, Tally, field, label};
use std::collections::BTreeMap;

/// `key n, key n, ...`: a tally as the summary lines show it.
pub(crate) fn counts(tally: &BTreeMap<String, usize>) -> String {
    tally.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ")
}

/// The line stderr ends with: how many came to each fate, how the others ended, the outcomes.
pub(crate) fn summary_line(fates: &[(u64, Fate)], elapsed: f64) -> String {
    let tally = Tally::of(fates);
    let mut otherwise: BTreeMap<String, usize> = BTreeMap::new();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for (_, f) in fates {
        if let Fate::EndedOtherwise(s) = f {
            let key = format!("{} ({})", field(Some(s), "status"), field(Some(s), "ended_reason"));
            *otherwise.entry(key).or_default() += 1;
        }
        if let Fate::Completed(s) | Fate::EndedOtherwise(s) = f {
            *outcomes.entry(field(Some(s), "outcome")).or_default() += 1;
        }
    }
    format!(
        "{} sequence{}: {} completed, {} ended otherwise{}, {} still running, {} not found, {} could not be looked at; outcomes: {}; {elapsed:.0}s",
        fates.len(),
        if fates.len() == 1 { "" } else { "s" },
        tally.completed,
        tally.ended_otherwise,
        if otherwise.is_empty() { String::new() } else { format!(" ({})", counts(&otherwise)) },
        tally.running,
        tally.not_found,
        tally.unreachable,
        if outcomes.is_empty() { "-".to_string() } else { counts(&outcomes) },
    )
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 can't hold other control characters, even escaped; and a bidi override
            // would make a CI page show the text reversed. Shown as the terminal shows them.
            c if crate::untrusted::is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r') => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// Seconds from a sequence's `claimed_at` to its `last_updated`, when both are there.
fn seconds(fate: &Fate) -> f64 {
    let seq = fate.sequence();
    let at = |k: &str| {
        seq.and_then(|s| s.data.get(k)).and_then(|v| v.as_str()).and_then(|t| humantime::parse_rfc3339_weak(t).ok())
    };
    match (at("claimed_at"), at("last_updated")) {
        (Some(a), Some(b)) => b.duration_since(a).map_or(0.0, |d| d.as_secs_f64()),
        _ => 0.0,
    }
}

/// JUnit XML: completed sequences pass, other ends fail, running ones are skipped, and those
/// that couldn't be looked at are errors.
pub(crate) fn junit(fates: &[(u64, Fate)], elapsed: f64) -> String {
    let tally = Tally::of(fates);
    let (failures, skipped, errors) = (tally.ended_otherwise, tally.running, tally.not_found + tally.unreachable);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"clarion sequences\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{elapsed:.3}\">\n",
        fates.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"clarion sequences\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{elapsed:.3}\">\n",
        fates.len()
    ));
    for (id, fate) in fates {
        let name = xml(&label(*id, fate.sequence()));
        out.push_str(&format!(
            "    <testcase classname=\"clarion.sequence\" name=\"{name}\" time=\"{:.3}\"",
            seconds(fate)
        ));
        let (status, reason) = (xml(&field(fate.sequence(), "status")), xml(&field(fate.sequence(), "ended_reason")));
        match fate {
            Fate::Completed(_) => out.push_str("/>\n"),
            Fate::EndedOtherwise(_) => out.push_str(&format!(
                ">\n      <failure message=\"ended {status} ({reason})\" type=\"{status}\">sequence {id} ended {status}, ended_reason {reason}</failure>\n    </testcase>\n"
            )),
            Fate::Running(_) => out.push_str(&format!(
                ">\n      <skipped message=\"still running (last status: {status})\"/>\n    </testcase>\n"
            )),
            Fate::NotFound => out.push_str(&format!(
                ">\n      <error message=\"not found\" type=\"not_found\">the API has no sequence {id}</error>\n    </testcase>\n"
            )),
            Fate::Unreachable(why, _) => out.push_str(&format!(
                ">\n      <error message=\"could not be looked at\" type=\"unreachable\">{}</error>\n    </testcase>\n",
                xml(why)
            )),
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// A table cell's text, shown as written: the characters of Markdown's links, images, HTML,
/// entities and tables are backslash-escaped, so a name can't become any of them.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            // Emphasis and code spans are harmless and left; `&` would make `&#x202e;` a
            // bidi override once rendered.
            '\\' | '[' | ']' | '<' | '>' | '|' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Markdown summary, for `$GITHUB_STEP_SUMMARY`: counts, then what did not complete.
pub(crate) fn markdown(fates: &[(u64, Fate)], elapsed: f64) -> String {
    let tally = Tally::of(fates);
    let mut out = String::from("### clarion: sequences\n\n| | count |\n|---|---:|\n");
    for (what, n) in [
        ("total", fates.len()),
        ("completed", tally.completed),
        ("ended otherwise", tally.ended_otherwise),
        ("still running", tally.running),
        ("not found", tally.not_found),
        ("could not be looked at", tally.unreachable),
    ] {
        out.push_str(&format!("| {what} | {n} |\n"));
    }
    out.push_str(&format!("\nWaited {elapsed:.0} s.\n"));
    let others: Vec<&(u64, Fate)> = fates.iter().filter(|(_, f)| !matches!(f, Fate::Completed(_))).collect();
    if !others.is_empty() {
        out.push_str("\n| sequence | status | ended reason | outcome |\n|---|---|---|---|\n");
        for (id, fate) in others {
            let seq = fate.sequence();
            let status = match fate {
                Fate::Running(_) => format!("still running ({})", field(seq, "status")),
                Fate::NotFound => "not found".into(),
                Fate::Unreachable(..) => "could not be looked at".into(),
                _ => field(seq, "status"),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                md(&label(*id, seq)),
                md(&status),
                md(&field(seq, "ended_reason")),
                md(&field(seq, "outcome"))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Sequence;

    /// A name, a status and a reason from a hostile server: a terminal title (OSC 0), a C1
    /// CSI, a bidi override, and Markdown that would render as a link, an image and HTML.
    fn hostile() -> Vec<(u64, Fate)> {
        let text = "Zed\u{1b}]0;PWNED\u{7}\u{9b}\u{202e} [x](http://e) ![](i) <img> | a_b";
        let data = serde_json::json!({"name": text, "status": format!("failed{text}"), "ended_reason": text});
        let seq = Sequence { data: data.as_object().cloned().unwrap_or_default() };
        vec![(7, Fate::EndedOtherwise(seq)), (8, Fate::Unreachable(format!("said {text}"), 6))]
    }

    #[test]
    fn reports_carry_server_text_inert() {
        // Shown as a terminal shows them (in Markdown, with the backslash itself escaped).
        for (report, shown) in [
            (junit(&hostile(), 1.0), r"Zed\u{1b}]0;PWNED\u{7}\u{9b}\u{202e}"),
            (markdown(&hostile(), 1.0), r"Zed\\u{1b}\]0;PWNED\\u{7}\\u{9b}\\u{202e}"),
        ] {
            assert!(!report.chars().any(|c| crate::untrusted::is_unsafe(c) && c != '\n'), "{report:?}");
            assert!(report.contains(shown), "{report}");
        }
        let md = markdown(&hostile(), 1.0);
        assert!(md.contains(r"\[x\](http://e) !\[\](i) \<img\> \| a_b (#7)"), "{md}");
        // Each row still has its four columns, whatever the text held.
        let row = md.lines().find(|l| l.contains("(#7)")).unwrap_or_default();
        assert_eq!(row.matches(" | ").count(), 3, "{row}");
    }
}
