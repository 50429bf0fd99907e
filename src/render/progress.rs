//! Showing a wait on stderr: a line updated in place on a terminal, else one line per change.

use crate::api::Sequence;
use crate::output::Ui;
use crate::waiter::summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct WaitView {
    id: u64,
    bar: Option<ProgressBar>,
    last: String,
    ui: Ui,
}

impl WaitView {
    pub fn new(ui: &Ui, id: u64) -> Self {
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

    pub fn update(&mut self, seq: &Sequence) {
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
