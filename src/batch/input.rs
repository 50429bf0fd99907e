//! A JSON Lines batch's lines as request bodies: each line validated exactly as a single JSON
//! sequence file would be, its problems located by line (reading the lines is `items::Lines`).

use crate::items::{Kept, Lines, MAX_LINE, Scan, item_hash};
use crate::seqfile::{Format, Overrides, Problem, Source, build_body, parse_document};
use serde_json::Value;
use std::io::Read;

/// One line as a request body, or its problems (with the input's name and the line number).
/// The line is parsed once, without locating its fields; only a line with a problem is read
/// again, every field located, to say where. Both readings refuse exactly the same lines.
pub(crate) fn line_body(
    name: &str,
    line: u64,
    bytes: Result<&[u8], ()>,
    overrides: &Overrides,
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
    let source = match crate::seqfile::parse_json_unlocated(source) {
        Ok(parsed) => match build_body(Some(&parsed), overrides) {
            Ok(body) => return Ok(body),
            Err(_) => parsed.source,
        },
        Err(_) => {
            Source::from_bytes(name.to_string(), bytes.to_vec(), Some(Format::Json)).map_err(|e| located(e.problems))?
        }
    };
    let parsed = parse_document(source).map_err(|e| located(e.problems))?;
    build_body(Some(&parsed), overrides).map_err(|e| located(e.problems))
}

/// The validation pass over JSON Lines: `keep` problems at most, and up to `budget` bytes of
/// encoded bodies (`Kept`).
pub(crate) fn scan<R: Read>(
    reader: R,
    name: &str,
    overrides: &Overrides,
    keep: usize,
    budget: usize,
) -> anyhow::Result<Scan> {
    let mut lines = Lines::new(reader, true);
    let (mut valid, mut invalid, mut problems) = (0, 0, Vec::new());
    let mut kept = Kept::new(budget);
    let mut item_hashes = Vec::new();
    let mut test_modes = crate::items::TestModes::default();
    while let Some((n, bytes)) = lines.next_line()? {
        if bytes.is_err() {
            // Not a line of JSON at all (or not a text file): nothing more is read, nothing sent.
            let p =
                Problem::at(name, Some((n as usize, 1)), "", format!("the line is longer than {} MiB", MAX_LINE >> 20));
            let summary = format!("{name}: line {n} is longer than {} MiB; nothing was sent", MAX_LINE >> 20);
            return Err(crate::seqfile::ValidationError::summarised(vec![p], summary).into());
        }
        if let Ok(b) = bytes {
            item_hashes.push(item_hash(n, b));
        }
        match line_body(name, n, bytes, overrides) {
            Ok(body) => {
                valid += 1;
                test_modes.note(n, &body);
                kept.valid(n, &body);
            }
            Err(ps) => {
                invalid += 1;
                kept.invalid();
                if problems.len() < keep {
                    problems.extend(ps.into_iter().take(keep - problems.len()));
                }
            }
        }
    }
    let (count, consumed) = (lines.count(), lines.consumed());
    let sha256 = lines.sha256();
    Ok(Scan {
        valid,
        invalid,
        problems,
        sha256,
        lines: count,
        bytes: consumed,
        kept: kept.finish(),
        item_hashes,
        test_modes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_blank_ones_skipped_and_problems_located() {
        let input = "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n\n   \n{\"name\":\"\",\"steps\":[{\"type\":\"voice\"}]}\n[1]\n{\"name\":\"b\",\"steps\":[{\"tpye\":\"sms\"}]}";
        let s = scan(input.as_bytes(), "in.jsonl", &Overrides::default(), 20, 0).unwrap();
        assert_eq!((s.valid, s.invalid), (1, 3));
        let shown: Vec<String> = s.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown[0], "in.jsonl:4:9: name: must not be empty");
        assert_eq!(shown[1], "in.jsonl:5: each line must be one JSON object (a sequence)");
        assert!(shown[2].starts_with("in.jsonl:6:"), "{shown:?}");
        assert_eq!(s.sha256.len(), 64);
    }

    /// The reference: every line read with every field located, as a sequence file is.
    fn located_body(text: &str) -> Result<Value, Vec<String>> {
        let source = Source::from_bytes("in.jsonl".into(), text.as_bytes().to_vec(), Some(Format::Json)).unwrap();
        let body = parse_document(source).and_then(|p| build_body(Some(&p), &Overrides::default()));
        body.map_err(|e| e.problems.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn a_line_is_refused_or_accepted_as_the_locating_reading_would() {
        let steps = r#""steps":[{"type":"voice"}]"#;
        let lines = [
            format!(r#"{{"name":"",{steps}}}"#),
            r#"{"name":"a","steps":["#.to_string(),
            format!(r#"{{"name":"a",{steps}}}"#),
            // Keys given twice, which serde_json alone would take (the last one winning).
            format!(r#"{{"name":"a","name":"b",{steps}}}"#),
            r#"{"name":"a","steps":[{"type":"voice","config":{"x":1,"x":2}}]}"#.to_string(),
            format!(r#"{{"name":"a","\u006eame":"b",{steps}}}"#),
            format!(r#"{{"name" : "a" , "name"	:"b",{steps}}}"#),
            // Strings that look like keys, and escaped quotes, are not keys.
            format!(r#"{{"name":"a\":\"b\":",{steps}}}"#),
            format!(r#"{{"name":"\\",{steps},"description":"x\"y"}}"#),
            r#"{"name":"a","steps":[{"type":"voice","config":{"k":[":",{"k":":"}]}}]}"#.to_string(),
        ];
        for text in &lines {
            let fast = line_body("in.jsonl", 1, Ok(text.as_bytes()), &Overrides::default())
                .map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>());
            // Line 1, so that the reference's locations are the line's too.
            assert_eq!(fast, located_body(text), "{text}");
        }
        // Positions inside a line are columns: the line's own number is the file's line.
        let dup = line_body("in.jsonl", 7, Ok(lines[3].as_bytes()), &Overrides::default()).unwrap_err();
        assert_eq!(dup[0].to_string(), "in.jsonl:7:13: name: duplicate key (first given at column 2)");
        let orders = r#"{"name":"a","steps":[{"type":"voice","order":1},{"type":"sms","order":1}]}"#;
        let dup = line_body("in.jsonl", 7, Ok(orders.as_bytes()), &Overrides::default()).unwrap_err();
        assert_eq!(
            dup[0].to_string(),
            "in.jsonl:7:71: steps[1].order: order 1 is already used by steps[0] (column 38)"
        );
        let empty = line_body("in.jsonl", 7, Ok(lines[0].as_bytes()), &Overrides::default()).unwrap_err();
        assert_eq!(empty.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["in.jsonl:7:9: name: must not be empty"]);
    }

    #[test]
    fn the_pass_keeps_every_body_it_checked_while_all_are_valid_and_fit() {
        let ov = Overrides { test_mode: Some(true), ..Overrides::default() };
        let input =
            "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"}]}\n\n{\"name\":\"b\",\"steps\":[{\"type\":\"sms\"}]}\n";
        let s = scan(input.as_bytes(), "in.jsonl", &ov, 20, 1 << 20).unwrap();
        let kept = s.kept.expect("two small valid lines fit");
        assert_eq!(kept.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 3], "numbered as the lines");
        for (n, body) in &kept {
            let body = body.as_ref().unwrap();
            let line = input.lines().nth(*n as usize - 1).unwrap();
            let checked = line_body("in.jsonl", *n, Ok(line.as_bytes()), &ov).unwrap();
            assert_eq!(body.as_ref(), serde_json::to_vec(&checked).unwrap(), "the body the sending pass would build");
        }
        let first = kept[0].1.as_ref().unwrap();
        assert_eq!(serde_json::from_slice::<Value>(first).unwrap()["is_test_mode"], true, "overrides applied");
        // Nothing kept: without a budget, past it, or when any line is invalid.
        assert!(scan(input.as_bytes(), "in.jsonl", &ov, 20, 0).unwrap().kept.is_none());
        assert!(scan(input.as_bytes(), "in.jsonl", &ov, 20, 100).unwrap().kept.is_none());
        let with_invalid = format!("{input}{{}}\n");
        assert!(scan(with_invalid.as_bytes(), "in.jsonl", &ov, 20, 1 << 20).unwrap().kept.is_none());
    }

    #[test]
    fn only_the_first_problems_are_kept() {
        let input = "{}\n".repeat(100);
        let s = scan(input.as_bytes(), "x", &Overrides::default(), 20, 0).unwrap();
        assert_eq!((s.invalid, s.problems.len()), (100, 20));
    }
}
