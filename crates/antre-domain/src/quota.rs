//! Daily quotas per lane, and how a day's quota is shared among its sessions.

use crate::lane::Lane;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyQuota {
    pub regular: u32,
    pub same_day: u32,
    pub priority: u32,
}

impl DailyQuota {
    pub fn for_lane(&self, lane: Lane) -> u32 {
        match lane {
            Lane::Regular => self.regular,
            Lane::SameDay => self.same_day,
            Lane::Priority => self.priority,
        }
    }

    pub fn total(&self) -> u32 {
        self.regular + self.same_day + self.priority
    }
}

/// Splits `total` places over `sessions` sessions as evenly as possible, earlier sessions
/// taking the remainder. The parts always add up to exactly `total`.
pub fn split_across_sessions(total: u32, sessions: usize) -> Vec<u32> {
    if sessions == 0 {
        return Vec::new();
    }
    let n = sessions as u32;
    let (base, extra) = (total / n, total % n);
    (0..n).map(|i| base + u32::from(i < extra)).collect()
}

/// The share of a lane's daily quota an office keeps protected for the special reschedule
/// after a closure or disruption: `percent` of `quota`, rounded up (5 % of 250 is 13). Split
/// across sessions like the quota ([`split_across_sessions`]), which never gives a session
/// more protected places than places.
pub fn protected_places(quota: u32, percent: u32) -> u32 {
    (u64::from(quota) * u64::from(percent.min(100)))
        .div_ceil(100)
        .try_into()
        .unwrap_or(quota)
}

/// Unused protected places go to everyone at this local time on the day before the day they
/// are for (H-1, the last day an ordinary reschedule may move a booking).
pub const PROTECTED_RELEASE_HOUR: u32 = 12;

/// The capacity of one lane in one session of one day: the unit that bookings consume.
/// `booked` counts every booking holding a place, paid or still awaiting payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotCapacity {
    pub capacity: u32,
    pub booked: u32,
}

impl SlotCapacity {
    pub fn remaining(&self) -> u32 {
        self.capacity.saturating_sub(self.booked)
    }

    /// Takes one place, or refuses when none is left. The database does the same thing as one
    /// conditional UPDATE; this is the rule it implements.
    pub fn take(self) -> Option<SlotCapacity> {
        (self.booked < self.capacity).then_some(SlotCapacity {
            booked: self.booked + 1,
            ..self
        })
    }

    pub fn release(self) -> SlotCapacity {
        SlotCapacity {
            booked: self.booked.saturating_sub(1),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn batam_quota_splits_over_three_sessions() {
        assert_eq!(split_across_sessions(200, 3), vec![67, 67, 66]);
        assert_eq!(split_across_sessions(2, 3), vec![1, 1, 0]);
        assert!(split_across_sessions(5, 0).is_empty());
    }

    #[test]
    fn protected_share_is_rounded_up() {
        assert_eq!(protected_places(250, 5), 13);
        assert_eq!(protected_places(200, 5), 10);
        assert_eq!(protected_places(2, 5), 1);
        assert_eq!(protected_places(0, 5), 0);
        assert_eq!(protected_places(120, 0), 0);
    }

    proptest! {
        #[test]
        fn protected_places_never_exceed_the_places_of_a_session(quota in 0u32..10_000, percent in 0u32..=100, sessions in 1usize..12) {
            let places = split_across_sessions(quota, sessions);
            let protected = split_across_sessions(protected_places(quota, percent), sessions);
            for (p, c) in protected.iter().zip(&places) {
                prop_assert!(p <= c);
            }
        }

        #[test]
        fn split_parts_sum_to_total_and_differ_by_at_most_one(total in 0u32..100_000, sessions in 1usize..12) {
            let parts = split_across_sessions(total, sessions);
            prop_assert_eq!(parts.len(), sessions);
            prop_assert_eq!(parts.iter().sum::<u32>(), total);
            prop_assert!(parts.iter().max().unwrap() - parts.iter().min().unwrap() <= 1);
        }

        #[test]
        fn any_sequence_of_takes_and_releases_keeps_remaining_plus_booked_equal_to_capacity(
            capacity in 0u32..50,
            ops in proptest::collection::vec(any::<bool>(), 0..200),
        ) {
            let mut slot = SlotCapacity { capacity, booked: 0 };
            let mut granted = 0u32;
            for take in ops {
                if take {
                    if let Some(next) = slot.take() { slot = next; granted += 1; }
                } else if granted > 0 {
                    slot = slot.release();
                    granted -= 1;
                }
                prop_assert!(slot.booked <= slot.capacity);
                prop_assert_eq!(slot.booked, granted);
                prop_assert_eq!(slot.remaining() + slot.booked, slot.capacity);
            }
        }
    }
}
