//! Showing a wait on stderr: a line updated in place on a terminal, else one line per change.

use crate::api::Sequence;
use crate::output::Ui;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

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
