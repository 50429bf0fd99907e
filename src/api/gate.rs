//! One pause for every worker: when any answer carries `Retry-After`, no request starts
//! until that time has passed (a batch must not keep hammering a server that asked it to wait).

use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug, Default)]
pub(crate) struct PauseGate {
    until: Mutex<Option<Instant>>,
}

impl PauseGate {
    /// Waits out the current pause, including one set while waiting.
    pub(crate) async fn wait(&self) {
        loop {
            let until = *self.until.lock().unwrap_or_else(|p| p.into_inner());
            match until {
                Some(t) if t > Instant::now() => tokio::time::sleep_until(t).await,
                _ => return,
            }
        }
    }

    /// Extends the pause to at least `d` from now.
    pub(crate) fn pause(&self, d: Duration) {
        let t = Instant::now() + d;
        let mut until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        if until.is_none_or(|u| u < t) {
            *until = Some(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn everyone_waits_for_the_longest_pause() {
        let gate = std::sync::Arc::new(PauseGate::default());
        gate.pause(Duration::from_secs(2));
        gate.pause(Duration::from_secs(1));
        let start = Instant::now();
        let g = gate.clone();
        let other = tokio::spawn(async move {
            g.wait().await;
            Instant::now()
        });
        gate.wait().await;
        assert!(Instant::now() - start >= Duration::from_secs(2));
        assert!(other.await.unwrap() - start >= Duration::from_secs(2));
    }
}
