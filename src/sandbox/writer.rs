//! Group commit for a durable sandbox: creates arriving on many connections are written by one
//! thread, as many as are waiting in one transaction, with one fsync (`synchronous=FULL`), and
//! each is answered only after that commit. Durable to power loss, and as fast as the disk
//! allows many creates at a time rather than one.

use super::lifecycle::{StepDef, StoredSequence};
use super::store::{KeyState, NewSequence, Store};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The most creates one transaction carries (a bound on how long the first one waits).
const MAX_GROUP: usize = 512;

/// What a create came to: its answer, or the state of a key that was not new.
pub(super) type Outcome = Result<String, KeyState>;

struct Job {
    key: Option<(String, String)>,
    created_ms: i64,
    test_mode: bool,
    seed: u64,
    steps: Vec<StepDef>,
    done: tokio::sync::oneshot::Sender<Result<Outcome, String>>,
}

/// Commits and creates so far, to say how many creates one fsync carried.
#[derive(Default)]
pub(super) struct Stats {
    pub commits: AtomicU64,
    pub creates: AtomicU64,
}

pub(super) struct Writer {
    jobs: std::sync::mpsc::Sender<Job>,
    pub stats: Arc<Stats>,
}

impl Writer {
    /// Opens a connection of its own to the database and starts its thread; `respond` makes
    /// the answer to a create from the stored sequence.
    pub(super) fn start(path: &Path, respond: fn(&StoredSequence) -> String) -> anyhow::Result<Writer> {
        let mut store = Store::open(Some(path))?;
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let stats = Arc::new(Stats::default());
        let stats2 = stats.clone();
        std::thread::Builder::new().name("sandbox-writer".into()).spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut group = vec![first];
                while group.len() < MAX_GROUP {
                    match rx.try_recv() {
                        Ok(job) => group.push(job),
                        Err(_) => break,
                    }
                }
                let news: Vec<(Option<(&str, &str)>, NewSequence<'_>)> = group
                    .iter()
                    .map(|j| {
                        let key = j.key.as_ref().map(|(k, h)| (k.as_str(), h.as_str()));
                        let new = NewSequence {
                            created_ms: j.created_ms,
                            test_mode: j.test_mode,
                            seed: j.seed,
                            steps: &j.steps,
                        };
                        (key, new)
                    })
                    .collect();
                // A panic in one group (a bug, or input no test foresaw) fails that group's
                // creates, rolled back with their transaction, and the thread goes on: left to
                // unwind, it would end, and every later create would be a 500 until a restart.
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.create_group(&news, respond)))
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("the sandbox failed while writing these creates")));
                drop(news);
                if result.is_ok() {
                    stats2.commits.fetch_add(1, Ordering::Relaxed);
                    stats2.creates.fetch_add(group.len() as u64, Ordering::Relaxed);
                }
                match result {
                    Ok(outcomes) => {
                        for (job, outcome) in group.into_iter().zip(outcomes) {
                            let _ = job.done.send(Ok(outcome));
                        }
                    }
                    Err(e) => {
                        let why = format!("{e:#}");
                        for job in group {
                            let _ = job.done.send(Err(why.clone()));
                        }
                    }
                }
            }
        })?;
        Ok(Writer { jobs: tx, stats })
    }

    /// Queues a create and waits for its commit.
    pub(super) async fn create(
        &self,
        key: Option<(String, String)>,
        created_ms: i64,
        test_mode: bool,
        seed: u64,
        steps: Vec<StepDef>,
    ) -> anyhow::Result<Outcome> {
        let (done, answer) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Job { key, created_ms, test_mode, seed, steps, done })
            .map_err(|_| anyhow::anyhow!("the sandbox's writer has stopped"))?;
        match answer.await {
            Ok(Ok(outcome)) => Ok(outcome),
            Ok(Err(why)) => Err(anyhow::anyhow!(why)),
            Err(_) => Err(anyhow::anyhow!("the sandbox's writer has stopped")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Panics for the sequence whose seed is 666, as a bug in making an answer would.
    fn respond(seq: &StoredSequence) -> String {
        assert_ne!(seq.seed, 666, "a bug");
        seq.id.to_string()
    }

    #[tokio::test]
    async fn a_panic_fails_its_group_and_later_creates_still_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite3");
        let writer = Writer::start(&path, respond).unwrap();
        let steps = || vec![StepDef { order: 1, step_type: "voice".into(), config: Default::default() }];
        let failed = writer.create(None, 0, true, 666, steps()).await;
        assert!(failed.is_err(), "{failed:?}");
        let created = writer.create(None, 0, true, 1, steps()).await.unwrap();
        // The failed create was rolled back: the next one is the first sequence stored.
        assert_eq!(created, Ok("1".to_string()));
        assert_eq!(writer.stats.commits.load(Ordering::Relaxed), 1);
    }
}
