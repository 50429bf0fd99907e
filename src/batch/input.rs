//! A JSON Lines batch's lines as request bodies: each line validated exactly as a single JSON
//! sequence file would be, its problems located by line (reading the lines is `items::Lines`).

use crate::items::{Lines, MAX_LINE, Scan};
use crate::seqfile::{Format, Overrides, Problem, Source, build_body, parse_document};
use serde_json::Value;
use std::io::Read;

/// One line as a request body, or its problems (with the input's name and the line number).
pub(crate) fn line_body(
    name: &str,
    line: u64,
    bytes: Result<&[u8], ()>,
    overrides: &Overrides,
) -> Result<Value, Vec<Problem>> {
    line_body_with(name, line, bytes, overrides, false)
}

/// As `line_body`, for a line the validation pass has checked: parsed once, without locating
/// every field; only a line that has become invalid since is read again to locate its problems.
pub(crate) fn line_body_checked(
    name: &str,
    line: u64,
    bytes: Result<&[u8], ()>,
    overrides: &Overrides,
) -> Result<Value, Vec<Problem>> {
    line_body_with(name, line, bytes, overrides, true)
}

fn line_body_with(
    name: &str,
    line: u64,
    bytes: Result<&[u8], ()>,
    overrides: &Overrides,
    checked: bool,
) -> Result<Value, Vec<Problem>> {
    let located = |mut problems: Vec<Problem>| {
        for p in &mut problems {
            p.source = name.to_string();
            p.line = Some(line as usize);
        }
        problems
    };
    let Ok(bytes) = bytes else {
        return Err(located(vec![Problem::whole(name, format!("the line is longer than {} MiB", MAX_LINE >> 20))]));
    };
    let source =
        Source::from_bytes(name.to_string(), bytes.to_vec(), Some(Format::Json)).map_err(|e| located(e.problems))?;
    if !source.text.trim_start().starts_with('{') {
        return Err(located(vec![Problem::whole(name, "each line must be one JSON object (a sequence)")]));
    }
    // A checked line is parsed without its text copied; only one that fails after all (it
    // changed since it was checked) is read again, to locate its problems.
    let source = if checked {
        match crate::seqfile::parse_json_unlocated(source) {
            Ok(parsed) => match build_body(Some(&parsed), overrides) {
                Ok(body) => return Ok(body),
                Err(_) => parsed.source,
            },
            Err(_) => Source::from_bytes(name.to_string(), bytes.to_vec(), Some(Format::Json))
                .map_err(|e| located(e.problems))?,
        }
    } else {
        source
    };
    let parsed = parse_document(source).map_err(|e| located(e.problems))?;
    build_body(Some(&parsed), overrides).map_err(|e| located(e.problems))
}

pub(crate) fn scan<R: Read>(reader: R, name: &str, overrides: &Overrides, keep: usize) -> anyhow::Result<Scan> {
    let mut lines = Lines::new(reader, true);
    let (mut valid, mut invalid, mut problems) = (0, 0, Vec::new());
    while let Some((n, bytes)) = lines.next_line()? {
        if bytes.is_err() {
            // Not a line of JSON at all (or not a text file): nothing more is read, nothing sent.
            let p =
                Problem::at(name, Some((n as usize, 1)), "", format!("the line is longer than {} MiB", MAX_LINE >> 20));
            let summary = format!("{name}: line {n} is longer than {} MiB; nothing was sent", MAX_LINE >> 20);
            return Err(crate::seqfile::ValidationError::summarised(vec![p], summary).into());
        }
        match line_body(name, n, bytes, overrides) {
            Ok(_) => valid += 1,
            Err(ps) => {
                invalid += 1;
                if problems.len() < keep {
                    problems.extend(ps.into_iter().take(keep - problems.len()));
                }
            }
        }
    }
    let (count, consumed) = (lines.count(), lines.consumed());
    Ok(Scan { valid, invalid, problems, sha256: lines.sha256(), lines: count, bytes: consumed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_blank_ones_skipped_and_problems_located() {
        let input = "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n\n   \n{\"name\":\"\",\"steps\":[{\"type\":\"voice\"}]}\n[1]\n{\"name\":\"b\",\"steps\":[{\"tpye\":\"sms\"}]}";
        let s = scan(input.as_bytes(), "in.jsonl", &Overrides::default(), 20).unwrap();
        assert_eq!((s.valid, s.invalid), (1, 3));
        let shown: Vec<String> = s.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown[0], "in.jsonl:4:9: name: must not be empty");
        assert_eq!(shown[1], "in.jsonl:5: each line must be one JSON object (a sequence)");
        assert!(shown[2].starts_with("in.jsonl:6:"), "{shown:?}");
        assert_eq!(s.sha256.len(), 64);
    }

    #[test]
    fn a_checked_line_that_fails_after_all_is_located_as_an_unchecked_one_is() {
        let o = Overrides::default();
        let shown = |checked: bool, text: &str| {
            let f = if checked { line_body_checked } else { line_body };
            f("in.jsonl", 7, Ok(text.as_bytes()), &o)
                .map(|b| b.to_string())
                .map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())
        };
        for text in [
            "{\"name\":\"\",\"steps\":[{\"type\":\"voice\"}]}",
            "{\"name\":\"a\",\"steps\":[",
            "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}",
        ] {
            assert_eq!(shown(true, text), shown(false, text), "{text}");
        }
        assert_eq!(
            shown(true, "{\"name\":\"\",\"steps\":[{\"type\":\"voice\"}]}").unwrap_err(),
            ["in.jsonl:7:9: name: must not be empty"]
        );
        assert!(shown(true, "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}").is_ok());
    }

    #[test]
    fn only_the_first_problems_are_kept() {
        let input = "{}\n".repeat(100);
        let s = scan(input.as_bytes(), "x", &Overrides::default(), 20).unwrap();
        assert_eq!((s.invalid, s.problems.len()), (100, 20));
    }
}
