//! How an attempt to reach the API failed, whichever transport made it (`plain` for
//! `http://`, reqwest for `https://`): the stage it failed at decides the message, whether it
//! is retried and whether the request may have arrived.

/// Where an attempt failed, which decides its message and whether it may have arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Connect,
    /// Out of time; `sent` tells whether the request may have gone out.
    TimedOut {
        sent: bool,
    },
    Request,
    Body,
    /// The request can't be put on the wire (a URL too long for HTTP/1.1's request line):
    /// nothing was sent, and trying again can't help.
    Unsendable,
}

/// One attempt's failure, with the transport's own error kept for its causes.
#[derive(Debug)]
pub(crate) struct Failure {
    pub stage: Stage,
    pub error: Box<dyn std::error::Error + Send + Sync>,
}

impl Failure {
    pub(crate) fn new(stage: Stage, error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Failure { stage, error: error.into() }
    }

    pub(crate) fn timed_out(sent: bool) -> Self {
        Failure::new(Stage::TimedOut { sent }, "operation timed out")
    }
}
