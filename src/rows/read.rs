//! Reading rows, streamed: a CSV file with a header row (quoted fields, embedded commas and
//! newlines, a BOM, CRLF), or JSON Lines of flat objects. A row is its values by column; an
//! empty cell (or a JSON null) is no value at all, so a placeholder that needs it fails
//! rather than sending an empty string. Problems name the file, the line, the row and the
//! column, never a value.

use crate::diagnostics::{Problem, suggest};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::io::Read;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RowsFormat {
    Csv,
    Jsonl,
}

impl RowsFormat {
    /// By extension: `.csv`; `.jsonl` and `.ndjson`.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(RowsFormat::Csv),
            "jsonl" | "ndjson" => Some(RowsFormat::Jsonl),
            _ => None,
        }
    }
}

/// One row: its number (counting data rows from 1), the line it starts on, and its values.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub number: u64,
    pub line: u64,
    pub values: Map<String, Value>,
}

/// A reader that hashes and counts what passes through it, and notes where lines end so that
/// a record's line can be told from its byte offset (the csv crate's own line count is off by
/// one in CRLF files).
pub(crate) struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
    /// Offsets of newlines read but not yet passed by a record.
    newlines: std::collections::VecDeque<u64>,
    /// Newlines already passed.
    passed: u64,
    /// CSV only: where lines end, and where the record being read began (a record, quotes
    /// and all, may not run on past `MAX_ROW`, or one open quote could fill the memory).
    csv: bool,
    record_start: u64,
}

/// The longest row: as long as the longest JSON Lines line.
const MAX_ROW: u64 = crate::items::MAX_LINE as u64;

impl<R> Hashing<R> {
    fn new(inner: R, csv: bool) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
            newlines: Default::default(),
            passed: 0,
            csv,
            record_start: 0,
        }
    }

    /// The line (from 1) that byte `offset` is on; offsets must come in order.
    fn line_at(&mut self, offset: u64) -> u64 {
        // `<=`: in a CRLF file the crate puts a record's start on the `\n` that ends the one before.
        while self.newlines.front().is_some_and(|&n| n <= offset) {
            self.newlines.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.csv && self.bytes.saturating_sub(self.record_start) > MAX_ROW + 64 * 1024 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("a row longer than {} MiB (a quote never closed?)", MAX_ROW >> 20),
            ));
        }
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        if self.csv {
            for (i, b) in buf[..n].iter().enumerate() {
                if *b == b'\n' {
                    self.newlines.push_back(self.bytes + i as u64);
                }
            }
        }
        self.bytes += n as u64;
        Ok(n)
    }
}

pub(crate) struct Rows<R: Read> {
    name: String,
    kind: Kind<R>,
    number: u64,
}

enum Kind<R: Read> {
    Csv { reader: Box<csv::Reader<Hashing<R>>>, columns: Vec<String>, record: csv::ByteRecord },
    Jsonl(Box<crate::items::Lines<Hashing<R>>>),
}

fn at(name: &str, line: u64, message: impl Into<String>) -> Problem {
    Problem::at(name, Some((line as usize, 1)), "", message)
}

impl<R: Read> Rows<R> {
    /// Starts reading; for CSV, reads and checks the header row.
    pub(crate) fn new(reader: R, format: RowsFormat, name: &str) -> Result<Self, Problem> {
        let hashing = Hashing::new(reader, format == RowsFormat::Csv);
        let kind = match format {
            RowsFormat::Jsonl => Kind::Jsonl(Box::new(crate::items::Lines::new(hashing, false))),
            RowsFormat::Csv => {
                let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(hashing);
                let headers = reader.byte_headers().map_err(|e| csv_problem(name, &e))?.clone();
                let columns = check_header(&headers, name)?;
                Kind::Csv { reader: Box::new(reader), columns, record: csv::ByteRecord::new() }
            }
        };
        Ok(Rows { name: name.to_string(), kind, number: 0 })
    }

    /// The header's column names (CSV only: JSON Lines rows name their own).
    pub(crate) fn columns(&self) -> Option<&[String]> {
        match &self.kind {
            Kind::Csv { columns, .. } => Some(columns),
            Kind::Jsonl(_) => None,
        }
    }

    /// The next row; `Err` for a row that breaks the file's shape (fatal: nothing is sent).
    pub(crate) fn next_row(&mut self) -> Result<Option<Row>, Problem> {
        let name = self.name.clone();
        match &mut self.kind {
            Kind::Csv { reader, columns, record } => {
                let more = reader.read_byte_record(record).map_err(|e| csv_problem(&name, &e))?;
                if !more {
                    return Ok(None);
                }
                self.number += 1;
                let offset = record.position().map_or(0, |p| p.byte());
                let line = reader.get_mut().line_at(offset);
                // The next record starts about here; its length is counted from now.
                let next = reader.position().byte();
                reader.get_mut().record_start = next;
                if record.len() != columns.len() {
                    return Err(at(
                        &name,
                        line,
                        format!(
                            "row {} has {} fields, but the header has {}: a missing or extra comma, or a quote never closed?",
                            self.number,
                            record.len(),
                            columns.len()
                        ),
                    ));
                }
                let mut values = Map::new();
                for (column, cell) in columns.iter().zip(record.iter()) {
                    let text = std::str::from_utf8(cell).map_err(|_| {
                        at(&name, line, format!("row {}: column `{column}` is not UTF-8 text", self.number))
                    })?;
                    if !text.is_empty() {
                        values.insert(column.clone(), Value::String(text.to_string()));
                    }
                }
                Ok(Some(Row { number: self.number, line, values }))
            }
            Kind::Jsonl(lines) => {
                let Some((line, bytes)) = lines.next_line().map_err(|e| at(&name, 0, format!("cannot read: {e}")))?
                else {
                    return Ok(None);
                };
                self.number += 1;
                let number = self.number;
                let bytes = bytes.map_err(|()| {
                    at(
                        &name,
                        line,
                        format!("row {number}: the line is longer than {} MiB", crate::items::MAX_LINE >> 20),
                    )
                })?;
                // A BOM is invisible in editors; refusing the file for it would be baffling.
                let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
                let object = match serde_json::from_slice::<Value>(bytes) {
                    Ok(Value::Object(o)) => o,
                    // serde_json's message could quote the row; only the place is given.
                    _ => return Err(at(&name, line, format!("row {number}: not a JSON object"))),
                };
                let mut values = Map::new();
                for (key, value) in object {
                    match value {
                        Value::Null => {}
                        Value::Array(_) | Value::Object(_) => {
                            return Err(at(
                                &name,
                                line,
                                format!("row {number}: `{key}` holds a list or an object; a row's values are flat"),
                            ));
                        }
                        scalar => {
                            values.insert(key, scalar);
                        }
                    }
                }
                Ok(Some(Row { number, line, values }))
            }
        }
    }

    /// Bytes read so far (the reader's buffer included).
    pub(crate) fn consumed(&self) -> u64 {
        match &self.kind {
            Kind::Csv { reader, .. } => reader.get_ref().bytes,
            Kind::Jsonl(lines) => lines.consumed(),
        }
    }

    /// The SHA-256 of everything read, and its length in bytes.
    pub(crate) fn finish(self) -> (String, u64) {
        let hashing = match self.kind {
            Kind::Csv { reader, .. } => reader.into_inner(),
            Kind::Jsonl(lines) => lines.into_inner(),
        };
        (hashing.hasher.finalize().iter().map(|b| format!("{b:02x}")).collect(), hashing.bytes)
    }
}

fn csv_problem(name: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(1, |p| p.line());
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => "not a CSV file".to_string(),
    };
    at(name, line, what)
}

/// Column names: none empty, none twice (a BOM before the first is not part of it).
fn check_header(headers: &csv::ByteRecord, name: &str) -> Result<Vec<String>, Problem> {
    if headers.get(0).is_some_and(|h| h.strip_prefix(b"\xef\xbb\xbf").unwrap_or(h).starts_with(b"{")) {
        return Err(at(
            name,
            1,
            "this looks like JSON Lines, not CSV: pass --rows-format jsonl (or name the file .jsonl)",
        ));
    }
    let mut columns: Vec<String> = Vec::with_capacity(headers.len());
    for (i, raw) in headers.iter().enumerate() {
        let raw = if i == 0 { raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw) } else { raw };
        let column = std::str::from_utf8(raw)
            .map_err(|_| at(name, 1, format!("column {}: its name is not UTF-8 text", i + 1)))?
            .trim()
            .to_string();
        if column.is_empty() {
            return Err(at(name, 1, format!("column {} has no name: every column needs one in the header row", i + 1)));
        }
        if let Some(first) = columns.iter().position(|c| *c == column) {
            return Err(at(name, 1, format!("column `{column}` appears twice (columns {} and {})", first + 1, i + 1)));
        }
        columns.push(column);
    }
    if columns.is_empty() {
        return Err(at(name, 1, "no header row: the first line names the columns"));
    }
    Ok(columns)
}

/// The near miss among `columns` for a name that isn't one.
pub(crate) fn near_column<'c>(wanted: &str, columns: &'c [String]) -> Option<&'c str> {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    suggest(wanted, &names).and_then(|s| columns.iter().find(|c| *c == s).map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8], format: RowsFormat) -> Result<Vec<Row>, Problem> {
        let mut rows = Rows::new(text, format, "p.csv")?;
        let mut out = Vec::new();
        while let Some(r) = rows.next_row()? {
            out.push(r);
        }
        Ok(out)
    }

    #[test]
    fn csv_with_quotes_newlines_bom_and_crlf() {
        let text = b"\xef\xbb\xbfphone,note\r\n+1555,\"a, b\"\r\n+1556,\"two\r\nlines\"\r\n+1557,\r\n";
        let rows = all(text, RowsFormat::Csv).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].values["phone"], "+1555");
        assert_eq!(rows[0].values["note"], "a, b");
        assert_eq!(rows[1].values["note"], "two\r\nlines");
        assert_eq!((rows[2].number, rows[2].line), (3, 5));
        assert!(!rows[2].values.contains_key("note"), "an empty cell is no value");
    }

    #[test]
    fn header_and_shape_problems_name_the_line_not_the_values() {
        let e = all(b"a,,c\n1,2,3\n", RowsFormat::Csv).unwrap_err();
        assert_eq!(e.to_string(), "p.csv:1:1: column 2 has no name: every column needs one in the header row");
        let e = all(b"a,b,a\n", RowsFormat::Csv).unwrap_err();
        assert!(e.to_string().contains("column `a` appears twice (columns 1 and 3)"), "{e}");
        let e = all(b"a,b\n1,2\nsecret-value\n", RowsFormat::Csv).unwrap_err();
        assert!(e.to_string().starts_with("p.csv:3:1: row 2 has 1 fields, but the header has 2:"), "{e}");
        let e = all(b"{\"a\":1}\n", RowsFormat::Csv).unwrap_err();
        assert!(e.to_string().contains("looks like JSON Lines"), "{e}");
        let e = all(b"{\"a\":1}\n{\"a\":\"secret\"\n", RowsFormat::Jsonl).unwrap_err();
        assert_eq!(e.to_string(), "p.csv:2:1: row 2: not a JSON object");
    }

    #[test]
    fn jsonl_rows_keep_their_types() {
        let rows = all(b"{\"n\":3,\"s\":\"x\",\"z\":null}\n\n{\"n\":4}\n", RowsFormat::Jsonl).unwrap();
        assert_eq!(rows[0].values["n"], 3);
        assert!(!rows[0].values.contains_key("z"));
        assert_eq!((rows[1].number, rows[1].line), (2, 3));
    }
}
