//! Showing a wait on stderr: for one sequence, a line updated in place on a terminal, else one
//! line per change; for many, a bar, else a line as each ends.

use crate::api::Sequence;
use crate::output::Ui;
use crate::wait_many::Fate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;
use std::collections::BTreeMap;

/// One line about where a sequence is: its status and each step's.
fn summary(seq: &Sequence) -> String {
    let cell = |v: Option<&Value>| crate::untrusted::cell(v);
    let mut s = cell(seq.data.get("status"));
    if let Some(Value::Array(steps)) = seq.data.get("steps") {
        for (i, step) in steps.iter().enumerate() {
            s.push_str(&format!(" | {} {}: {}", i + 1, cell(step.get("type")), cell(step.get("status"))));
        }
    }
    s
}

pub(crate) struct WaitView {
    id: u64,
    bar: Option<ProgressBar>,
    last: String,
    ui: Ui,
}

impl WaitView {
    pub(crate) fn new(ui: &Ui, id: u64) -> Self {
        let bar = ui.stderr_is_tty().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.set_message(format!("waiting for sequence {id}"));
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        WaitView { id, bar, last: String::new(), ui: ui.clone() }
    }

    pub(crate) fn update(&mut self, seq: &Sequence) {
        let now = summary(seq);
        if now == self.last {
            return;
        }
        match &self.bar {
            Some(bar) => bar.set_message(format!("sequence {}: {now}", self.id)),
            None => self.ui.info(&format!("sequence {}: {now}", self.id)),
        }
        self.last = now;
    }
}

impl Drop for WaitView {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A wait over many sequences on stderr: a bar with the count by status on a terminal; else a
/// timestamped line as each ends, and every 30 seconds where things stand (for a CI log).
pub(crate) struct ManyView {
    bar: Option<ProgressBar>,
    by_status: BTreeMap<String, usize>,
    total: usize,
    ui: Ui,
}

impl ManyView {
    pub(crate) fn new(ui: &Ui, total: usize) -> Self {
        let bar = ui.stderr_is_tty().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} ended {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        ManyView { bar, by_status: BTreeMap::new(), total, ui: ui.clone() }
    }

    /// Time has passed with nothing new: said only where there is no bar to show it.
    pub(crate) fn heartbeat(&self) {
        if self.bar.is_none() {
            let ended = self.by_status.values().sum::<usize>();
            let counts = super::reports::counts(&self.by_status);
            self.ui.info(&format!("so far: {ended} of {} ended ({counts})", self.total));
        }
    }

    /// A sequence's fate is known: `write` puts its line on stdout (with the bar out of the way).
    pub(crate) fn ended(&mut self, id: u64, fate: &Fate, write: impl FnOnce()) {
        let status = fate.status();
        *self.by_status.entry(status.clone()).or_default() += 1;
        match &self.bar {
            Some(b) => {
                b.suspend(write);
                b.inc(1);
                b.set_message(super::reports::counts(&self.by_status));
            }
            None => {
                write();
                let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
                self.ui.info(&format!("{now} sequence {id}: {status}"));
            }
        }
    }
}

impl Drop for ManyView {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn summaries() {
        let s = Sequence { data:             json!({"status": "in-progress", "steps": [{"type": "voice", "status": "completed"}, {"type": "sms", "status": null}]}).as_object().cloned().unwrap_or_default() };
        assert_eq!(summary(&s), "in-progress | 1 voice: completed | 2 sms: -");
    }
}
