//! When to try a request again and how long to wait: retryable failures, exponential
//! backoff with full jitter, and the server's `Retry-After` in both of its forms.

use std::time::{Duration, SystemTime};

#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    /// Attempts after the first; 0 turns retrying off.
    pub retries: u32,
    pub base: Duration,
    pub cap: Duration,
    /// A server asking for a longer wait than this gets this.
    pub retry_after_cap: Duration,
}

pub(crate) const DEFAULT_RETRIES: u32 = 3;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: DEFAULT_RETRIES,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(20),
            retry_after_cap: Duration::from_secs(60),
        }
    }
}

/// Statuses worth another try. 409 only when the request carries an idempotency key: then it
/// means "the same request is still in flight", and the retry will get its result.
pub(crate) fn retryable_status(status: u16, has_idempotency_key: bool) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504) || (status == 409 && has_idempotency_key)
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0 for the first retry): the server's
    /// `Retry-After` when it gave one, else a random time up to `base * 2^retry` (capped).
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>, rng: &mut fastrand::Rng) -> Duration {
        if let Some(d) = retry_after {
            return d.min(self.retry_after_cap);
        }
        let ceiling = self.base.saturating_mul(2u32.saturating_pow(retry.min(30))).min(self.cap);
        ceiling.mul_f64(rng.f64())
    }
}

/// `Retry-After` as seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More seconds than a u64 holds is still "a long time": the cap applies, not a guess.
        return Some(Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX)));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_retried() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(retryable_status(s, false), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422, 501] {
            assert!(!retryable_status(s, false), "{s}");
        }
        assert!(retryable_status(409, true));
        assert!(!retryable_status(422, true));
    }

    #[test]
    fn backoff_is_full_jitter_under_a_doubling_capped_ceiling() {
        let p = RetryPolicy::default();
        let mut rng = fastrand::Rng::with_seed(1);
        for retry in 0..12 {
            let ceiling = Duration::from_millis(500 * 2u64.pow(retry)).min(Duration::from_secs(20));
            let samples: Vec<Duration> = (0..200).map(|_| p.delay(retry, None, &mut rng)).collect();
            assert!(samples.iter().all(|d| *d <= ceiling), "retry {retry}");
            // Full jitter spreads waits over the whole range, not just near the ceiling.
            assert!(
                samples.iter().any(|d| *d < ceiling / 4) && samples.iter().any(|d| *d > ceiling * 3 / 4),
                "retry {retry}"
            );
        }
    }

    #[test]
    fn retry_after_in_seconds_of_any_length_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(parse_retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("99999999999999999999", now), Some(Duration::from_secs(u64::MAX)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now), Some(Duration::from_secs(30)));
        for bad in ["", "-5", "1.5", "soon"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        let p = RetryPolicy::default();
        let mut rng = fastrand::Rng::with_seed(1);
        assert_eq!(p.delay(5, Some(Duration::from_secs(2)), &mut rng), Duration::from_secs(2));
        assert_eq!(p.delay(0, Some(Duration::from_secs(3600)), &mut rng), Duration::from_secs(60));
    }

    #[test]
    fn retry_after_in_both_forms() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO),
            "a past date means now"
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }
}
