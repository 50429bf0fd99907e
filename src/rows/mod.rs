//! One template, many patients: `create -f TEMPLATE --rows FILE` renders the template once per
//! row of a CSV or JSON Lines file, validates every row before anything is sent, and hands
//! the bodies to the batch machinery (journal, keys, test-mode check, resume). Rows are
//! streamed, never written anywhere; problems name places, never cell values.

pub(crate) mod read;
pub(crate) mod template;

pub(crate) use read::{Rows, RowsFormat};
pub(crate) use template::RowTemplate;

use crate::items::Scan;
use crate::seqfile::{Overrides, Problem, ValidationError};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::sync::Arc;

/// A template and how to read its rows.
#[derive(Clone)]
pub(crate) struct RowsInput {
    pub template: Arc<RowTemplate>,
    pub format: RowsFormat,
}

fn fatal(p: Problem) -> anyhow::Error {
    ValidationError::single(p).into()
}

/// The fingerprint of a template and its rows: a change to either is another batch.
fn fingerprint(template: &str, rows_sha256: &str) -> String {
    let mut h = Sha256::new();
    h.update(template.as_bytes());
    h.update([0]);
    h.update(rows_sha256.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The validation pass: every row rendered and checked; the first `keep` problems kept.
pub(crate) fn scan(
    input: &RowsInput,
    reader: impl Read,
    name: &str,
    overrides: &Overrides,
    keep: usize,
    budget: usize,
) -> anyhow::Result<Scan> {
    let mut rows = Rows::new(reader, input.format, name).map_err(fatal)?;
    if let Some(columns) = rows.columns() {
        let problems = input.template.check_columns(columns, name);
        if !problems.is_empty() {
            let n = problems.len();
            if n == 1 {
                return Err(ValidationError::new(problems).into());
            }
            let summary = format!(
                "{}: {n} placeholders name no column of {name}; nothing was sent",
                input.template.source_name()
            );
            return Err(ValidationError::summarised(problems, summary).into());
        }
    }
    let (mut valid, mut invalid, mut problems) = (0, 0, Vec::new());
    let mut kept = crate::items::Kept::new(budget);
    let mut item_hashes = Vec::new();
    let mut test_modes = crate::items::TestModes::default();
    let mut count = 0;
    while let Some(row) = rows.next_row().map_err(fatal)? {
        count = row.number;
        item_hashes.push(crate::items::item_hash(row.number, &row_bytes(&row)));
        match input.template.render(&row, name, input.format, overrides) {
            Ok(body) => {
                valid += 1;
                test_modes.note(row.number, &body);
                kept.valid(row.number, &body);
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
    let (rows_sha256, bytes) = rows.finish();
    let sha256 = fingerprint(input.template.text(), &rows_sha256);
    Ok(Scan { valid, invalid, problems, sha256, lines: count, bytes, kept: kept.finish(), item_hashes, test_modes })
}

/// What a row's fingerprint covers (`items::Checked`), besides its number: its values.
fn row_bytes(row: &read::Row) -> Vec<u8> {
    serde_json::to_vec(&row.values).unwrap_or_default()
}

/// The sending pass's rows: each row's number and body (or its problems), up to `count` rows.
pub(crate) struct RowItems<R: Read> {
    rows: Rows<R>,
    input: RowsInput,
    name: String,
    overrides: Overrides,
    count: u64,
    /// The last row read, to see the file cut short.
    last: u64,
    checked: crate::items::Checked,
}

impl<R: Read> RowItems<R> {
    /// `hashes`: each row's fingerprint from the validation pass, which the rows read again
    /// must match (`items::Checked`).
    pub(crate) fn new(
        input: RowsInput,
        reader: R,
        name: &str,
        overrides: Overrides,
        count: u64,
        hashes: Vec<u32>,
    ) -> anyhow::Result<Self> {
        let rows = Rows::new(reader, input.format, name).map_err(fatal)?;
        let checked = crate::items::Checked::new(name, "row", hashes, count);
        Ok(RowItems { rows, input, name: name.to_string(), overrides, count, last: 0, checked })
    }

    /// Bytes of the rows file read so far.
    pub(crate) fn consumed(&self) -> u64 {
        self.rows.consumed()
    }

    pub(crate) fn next_item(&mut self) -> anyhow::Result<Option<crate::items::Item>> {
        let Some(row) = self.rows.next_row().map_err(fatal)? else {
            self.checked.end(self.last)?;
            return Ok(None);
        };
        // Rows appended since the validation pass are not sent.
        if row.number > self.count {
            self.checked.end(self.last)?;
            return Ok(None);
        }
        self.checked.item(row.number, Ok(&row_bytes(&row)))?;
        self.last = row.number;
        Ok(Some((row.number, self.input.template.render(&row, &self.name, self.input.format, &self.overrides))))
    }
}

/// Placeholders work in the template file only: in a flag they would be sent as written, and
/// a patient would hear `{{ phone }}`.
pub(crate) fn check_flags(ov: &Overrides) -> Result<(), crate::error::UsageError> {
    let configs = ov.steps.iter().filter_map(|s| s.config.as_ref()).map(|c| Value::Object(c.clone()).to_string());
    let texts = ov
        .name
        .iter()
        .chain(ov.description.iter())
        .chain(ov.steps.iter().map(|s| &s.step_type))
        .cloned()
        .chain(configs);
    for text in texts {
        if text.contains("{{") || text.contains("{%") {
            return Err(crate::error::UsageError::with_hint(
                "placeholders in --name, --description or --step are not filled in",
                "put them in the template file given with -f",
            ));
        }
    }
    Ok(())
}

/// The template named by `-f` and the rows of `--rows`, ready for a batch: the template is
/// read, parsed and its placeholders compiled; the rows file is only named here (it is
/// streamed later). Returns the input and the rows file (`None`: standard input).
pub(crate) fn load(
    template: Option<&std::path::Path>,
    rows: &std::path::Path,
    format: Option<RowsFormat>,
) -> anyhow::Result<(RowsInput, Option<std::path::PathBuf>)> {
    use crate::error::UsageError;
    let stdin_rows = rows.as_os_str() == "-";
    let template = match template {
        Some(t) if t.as_os_str() == "-" && stdin_rows => {
            return Err(UsageError::new("-f - and --rows - can't both read standard input").into());
        }
        Some(t) => t,
        None => {
            return Err(UsageError::with_hint(
                "--rows needs a template",
                "give the sequence file whose placeholders the rows fill: -f TEMPLATE --rows FILE",
            )
            .into());
        }
    };
    let format = match (format, stdin_rows) {
        (Some(f), _) => f,
        (None, true) => RowsFormat::Csv,
        (None, false) => RowsFormat::from_path(rows).ok_or_else(|| {
            UsageError::with_hint(
                format!("{}: can't tell the rows' format from its name", rows.display()),
                "name it .csv, .jsonl or .ndjson, or pass --rows-format csv|jsonl",
            )
        })?,
    };
    let input =
        if template.as_os_str() == "-" { crate::seqfile::Input::Stdin } else { crate::seqfile::Input::File(template) };
    let parsed = crate::seqfile::parse_document(crate::seqfile::read_input(&input)?)?;
    let template = RowTemplate::new(parsed).map_err(ValidationError::new)?;
    Ok((RowsInput { template: Arc::new(template), format }, (!stdin_rows).then(|| rows.to_path_buf())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sending pass that reads the rows again and finds fewer than were checked says so,
    /// instead of ending as if the batch were done.
    #[test]
    fn rows_cut_short_after_the_check_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("t.toml");
        std::fs::write(&template, "name = \"R {{ n }}\"\n[[steps]]\ntype = \"voice\"\n").unwrap();
        let rows = dir.path().join("r.csv");
        let csv: String = std::iter::once("n\n".to_string()).chain((1..=5).map(|i| format!("{i}\n"))).collect();
        std::fs::write(&rows, &csv).unwrap();
        let (input, _) = load(Some(&template), &rows, None).unwrap();
        let scan = scan(&input, csv.as_bytes(), "r.csv", &Overrides::default(), 20, 0).unwrap();
        assert_eq!(scan.valid, 5);
        let all = |text: &str| -> anyhow::Result<Vec<u64>> {
            let mut items = RowItems::new(
                input.clone(),
                text.as_bytes(),
                "r.csv",
                Overrides::default(),
                scan.lines,
                scan.item_hashes.clone(),
            )?;
            let mut numbers = Vec::new();
            while let Some((n, _)) = items.next_item()? {
                numbers.push(n);
            }
            Ok(numbers)
        };
        let every = all(&csv).unwrap();
        assert_eq!(every.len(), 5);
        let cut = csv.lines().take(4).map(|l| format!("{l}\n")).collect::<String>();
        let err = all(&cut).unwrap_err();
        assert!(err.to_string().contains("was cut short while the batch ran: it ends at row 3"), "{err}");
        let edited = csv.replace("\n4\n", "\n44\n");
        let err = all(&edited).unwrap_err();
        assert!(err.to_string().contains("changed while the batch ran: row 4 is not what was checked"), "{err}");
    }
}
