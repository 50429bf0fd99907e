//! The batch journal: an append-only record of which input lines were sent and which got a
//! sequence id. It holds no sequence content (no names, messages or numbers), is created
//! 0600, is locked while a batch runs (a second clarion on it is refused), and a torn last
//! line is tolerated.
//!
//! Idempotency keys don't depend on the journal: line N's key is derived from the input's
//! SHA-256, the effective settings' SHA-256 (flags that change the body) and N, plus a salt
//! that only `--restart` sets. So a resumed run, and even a re-run whose journal was lost,
//! sends the same keys, and the server returns the sequences it already made.

use crate::error::UsageError;
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const VERSION: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    clarion_journal: u32,
    input_sha256: String,
    settings_sha256: String,
    /// Empty unless the run was started with `--restart`: then random, so its keys are new.
    salt: String,
    /// Where the sequences were created: the API's URL, or the local sandbox and its
    /// database. Empty in a journal written before it was recorded.
    #[serde(default)]
    api: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Record {
    Sent { line: u64, sent: bool },
    Created { line: u64, id: i64 },
    Failed { line: u64, failed: u16 },
}

/// What a journal says about the input so far.
#[derive(Debug, Default)]
pub(crate) struct Progress {
    /// Lines sent at least once, with the sequence id of those that got one.
    lines: HashMap<u64, Option<i64>>,
}

impl Progress {
    fn mark(&mut self, line: u64, id: Option<i64>) {
        let entry = self.lines.entry(line).or_default();
        if id.is_some() {
            *entry = id;
        }
    }

    pub(crate) fn created_id(&self, line: u64) -> Option<i64> {
        self.lines.get(&line).copied().flatten()
    }

    #[cfg(test)]
    pub(crate) fn was_sent(&self, line: u64) -> bool {
        self.lines.contains_key(&line)
    }

    pub(crate) fn created_count(&self) -> usize {
        self.lines.values().filter(|id| id.is_some()).count()
    }
}

/// The input a journal is for: its content's and its settings' fingerprints, and how many
/// lines it has (a record about any other line is not from clarion).
pub(crate) struct Fingerprint<'a> {
    /// What the input is, for saying what changed (`the file`, `the template or the rows`).
    pub what: &'a str,
    pub input_sha256: &'a str,
    pub settings_sha256: &'a str,
    pub lines: u64,
    /// Where the sequences are created (`Header::api`): a journal from one API says nothing
    /// about what exists on another.
    pub api: &'a str,
}

/// The key prefix of a run; line N's key is `{prefix}-{N}`.
pub(crate) fn key_prefix(input_sha256: &str, settings_sha256: &str, salt: &str) -> String {
    let mut h = Sha256::new();
    for part in [input_sha256, settings_sha256, salt] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let digest: String = h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("clarion-{digest}")
}

/// The idempotency key of input line `line`.
pub(super) fn line_key(prefix: &str, line: u64) -> String {
    format!("{prefix}-{line}")
}

pub(crate) struct Journal {
    path: PathBuf,
    prefix: String,
    /// Appends; it also holds the lock, for as long as the journal is open.
    file: Mutex<Appender>,
}

/// The file, and the records queued for its next write.
struct Appender {
    file: File,
    queued: Vec<u8>,
    /// Why a write failed: what was queued then is lost (other lines' "sent" records among
    /// it), so every later flush fails too, and nothing more is sent or printed.
    broken: Option<String>,
}

impl Journal {
    /// Opens the journal for `fp`: resumes a matching one, refuses one written for other
    /// input or settings (unless `restart`), or starts a new one. Refused, too, while another
    /// clarion has it open.
    pub(crate) fn open(path: &Path, fp: &Fingerprint<'_>, restart: bool) -> anyhow::Result<(Journal, Progress)> {
        let name = path.display().to_string();
        let mut options = crate::fs::private_file_options();
        options.read(true).append(true).create(true);
        // What is wrong with the path given is the user's to fix (exit 2), said with its name.
        let mut file = options
            .open(path)
            .map_err(|e| UsageError::new(format!("cannot open the journal {name}: {}", crate::fs::io_reason(&e))))?;
        // It is read, cut back and rewritten: a device or a FIFO can be neither.
        if !file.metadata().with_context(|| format!("cannot read the journal {name}"))?.is_file() {
            return Err(UsageError::with_hint(
                format!("the journal {name} is not a regular file"),
                "give --journal the path of a file (it is created if missing)",
            )
            .into());
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(UsageError::with_hint(
                    format!("{name} is in use: another clarion is running this batch"),
                    "wait for it to finish, or give this run its own --journal",
                )
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e).with_context(|| format!("cannot lock {name}")),
        }
        let existing = read(&mut file, &name, fp.lines)?;
        let resume = match existing {
            Some((header, progress, complete_len)) if !restart => {
                check_matches(&header, fp, &name)?;
                // A record torn by a crash is cut off, so the next records follow whole ones.
                if file.metadata()?.len() > complete_len {
                    file.set_len(complete_len)?;
                }
                Some((header.salt, progress))
            }
            _ => None,
        };
        let (salt, progress) = match resume {
            Some(r) => r,
            None => {
                // --restart is a deliberately new run: new keys, so the server makes new sequences.
                let salt = if restart { uuid::Uuid::new_v4().to_string() } else { String::new() };
                let header = Header {
                    clarion_journal: VERSION,
                    input_sha256: fp.input_sha256.to_string(),
                    settings_sha256: fp.settings_sha256.to_string(),
                    salt: salt.clone(),
                    api: fp.api.to_string(),
                };
                let mut bytes = serde_json::to_vec(&header)?;
                bytes.push(b'\n');
                file.set_len(0)?;
                file.write_all(&bytes).with_context(|| format!("cannot write the journal {name}"))?;
                // The header must be on disk before any request is sent.
                file.sync_all().with_context(|| format!("cannot flush the journal {name}"))?;
                (salt, Progress::default())
            }
        };
        crate::fs::set_mode(path, crate::fs::PRIVATE_FILE_MODE)?;
        let prefix = key_prefix(fp.input_sha256, fp.settings_sha256, &salt);
        Ok((
            Journal {
                path: path.to_path_buf(),
                prefix,
                file: Mutex::new(Appender { file, queued: Vec::new(), broken: None }),
            },
            progress,
        ))
    }

    #[cfg(test)]
    pub(crate) fn key(&self, line: u64) -> String {
        line_key(&self.prefix, line)
    }

    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Queued: a batch writes what is queued (`flush`) before the request goes, so the record
    /// is with the OS before anything is sent.
    pub(crate) fn sent(&self, line: u64) -> anyhow::Result<()> {
        self.append(&Record::Sent { line, sent: true })
    }

    pub(crate) fn created(&self, line: u64, id: i64) -> anyhow::Result<()> {
        self.append(&Record::Created { line, id })
    }

    pub(crate) fn failed(&self, line: u64, status: u16) -> anyhow::Result<()> {
        self.append(&Record::Failed { line, failed: status })
    }

    fn append(&self, record: &Record) -> anyhow::Result<()> {
        let mut a = self.file.lock().unwrap_or_else(|p| p.into_inner());
        serde_json::to_writer(&mut a.queued, record)?;
        a.queued.push(b'\n');
        Ok(())
    }

    /// Writes the queued records, whole, in one write(2): answers that arrive together cost
    /// one write, not one each (a killed process still leaves whole records, or one torn at
    /// the end, which a resume cuts off).
    pub(crate) fn flush(&self) -> anyhow::Result<()> {
        self.flush_then(|| ())
    }

    /// `flush`, then `then` while no record can be queued: what `then` takes of the output
    /// queued with the records (`Run::flush`) is never ahead of them.
    pub(crate) fn flush_then<T>(&self, then: impl FnOnce() -> T) -> anyhow::Result<T> {
        let mut a = self.file.lock().unwrap_or_else(|p| p.into_inner());
        let Appender { file, queued, broken } = &mut *a;
        if broken.is_none() && !queued.is_empty() {
            *broken = file.write_all(queued).err().map(|e| crate::fs::io_reason(&e));
            queued.clear();
        }
        match broken {
            Some(why) => anyhow::bail!("cannot write the journal {}: {why}", self.path.display()),
            None => Ok(then()),
        }
    }

    /// A second handle on the file, for flushing it to disk without holding the writers' lock.
    pub(crate) fn sync_handle(&self) -> anyhow::Result<File> {
        let a = self.file.lock().unwrap_or_else(|p| p.into_inner());
        a.file.try_clone().with_context(|| format!("cannot open the journal {} again", self.path.display()))
    }

    /// Writes what is queued and flushes it to the disk itself (periodically and at the end).
    pub(crate) fn sync(&self) -> anyhow::Result<()> {
        self.flush()?;
        self.sync_handle()?.sync_data().with_context(|| format!("cannot flush the journal {}", self.path.display()))
    }
}

impl Drop for Journal {
    /// Whatever ended the batch, the records queued still reach the file.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// How many lines an existing journal for `fp` records as created, without opening it for
/// writing (0 when there is none yet); refused as `open` would refuse it.
pub(super) fn created_before(path: &Path, fp: &Fingerprint<'_>) -> anyhow::Result<usize> {
    let name = path.display().to_string();
    let Ok(mut file) = File::open(path) else { return Ok(0) };
    match read(&mut file, &name, fp.lines)? {
        Some((header, progress, _)) => {
            check_matches(&header, fp, &name)?;
            Ok(progress.created_count())
        }
        None => Ok(0),
    }
}

/// The sequences a batch's journal records as created, in the order of their lines; read only,
/// so a batch still running may hold the journal.
pub(crate) fn created_ids(path: &Path) -> anyhow::Result<Vec<i64>> {
    let name = path.display().to_string();
    let mut file =
        File::open(path).map_err(|e| UsageError::new(format!("{name}: cannot read: {}", crate::fs::io_reason(&e))))?;
    let read = read(&mut file, &name, u64::MAX).map_err(|_| {
        UsageError::with_hint(
            format!("{name}: not a clarion journal"),
            "give the .journal file a batch create wrote beside its input (or its --journal)",
        )
    })?;
    let Some((_, progress, _)) = read else { return Ok(Vec::new()) };
    let mut lines: Vec<(u64, i64)> = progress.lines.iter().filter_map(|(l, id)| id.map(|id| (*l, id))).collect();
    lines.sort();
    Ok(lines.into_iter().map(|(_, id)| id).collect())
}

fn check_matches(header: &Header, fp: &Fingerprint<'_>, name: &str) -> anyhow::Result<()> {
    let restart =
        "to start over and send every line again, add --restart (lines already created would be created again)";
    if header.input_sha256 != fp.input_sha256 {
        return Err(UsageError::with_hint(
            format!("{name} was written for different input: {} changed since that run started", fp.what),
            // Two templates over one rows file share its default journal: neither is to restart.
            format!("if this is another batch (another template for the same rows, say), give it its own --journal PATH; {restart}"),
        )
        .into());
    }
    if !header.api.is_empty() && header.api != fp.api {
        // Resuming would skip every line created there, and create nothing here.
        return Err(UsageError::with_hint(
            format!("{name} records sequences created on {}, not on {}", header.api, fp.api),
            format!(
                "point clarion at {} to finish that run; for this API, give the batch its own --journal PATH (or add --restart to start over, sending every line again)",
                header.api
            ),
        )
        .into());
    }
    if header.settings_sha256 != fp.settings_sha256 {
        return Err(UsageError::with_hint(
            format!(
                "{name} was written for other settings: test mode (--test-mode, --live or the profile's test_mode), --name, --description or --step differ from that run's"
            ),
            format!("run it with the same flags to finish it, or give another batch its own --journal PATH; {restart}"),
        )
        .into());
    }
    Ok(())
}

/// The header, the progress, and the length of the file up to its last whole record; `None`
/// for a file with no header yet (new, or its header torn by a crash before anything was sent).
fn read(file: &mut File, name: &str, max_line: u64) -> anyhow::Result<Option<(Header, Progress, u64)>> {
    let corrupt = |n: usize| {
        UsageError::with_hint(format!("{name}:{n}: not a clarion journal"), "move the file away to start a new run")
    };
    file.rewind()?;
    let mut reader = BufReader::new(&*file);
    let mut line = Vec::new();
    // The header is small: a first line longer than this is not one.
    let first = (&mut reader).take(4096).read_until(b'\n', &mut line)?;
    if first == 0 {
        return Ok(None);
    }
    if !line.ends_with(b"\n") {
        if line.starts_with(b"{\"clarion_journal\":") && line.len() < 4096 {
            return Ok(None);
        }
        return Err(corrupt(1).into());
    }
    let header = match serde_json::from_slice::<Header>(&line) {
        Ok(h) if h.clarion_journal == VERSION => h,
        Ok(_) => {
            return Err(UsageError::with_hint(
                format!("{name} was written by another version of clarion"),
                "finish that batch with that version, or move the file away and start again",
            )
            .into());
        }
        Err(_) => return Err(corrupt(1).into()),
    };
    let mut progress = Progress::default();
    let mut n = 1;
    let mut offset = first as u64;
    let mut complete_len = offset;
    let mut pending_error = None;
    loop {
        line.clear();
        let read = (&mut reader).take(4096).read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        n += 1;
        offset += read as u64;
        // A bad line is fatal only if another follows it: a torn last line is a crash mid-write.
        if let Some(e) = pending_error.take() {
            return Err(e);
        }
        let record = if line.ends_with(b"\n") { serde_json::from_slice::<Record>(&line).ok() } else { None };
        let (at, id) = match record {
            Some(Record::Sent { line, .. }) | Some(Record::Failed { line, .. }) => (line, None),
            Some(Record::Created { line, id }) => (line, Some(id)),
            None => {
                pending_error = Some(anyhow::Error::from(corrupt(n)));
                continue;
            }
        };
        // Records name lines of this input only; anything else was not written by clarion.
        if at == 0 || at > max_line {
            return Err(corrupt(n).into());
        }
        progress.mark(at, id);
        complete_len = offset;
    }
    Ok(Some((header, progress, complete_len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp<'a>(input: &'a str, settings: &'a str) -> Fingerprint<'a> {
        Fingerprint {
            what: "the file",
            input_sha256: input,
            settings_sha256: settings,
            lines: 100,
            api: "https://api.example/",
        }
    }

    /// A new journal `j` in a temporary folder (kept alive by the first value).
    fn fresh() -> (tempfile::TempDir, std::path::PathBuf, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open(&path, &fp("h", "s"), false).unwrap();
        (dir, path, j)
    }

    #[test]
    fn records_resume_and_keys_depend_on_input_and_settings_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl.journal");
        let (j, p) = Journal::open(&path, &fp("abc", "s"), false).unwrap();
        assert_eq!(p.created_count(), 0);
        let key = j.key(3);
        assert_eq!(key, line_key(&key_prefix("abc", "s", ""), 3), "no journal needed to know the keys");
        assert_ne!(key_prefix("abc", "s", ""), key_prefix("abc", "t", ""));
        j.sent(3).unwrap();
        j.created(3, 41).unwrap();
        j.sent(4).unwrap();
        j.failed(5, 422).unwrap();
        drop(j);
        let (j, p) = Journal::open(&path, &fp("abc", "s"), false).unwrap();
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
    fn records_are_queued_until_flushed_and_written_whole() {
        let (_dir, path, j) = fresh();
        let header = std::fs::read_to_string(&path).unwrap();
        j.sent(1).unwrap();
        j.sent(2).unwrap();
        j.created(1, 7).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), header, "nothing written before flush");
        j.flush().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            &text[header.len()..],
            "{\"line\":1,\"sent\":true}\n{\"line\":2,\"sent\":true}\n{\"line\":1,\"id\":7}\n"
        );
        j.flush().unwrap();
        j.failed(2, 500).unwrap();
        drop(j);
        assert!(
            std::fs::read_to_string(&path).unwrap().ends_with("{\"line\":2,\"failed\":500}\n"),
            "written when dropped"
        );
    }

    /// A failed write loses what was queued (other lines' "sent" records among it): from then
    /// on every flush fails, so no line is sent, and no output printed, without its record.
    #[test]
    fn after_a_failed_write_every_flush_fails() {
        let (_dir, path, j) = fresh();
        j.sent(1).unwrap();
        j.sent(2).unwrap();
        // A handle that can't write, as a full disk would leave it.
        j.file.lock().unwrap().file = File::open(&path).unwrap();
        let e = j.flush().unwrap_err();
        assert!(e.to_string().starts_with(&format!("cannot write the journal {}: ", path.display())), "{e}");
        let mut taken = false;
        assert!(j.flush_then(|| taken = true).is_err(), "an empty queue after a failure is still a failure");
        assert!(!taken, "the output queued with lost records is not taken");
        j.created(1, 5).unwrap();
        assert!(j.flush().is_err());
    }

    #[test]
    fn a_torn_last_line_is_tolerated_and_a_torn_middle_is_not() {
        let (_dir, path, j) = fresh();
        j.sent(1).unwrap();
        drop(j);
        let mut f = File::options().append(true).open(&path).unwrap();
        f.write_all(b"{\"line\":1,\"i").unwrap();
        drop(f);
        let (j, p) = Journal::open(&path, &fp("h", "s"), false).unwrap();
        assert!(p.was_sent(1));
        j.created(1, 9).unwrap();
        drop(j);
        // The torn fragment was cut off, so the journal stays whole through any number of crashes.
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("\"sent\":true}\n{\"line\":1,\"id\":9}\n"), "{text}");
        let (_, p) = Journal::open(&path, &fp("h", "s"), false).unwrap();
        assert_eq!(p.created_id(1), Some(9));
        // Garbage with whole records after it is not a crash: refused.
        let mut f = File::options().append(true).open(&path).unwrap();
        f.write_all(b"garbage\n{\"line\":2,\"id\":3}\n").unwrap();
        drop(f);
        assert!(Journal::open(&path, &fp("h", "s"), false).is_err());
    }

    #[test]
    fn other_input_or_settings_are_refused_unless_restarting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open(&path, &fp("one", "s"), false).unwrap();
        let old = j.key(1);
        drop(j);
        let err = Journal::open(&path, &fp("two", "s"), false).err().unwrap();
        assert_eq!(crate::error::exit_code(&err), 2);
        let err = Journal::open(&path, &fp("one", "other"), false).err().unwrap();
        assert!(err.to_string().contains("written for other settings"), "{err}");
        let (j, p) = Journal::open(&path, &fp("one", "s"), true).unwrap();
        assert_ne!(j.key(1), old, "a restart is a new run with new keys");
        assert!(!p.was_sent(1));
        drop(j);
        let (j, _) = Journal::open(&path, &fp("one", "s"), false).unwrap();
        assert_ne!(j.key(1), old, "and resuming it keeps its keys");
    }

    #[test]
    fn hostile_line_numbers_are_refused_without_allocating() {
        let (_dir, path, j) = fresh();
        drop(j);
        let header = std::fs::read_to_string(&path).unwrap();
        for n in ["18446744073709551615", "4000000000", "60000000", "0"] {
            std::fs::write(&path, format!("{header}{{\"line\":{n},\"id\":1}}\n")).unwrap();
            let err = Journal::open(&path, &fp("h", "s"), false).err().unwrap();
            assert!(err.to_string().contains("not a clarion journal"), "{n}: {err}");
            assert_eq!(crate::error::exit_code(&err), 2);
        }
    }

    #[test]
    fn a_journal_in_use_is_refused_and_other_files_are_not_clobbered() {
        let (dir, path, held) = fresh();
        let err = Journal::open(&path, &fp("h", "s"), false).err().unwrap();
        assert!(err.to_string().contains("is in use"), "{err}");
        drop(held);
        let notes = dir.path().join("notes.txt");
        std::fs::write(&notes, "my notes\n").unwrap();
        assert!(Journal::open(&notes, &fp("h", "s"), true).is_err());
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");
    }
}
