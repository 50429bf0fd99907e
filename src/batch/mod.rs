//! Bulk create from JSON Lines: validate everything first, then send with bounded
//! concurrency, one idempotency key per line, a journal that makes re-runs resume, and a
//! clean stop on Ctrl-C.

pub(crate) mod input;
mod journal;

pub(crate) use input::{line_body, scan};
pub(crate) use journal::{Journal, created_ids, key_prefix};

use crate::api::ApiClient;
use crate::error::{BadResponse, BatchIncomplete, BatchInterrupted, TestModeNotHonoured, TestModeUnconfirmed};
use crate::items::{Encoded, Item, Lines, Scan};
use crate::output::Ui;
use crate::seqfile::Overrides;
use crate::seqfile::ValidationError;
use anyhow::Context as _;
use serde_json::{Value, json};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// How many invalid lines are listed before "and N more".
pub(crate) const SHOWN_PROBLEMS: usize = 20;

/// Input that can't be read twice (standard input, a FIFO, a device) is held in memory, up to
/// this much; larger batches belong in a file.
pub(crate) const MAX_STREAM_INPUT: u64 = 256 * 1024 * 1024;

pub(crate) struct Batch {
    /// The input file; `None` for standard input (read whole, as it can't be read twice).
    pub path: Option<PathBuf>,
    pub overrides: Overrides,
    pub concurrency: usize,
    pub skip_invalid: bool,
    pub journal: Option<PathBuf>,
    pub restart: bool,
    pub json: bool,
    /// `--jq`: applied to each JSON line (implies `json`).
    pub jq: Option<String>,
    pub dry_run: bool,
    /// `--rows`: `path` is the rows file, each row rendered through this template.
    pub rows: Option<crate::rows::RowsInput>,
    /// Live sequences against a real API, as far as the flags and the profile say: say so
    /// before sending, and ask on a terminal. `None` for test mode and for the embedded
    /// sandbox; dropped too when the items themselves all ask for test mode (`run`).
    pub live: Option<LiveTarget>,
    /// Where the batch goes, as the terminal banner says it: "on HOST (profile P)", or the
    /// local sandbox.
    pub target: String,
    /// Where the sequences are created, as the journal records it: the API's URL, or the
    /// local sandbox and its database.
    pub api: String,
    /// This command line, quoted, for "run it again to resume" after Ctrl-C.
    pub command_line: String,
    /// `--wait`: keep every created id, to wait on them afterwards. Otherwise none is kept,
    /// so memory stays flat however long the input (16 bytes a line add up over millions).
    pub keep_ids: bool,
}

/// Where a live batch goes, for the words said before it is sent.
pub(crate) struct LiveTarget {
    pub host: String,
    pub profile: String,
    /// `--yes`: the question is answered already.
    pub yes: bool,
}

/// Before phoning patients: one line on what is about to happen, and on a terminal, a
/// question that only `y` or `yes` answers. Scripts (no terminal) get the line, no question.
fn confirm_live(ui: &Ui, live: &LiveTarget, count: u64, input: &str) -> anyhow::Result<()> {
    let noun = if count == 1 { "sequence" } else { "sequences" };
    ui.warn(&format!(
        "about to create {count} LIVE {noun} (real patients are contacted) on {} with profile `{}`, from {input}",
        live.host, live.profile
    ));
    if live.yes || !ui.stdin_is_tty() || !ui.stderr_is_tty() {
        return Ok(());
    }
    let answer = ui.ask(&format!("Create {count} live {noun}? [y/N] "))?;
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        return Ok(());
    }
    Err(crate::error::UsageError::with_hint(
        "not confirmed: nothing was sent",
        "--test-mode creates test sequences; --yes answers the question for scripts",
    )
    .into())
}

/// The sending pass's input.
enum Items<R: Read + Send + 'static> {
    Lines { lines: Box<Lines<R>>, name: String, overrides: Overrides, checked: crate::items::Checked },
    Rows(Box<crate::rows::RowItems<R>>),
}

impl<R: Read + Send + 'static> Items<R> {
    fn next_item(&mut self) -> anyhow::Result<Option<Item>> {
        match self {
            Items::Lines { lines, name, overrides, checked } => match lines.next_line()? {
                Some((n, bytes)) => {
                    checked.item(n, bytes)?;
                    Ok(Some((n, line_body(name, n, bytes, overrides))))
                }
                None => {
                    checked.end(lines.count())?;
                    Ok(None)
                }
            },
            Items::Rows(rows) => rows.next_item(),
        }
    }

    /// Bytes of input read so far.
    fn consumed(&self) -> u64 {
        match self {
            Items::Lines { lines, .. } => lines.consumed(),
            Items::Rows(rows) => rows.consumed(),
        }
    }
}

/// Items travel from the reader to the senders in chunks of at most this many, or of the
/// items read from this many bytes of input (a sequence can be large), so that handing them
/// over costs one wake-up per chunk, not one per item...
const CHUNK: usize = 64;
const CHUNK_BYTES: u64 = 256 * 1024;
/// ...and the reader is at most this many chunks ahead.
const CHUNKS_AHEAD: usize = 4;
/// The encoded bodies a validation pass keeps for sending (`items::Kept`): about 60,000
/// typical lines. Past it, the sending pass reads the input again, and memory stays flat.
const KEEP_BUDGET: usize = 8 << 20;

/// One hand-over from the reader: items, and whether they are the last.
type Chunk = anyhow::Result<(Vec<Encoded>, bool)>;

/// The reader's end: the input ran out, or could not be read further.
enum End {
    More,
    Last,
    Failed(anyhow::Error),
}

/// The items, read and parsed on a thread of their own so that the senders' runtime only
/// sends. A read error ends the stream with that error; the thread ends when the senders stop
/// listening. The end is said, not inferred from the channel closing: a reader that died
/// (a panic) must not pass for one that reached the end of the input.
struct ReadAhead {
    chunks: tokio::sync::mpsc::Receiver<Chunk>,
    current: std::vec::IntoIter<Encoded>,
    ended: bool,
}

impl ReadAhead {
    fn start<R: Read + Send + 'static>(mut items: Items<R>) -> anyhow::Result<Self> {
        let (tx, chunks) = tokio::sync::mpsc::channel::<Chunk>(CHUNKS_AHEAD);
        std::thread::Builder::new()
            .name("clarion-read".into())
            .spawn(move || {
                loop {
                    let (chunk, end) = read_chunk(&mut items);
                    let (sent, done) = match end {
                        End::More => (tx.blocking_send(Ok((chunk, false))), false),
                        End::Last => (tx.blocking_send(Ok((chunk, true))), true),
                        // The items read before a failure go first, then the failure.
                        End::Failed(e) => {
                            if !chunk.is_empty() && tx.blocking_send(Ok((chunk, false))).is_err() {
                                return;
                            }
                            (tx.blocking_send(Err(e)), true)
                        }
                    };
                    if sent.is_err() || done {
                        return;
                    }
                }
            })
            .context("cannot start a thread to read the input")?;
        Ok(ReadAhead { chunks, current: Vec::new().into_iter(), ended: false })
    }

    /// The bodies the validation pass kept (`items::Kept`): nothing is read again.
    fn kept(kept: Vec<Encoded>) -> Self {
        let (_, chunks) = tokio::sync::mpsc::channel::<Chunk>(1);
        ReadAhead { chunks, current: kept.into_iter(), ended: true }
    }

    async fn next(&mut self) -> anyhow::Result<Option<Encoded>> {
        loop {
            if let Some(item) = self.current.next() {
                return Ok(Some(item));
            }
            if self.ended {
                return Ok(None);
            }
            let Some(chunk) = self.chunks.recv().await else {
                anyhow::bail!("reading the input stopped before its end");
            };
            let (chunk, last) = chunk?;
            self.current = chunk.into_iter();
            self.ended = last;
        }
    }
}

/// The next chunk of items, and how the reading stands after it.
fn read_chunk<R: Read + Send + 'static>(items: &mut Items<R>) -> (Vec<Encoded>, End) {
    let mut chunk = Vec::with_capacity(CHUNK);
    let start = items.consumed();
    while chunk.len() < CHUNK && items.consumed() - start < CHUNK_BYTES {
        match items.next_item().and_then(|item| item.map(encode).transpose()) {
            Ok(Some(item)) => chunk.push(item),
            Ok(None) => return (chunk, End::Last),
            Err(e) => return (chunk, End::Failed(e)),
        }
    }
    (chunk, End::More)
}

/// An item's body as the senders take it. Encoding happens on the reader's thread.
fn encode((n, body): Item) -> anyhow::Result<Encoded> {
    Ok((
        n,
        match body {
            Ok(v) => Ok(serde_json::to_vec(&v).context("cannot encode a request body")?.into()),
            Err(ps) => Err(ps),
        },
    ))
}

/// Where results go: ids, JSON lines, or JSON lines through `--jq`.
#[derive(Clone)]
enum Sink {
    Ids,
    Json,
    /// A printer thread owns the compiled filter (jaq values are not `Send`).
    Jq(std::sync::mpsc::Sender<Value>),
}

#[derive(Default)]
struct Counts {
    created: AtomicU64,
    already: AtomicU64,
    failed: AtomicU64,
    invalid: AtomicU64,
}

enum Source {
    File(PathBuf),
    Memory(Shared),
}

/// Standard input, read once and then read twice from memory without copying it.
#[derive(Clone)]
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Source {
    fn open(&self) -> anyhow::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Source::File(p) => Box::new(std::fs::File::open(p).map_err(|e| {
                crate::error::UsageError::new(format!(
                    "{}: cannot read file: {}",
                    p.display(),
                    crate::fs::io_reason(&e)
                ))
            })?),
            Source::Memory(b) => Box::new(std::io::Cursor::new(b.clone())),
        })
    }
}

/// The fingerprint of the flags that change every line's body: a journal written under other
/// settings is not resumed, and idempotency keys differ per settings.
pub(crate) fn settings_sha256(ov: &Overrides) -> String {
    use sha2::{Digest, Sha256};
    // Destructured, so that a field added to either is a compile error here until it is hashed.
    let Overrides { name, description, steps, test_mode } = ov;
    let steps: Vec<Value> = steps
        .iter()
        .map(|crate::seqfile::StepSpec { step_type, order, config }| {
            let mut step = json!({"type": step_type, "config": config});
            // Only when given: a journal written before orders were hashed still resumes.
            if let Some(order) = order {
                step["order"] = json!(order);
            }
            step
        })
        .collect();
    let canonical = json!({"name": name, "description": description, "steps": steps, "is_test_mode": test_mode});
    Sha256::digest(canonical.to_string().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads input that can be read only once into memory, within `MAX_STREAM_INPUT`. A line
/// over the line limit ends the reading there (the validation pass then reports it), so an
/// endless stream without newlines costs one line's worth of memory.
fn read_once(reader: impl Read, name: &str) -> anyhow::Result<Source> {
    read_at_most(reader, name, MAX_STREAM_INPUT)
}

fn read_at_most(reader: impl Read, name: &str, limit: u64) -> anyhow::Result<Source> {
    use std::io::BufRead as _;
    let mut reader = std::io::BufReader::new(reader.take(limit + 1));
    let mut bytes = Vec::new();
    loop {
        let n = (&mut reader).take(crate::items::MAX_LINE as u64 + 1).read_until(b'\n', &mut bytes)?;
        if n == 0 || (n > crate::items::MAX_LINE && !bytes.ends_with(b"\n")) {
            break;
        }
    }
    if bytes.len() as u64 > limit {
        return Err(crate::error::UsageError::with_hint(
            format!("{name}: more than {} MiB can't be held in memory for a batch", limit >> 20),
            "write the lines to a file and pass it with -f",
        )
        .into());
    }
    Ok(Source::Memory(Shared(Arc::new(bytes))))
}

fn open_input(path: Option<&std::path::Path>) -> anyhow::Result<(Source, String)> {
    let Some(p) = path else {
        return Ok((read_once(std::io::stdin().lock(), "<stdin>")?, "<stdin>".to_string()));
    };
    let name = p.display().to_string();
    let meta = std::fs::metadata(p).map_err(|e| {
        crate::error::UsageError::new(format!("{name}: cannot read file: {}", crate::fs::io_reason(&e)))
    })?;
    // A FIFO or a device can't be read twice (and a second open of a FIFO waits forever).
    if meta.is_file() {
        Ok((Source::File(p.to_path_buf()), name))
    } else {
        let file = Source::File(p.to_path_buf()).open()?;
        Ok((read_once(file, &name)?, name))
    }
}

/// `client` is `None` only for a dry run. Returns, with `keep_ids`, each line's sequence
/// (created now or by an earlier run) in line order, when every line was one: its number and
/// id (`None` when the API's answer had none).
pub(crate) async fn run(batch: Batch, client: Option<ApiClient>, ui: &Ui) -> anyhow::Result<Vec<(u64, Option<i64>)>> {
    let started = Instant::now();
    let (source, name) = open_input(batch.path.as_deref())?;
    // 1. Everything is checked before anything is sent.
    let Some((mut scan, asked_test)) = validate(&batch, &source, &name, ui).await? else { return Ok(Vec::new()) };
    // Live sequences against a real API: said, with the count, and confirmed on a terminal.
    let live = batch.live.as_ref().filter(|_| !asked_test);
    // 2. The journal says what earlier runs already did; a live batch is confirmed first.
    let (journal, progress, prefix) = open_journal(&batch, live, &scan, &name, ui)?;
    // 3. Stream the lines again and send, saying first (on a terminal) what is about to happen.
    let already = progress.created_count() as u64;
    let to_send = scan.valid.saturating_sub(already);
    let kind = match (asked_test, live) {
        (true, _) => "test-mode ",
        (_, Some(_)) => "LIVE ",
        _ => "",
    };
    // A live batch against a real API has said so already, with the count (`confirm_live`).
    if live.is_none() {
        ui.note_tty(&format!("Creating {to_send} {kind}sequence{} {}", plural(to_send), batch.target));
    }
    if already > 0 {
        ui.note_tty(&format!("resuming: {already} already created (from {})", journal_name(journal.as_deref())));
    }
    let bar = ui.stderr_is_tty().then(|| progress_bar(scan.valid));
    let output = Arc::new(OutputTrouble::default());
    let (sink, printer) = start_output(&batch, ui, bar.clone(), &output)?;
    let shared = Arc::new(Run {
        client: client.ok_or_else(|| anyhow::anyhow!("no API client for a batch that sends"))?,
        journal,
        ui: ui.clone(),
        bar,
        unit: unit(&batch),
        asked_test,
        counts: Counts { invalid: AtomicU64::new(scan.invalid), ..Counts::default() },
        stop: AtomicBool::new(false),
        confirmed: AtomicBool::new(false),
        live: Default::default(),
        unconfirmed: Default::default(),
        refused: Default::default(),
        made: Default::default(),
        unnamed: Default::default(),
        command_line: batch.command_line.clone(),
        keep_ids: batch.keep_ids,
        out: Default::default(),
        output,
    });
    let mut background = Background::start(shared.journal.as_deref())?;
    // What was checked is sent: kept from the validation pass, or read again up to where it read.
    let items = match scan.kept.take() {
        Some(kept) => Ok(ReadAhead::kept(kept)),
        None => open_items(&batch, &source, &mut scan, &name).and_then(ReadAhead::start),
    };
    let sent = match items {
        Ok(items) => send_all(&batch, &shared, &sink, items, &progress, &prefix, &mut background).await,
        Err(e) => Err(e),
    };
    // 4. Everything in flight has ended (finished, or abandoned by a second Ctrl-C), or sending
    // failed: whichever, flush, close the output, and tell how it went.
    drop(background);
    let synced = shared.journal.as_ref().map_or(Ok(()), |j| j.sync());
    // The printer ends when the last sender is gone. Ours goes now; an abandoned request's
    // goes when the runtime drops it, so the wait is off the runtime's thread, which stays
    // free to do that.
    drop(sink);
    let printed = match printer {
        Some(p) => matches!(tokio::task::spawn_blocking(move || p.join()).await, Ok(Ok(()))),
        None => true,
    };
    if let Some(b) = &shared.bar {
        b.finish_and_clear();
    }
    let interrupted = sent?;
    synced?;
    let made = conclude(&shared, started, interrupted)?;
    if !printed {
        anyhow::bail!("the --jq printer stopped: results may be missing from stdout");
    }
    Ok(made)
}

fn journal_name(journal: Option<&Journal>) -> String {
    journal.map_or_else(|| "the journal".into(), |j| j.path().display().to_string())
}

/// What one item is called: a line of JSON Lines, or a row of --rows.
fn unit(batch: &Batch) -> &'static str {
    if batch.rows.is_some() { "row" } else { "line" }
}

/// Output waiting for the journal's records to be written.
#[derive(Default)]
struct Queued {
    /// For stdout.
    text: String,
    /// For `--jq`'s printer.
    records: Vec<Value>,
}

/// What every sending task shares.
struct Run {
    client: ApiClient,
    journal: Option<Arc<Journal>>,
    ui: Ui,
    bar: Option<indicatif::ProgressBar>,
    unit: &'static str,
    asked_test: bool,
    counts: Counts,
    /// Set when a live sequence was created where test ones were asked for: send no more.
    stop: AtomicBool,
    /// Set when an answer confirmed test mode: requests may go concurrently.
    confirmed: AtomicBool,
    /// Live sequences made where test ones were asked for, with what `is_test_mode` said.
    live: std::sync::Mutex<Vec<(Option<i64>, String)>>,
    /// Lines whose answer couldn't be understood where test mode was asked for: send no more.
    unconfirmed: std::sync::Mutex<Vec<u64>>,
    /// The first item the API refused for the token (401, 403), and why: every other would
    /// be refused alike, so no more are sent.
    refused: std::sync::Mutex<Option<(u64, anyhow::Error)>>,
    /// Every line's sequence, for waiting on them all afterwards.
    made: std::sync::Mutex<Vec<(u64, Option<i64>)>>,
    /// The first line created without an id in the answer, and how many were, when the
    /// output is ids (which then lacks them).
    unnamed: std::sync::Mutex<Option<(u64, u64)>>,
    keep_ids: bool,
    command_line: String,
    /// Output queued: written after the journal's records (`flush`), so answers that arrive
    /// together cost one write, not one each, and nothing is printed before it is journalled.
    out: std::sync::Mutex<Queued>,
    output: Arc<OutputTrouble>,
}

impl Run {
    /// Writes the journal's queued records, then the output queued with them (none, if the
    /// journal can't be written). Called before each request, after each answer, and at the end.
    fn flush(&self, sink: &Sink) -> anyhow::Result<()> {
        let take = || std::mem::take(&mut *self.out.lock().unwrap_or_else(|p| p.into_inner()));
        let queued = match &self.journal {
            Some(j) => j.flush_then(take)?,
            None => take(),
        };
        if !queued.text.is_empty() && !self.output.write_failed() {
            self.output.wrote(on_terminal(self.bar.as_ref(), || self.ui.out(&queued.text)));
        }
        if let Sink::Jq(tx) = sink {
            for record in queued.records {
                let _ = tx.send(record);
            }
        }
        Ok(())
    }

    /// Whether to send no more: a live answer where test mode was asked for, or results that
    /// can't be written (more creates would only add to what stdout lacks).
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.output.write_failed()
    }

    /// Records a line's sequence, when the ids are wanted afterwards (`--wait`); `None` for an
    /// answer without one, which can't be followed.
    fn keep(&self, line: u64, id: Option<i64>) {
        if self.keep_ids {
            self.made.lock().unwrap_or_else(|p| p.into_inner()).push((line, id));
        }
    }
}

/// Every line (or rendered row) checked, keeping the first `SHOWN_PROBLEMS` problems.
/// With `budget`, the encoded bodies too, when they are all valid and fit (`items::Kept`).
fn scan_items(
    reader: impl Read,
    name: &str,
    ov: &Overrides,
    rows: Option<&crate::rows::RowsInput>,
    budget: usize,
) -> anyhow::Result<Scan> {
    match rows {
        Some(input) => crate::rows::scan(input, reader, name, ov, SHOWN_PROBLEMS, budget),
        None => scan(reader, name, ov, SHOWN_PROBLEMS, budget),
    }
}

/// The validation pass alone, for `sequence validate`: the input read as a batch reads it
/// (a file, a FIFO, standard input) and checked as its first pass checks it. Returns the
/// input's name and what the pass found.
pub(crate) fn check_only(
    path: Option<&std::path::Path>,
    ov: &Overrides,
    rows: Option<&crate::rows::RowsInput>,
) -> anyhow::Result<(String, Scan)> {
    let (source, name) = open_input(path)?;
    let scan = scan_items(source.open()?, &name, ov, rows, 0)?;
    Ok((name, scan))
}

/// The validation pass, and what it leads to: invalid lines reported (and the batch refused
/// unless `--skip-invalid`), the dry run's output, and whether it asks for test mode
/// (`asks_test_mode`). `None` when there is nothing to send.
async fn validate(batch: &Batch, source: &Source, name: &str, ui: &Ui) -> anyhow::Result<Option<(Scan, bool)>> {
    let unit = unit(batch);
    let mut scan = {
        let (reader, n, ov, rows) = (source.open()?, name.to_string(), batch.overrides.clone(), batch.rows.clone());
        let budget = if batch.dry_run { 0 } else { KEEP_BUDGET };
        tokio::task::spawn_blocking(move || scan_items(reader, &n, &ov, rows.as_ref(), budget)).await??
    };
    if scan.invalid > 0 {
        let tail = if scan.invalid as usize > SHOWN_PROBLEMS {
            format!(" (the first {SHOWN_PROBLEMS} shown)")
        } else {
            String::new()
        };
        let what = if batch.skip_invalid {
            "they will be skipped"
        } else {
            "nothing was sent; --skip-invalid sends the valid ones"
        };
        let summary = format!("{name}: {} invalid {unit}{}{tail}: {what}", scan.invalid, plural(scan.invalid));
        if !batch.skip_invalid {
            return Err(ValidationError::summarised(scan.problems, summary).into());
        }
        for p in &scan.problems {
            ui.warn(&crate::untrusted::escape_line(&p.to_string()));
        }
        ui.warn(&crate::untrusted::escape_line(&summary));
    }
    if scan.valid == 0 && scan.invalid == 0 {
        ui.warn(&format!("{name} has no {unit}s: nothing to send"));
        return Ok(None);
    }
    let asked_test = asks_test_mode(&scan, name, unit)?;
    if batch.dry_run {
        // The bodies that would be sent, as JSON Lines (rendered rows included), or what
        // `--jq` makes of each: a dry run shows what a real one would send.
        let jq = match &batch.jq {
            Some(code) => Some(crate::jq::Jq::compile(code).map_err(crate::error::UsageError::new)?),
            None => None,
        };
        let mut items = open_items(batch, source, &mut scan, name)?;
        let mut jq_failed = 0u64;
        while let Some((n, body)) = items.next_item()? {
            let Ok(body) = body else { continue };
            match jq.as_ref().map(|jq| jq.apply(&body)) {
                Some(Ok(text)) => ui.data(text.as_bytes())?,
                // As in a real batch: the line's problem is said, and the rest go on.
                Some(Err(e)) => {
                    jq_failed += 1;
                    ui.warn(&jq_warning(unit, &json!(n), &e, false));
                }
                None => ui.out(&crate::untrusted::json(&body, false))?,
            }
        }
        ui.info(&format!("{name}: {} valid {unit}{} would be sent; nothing was sent", scan.valid, plural(scan.valid)));
        if jq_failed > 0 {
            return Err(jq_failed_error(jq_failed, unit));
        }
        return Ok(None);
    }
    Ok(Some((scan, asked_test)))
}

/// Whether the batch asks for test mode, from its items' bodies (where `--test-mode`, `--live`
/// or the profile has already set it on every one). A batch is all test mode or all live:
/// the one check (the first request alone, every answer's `is_test_mode`) then covers every
/// item, and the live confirmation counts them all. Both at once is refused before anything
/// is sent.
fn asks_test_mode(scan: &Scan, name: &str, unit: &str) -> anyhow::Result<bool> {
    match (scan.test_modes.first_test, scan.test_modes.first_live) {
        (Some(t), Some(l)) => Err(crate::error::UsageError::with_hint(
            format!(
                "{name}: {unit} {t} asks for test mode (\"is_test_mode\": true) and {unit} {l} doesn't; a batch is all test mode or all live"
            ),
            format!("give --test-mode (or --live) to decide for the whole batch, or make every {unit} say the same"),
        )
        .into()),
        (t, _) => Ok(t.is_some()),
    }
}

/// The sending pass's items: only what was validated, whatever is appended to the file meanwhile.
fn open_items(
    batch: &Batch,
    source: &Source,
    scan: &mut Scan,
    name: &str,
) -> anyhow::Result<Items<impl Read + Send + 'static>> {
    let reader = source.open()?.take(scan.bytes);
    Ok(match &batch.rows {
        Some(input) => Items::Rows(Box::new(crate::rows::RowItems::new(
            input.clone(),
            reader,
            name,
            batch.overrides.clone(),
            scan.lines,
            std::mem::take(&mut scan.item_hashes),
        )?)),
        None => Items::Lines {
            lines: Box::new(Lines::new(reader, false)),
            name: name.to_string(),
            overrides: batch.overrides.clone(),
            checked: crate::items::Checked::new(name, "line", std::mem::take(&mut scan.item_hashes), scan.lines),
        },
    })
}

/// The journal (resumed, refused, or new), what it says was done, and the idempotency keys'
/// prefix. A live batch is confirmed before the journal is touched: a "no" leaves it as it was.
fn open_journal(
    batch: &Batch,
    live: Option<&LiveTarget>,
    scan: &Scan,
    name: &str,
    ui: &Ui,
) -> anyhow::Result<(Option<Arc<Journal>>, journal::Progress, String)> {
    let journal_path = batch.journal.clone().or_else(|| {
        batch.path.as_ref().map(|p| {
            let mut s = p.as_os_str().to_owned();
            s.push(".journal");
            PathBuf::from(s)
        })
    });
    let settings = settings_sha256(&batch.overrides);
    let what = if batch.rows.is_some() { "the template or the rows" } else { "the file" };
    let fingerprint = journal::Fingerprint {
        what,
        input_sha256: &scan.sha256,
        settings_sha256: &settings,
        lines: scan.lines,
        api: &batch.api,
    };
    if let Some(live) = live {
        // Counted from the validation pass; on a resumed run, only what is still to send.
        let already = match &journal_path {
            Some(p) if !batch.restart => journal::created_before(p, &fingerprint)?,
            _ => 0,
        };
        let to_send = scan.valid.saturating_sub(already as u64);
        if to_send > 0 {
            confirm_live(ui, live, to_send, name)?;
        }
    }
    let (journal, progress) = match &journal_path {
        Some(p) => {
            let (j, pr) = Journal::open(p, &fingerprint, batch.restart)?;
            (Some(Arc::new(j)), pr)
        }
        None => {
            ui.warn("reading standard input without --journal: a re-run can't skip the lines already created");
            (None, Default::default())
        }
    };
    // The keys come from the input and the settings, journal or not: the same lines sent again
    // get the sequences the server already made.
    let prefix = match &journal {
        Some(j) => j.prefix().to_string(),
        None if batch.restart => key_prefix(&scan.sha256, &settings, &uuid::Uuid::new_v4().to_string()),
        None => key_prefix(&scan.sha256, &settings, ""),
    };
    Ok((journal, progress, prefix))
}

/// Where results go; with `--jq`, a printer thread that owns the compiled filter.
fn start_output(
    batch: &Batch,
    ui: &Ui,
    bar: Option<indicatif::ProgressBar>,
    trouble: &Arc<OutputTrouble>,
) -> anyhow::Result<(Sink, Option<std::thread::JoinHandle<()>>)> {
    let unit = unit(batch);
    Ok(match &batch.jq {
        Some(code) => {
            let jq = crate::jq::Jq::compile(code).map_err(crate::error::UsageError::new)?;
            let (tx, rx) = std::sync::mpsc::channel::<Value>();
            let (ui, trouble) = (ui.clone(), trouble.clone());
            let may_quote = batch.rows.is_none();
            let printer = std::thread::spawn(move || {
                for record in rx {
                    // After a failed write, the records are still taken (the senders never
                    // wait on a full channel) but no more is written.
                    if trouble.write_failed() {
                        continue;
                    }
                    let out = jq.apply(&record);
                    let written = on_terminal(bar.as_ref(), || match &out {
                        Ok(text) if text.is_empty() => Ok(()),
                        Ok(text) => ui.data(text.as_bytes()),
                        Err(e) => {
                            trouble.jq_failed.fetch_add(1, Ordering::Relaxed);
                            ui.warn(&jq_warning(unit, &record[unit], e, may_quote));
                            Ok(())
                        }
                    });
                    trouble.wrote(written);
                }
            });
            (Sink::Jq(tx), Some(printer))
        }
        None if batch.json => (Sink::Json, None),
        None => (Sink::Ids, None),
    })
}

/// What went wrong on the way to stdout: the first failed write, after which nothing more is
/// written or sent, and how many items `--jq` failed on. Judged last (`conclude`): a live
/// sequence, an interruption or a refused token says more.
#[derive(Default)]
struct OutputTrouble {
    write: std::sync::Mutex<Option<std::io::Error>>,
    jq_failed: AtomicU64,
}

impl OutputTrouble {
    /// A reader that left (`| head`) is no failure, as for any command, and the batch goes on;
    /// anything else (a full disk under `> ids.txt`) is kept, and stops the sending.
    fn wrote(&self, result: std::io::Result<()>) {
        if let Err(e) = result
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            self.write.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
        }
    }

    fn write_failed(&self) -> bool {
        self.write.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// The error this trouble makes of an otherwise successful batch, if any.
    fn verdict(&self, unit: &str, journal: bool) -> anyhow::Result<()> {
        if let Some(e) = self.write.lock().unwrap_or_else(|p| p.into_inner()).take() {
            return Err(crate::error::ResultsNotWritten { why: e.to_string(), journal }.into());
        }
        match self.jq_failed.load(Ordering::Relaxed) {
            0 => Ok(()),
            n => Err(jq_failed_error(n, unit)),
        }
    }
}

/// The error for `count` items created with no id to show for them (`first` the lowest):
/// `why` says what that cost.
pub(crate) fn without_ids(unit: &str, first: u64, count: u64, why: &str) -> anyhow::Error {
    let more = if count > 1 { format!(" and {} more", count - 1) } else { String::new() };
    BadResponse { message: format!("{unit} {first}{more}: created, but {why}"), status: None }.into()
}

/// The error of a batch whose `--jq` failed on `n` items: their results are missing.
fn jq_failed_error(n: u64, unit: &str) -> anyhow::Error {
    anyhow::anyhow!("--jq failed on {n} {unit}{}; their results are not on stdout", plural(n))
}

/// The tasks that run beside the senders: Ctrl-C, and the journal's periodic flush. Stopped
/// when dropped, on every way out of `run`.
struct Background {
    /// One message per Ctrl-C (or SIGTERM): the first stops new requests, a second abandons
    /// those in flight.
    interrupts: tokio::sync::mpsc::UnboundedReceiver<()>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Background {
    fn start(journal: Option<&Journal>) -> anyhow::Result<Background> {
        let (tx, interrupts) = tokio::sync::mpsc::unbounded_channel::<()>();
        let mut signals = crate::interrupt::Interrupts::new();
        let mut tasks = vec![tokio::spawn(async move {
            while signals.next().await {
                if tx.send(()).is_err() {
                    break;
                }
            }
        })];
        // Flushed through a handle of its own, so the senders' appends never wait on an fsync.
        if let Some(j) = journal {
            let handle = Arc::new(j.sync_handle()?);
            tasks.push(tokio::spawn(async move {
                let mut tick = tokio::time::interval(std::time::Duration::from_millis(200));
                loop {
                    tick.tick().await;
                    let h = handle.clone();
                    let _ = tokio::task::spawn_blocking(move || h.sync_data()).await;
                }
            }));
        }
        Ok(Background { interrupts, tasks })
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// The sending pass: at most `concurrency` creates in flight, one at a time until test mode is
/// confirmed when it was asked for, stopping on a live answer or Ctrl-C. Returns whether it
/// was interrupted.
async fn send_all(
    batch: &Batch,
    shared: &Arc<Run>,
    sink: &Sink,
    mut items: ReadAhead,
    progress: &journal::Progress,
    prefix: &str,
    background: &mut Background,
) -> anyhow::Result<bool> {
    let mut tasks = tokio::task::JoinSet::new();
    // Sends the items, each as a task, until they run out, a live answer or Ctrl-C stops it
    // (`Ok(true)`: Ctrl-C did), or one fails.
    let sending: anyhow::Result<bool> = async {
        let sem = Arc::new(tokio::sync::Semaphore::new(batch.concurrency.max(1)));
        // With test mode asked for, requests go one at a time until an answer confirms test
        // mode: a live answer stops the batch at one sequence instead of `concurrency` of
        // them, and a failed first request proves nothing, so the next one goes alone too.
        let mut probe = shared.asked_test;
        while let Some(item) = items.next().await? {
            let n = item.0;
            let Some(body) = to_send(shared, sink, progress, item) else { continue };
            // Ctrl-C first: with a permit free as well, an unbiased choice would start more
            // requests after it half the time.
            let permit = tokio::select! {
                biased;
                _ = background.interrupts.recv() => return Ok(true),
                p = sem.clone().acquire_owned() => p?,
            };
            if shared.stopped() {
                break;
            }
            let (shared2, sink2, key) = (shared.clone(), sink.clone(), journal::line_key(prefix, n));
            // Queued here, so the lines started together are journalled in one write.
            if let Some(j) = &shared.journal {
                j.sent(n)?;
            }
            tasks.spawn(async move {
                let _permit = permit;
                send_one(&shared2, &sink2, n, &body, &key).await
            });
            if probe {
                // A probe may take long (a failing API's retries, each after its Retry-After):
                // Ctrl-C still stops the sending at once, and the probe is finished below.
                tokio::select! {
                    biased;
                    _ = background.interrupts.recv() => return Ok(true),
                    done = tasks.join_next() => if let Some(done) = done {
                        done??;
                    },
                }
                if shared.stopped() {
                    break;
                }
                probe = !shared.confirmed.load(Ordering::Relaxed);
            }
            while let Some(done) = tasks.try_join_next() {
                done??;
            }
        }
        Ok(false)
    }
    .await;
    if matches!(sending, Ok(true)) {
        line_to_stderr(
            &shared.ui,
            shared.bar.as_ref(),
            &format!("interrupted: finishing the {} request(s) in flight (Ctrl-C again to abandon them)", tasks.len()),
        );
    }
    // Whatever stopped the sending, an input that can't be read included, the creates in
    // flight are seen to their ends: their answers are journalled, and a live one is caught.
    let abandoned = finish_in_flight(tasks, background).await;
    let flushed = shared.flush(sink);
    let interrupted = sending?;
    flushed?;
    Ok(abandoned? || interrupted)
}

/// An item's body when it is to be sent; `None` for one an earlier run created (its id is
/// reported again) or one that is invalid (its problem is reported, when lines are JSON).
fn to_send(shared: &Run, sink: &Sink, progress: &journal::Progress, (n, body): Encoded) -> Option<bytes::Bytes> {
    let (unit, bar) = (shared.unit, shared.bar.as_ref());
    if let Some(id) = progress.created_id(n) {
        shared.keep(n, Some(id));
        shared.counts.already.fetch_add(1, Ordering::Relaxed);
        let record = || json!({unit: n, "id": id, "status": null, "skipped": "already created"});
        emit(shared, sink, record, Some(id));
        tick(bar, &shared.counts);
        return None;
    }
    match body {
        Ok(b) => Some(b),
        Err(ps) => {
            if !matches!(sink, Sink::Ids) {
                let p = ps.first();
                let error =
                    json!({"message": p.map(|p| p.message.clone()), "field": p.map(|p| p.field.clone()), "exit": 2});
                emit(shared, sink, || json!({unit: n, "error": error}), None);
            }
            None
        }
    }
}

/// Waits for the requests in flight; a Ctrl-C abandons them. Returns whether one did.
async fn finish_in_flight(
    mut tasks: tokio::task::JoinSet<anyhow::Result<()>>,
    background: &mut Background,
) -> anyhow::Result<bool> {
    loop {
        tokio::select! {
            next = tasks.join_next() => match next {
                Some(done) => done??,
                None => return Ok(false),
            },
            _ = background.interrupts.recv() => {
                tasks.abort_all();
                return Ok(true);
            }
        }
    }
}

/// One line's create: journalled before it is sent and after its answer, its result emitted.
async fn send_one(shared: &Run, sink: &Sink, n: u64, body: &bytes::Bytes, key: &str) -> anyhow::Result<()> {
    let (unit, bar) = (shared.unit, shared.bar.as_ref());
    // The journal's "sent" record (queued when the line was started) is written first.
    shared.flush(sink)?;
    match shared.client.create_for_batch(body.clone(), key).await {
        Ok(seq) => {
            let id = seq.id;
            shared.keep(n, id);
            if let Some(id) = id
                && let Some(j) = &shared.journal
            {
                j.created(n, id)?;
            }
            let test = seq.is_test_mode == Some(Value::Bool(true));
            if shared.asked_test && test {
                shared.confirmed.store(true, Ordering::Relaxed);
            }
            if shared.asked_test && !test {
                // Live sequences where test ones were asked for: stop before making more.
                shared.stop.store(true, Ordering::Relaxed);
                let shown = seq.is_test_mode.as_ref().map_or("absent".into(), |v| v.to_string());
                shared.live.lock().unwrap_or_else(|p| p.into_inner()).push((id, shown));
            }
            // A replay is a sequence an earlier run made (its journal lost, or the same lines
            // sent again): the summary mustn't claim it as new.
            let count = if seq.replayed { &shared.counts.already } else { &shared.counts.created };
            count.fetch_add(1, Ordering::Relaxed);
            if id.is_none() && matches!(sink, Sink::Ids) {
                // Ids come one a line: a created line without one would vanish from them.
                let mut unnamed = shared.unnamed.lock().unwrap_or_else(|p| p.into_inner());
                let (first, count) = unnamed.get_or_insert((n, 0));
                (*first, *count) = ((*first).min(n), *count + 1);
                drop(unnamed);
                line_to_stderr(
                    &shared.ui,
                    bar,
                    &format!("{unit} {n}: created, but the API's answer has no sequence id"),
                );
            }
            let record = || {
                let mut r = json!({unit: n, "id": id, "status": seq.status.clone()});
                if seq.replayed {
                    r["replayed"] = json!(true);
                }
                r
            };
            emit(shared, sink, record, id);
        }
        Err(e) => {
            let code = crate::error::exit_code(&e);
            // The status of the answer, if there was one: an error's, or a success's that
            // couldn't be read.
            let http = e.chain().find_map(|c| {
                c.downcast_ref::<crate::error::ApiError>()
                    .map(|a| a.status)
                    .or_else(|| c.downcast_ref::<BadResponse>().and_then(|b| b.status))
            });
            if let Some(j) = &shared.journal {
                j.failed(n, http.unwrap_or(0))?;
            }
            shared.counts.failed.fetch_add(1, Ordering::Relaxed);
            if shared.asked_test && e.chain().any(|c| c.is::<BadResponse>()) {
                // A success that can't be read may be a live sequence as much as a test one:
                // like a live answer, it stops the batch.
                shared.stop.store(true, Ordering::Relaxed);
                shared.unconfirmed.lock().unwrap_or_else(|p| p.into_inner()).push(n);
            }
            // As the server sent it: JSON escapes it for a terminal, `ui.warn` escapes it below.
            let message = format!("{e:#}");
            let refused = code == crate::error::code::AUTH;
            if refused {
                shared.stop.store(true, Ordering::Relaxed);
            }
            if !matches!(sink, Sink::Ids) {
                let error = json!({"message": message, "http_status": http, "exit": code});
                emit(shared, sink, || json!({unit: n, "error": error}), None);
            } else {
                line_to_stderr(&shared.ui, bar, &format!("{unit} {n}: {message}"));
            }
            if refused {
                shared.refused.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert((n, e));
            }
        }
    }
    tick(bar, &shared.counts);
    // Answers that arrive together are written together: the others queue theirs meanwhile,
    // and the first of them back here writes them all (or the next request already did).
    tokio::task::yield_now().await;
    shared.flush(sink)
}

/// The summary line, and the batch's outcome, the gravest first: the live sequences made (exit
/// 7), an interruption (130), a refused token (4), results stdout couldn't take (1), lines not
/// created (9), results stdout lacks (1), or every line's sequence id.
fn conclude(shared: &Run, started: Instant, interrupted: bool) -> anyhow::Result<Vec<(u64, Option<i64>)>> {
    let c = &shared.counts;
    let (created, already, failed, invalid) = (
        c.created.load(Ordering::Relaxed),
        c.already.load(Ordering::Relaxed),
        c.failed.load(Ordering::Relaxed),
        c.invalid.load(Ordering::Relaxed),
    );
    let secs = started.elapsed().as_secs_f64();
    let journal = shared.journal.as_ref().map(|j| j.path().to_path_buf());
    shared.ui.info(&format!(
        "created {created}, already created {already}, failed {failed}, invalid {invalid}, in {secs:.1}s ({:.0}/s){}",
        created as f64 / secs.max(0.001),
        journal.as_ref().map(|p| format!("; journal: {}", p.display())).unwrap_or_default()
    ));
    let live = std::mem::take(&mut *shared.live.lock().unwrap_or_else(|p| p.into_inner()));
    if let Some((_, shown)) = live.first() {
        let shown = shown.clone();
        return Err(TestModeNotHonoured::new(live.into_iter().map(|(id, _)| id), shown).into());
    }
    let mut unconfirmed = std::mem::take(&mut *shared.unconfirmed.lock().unwrap_or_else(|p| p.into_inner()));
    if !unconfirmed.is_empty() {
        unconfirmed.sort();
        return Err(TestModeUnconfirmed { unit: shared.unit, lines: unconfirmed }.into());
    }
    if interrupted {
        // The journal knows what was created: the same command skips it and sends the rest.
        let resume = journal.is_some().then(|| shared.command_line.clone());
        return Err(BatchInterrupted { resume }.into());
    }
    if let Some((n, e)) = shared.refused.lock().unwrap_or_else(|p| p.into_inner()).take() {
        // The token's error, with its exit code (4) and hint: no retry of the job will cure it.
        return Err(e.context(format!("stopped sending: {} {n} was refused", shared.unit)));
    }
    // Before the count of lines not created: a failed write stopped the sending, and is why.
    if shared.output.write_failed() {
        shared.output.verdict(shared.unit, journal.is_some())?;
    }
    if failed > 0 || invalid > 0 || shared.stop.load(Ordering::Relaxed) {
        return Err(BatchIncomplete { unit: shared.unit, failed, invalid, journal }.into());
    }
    // A script reading the ids would get fewer lines than it sent, with exit 0 (with --wait,
    // the wait says so once it is done).
    let unnamed = shared.unnamed.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some((first, count)) = unnamed.filter(|_| !shared.keep_ids) {
        return Err(without_ids(shared.unit, first, count, "the API's answer has no sequence id, so stdout lacks it"));
    }
    shared.output.verdict(shared.unit, journal.is_some())?;
    let mut made = std::mem::take(&mut *shared.made.lock().unwrap_or_else(|p| p.into_inner()));
    made.sort();
    Ok(made)
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {rate} ETA {eta} {msg}") {
        // A whole number per second: "123/s", not indicatif's "123.4567/s".
        bar.set_style(style.with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", state.per_sec());
        }));
    }
    bar
}

fn tick(bar: Option<&indicatif::ProgressBar>, counts: &Counts) {
    if let Some(b) = bar {
        b.inc(1);
        let failed = counts.failed.load(Ordering::Relaxed);
        if failed > 0 {
            b.set_message(format!("failed: {failed}"));
        }
    }
}

/// A result on stdout: the id alone, a JSON line, or what `--jq` makes of it. The record is
/// built only for the last two: by default a batch prints ids, one per create.
fn emit(shared: &Run, sink: &Sink, record: impl FnOnce() -> Value, id: Option<i64>) {
    use std::fmt::Write as _;
    let mut out = shared.out.lock().unwrap_or_else(|p| p.into_inner());
    match sink {
        Sink::Ids => {
            if let Some(id) = id {
                let _ = writeln!(out.text, "{id}");
            }
        }
        Sink::Json => {
            out.text.push_str(&crate::untrusted::json(&record(), false));
            out.text.push('\n');
        }
        Sink::Jq(_) => out.records.push(record()),
    }
}

fn line_to_stderr(ui: &Ui, bar: Option<&indicatif::ProgressBar>, text: &str) {
    on_terminal(bar, || ui.warn(text));
}

/// The warning for an item `--jq` failed on. jq's message quotes the values it failed on:
/// unless `may_quote` (the input is an API's answers, not rows or bodies made from the input),
/// it is left out, as patient data a CI log must not get a copy of.
fn jq_warning(unit: &str, n: &Value, e: &anyhow::Error, may_quote: bool) -> String {
    if may_quote {
        format!("{unit} {n}: {e}")
    } else {
        format!(
            "{unit} {n}: --jq failed (jq's message is not shown, as it would quote the input's values; try the expression on the --json output)"
        )
    }
}

/// Writes with the progress bar out of the way: stdout isn't the bar's stream, but on a shared
/// terminal the two would interleave.
fn on_terminal<T>(bar: Option<&indicatif::ProgressBar>, write: impl FnOnce() -> T) -> T {
    match bar {
        Some(b) => b.suspend(write),
        None => write(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_flag_setting_is_in_the_settings_fingerprint() {
        let with = |spec: &str| Overrides {
            steps: vec![crate::seqfile::parse_step_spec(spec).unwrap()],
            ..Overrides::default()
        };
        let all = ["sms", "sms@5", "sms@7", "voice@5", r#"sms@5:{"a":1}"#];
        let prints: std::collections::HashSet<String> = all.iter().map(|s| settings_sha256(&with(s))).collect();
        assert_eq!(prints.len(), all.len(), "a --step differing only in order, type or config changes it");
        // Without an order, the fingerprint is what it was before orders were hashed, so a
        // journal from then still resumes.
        let before = json!({"name": null, "description": null, "steps": [{"type": "sms", "config": null}], "is_test_mode": null});
        let before: String = <sha2::Sha256 as sha2::Digest>::digest(before.to_string().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(settings_sha256(&with("sms")), before);
    }

    #[test]
    fn input_read_once_is_held_up_to_the_limit_and_refused_beyond() {
        let limit = 3 << 20;
        let line = format!("{{\"name\": \"{}\"}}\n", "x".repeat(1000));
        let exactly: Vec<u8> = line.repeat(limit as usize / line.len()).into_bytes();
        let mut exactly = exactly;
        exactly.resize(limit as usize, b'\n');
        match read_at_most(std::io::Cursor::new(exactly.clone()), "<stdin>", limit) {
            Ok(Source::Memory(Shared(held))) => assert_eq!(*held, exactly),
            _ => panic!("the limit itself is held"),
        }
        exactly.push(b'\n');
        let err = read_at_most(std::io::Cursor::new(exactly), "<stdin>", limit).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("<stdin>: more than 3 MiB can't be held in memory for a batch"));
        assert_eq!(MAX_STREAM_INPUT, 256 << 20, "the README's figure");
    }

    /// The sending pass's items over `reader`, held to the lines of `checked`.
    fn lines(reader: impl Read + Send + 'static, checked: &str) -> Items<impl Read + Send + 'static> {
        let hashes =
            (1..).zip(checked.lines()).map(|(n, l)| crate::items::item_hash(n, format!("{l}\n").as_bytes())).collect();
        Items::Lines {
            lines: Box::new(Lines::new(reader, false)),
            name: "in.jsonl".into(),
            overrides: Overrides::default(),
            checked: crate::items::Checked::new("in.jsonl", "line", hashes, checked.lines().count() as u64),
        }
    }

    #[tokio::test]
    async fn read_ahead_hands_over_every_item_in_order_then_the_end() {
        let text: String =
            (0..300).map(|i| format!("{{\"name\": \"n{i}\", \"steps\": [{{\"type\": \"sms\"}}]}}\n")).collect();
        let mut ahead = ReadAhead::start(lines(std::io::Cursor::new(text.clone().into_bytes()), &text)).unwrap();
        let mut numbers = Vec::new();
        while let Some((n, body)) = ahead.next().await.unwrap() {
            let body: Value = serde_json::from_slice(&body.unwrap()).unwrap();
            assert_eq!(body["name"], format!("n{}", n - 1));
            numbers.push(n);
        }
        assert_eq!(numbers, (1..=300).collect::<Vec<u64>>());
        assert!(ahead.next().await.unwrap().is_none(), "the end stays the end");
    }

    #[tokio::test]
    async fn kept_bodies_are_handed_over_in_order_then_the_end() {
        let kept = (1..=3).map(|n| (n * 2, Ok(bytes::Bytes::from(format!("{{\"n\":{n}}}"))))).collect();
        let mut ahead = ReadAhead::kept(kept);
        let mut seen = Vec::new();
        while let Some((n, body)) = ahead.next().await.unwrap() {
            seen.push((n, String::from_utf8(body.unwrap().to_vec()).unwrap()));
        }
        assert_eq!(seen, [(2, r#"{"n":1}"#.to_string()), (4, r#"{"n":2}"#.into()), (6, r#"{"n":3}"#.into())]);
        assert!(ahead.next().await.unwrap().is_none(), "the end stays the end");
    }

    #[tokio::test]
    async fn items_read_before_a_read_error_are_handed_over_then_the_error() {
        struct FailsAfter(std::io::Cursor<Vec<u8>>);
        impl Read for FailsAfter {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(std::io::Error::other("the disk went away")),
                    n => Ok(n),
                }
            }
        }
        let text: String =
            (0..10).map(|i| format!("{{\"name\": \"n{i}\", \"steps\": [{{\"type\": \"sms\"}}]}}\n")).collect();
        let mut ahead =
            ReadAhead::start(lines(FailsAfter(std::io::Cursor::new(text.clone().into_bytes())), &text)).unwrap();
        let mut numbers = Vec::new();
        let err = loop {
            match ahead.next().await {
                Ok(Some((n, _))) => numbers.push(n),
                Ok(None) => panic!("a read error is not the end of the input"),
                Err(e) => break e,
            }
        };
        assert_eq!(numbers, (1..=10).collect::<Vec<u64>>());
        assert!(format!("{err:#}").contains("the disk went away"), "{err:#}");
    }

    #[tokio::test]
    async fn a_reader_that_dies_is_an_error_not_the_end_of_the_input() {
        struct Dies;
        impl Read for Dies {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                panic!("the reader died (this panic is the test's)")
            }
        }
        let mut ahead = ReadAhead::start(lines(Dies, "")).unwrap();
        let err = ahead.next().await.unwrap_err();
        assert!(err.to_string().contains("stopped before its end"), "{err}");
    }
}
