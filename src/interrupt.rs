//! What asks clarion to stop: Ctrl-C (SIGINT), and SIGTERM, which CI runners, Kubernetes,
//! `timeout` and service managers send to cancel. Every command that runs long listens here,
//! so both mean the same everywhere: stop starting work, finish or report what is under way.

/// The requests to stop, one per signal, in order.
pub(crate) struct Interrupts {
    #[cfg(unix)]
    signals: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl Interrupts {
    /// Listens from now on: a signal that comes before `next` is asked for is kept, not lost.
    /// Needs the runtime.
    pub(crate) fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let signals = signal(SignalKind::interrupt()).and_then(|i| Ok((i, signal(SignalKind::terminate())?)));
            Interrupts { signals: signals.ok() }
        }
        #[cfg(not(unix))]
        Interrupts {}
    }

    /// The next request to stop; `false` when none can ever come (signals can't be listened
    /// to), which a caller must not take for one.
    pub(crate) async fn next(&mut self) -> bool {
        #[cfg(unix)]
        if let Some((int, term)) = &mut self.signals {
            return tokio::select! {
                got = int.recv() => got.is_some(),
                got = term.recv() => got.is_some(),
            };
        }
        tokio::signal::ctrl_c().await.is_ok()
    }

    /// The first request to stop; never, when none can come.
    pub(crate) async fn first(mut self) {
        if !self.next().await {
            std::future::pending::<()>().await;
        }
    }
}

/// The first request to stop from now on; never, when none can come.
pub(crate) async fn requested() {
    Interrupts::new().first().await
}
