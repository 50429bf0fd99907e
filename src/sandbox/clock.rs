//! The simulated clock: real time scaled by `--speed`, anchored in the database so that
//! every process sharing a file agrees on what time it is.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub anchor_real_ms: i64,
    pub anchor_sim_ms: i64,
    pub speed: f64,
}

pub(super) fn real_now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

impl Clock {
    pub fn starting_now(speed: f64) -> Self {
        let now = real_now_ms();
        Clock { anchor_real_ms: now, anchor_sim_ms: now, speed }
    }

    pub fn sim_at(&self, real_ms: i64) -> i64 {
        // Saturating: a fast clock left running for years must not overflow.
        self.anchor_sim_ms.saturating_add(((real_ms - self.anchor_real_ms) as f64 * self.speed) as i64)
    }

    pub fn now(&self) -> i64 {
        self.sim_at(real_now_ms())
    }

    /// The same simulated present, running at a new speed from now on.
    pub fn with_speed(&self, speed: f64) -> Self {
        let real = real_now_ms();
        Clock { anchor_real_ms: real, anchor_sim_ms: self.sim_at(real), speed }
    }
}

/// The last moment RFC 3339 can write: 9999-12-31T23:59:59Z.
const LAST_MS: i64 = 253_402_300_799_000;

/// RFC 3339 with seconds, as the contract's examples (`2023-11-07T05:31:56Z`). A fast clock
/// on a long-lived database can run past year 9999, which has no RFC 3339 form (humantime's
/// Display fails, and `to_string` would panic the thread answering): it stays at the last one.
pub(super) fn rfc3339(ms: i64) -> String {
    let t = UNIX_EPOCH + Duration::from_millis(ms.clamp(0, LAST_MS) as u64);
    humantime::format_rfc3339_seconds(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_scales_elapsed_time_and_rebasing_keeps_the_present() {
        let c = Clock { anchor_real_ms: 1_000, anchor_sim_ms: 5_000, speed: 600.0 };
        assert_eq!(c.sim_at(2_000), 5_000 + 600_000);
        let now = c.now();
        let faster = c.with_speed(1.0);
        assert!(faster.now() >= now);
        assert!(faster.now() - now < 60_000);
    }

    #[test]
    fn formats_like_the_contract() {
        assert_eq!(rfc3339(1_699_335_116_000), "2023-11-07T05:31:56Z");
        assert_eq!(rfc3339(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(-5), "1970-01-01T00:00:00Z");
    }
}
