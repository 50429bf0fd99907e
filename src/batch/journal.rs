//! The batch journal: an append-only record of which input lines were sent, under which
//! idempotency key, and which got a sequence id. It holds no sequence content (no names,
//! messages or numbers), is created 0600, and a torn last line is tolerated.
//!
//! Line N's key is `{run}-{N}`, derived from the run id in the header, so a resumed run sends
//! the same key whether or not the "sent" record reached the disk.

use crate::error::UsageError;
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    clarion_journal: u32,
    run: String,
    input_sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Record {
    Sent { line: u64, key: String, sent: bool },
    Created { line: u64, id: i64 },
    Failed { line: u64, failed: u16 },
}

/// What a journal says about the input so far.
#[derive(Debug, Default)]
pub struct Progress {
    /// Sequence id per input line (index = line number), for lines already created.
    pub created: Vec<Option<i64>>,
    /// Lines sent at least once (their answer may have been lost).
    pub sent: Vec<bool>,
}

impl Progress {
    fn mark(&mut self, line: u64, id: Option<i64>) {
        let i = line as usize;
        if self.sent.len() <= i {
            self.sent.resize(i + 1, false);
            self.created.resize(i + 1, None);
        }
        self.sent[i] = true;
        if id.is_some() {
            self.created[i] = id;
        }
    }

    pub fn created_id(&self, line: u64) -> Option<i64> {
        self.created.get(line as usize).copied().flatten()
    }

    pub fn was_sent(&self, line: u64) -> bool {
        self.sent.get(line as usize).copied().unwrap_or(false)
    }
}

pub struct Journal {
    path: PathBuf,
    run: String,
    file: Mutex<File>,
}

impl Journal {
    /// Opens the journal for `input_sha256`: resumes a matching one, refuses one written for
    /// other input (unless `restart`), or starts a new one.
    pub fn open(path: &Path, input_sha256: &str, restart: bool) -> anyhow::Result<(Journal, Progress)> {
        if path.exists() && !restart {
            let (header, progress, complete_len) = read(path)?;
            if header.input_sha256 != input_sha256 {
                return Err(UsageError::with_hint(
                    format!("{} was written for different input: the file changed since that run started", path.display()),
                    "to start over and send every line again, add --restart (lines already created would be created again)",
                )
                .into());
            }
            let file =
                File::options().append(true).open(path).with_context(|| format!("cannot open {}", path.display()))?;
            // A record torn by a crash is cut off, so the next records follow whole ones.
            if file.metadata()?.len() > complete_len {
                file.set_len(complete_len)?;
            }
            return Ok((Journal { path: path.to_path_buf(), run: header.run, file: Mutex::new(file) }, progress));
        }
        let run = uuid::Uuid::new_v4().to_string();
        let header = serde_json::to_string(&Header {
            clarion_journal: 1,
            run: run.clone(),
            input_sha256: input_sha256.to_string(),
        })?;
        let mut contents = header.into_bytes();
        contents.push(b'\n');
        // The header (the run id behind every key) must be on disk before any request is sent.
        crate::config::files::atomic_write(path, crate::config::files::CREDENTIALS_MODE, |f| f.write_all(&contents))?;
        let file =
            File::options().append(true).open(path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok((Journal { path: path.to_path_buf(), run, file: Mutex::new(file) }, Progress::default()))
    }

    pub fn key(&self, line: u64) -> String {
        line_key(&self.run, line)
    }

    pub fn run(&self) -> &str {
        &self.run
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Written before the request: one write(2) each, so a killed process leaves whole records.
    pub fn sent(&self, line: u64) -> anyhow::Result<()> {
        self.append(&Record::Sent { line, key: self.key(line), sent: true })
    }

    pub fn created(&self, line: u64, id: i64) -> anyhow::Result<()> {
        self.append(&Record::Created { line, id })
    }

    pub fn failed(&self, line: u64, status: u16) -> anyhow::Result<()> {
        self.append(&Record::Failed { line, failed: status })
    }

    fn append(&self, record: &Record) -> anyhow::Result<()> {
        let mut bytes = serde_json::to_vec(record)?;
        bytes.push(b'\n');
        let mut f = self.file.lock().unwrap_or_else(|p| p.into_inner());
        f.write_all(&bytes).with_context(|| format!("cannot write the journal {}", self.path.display()))
    }

    /// Flushes to the disk itself (periodically and at the end; each record is already with the OS).
    pub fn sync(&self) -> anyhow::Result<()> {
        let f = self.file.lock().unwrap_or_else(|p| p.into_inner());
        f.sync_data().with_context(|| format!("cannot flush the journal {}", self.path.display()))
    }
}

/// The header, the progress, and the length of the file up to its last whole record.
/// The idempotency key of input line `line` in run `run`.
pub fn line_key(run: &str, line: u64) -> String {
    format!("{run}-{line}")
}

fn read(path: &Path) -> anyhow::Result<(Header, Progress, u64)> {
    let name = path.display().to_string();
    let corrupt = |n: usize| {
        UsageError::with_hint(
            format!("{name}:{n}: not a clarion journal record"),
            "move the file away to start a new run",
        )
    };
    let file = File::open(path).with_context(|| format!("cannot read {name}"))?;
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut n = 0;
    let mut header = None;
    let mut progress = Progress::default();
    let mut pending_error = None;
    let mut offset: u64 = 0;
    let mut complete_len: u64 = 0;
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        n += 1;
        offset += read as u64;
        // A bad line is fatal only if another follows it: a torn last line is a crash mid-write.
        if let Some(e) = pending_error.take() {
            return Err(e);
        }
        if !line.ends_with(b"\n") {
            pending_error = Some(anyhow::Error::from(corrupt(n)));
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if header.is_none() {
            match serde_json::from_str::<Header>(text) {
                Ok(h) if h.clarion_journal == 1 && line.ends_with(b"\n") => header = Some(h),
                _ => return Err(corrupt(n).into()),
            }
            complete_len = offset;
            continue;
        }
        match serde_json::from_str::<Record>(text) {
            Ok(Record::Sent { line, .. }) | Ok(Record::Failed { line, .. }) => progress.mark(line, None),
            Ok(Record::Created { line, id }) => progress.mark(line, Some(id)),
            Err(_) => {
                pending_error = Some(anyhow::Error::from(corrupt(n)));
                continue;
            }
        }
        complete_len = offset;
    }
    let header = header.ok_or_else(|| corrupt(1))?;
    Ok((header, progress, complete_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_resume_and_keys_are_stable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl.journal");
        let (j, p) = Journal::open(&path, "abc", false).unwrap();
        assert!(p.created.is_empty());
        let key = j.key(3);
        j.sent(3).unwrap();
        j.created(3, 41).unwrap();
        j.sent(4).unwrap();
        j.failed(5, 422).unwrap();
        drop(j);
        let (j, p) = Journal::open(&path, "abc", false).unwrap();
        assert_eq!(j.key(3), key, "the same run, the same keys");
        assert_eq!(
            (p.created_id(3), p.was_sent(4), p.created_id(4), p.was_sent(5), p.was_sent(6)),
            (Some(41), true, None, true, false)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("name") && !text.contains("config"), "no content: {text}");
    }

    #[test]
    fn a_torn_last_line_is_tolerated_and_a_torn_middle_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open(&path, "h", false).unwrap();
        j.sent(1).unwrap();
        drop(j);
        let mut f = File::options().append(true).open(&path).unwrap();
        f.write_all(b"{\"line\":1,\"i").unwrap();
        drop(f);
        let (j, p) = Journal::open(&path, "h", false).unwrap();
        assert!(p.was_sent(1));
        j.created(1, 9).unwrap();
        drop(j);
        // The torn fragment was cut off, so the journal stays whole through any number of crashes.
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("\"sent\":true}\n{\"line\":1,\"id\":9}\n"), "{text}");
        let (_, p) = Journal::open(&path, "h", false).unwrap();
        assert_eq!(p.created_id(1), Some(9));
        // Garbage with whole records after it is not a crash: refused.
        let mut f = File::options().append(true).open(&path).unwrap();
        f.write_all(b"garbage\n{\"line\":2,\"id\":3}\n").unwrap();
        drop(f);
        assert!(Journal::open(&path, "h", false).is_err());
    }

    #[test]
    fn other_input_is_refused_unless_restarting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open(&path, "one", false).unwrap();
        let old = j.key(1);
        drop(j);
        let err = Journal::open(&path, "two", false).err().unwrap();
        assert_eq!(crate::error::exit_code(&err), 2);
        let (j, p) = Journal::open(&path, "two", true).unwrap();
        assert_ne!(j.key(1), old);
        assert!(!p.was_sent(1));
    }
}
