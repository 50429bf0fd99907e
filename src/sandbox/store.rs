//! Durable sandbox state in SQLite: sequences as created, idempotency keys, and the clock anchor.
//! WAL and a busy timeout let a `sandbox serve` and a `--sandbox` command share one file.

use super::clock::{Clock, real_now_ms};
use super::lifecycle::{StepDef, StoredSequence};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;

/// Keys are kept at least this long (the contract's retry window), then purged.
const KEY_TTL_MS: i64 = 48 * 3600 * 1000;
/// An in-flight key older than this belongs to a process that died mid-request.
const STALE_IN_FLIGHT_MS: i64 = 60_000;

pub struct Store {
    conn: Connection,
}

/// What a stored key means for a request with `body_hash` now; `Reserved` when the key is free
/// to take (an in-flight one abandoned by a dead process).
fn classify(row: KeyRow, body_hash: &str, now: i64) -> KeyState {
    match (row.state.as_str(), row.status, row.response) {
        _ if row.body_hash != body_hash => KeyState::Mismatch,
        ("done", Some(status), Some(response)) => KeyState::Done { status, response },
        _ if now - row.touched_ms < STALE_IN_FLIGHT_MS => KeyState::InFlight,
        _ => KeyState::Reserved,
    }
}

fn lookup_key(conn: &Connection, key: &str) -> anyhow::Result<Option<KeyRow>> {
    Ok(conn
        .query_row(
            "SELECT body_hash, state, status, response, touched_ms FROM idempotency WHERE key = ?1",
            params![key],
            |r| {
                Ok(KeyRow {
                    body_hash: r.get(0)?,
                    state: r.get(1)?,
                    status: r.get(2)?,
                    response: r.get(3)?,
                    touched_ms: r.get(4)?,
                })
            },
        )
        .optional()?)
}

struct KeyRow {
    body_hash: String,
    state: String,
    status: Option<u16>,
    response: Option<String>,
    touched_ms: i64,
}

/// A sequence to store: what was asked for, when (simulated time), and its seed.
pub struct NewSequence<'a> {
    pub created_ms: i64,
    pub test_mode: bool,
    pub seed: u64,
    pub steps: &'a [StepDef],
}

/// Inside a transaction: the sequence row, its answer, and (with a key) the key marked done.
fn create_in(
    conn: &Connection,
    key: Option<(&str, &str)>,
    new: &NewSequence<'_>,
    respond: impl FnOnce(&StoredSequence) -> String,
) -> anyhow::Result<String> {
    // Ids and creation times increase together: a create that read the clock a moment before
    // another, but committed after it, takes the later time.
    let latest: Option<i64> =
        conn.query_row("SELECT created_ms FROM sequences ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    let created_ms = new.created_ms.max(latest.unwrap_or(i64::MIN));
    conn.execute(
        "INSERT INTO sequences (created_ms, test_mode, seed, steps) VALUES (?1, ?2, ?3, ?4)",
        params![created_ms, new.test_mode, new.seed as i64, serde_json::to_string(new.steps)?],
    )?;
    let stored = StoredSequence {
        id: conn.last_insert_rowid(),
        created_ms,
        test_mode: new.test_mode,
        seed: new.seed,
        steps: new.steps.to_vec(),
    };
    let response = respond(&stored);
    if let Some((key, body_hash)) = key {
        conn.execute(
            "INSERT INTO idempotency (key, body_hash, state, status, response, touched_ms) VALUES (?1, ?2, 'done', 200, ?3, ?4)
             ON CONFLICT(key) DO UPDATE SET body_hash = excluded.body_hash, state = 'done', status = 200,
                 response = excluded.response, touched_ms = excluded.touched_ms",
            params![key, body_hash, response, real_now_ms()],
        )?;
    }
    Ok(response)
}

/// What a create with an idempotency key finds.
#[derive(Debug, PartialEq)]
pub enum KeyState {
    /// Not seen: now reserved for this request.
    Reserved,
    /// Seen with the same body and finished: the first response, to send again.
    Done { status: u16, response: String },
    /// Seen with another body.
    Mismatch,
    /// Seen, same body, still being processed.
    InFlight,
}

/// Creates a missing database file for the user alone (0600), whatever the umask: it will
/// hold the phone numbers its sequences were given, and SQLite gives its `-wal` and `-shm`
/// files the database's own mode. The folder must exist: a path the user named is used as
/// given, never completed with folders (a typo would scatter databases). An existing file is
/// left as it is.
fn create_private(path: &Path) -> anyhow::Result<()> {
    match crate::fs::private_file_options().write(true).create_new(true).open(path) {
        Ok(_) => crate::fs::set_mode(path, crate::fs::PRIVATE_FILE_MODE),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Err(crate::error::UsageError::with_hint(
                format!(
                    "cannot create the sandbox database {}: the folder {} does not exist",
                    path.display(),
                    folder.display()
                ),
                "create the folder first, or name a file in one that exists",
            )
            .into())
        }
        Err(e) => {
            Err(anyhow::anyhow!("cannot create the sandbox database {}: {}", path.display(), crate::fs::io_reason(&e)))
        }
    }
}

impl Store {
    pub fn open(path: Option<&Path>) -> anyhow::Result<Self> {
        let conn = match path {
            Some(p) => {
                create_private(p)?;
                Connection::open(p).with_context(|| format!("cannot open the sandbox database {}", p.display()))?
            }
            None => Connection::open_in_memory().context("cannot open an in-memory database")?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                anyhow::bail!("the sandbox database could not switch to WAL mode (got {mode})");
            }
            // Every commit reaches the disk before it returns, on every connection: a create is
            // answered only once it would survive power loss, whichever path made it (the
            // group committer, or a create with --latency, a key's reservation). NORMAL would
            // lose the last commits to power loss: a sequence answered, then gone.
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS sequences (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 created_ms INTEGER NOT NULL,
                 test_mode INTEGER NOT NULL,
                 seed INTEGER NOT NULL,
                 steps TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS idempotency (
                 key TEXT PRIMARY KEY,
                 body_hash TEXT NOT NULL,
                 state TEXT NOT NULL,
                 status INTEGER,
                 response TEXT,
                 touched_ms INTEGER NOT NULL
             );",
        )
        .context("cannot set up the sandbox database")?;
        let store = Store { conn };
        store.conn.execute("DELETE FROM idempotency WHERE touched_ms < ?1", params![real_now_ms() - KEY_TTL_MS])?;
        Ok(store)
    }

    /// The clock stored in the file, which every process sharing it uses, so that they all
    /// agree on the time; the first process to open a file sets it. Returns the clock, and
    /// the speed that was asked for when the file's clock runs at another.
    pub fn clock(&mut self, speed: f64) -> anyhow::Result<(Clock, Option<f64>)> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stored: Option<String> =
            tx.query_row("SELECT value FROM meta WHERE key = 'clock'", [], |r| r.get(0)).optional()?;
        let parsed = stored.and_then(|s| {
            let mut it = s.split(',');
            let real = it.next()?.parse().ok()?;
            let sim = it.next()?.parse().ok()?;
            let speed = it.next()?.parse().ok()?;
            Some(Clock { anchor_real_ms: real, anchor_sim_ms: sim, speed })
        });
        let (clock, ignored) = match parsed {
            // Re-anchoring here would leave the processes already running on the old clock:
            // two of them would show one sequence in two states.
            Some(c) => (c, (c.speed != speed).then_some(speed)),
            None => (Clock::starting_now(speed), None),
        };
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('clock', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![format!("{},{},{}", clock.anchor_real_ms, clock.anchor_sim_ms, clock.speed)],
        )?;
        tx.commit()?;
        Ok((clock, ignored))
    }

    pub fn get_sequence(&self, id: i64) -> anyhow::Result<Option<StoredSequence>> {
        let row = self
            .conn
            .query_row("SELECT id, created_ms, test_mode, seed, steps FROM sequences WHERE id = ?1", params![id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .optional()?;
        let Some((id, created_ms, test_mode, seed, steps)) = row else { return Ok(None) };
        let steps = serde_json::from_str(&steps).context("a stored sequence has unreadable steps")?;
        Ok(Some(StoredSequence { id, created_ms, test_mode, seed: seed as u64, steps }))
    }

    /// Forgets every sequence and idempotency key, so ids start at 1 again; returns how many
    /// sequences there were. The clock stays: a `sandbox serve` sharing the file keeps it.
    pub fn reset(&mut self) -> anyhow::Result<i64> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let count: i64 = tx.query_row("SELECT count(*) FROM sequences", [], |r| r.get(0))?;
        tx.execute_batch(
            "DELETE FROM sequences; DELETE FROM idempotency;
             DELETE FROM sqlite_sequence WHERE name = 'sequences';",
        )?;
        tx.commit()?;
        Ok(count)
    }

    pub fn count_sequences(&self) -> anyhow::Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM sequences", [], |r| r.get(0))?)
    }

    /// Looks a key up and, if it is new (or abandoned by a dead request), reserves it.
    pub fn reserve_key(&mut self, key: &str, body_hash: &str) -> anyhow::Result<KeyState> {
        let now = real_now_ms();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row = lookup_key(&tx, key)?;
        let found = row.map(|r| classify(r, body_hash, now));
        let state = match found {
            Some(s) if s != KeyState::Reserved => s,
            _ => {
                tx.execute(
                    "INSERT INTO idempotency (key, body_hash, state, touched_ms) VALUES (?1, ?2, 'in-flight', ?3)
                     ON CONFLICT(key) DO UPDATE SET state = 'in-flight', touched_ms = excluded.touched_ms",
                    params![key, body_hash, now],
                )?;
                KeyState::Reserved
            }
        };
        tx.commit()?;
        Ok(state)
    }

    /// Creates the sequence and records its key's answer in one transaction, so a crash never
    /// leaves a sequence whose key would create a second one. `key` is (key, body hash).
    pub fn create(
        &mut self,
        key: Option<(&str, &str)>,
        new: &NewSequence<'_>,
        respond: impl FnOnce(&StoredSequence) -> String,
    ) -> anyhow::Result<String> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let response = create_in(&tx, key, new, respond)?;
        tx.commit()?;
        Ok(response)
    }

    /// The state of a key (`in-flight` or `done`), for inspection.
    pub fn key_state(&self, key: &str) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT state FROM idempotency WHERE key = ?1", params![key], |r| r.get(0))
            .optional()?)
    }

    /// Checks the key and creates in one transaction: for a server with no latency to model,
    /// where a key is never seen in flight. `Err` carries the key's state when it was not new.
    pub fn create_once(
        &mut self,
        key: &str,
        body_hash: &str,
        new: &NewSequence<'_>,
        respond: impl FnOnce(&StoredSequence) -> String,
    ) -> anyhow::Result<Result<String, KeyState>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(found) = lookup_key(&tx, key)?.map(|r| classify(r, body_hash, real_now_ms()))
            && found != KeyState::Reserved
        {
            return Ok(Err(found));
        }
        let response = create_in(&tx, Some((key, body_hash)), new, respond)?;
        tx.commit()?;
        Ok(Ok(response))
    }

    /// Many creates in one transaction: each keyed one checked as `create_once` checks it
    /// (a key taken earlier in the same group counts), then one commit for all.
    pub fn create_group(
        &mut self,
        creates: &[(Option<(&str, &str)>, NewSequence<'_>)],
        respond: fn(&StoredSequence) -> String,
    ) -> anyhow::Result<Vec<Result<String, KeyState>>> {
        let now = real_now_ms();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(creates.len());
        for (key, new) in creates {
            if let Some((k, h)) = key
                && let Some(found) = lookup_key(&tx, k)?.map(|r| classify(r, h, now))
                && found != KeyState::Reserved
            {
                out.push(Err(found));
                continue;
            }
            out.push(Ok(create_in(&tx, *key, new, respond)?));
        }
        tx.commit()?;
        Ok(out)
    }

    /// Frees a reserved key whose request failed before creating anything.
    pub fn release_key(&mut self, key: &str) -> anyhow::Result<()> {
        self.conn.execute("DELETE FROM idempotency WHERE key = ?1 AND state = 'in-flight'", params![key])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(steps: &[StepDef]) -> NewSequence<'_> {
        NewSequence { created_ms: 0, test_mode: false, seed: 1, steps }
    }

    fn steps() -> Vec<StepDef> {
        vec![StepDef { order: 1, step_type: "voice".into(), config: serde_json::Map::new() }]
    }

    #[test]
    fn keys_are_reserved_then_replayed_and_mismatches_refused() {
        let mut s = Store::open(None).unwrap();
        assert_eq!(s.reserve_key("k", "h1").unwrap(), KeyState::Reserved);
        assert_eq!(s.reserve_key("k", "h1").unwrap(), KeyState::InFlight);
        assert_eq!(s.reserve_key("k", "h2").unwrap(), KeyState::Mismatch);
        let resp = s.create(Some(("k", "h1")), &new(&steps()), |seq| format!("id={}", seq.id)).unwrap();
        assert_eq!(s.reserve_key("k", "h1").unwrap(), KeyState::Done { status: 200, response: resp });
        assert_eq!(s.count_sequences().unwrap(), 1);
    }

    #[test]
    fn create_once_replays_and_refuses_like_the_two_step_path() {
        let mut s = Store::open(None).unwrap();
        let first = s.create_once("k", "h", &new(&steps()), |seq| format!("id={}", seq.id)).unwrap().unwrap();
        assert_eq!(first, "id=1");
        let again = s.create_once("k", "h", &new(&steps()), |_| unreachable!()).unwrap();
        assert_eq!(again, Err(KeyState::Done { status: 200, response: "id=1".into() }));
        assert_eq!(s.create_once("k", "other", &new(&steps()), |_| unreachable!()).unwrap(), Err(KeyState::Mismatch));
        assert_eq!(s.count_sequences().unwrap(), 1);
    }

    #[test]
    fn a_group_commits_together_and_a_key_twice_in_it_is_a_replay() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(Some(&dir.path().join("g.sqlite3"))).unwrap();
        // FULL (2): every commit reaches the disk before it returns.
        assert_eq!(s.conn.query_row("PRAGMA synchronous", [], |r| r.get::<_, i64>(0)).unwrap(), 2);
        let st = steps();
        let group = [
            (Some(("k", "h")), new(&st)),
            (None, NewSequence { created_ms: 5, ..new(&st) }),
            (Some(("k", "h")), new(&st)),
            (Some(("k", "other")), new(&st)),
        ];
        let got = s.create_group(&group, |seq| format!("id={} at {}", seq.id, seq.created_ms)).unwrap();
        assert_eq!(got[0], Ok("id=1 at 0".into()));
        assert_eq!(got[1], Ok("id=2 at 5".into()));
        assert_eq!(got[2], Err(KeyState::Done { status: 200, response: "id=1 at 0".into() }));
        assert_eq!(got[3], Err(KeyState::Mismatch));
        assert_eq!(s.count_sequences().unwrap(), 2);
        // Creation times never go back as ids go up.
        let later =
            s.create(None, &NewSequence { created_ms: 1, ..new(&st) }, |seq| seq.created_ms.to_string()).unwrap();
        assert_eq!(later, "5");
    }

    #[test]
    fn survives_reopening_and_ids_increase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        {
            let mut s = Store::open(Some(&path)).unwrap();
            let first = NewSequence { created_ms: 10, test_mode: true, seed: 7, steps: &steps() };
            assert_eq!(s.create(None, &first, |seq| seq.id.to_string()).unwrap(), "1");
        }
        let mut s = Store::open(Some(&path)).unwrap();
        let got = s.get_sequence(1).unwrap().unwrap();
        assert_eq!((got.created_ms, got.test_mode, got.seed), (10, true, 7));
        assert_eq!(s.create(None, &new(&steps()), |seq| seq.id.to_string()).unwrap(), "2");
        assert!(s.get_sequence(3).unwrap().is_none());
    }

    #[test]
    fn the_clock_is_shared_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let (a, _) = Store::open(Some(&path)).unwrap().clock(600.0).unwrap();
        let (b, ignored) = Store::open(Some(&path)).unwrap().clock(1.0).unwrap();
        assert_eq!((a.anchor_real_ms, a.anchor_sim_ms, a.speed), (b.anchor_real_ms, b.anchor_sim_ms, b.speed));
        assert_eq!(ignored, Some(1.0), "the file's clock wins, and the caller hears so");
    }
}
