//! `clarion sequence wait ID...`: poll until sequences end; one is printed as `show` prints it,
//! many are followed together and reported the way CI reads them.

use crate::args::{OutputArgs, WaitTiming};
use crate::context::Ctx;
use crate::error::UsageError;
use crate::render::progress::ManyView;
use crate::wait_many::{Fate, Stop, field};
use clap::Args;
use std::path::PathBuf;
use std::sync::Arc;

/// Wait until sequences end: one is printed as `show` prints it; many, one line each
///
/// Ends are the statuses completed, failed, cancelled/canceled, ended, expired and error, or
/// any status once ended_reason is set; other statuses are waited through. Success is
/// `completed` (exit 0); any other end is exit 8; --timeout passing first is exit 124.
/// Progress goes to stderr, so stdout (and --json) carries only the results.
///
/// With several ids (arguments, --ids-from, --journal), each line of stdout is
/// ID<TAB>STATUS<TAB>OUTCOME as a sequence ends (--json: its data as one JSON line; -q: only
/// the ids that did not complete), and stderr ends with a summary. Exit: 130 interrupted,
/// 124 timed out, 6 some could not be looked at, 3 some do not exist, 8 some ended otherwise,
/// 0 all completed.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion sequence wait 42
  clarion sequence wait 42 --timeout 10m --interval 15s --json | jq .outcome
  clarion sequence create -f seed.jsonl --test-mode | clarion sequence wait --ids-from - --junit report.xml
  clarion sequence wait --journal seed.jsonl.journal --summary \"$GITHUB_STEP_SUMMARY\"")]
pub struct WaitArgs {
    /// Sequence ids (positive integers)
    #[arg(value_name = "ID", value_parser = super::show::parse_id)]
    pub ids: Vec<u64>,

    /// Read ids from this file, one per line (blank lines and `#` comments skipped); `-` for
    /// standard input, such as a batch create's output
    #[arg(long, value_name = "FILE")]
    pub ids_from: Option<PathBuf>,

    /// Wait for the sequences a batch's journal records as created
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,

    /// Several ids: requests in flight at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// Several ids: write a JUnit XML report here (one test case per sequence)
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,

    /// Several ids: write a Markdown summary here (appended: fits $GITHUB_STEP_SUMMARY)
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    #[command(flatten)]
    pub timing: WaitTiming,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Ids from a file or standard input: one per line, blank lines and `#` comments skipped.
fn ids_from(path: &std::path::Path) -> anyhow::Result<Vec<u64>> {
    let name = if path.as_os_str() == "-" { "<stdin>".to_string() } else { path.display().to_string() };
    let read = if path.as_os_str() == "-" {
        crate::fs::read_bounded(std::io::stdin().lock(), crate::seqfile::MAX_INPUT)
    } else {
        std::fs::File::open(path).and_then(|f| crate::fs::read_bounded(f, crate::seqfile::MAX_INPUT))
    };
    let bytes = read
        .map_err(|e| UsageError::new(format!("{name}: cannot read: {}", crate::fs::io_reason(&e))))?
        .ok_or_else(|| UsageError::new(format!("{name}: larger than 16 MiB")))?;
    let text = String::from_utf8(bytes).map_err(|_| UsageError::new(format!("{name}: not UTF-8 text")))?;
    // A BOM is invisible in editors (Notepad writes one); refusing the file for it would baffle.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut ids = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let id = super::show::parse_id(line).map_err(|why| UsageError::new(format!("{name}:{}: {why}", n + 1)))?;
        ids.push(id);
    }
    Ok(ids)
}

pub(crate) async fn run(args: WaitArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let many = args.ids.len() != 1
        || args.ids_from.is_some()
        || args.journal.is_some()
        || args.junit.is_some()
        || args.summary.is_some();
    let settings = ctx.settings()?;
    if !many {
        let client = ctx.client(&settings)?;
        return ctx.wait_and_print(&client, args.ids[0], args.timing.get(), &args.output, None).await;
    }
    // Waiting on many polls each of them, thousands of answers.
    crate::alloc::favor_throughput();
    let mut ids = args.ids.clone();
    if let Some(path) = &args.ids_from {
        ids.extend(ids_from(path)?);
    }
    if let Some(path) = &args.journal {
        ids.extend(crate::batch::created_ids(path)?.into_iter().filter_map(|i| u64::try_from(i).ok()));
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    if ids.is_empty() {
        return Err(
            UsageError::with_hint("no sequences to wait for", "give ids, --ids-from FILE or --journal FILE").into()
        );
    }
    let options = Many {
        concurrency: usize::from(args.concurrency),
        timing: args.timing.get(),
        output: args.output.clone(),
        junit: args.junit.clone(),
        summary: args.summary.clone(),
    };
    wait_many(ids, &options, &settings, ctx).await
}

/// How to wait for many sequences (`sequence wait`, `create -f FILE.jsonl --wait`).
pub(crate) struct Many {
    pub concurrency: usize,
    pub timing: crate::waiter::Timing,
    pub output: OutputArgs,
    pub junit: Option<PathBuf>,
    pub summary: Option<PathBuf>,
}

/// Follows `ids` to their ends: lines on stdout as each ends, progress and a summary on
/// stderr, the reports asked for, and the exit code for the worst fate.
pub(crate) async fn wait_many(
    ids: Vec<u64>,
    args: &Many,
    settings: &crate::config::Settings,
    ctx: &Ctx<'_>,
) -> anyhow::Result<()> {
    let gate = Arc::new(crate::api::gate::PauseGate::default());
    let client = Arc::new(ctx.client_with_gate(settings, Some(gate))?);
    let jq = match &args.output.jq {
        Some(code) => Some(crate::jq::Jq::compile(code).map_err(UsageError::new)?),
        None => None,
    };
    let started = std::time::Instant::now();
    let mut view = ManyView::new(ctx.ui, ids.len());
    let mut failed_output: Option<std::io::Error> = None;
    let mut on_fate = |event: Option<(u64, &Fate)>| {
        let Some((id, fate)) = event else { return view.heartbeat() };
        let line = fate_line(id, fate, &args.output, jq.as_ref());
        view.ended(id, fate, || {
            if let Some(l) = &line
                && !l.is_empty()
                && let Err(e) = ctx.ui.data(l.as_bytes())
            {
                failed_output.get_or_insert(e);
            }
        });
    };
    let interrupt = Box::pin(crate::interrupt::requested());
    let (fates, stop) =
        crate::wait_many::wait_many(client, &ids, args.timing, args.concurrency, interrupt, &mut on_fate).await;
    drop(view);
    if let Some(e) = failed_output {
        return Err(e.into());
    }
    let elapsed = started.elapsed().as_secs_f64();
    finish(args, ctx, jq.as_ref(), &fates, stop, elapsed)
}

/// What stdout gets as a sequence's fate is known: `ID<TAB>STATUS<TAB>OUTCOME`, its JSON line,
/// or (with -q) its id when it did not complete.
fn fate_line(id: u64, fate: &Fate, output: &OutputArgs, jq: Option<&crate::jq::Jq>) -> Option<String> {
    if output.quiet {
        (!matches!(fate, Fate::Completed(_))).then(|| format!("{id}\n"))
    } else if output.json || jq.is_some() {
        json_line(id, fate, jq)
    } else {
        Some(format!("{id}\t{}\t{}\n", fate.status(), field(fate.sequence(), "outcome")))
    }
}

/// One JSON line per sequence, whatever became of it: its data as the API sent it when it
/// ended, otherwise `{"id", "error": "not_found"|"unreachable"}` or `{"id", "still_running",
/// "last_status"}`; through `--jq` when given.
fn json_line(id: u64, fate: &Fate, jq: Option<&crate::jq::Jq>) -> Option<String> {
    use serde_json::json;
    let value = match fate {
        Fate::Completed(s) | Fate::EndedOtherwise(s) => s.to_value(),
        Fate::NotFound => json!({"id": id, "error": "not_found"}),
        Fate::Unreachable(why, _) => json!({"id": id, "error": "unreachable", "message": why}),
        Fate::Running(last) => json!({
            "id": id,
            "still_running": true,
            "last_status": last.as_ref().and_then(|s| s.data.get("status")).cloned(),
        }),
    };
    match jq {
        Some(jq) => jq.apply(&value).ok(),
        None => Some(format!("{}\n", crate::untrusted::json(&value, false))),
    }
}

/// A report file: replaced, or appended to (a CI job's step summary collects several).
fn write_report(path: &std::path::Path, text: &str, append: bool) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.create(true);
    if append {
        options.append(true);
    } else {
        options.write(true).truncate(true);
    }
    let mut file = options
        .open(path)
        .map_err(|e| UsageError::new(format!("cannot write {}: {}", path.display(), crate::fs::io_reason(&e))))?;
    file.write_all(text.as_bytes())
        .map_err(|e| UsageError::new(format!("cannot write {}: {}", path.display(), crate::fs::io_reason(&e))))?;
    Ok(())
}

/// The still-running ones listed, the reports written, the summary said, and the exit code.
fn finish(
    args: &Many,
    ctx: &Ctx<'_>,
    jq: Option<&crate::jq::Jq>,
    fates: &[(u64, Fate)],
    stop: Stop,
    elapsed: f64,
) -> anyhow::Result<()> {
    for (id, fate) in fates.iter().filter(|(_, f)| matches!(f, Fate::Running(_))) {
        let line = if args.output.json || jq.is_some() {
            json_line(*id, fate, jq)
        } else if args.output.quiet {
            Some(format!("{id}\n"))
        } else {
            None
        };
        if let Some(l) = line {
            ctx.ui.data(l.as_bytes())?;
        }
    }
    if let Some(path) = &args.junit {
        write_report(path, &crate::render::reports::junit(fates, elapsed), false)?;
    }
    if let Some(path) = &args.summary {
        write_report(path, &crate::render::reports::markdown(fates, elapsed), true)?;
    }
    ctx.ui.info(&crate::render::reports::summary_line(fates, elapsed));
    let Some((exit, message)) = verdict(fates, stop) else { return Ok(()) };
    ctx.ui.error(&message);
    if matches!(stop, Stop::Refused) {
        ctx.ui.hint("`clarion auth status` says which token is used and where it comes from");
    }
    if matches!(stop, Stop::Interrupted) && fates.iter().any(|(_, f)| matches!(f, Fate::Running(_))) {
        ctx.ui.hint("they keep running (clarion only stopped waiting): run the same command again to follow them");
    }
    Err(crate::error::Silent(exit).into())
}

/// The exit code for the worst fate, and the line that names the sequences it is about
/// (`None`: all completed).
fn verdict(fates: &[(u64, Fate)], stop: Stop) -> Option<(u8, String)> {
    use crate::error::code;
    let tally = crate::wait_many::Tally::of(fates);
    let list = |f: fn(&Fate) -> bool| -> String {
        fates.iter().filter(|(_, x)| f(x)).map(|(id, _)| id.to_string()).collect::<Vec<_>>().join(", ")
    };
    // Seen running, or never answered (not looked at yet, or its look still under way): the
    // second kind may have ended long ago.
    let unended = |why: &str| {
        let seen = list(|f| matches!(f, Fate::Running(Some(_))));
        let unseen = list(|f| matches!(f, Fate::Running(None)));
        let parts = [("still running", seen), ("no answer yet", unseen)];
        let named: Vec<String> =
            parts.iter().filter(|(_, ids)| !ids.is_empty()).map(|(what, ids)| format!("{what}: {ids}")).collect();
        if named.is_empty() { why.to_string() } else { format!("{why}; {}", named.join("; ")) }
    };
    Some(match stop {
        Stop::Interrupted => (code::INTERRUPTED, unended("interrupted")),
        Stop::TimedOut => (code::WAIT_TIMED_OUT, unended("timed out")),
        Stop::Refused => {
            let why = fates.iter().find_map(|(id, f)| match f {
                Fate::Unreachable(why, c) if *c == code::AUTH => Some(format!("sequence {id}: {why}")),
                _ => None,
            });
            (code::AUTH, unended(&format!("stopped waiting, the token was refused ({})", why.unwrap_or_default())))
        }
        Stop::AllEnded if tally.unreachable > 0 => {
            // The first such sequence's own code: 6 for a busy or unreachable API, which a
            // retry of the job may cure, 4 for a refused token, which it won't.
            let code = fates.iter().find_map(|(_, f)| match f {
                Fate::Unreachable(_, code) => Some(*code),
                _ => None,
            });
            (
                code.unwrap_or(code::TEMPORARY),
                format!("could not be looked at: {}", list(|f| matches!(f, Fate::Unreachable(..)))),
            )
        }
        Stop::AllEnded if tally.not_found > 0 => {
            (code::NOT_FOUND, format!("not found: {}", list(|f| matches!(f, Fate::NotFound))))
        }
        Stop::AllEnded if tally.completed < fates.len() => {
            (code::ENDED_UNSUCCESSFULLY, format!("ended otherwise: {}", list(|f| matches!(f, Fate::EndedOtherwise(_)))))
        }
        Stop::AllEnded => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Sequence;
    use crate::error::code;

    #[test]
    fn a_sequence_never_answered_is_not_called_still_running() {
        let seen =
            Sequence { data: serde_json::json!({"id": 1, "status": "in-progress"}).as_object().cloned().unwrap() };
        let fates = [(1, Fate::Running(Some(seen))), (2, Fate::Running(None)), (3, Fate::Running(None))];
        assert_eq!(
            verdict(&fates, Stop::TimedOut),
            Some((code::WAIT_TIMED_OUT, "timed out; still running: 1; no answer yet: 2, 3".into()))
        );
        assert_eq!(
            verdict(&fates[1..], Stop::Interrupted).map(|v| v.1),
            Some("interrupted; no answer yet: 2, 3".into())
        );
        assert_eq!(verdict(&[], Stop::Interrupted).map(|v| v.1), Some("interrupted".into()));
    }
}
