//! A batch's items, whatever they are read from (JSON Lines, or rows through a template):
//! bounded line reading, the numbered bodies the sender takes, and what a validation pass found.

use crate::error::InputChanged;
use crate::seqfile::Problem;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read};

/// One item of a batch: its number (line or row), and its body or its problems.
pub(crate) type Item = (u64, Result<Value, Vec<Problem>>);

/// An item as the senders take it: its body encoded, ready to send.
pub(crate) type Encoded = (u64, Result<bytes::Bytes, Vec<Problem>>);

/// The bodies a validation pass checked, encoded and kept for the sending pass while they fit
/// in a budget: then the batch sends exactly what was checked, without reading, parsing and
/// checking each item a second time (a sixth of what a create cost the client). Given up for
/// good at the first invalid item or past the budget: the sending pass then reads the input
/// again, held to what was checked (`Checked`).
pub(crate) struct Kept {
    items: Option<Vec<Encoded>>,
    bytes: usize,
    budget: usize,
}

impl Kept {
    /// Keeps at most `budget` bytes of bodies and their bookkeeping; 0 keeps nothing.
    pub(crate) fn new(budget: usize) -> Self {
        Kept { items: (budget > 0).then(Vec::new), bytes: 0, budget }
    }

    pub(crate) fn valid(&mut self, n: u64, body: &Value) {
        let Some(items) = &mut self.items else { return };
        let Ok(encoded) = serde_json::to_vec(body) else {
            self.items = None;
            return;
        };
        // The body's allocation, the box `Bytes` adds when it has spare capacity, and the entry
        // (twice: the vector grows by doubling).
        self.bytes += encoded.capacity() + 32 + 2 * std::mem::size_of::<Encoded>();
        if self.bytes > self.budget {
            self.items = None;
        } else {
            items.push((n, Ok(encoded.into())));
        }
    }

    pub(crate) fn invalid(&mut self) {
        self.items = None;
    }

    pub(crate) fn finish(self) -> Option<Vec<Encoded>> {
        self.items
    }
}

/// Longer lines are refused rather than read into memory.
pub(crate) const MAX_LINE: usize = 16 * 1024 * 1024;

/// A line's number, and its bytes (or `Err` when it is too long to read).
pub(crate) type Line<'a> = (u64, Result<&'a [u8], ()>);

pub(crate) struct Lines<R> {
    reader: BufReader<R>,
    line: u64,
    /// Bytes read so far.
    consumed: u64,
    buf: Vec<u8>,
    hasher: Option<Sha256>,
    /// A line was too long: reading stopped there (it could be /dev/zero).
    stopped: bool,
}

impl<R: Read> Lines<R> {
    pub(crate) fn new(reader: R, hash: bool) -> Self {
        Lines {
            reader: BufReader::with_capacity(256 * 1024, reader),
            line: 0,
            consumed: 0,
            buf: Vec::new(),
            hasher: hash.then(Sha256::new),
            stopped: false,
        }
    }

    /// The next non-blank line and its number (counting from 1), or `Err` with a too-long
    /// line's number, after which there are no more lines: the rest is never read.
    pub(crate) fn next_line(&mut self) -> std::io::Result<Option<Line<'_>>> {
        loop {
            if self.stopped {
                return Ok(None);
            }
            self.buf.clear();
            let n = (&mut self.reader).take(MAX_LINE as u64 + 1).read_until(b'\n', &mut self.buf)?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            self.consumed += n as u64;
            if let Some(h) = &mut self.hasher {
                h.update(&self.buf);
            }
            if self.buf.len() > MAX_LINE && !self.buf.ends_with(b"\n") {
                self.stopped = true;
                return Ok(Some((self.line, Err(()))));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some((self.line, Ok(&self.buf))));
        }
    }

    /// The reader underneath, once reading is done.
    pub(crate) fn into_inner(self) -> R {
        self.reader.into_inner()
    }

    /// Lines read so far, blank ones included.
    pub(crate) fn count(&self) -> u64 {
        self.line
    }

    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    pub(crate) fn sha256(self) -> String {
        self.hasher.map(|h| h.finalize().iter().map(|b| format!("{b:02x}")).collect()).unwrap_or_default()
    }
}

/// What the validation pass found.
pub(crate) struct Scan {
    pub valid: u64,
    pub invalid: u64,
    /// The first problems, in line order (at most `keep`).
    pub problems: Vec<Problem>,
    pub sha256: String,
    /// Lines in the input, blank ones included.
    pub lines: u64,
    /// Bytes validated: the sending pass reads no further, whatever is appended meanwhile.
    pub bytes: u64,
    /// Every item's encoded body, when they were all valid and fit the budget (`Kept`).
    pub kept: Option<Vec<Encoded>>,
    /// A fingerprint of each item (non-blank line, or row), in order: a sending pass that reads
    /// the input again sends nothing the validation pass didn't read (`Checked`). Four bytes an
    /// item: 4 MB for a million.
    pub item_hashes: Vec<u32>,
    /// Which valid items ask for test mode.
    pub test_modes: TestModes,
}

/// The first valid item that asks for test mode (`"is_test_mode": true` in the body it
/// sends, from the item itself or from the flags), and the first that doesn't.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct TestModes {
    pub first_test: Option<u64>,
    pub first_live: Option<u64>,
}

impl TestModes {
    pub(crate) fn note(&mut self, n: u64, body: &Value) {
        let slot = if body.get("is_test_mode") == Some(&Value::Bool(true)) {
            &mut self.first_test
        } else {
            &mut self.first_live
        };
        slot.get_or_insert(n);
    }
}

/// An item's fingerprint, its number included: enough to see that a file was edited between
/// the two passes (a line moved by a blank one is another line).
pub(crate) fn item_hash(n: u64, bytes: &[u8]) -> u32 {
    use std::hash::Hasher as _;
    let mut h = std::hash::DefaultHasher::new();
    h.write_u64(n);
    h.write(bytes);
    h.finish() as u32
}

/// What a sending pass that reads the input again holds it to: the lines the validation pass
/// read, each the same, and all of them. A file edited or cut short in between stops the batch
/// instead of sending lines nobody checked (or silently fewer).
pub(crate) struct Checked {
    name: String,
    /// "line" or "row".
    unit: &'static str,
    hashes: Vec<u32>,
    next: usize,
    /// The number of the last item checked (lines count blank ones).
    last: u64,
}

impl Checked {
    pub(crate) fn new(name: &str, unit: &'static str, hashes: Vec<u32>, last: u64) -> Self {
        Checked { name: name.to_string(), unit, hashes, next: 0, last }
    }

    /// Item `n`, read again, is the one that was checked.
    pub(crate) fn item(&mut self, n: u64, bytes: Result<&[u8], ()>) -> anyhow::Result<()> {
        match (bytes, self.hashes.get(self.next)) {
            (Ok(b), Some(&h)) if h == item_hash(n, b) => {
                self.next += 1;
                Ok(())
            }
            _ => Err(InputChanged {
                message: format!(
                    "{} changed while the batch ran: {} {n} is not what was checked; nothing more was sent",
                    self.name, self.unit
                ),
            }
            .into()),
        }
    }

    /// The input ended at item `at`: the last one checked.
    pub(crate) fn end(&self, at: u64) -> anyhow::Result<()> {
        if at < self.last || self.next < self.hashes.len() {
            let message = format!(
                "{} was cut short while the batch ran: it ends at {} {at} of the {} checked; nothing more was sent",
                self.name, self.unit, self.last
            );
            return Err(InputChanged { message }.into());
        }
        Ok(())
    }
}
