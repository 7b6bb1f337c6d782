//! The release draw: instead of a race at the release instant, everyone who entered before it
//! is put in a random order, and served in that order.
//!
//! The order is verifiable by anyone. Before entries open, the server publishes
//! `commitment = SHA-256(seed)`. Each entry has a digest `SHA-256(salt ‖ entry id)`: no
//! personal data, and only its entrant (who knows salt and id) can tell it is theirs. After the
//! draw the server publishes the seed and the digests in drawn order; the order is the digests
//! sorted by `HMAC-SHA256(seed, digest)`, which anyone can recompute (`scripts/verify_draw.py`)
//! and check that nobody was moved. Speed of connection plays no part: entering early or often
//! changes nothing.

use crate::lane::Lane;
use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// Up to this many ranked choices per entry.
pub const MAX_CHOICES: usize = 3;

/// The secret that orders one draw; published after it.
#[derive(Clone, PartialEq, Eq)]
pub struct Seed(pub [u8; 32]);

impl std::fmt::Debug for Seed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seed(..)") // secret until the draw
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Seed {
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// What is published before entries open: SHA-256 of the seed, hex.
    pub fn commitment(&self) -> String {
        hex(&Sha256::digest(self.0))
    }
}

/// An entry's public digest: SHA-256 of its salt and its id, hex.
pub fn entry_digest(salt: &[u8], entry_id: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(entry_id.as_bytes());
    hex(&h.finalize())
}

/// The key an entry is sorted by: HMAC-SHA256 keyed with the seed over the digest's text.
fn rank(seed: &Seed, digest: &str) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(&seed.0).expect("HMAC takes any key length");
    mac.update(digest.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The drawn order: indices into `digests`, first served first. Ties (which need equal
/// digests, i.e. never) fall back to the digest text so the order is total.
pub fn order(seed: &Seed, digests: &[String]) -> Vec<usize> {
    let mut keyed: Vec<([u8; 32], usize)> = digests
        .iter()
        .enumerate()
        .map(|(i, d)| (rank(seed, d), i))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| digests[a.1].cmp(&digests[b.1])));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Whether `published` (digests in drawn order) is the order the seed gives and the seed is
/// the one committed to: what anyone can check after a draw.
pub fn verify(commitment: &str, seed: &Seed, published: &[String]) -> bool {
    seed.commitment() == commitment
        && order(seed, published)
            .into_iter()
            .enumerate()
            .all(|(position, i)| position == i)
}

/// One of an entry's ranked wishes.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    /// A given day at a given office.
    OfficeDay { office_id: String, date: NaiveDate },
    /// The earliest place at any of these offices (in this release).
    EarliestAt { office_ids: Vec<String> },
}

/// What the draw needs to know of an entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub lane: Lane,
    /// The applicant may use the priority lane's places (elderly, small children, disabled,
    /// pregnant). Priority entries are served from priority places first.
    pub priority: bool,
    pub choices: Vec<Choice>,
}

/// Free places of one slot in this release.
#[derive(Debug, Clone)]
pub struct Places {
    pub slot_id: i64,
    pub office_id: String,
    pub day: NaiveDate,
    pub lane: Lane,
    pub starts_at: DateTime<Utc>,
    pub free: u32,
}

/// One office in a release: the lanes it has places in, and the (day, lane) pairs.
type OfficeShape = (HashSet<Lane>, HashSet<(NaiveDate, Lane)>);

/// What a release offers, to check an entry's choices against: the (office, day, lane)
/// triples with slots in it. Built once per release and shared by every entry request.
#[derive(Debug, Clone, Default)]
pub struct ReleaseShape {
    by_office: HashMap<String, OfficeShape>,
    first_day: Option<NaiveDate>,
}

impl ReleaseShape {
    pub fn new(office_days: impl IntoIterator<Item = (String, NaiveDate, Lane)>) -> ReleaseShape {
        let mut shape = ReleaseShape::default();
        for (office, day, lane) in office_days {
            let (lanes, days) = shape.by_office.entry(office).or_default();
            lanes.insert(lane);
            days.insert((day, lane));
            shape.first_day = Some(shape.first_day.map_or(day, |d| d.min(day)));
        }
        shape
    }

    /// Whether the release has places at `office` on `day` in `lane`.
    pub fn has_day(&self, office: &str, day: NaiveDate, lane: Lane) -> bool {
        self.by_office
            .get(office)
            .is_some_and(|(_, days)| days.contains(&(day, lane)))
    }

    /// Whether the release has places at `office` in `lane`.
    pub fn has_office(&self, office: &str, lane: Lane) -> bool {
        self.by_office
            .get(office)
            .is_some_and(|(lanes, _)| lanes.contains(&lane))
    }

    /// The release's first day with places, if any.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.first_day
    }
}

/// Slots in time order (positions into `Lanes::places`), and how far the first ones are known
/// to be full: places are only ever taken, so that mark only moves forward and each slot is
/// passed over once, whatever the number of entries.
#[derive(Default)]
struct Queue {
    slots: Vec<usize>,
    full_before: usize,
}

impl Queue {
    fn first_free(&mut self, places: &[Places]) -> Option<usize> {
        while let Some(&i) = self.slots.get(self.full_before) {
            if places[i].free > 0 {
                return Some(i);
            }
            self.full_before += 1;
        }
        None
    }
}

/// The release's slots sorted by time, queued by (office, lane) and by (office, day, lane).
struct Lanes {
    places: Vec<Places>,
    offices: HashMap<String, usize>,
    by_office: HashMap<(usize, Lane), Queue>,
    by_day: HashMap<(usize, NaiveDate, Lane), Queue>,
}

impl Lanes {
    fn new(mut places: Vec<Places>) -> Lanes {
        places.sort_by_key(|p| (p.starts_at, p.slot_id));
        let mut offices: HashMap<String, usize> = HashMap::new();
        let mut by_office: HashMap<(usize, Lane), Queue> = HashMap::new();
        let mut by_day: HashMap<(usize, NaiveDate, Lane), Queue> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            let next = offices.len();
            let office = *offices.entry(p.office_id.clone()).or_insert(next);
            by_office.entry((office, p.lane)).or_default().slots.push(i);
            by_day
                .entry((office, p.day, p.lane))
                .or_default()
                .slots
                .push(i);
        }
        Lanes {
            places,
            offices,
            by_office,
            by_day,
        }
    }

    /// The earliest slot with a free place for one choice in one lane.
    fn find(&mut self, choice: &Choice, lane: Lane) -> Option<usize> {
        let Lanes {
            places,
            offices,
            by_office,
            by_day,
        } = self;
        match choice {
            Choice::OfficeDay { office_id, date } => {
                let office = *offices.get(office_id)?;
                by_day.get_mut(&(office, *date, lane))?.first_free(places)
            }
            Choice::EarliestAt { office_ids } => office_ids
                .iter()
                .filter_map(|o| {
                    let office = *offices.get(o)?;
                    by_office.get_mut(&(office, lane))?.first_free(places)
                })
                .min_by_key(|i| (places[*i].starts_at, places[*i].slot_id)),
        }
    }

    fn take(&mut self, choices: &[Choice], lane: Lane) -> Option<i64> {
        let i = choices.iter().find_map(|c| self.find(c, lane))?;
        self.places[i].free -= 1;
        Some(self.places[i].slot_id)
    }
}

/// Serves entries in the drawn order (`order`, from [`order`]): each gets the first of its
/// choices that still has a place in its lane. Priority entries are served first from the
/// priority lane's places, in the same order; those left without one then take part with
/// everyone else for the places of the regular lane. Returns the slot each entry got.
pub fn assign(entries: &[Entry], order: &[usize], places: Vec<Places>) -> Vec<Option<i64>> {
    let mut lanes = Lanes::new(places);
    let mut got = vec![None; entries.len()];
    for &i in order {
        let e = &entries[i];
        if e.priority && e.lane == Lane::Priority {
            got[i] = lanes.take(&e.choices, Lane::Priority);
        }
    }
    for &i in order {
        let e = &entries[i];
        if got[i].is_some() {
            continue;
        }
        let lane = match e.lane {
            Lane::Priority => Lane::Regular,
            other => other,
        };
        got[i] = lanes.take(&e.choices, lane);
    }
    got
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn slot(id: i64, office: &str, d: u32, hour: u32, lane: Lane, free: u32) -> Places {
        Places {
            slot_id: id,
            office_id: office.into(),
            day: day(d),
            lane,
            starts_at: day(d).and_hms_opt(hour, 0, 0).unwrap().and_utc(),
            free,
        }
    }

    fn seed(n: u8) -> Seed {
        Seed([n; 32])
    }

    fn digests(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| entry_digest(&[i as u8; 16], &format!("entry-{i}")))
            .collect()
    }

    #[test]
    fn the_order_is_reproducible_and_verifiable() {
        let d = digests(500);
        let a = order(&seed(1), &d);
        assert_eq!(a, order(&seed(1), &d), "same seed, same order");
        assert_ne!(a, order(&seed(2), &d), "another seed, another order");
        let published: Vec<String> = a.iter().map(|i| d[*i].clone()).collect();
        assert!(verify(&seed(1).commitment(), &seed(1), &published));
        // Moving anyone is detected, as is a seed other than the committed one.
        let mut moved = published.clone();
        moved.swap(10, 11);
        assert!(!verify(&seed(1).commitment(), &seed(1), &moved));
        assert!(!verify(&seed(2).commitment(), &seed(1), &published));
        // The order does not depend on how the entries were listed (arrival order).
        let mut shuffled = d.clone();
        shuffled.reverse();
        let b: Vec<String> = order(&seed(1), &shuffled)
            .iter()
            .map(|i| shuffled[*i].clone())
            .collect();
        assert_eq!(b, published);
    }

    #[test]
    fn entries_get_their_first_choice_with_a_place_and_priority_places_go_to_priority() {
        let places = vec![
            slot(1, "bekasi", 7, 1, Lane::Regular, 1),
            slot(2, "bekasi", 8, 1, Lane::Regular, 1),
            slot(3, "depok", 7, 2, Lane::Regular, 1),
            slot(4, "bekasi", 7, 1, Lane::Priority, 1),
        ];
        let wants = |lane, priority, choices| Entry {
            lane,
            priority,
            choices,
        };
        let b7 = Choice::OfficeDay {
            office_id: "bekasi".into(),
            date: day(7),
        };
        let anywhere = Choice::EarliestAt {
            office_ids: vec!["depok".into(), "bekasi".into()],
        };
        let entries = vec![
            wants(Lane::Regular, false, vec![b7.clone(), anywhere.clone()]),
            wants(Lane::Regular, false, vec![b7.clone(), anywhere.clone()]),
            wants(Lane::Priority, true, vec![b7.clone()]),
            wants(Lane::Priority, true, vec![b7.clone()]),
            wants(Lane::Regular, false, vec![anywhere.clone()]),
        ];
        // Drawn order: 0, 1, 2, 3, 4.
        let got = assign(&entries, &[0, 1, 2, 3, 4], places);
        assert_eq!(
            got[2],
            Some(4),
            "the first priority entry gets the priority place"
        );
        assert_eq!(got[0], Some(1), "first choice");
        assert_eq!(
            got[1],
            Some(3),
            "second choice: the earliest at Depok or Bekasi"
        );
        // The second priority entry has no priority place left and only wanted Bekasi on
        // the 7th, whose regular place is gone.
        assert_eq!(got[3], None);
        assert_eq!(got[4], Some(2));
    }

    #[test]
    fn a_release_shape_knows_its_office_days_and_lanes() {
        let shape = ReleaseShape::new(vec![
            ("bekasi".to_string(), day(8), Lane::Regular),
            ("bekasi".to_string(), day(7), Lane::Priority),
            ("depok".to_string(), day(9), Lane::Regular),
        ]);
        assert!(shape.has_day("bekasi", day(8), Lane::Regular));
        assert!(!shape.has_day("bekasi", day(8), Lane::Priority));
        assert!(!shape.has_day("bogor", day(8), Lane::Regular));
        assert!(shape.has_office("bekasi", Lane::Priority));
        assert!(!shape.has_office("depok", Lane::Priority));
        assert_eq!(shape.first_day(), Some(day(7)));
        assert_eq!(ReleaseShape::new(Vec::new()).first_day(), None);
    }

    /// The first way of serving entries: each choice scans its office's slots from the start.
    /// Kept as the reference the faster one must agree with.
    struct NaiveLanes {
        by_office: HashMap<(String, Lane), Vec<usize>>,
        places: Vec<Places>,
    }

    impl NaiveLanes {
        fn new(mut places: Vec<Places>) -> NaiveLanes {
            places.sort_by_key(|p| (p.starts_at, p.slot_id));
            let mut by_office: HashMap<(String, Lane), Vec<usize>> = HashMap::new();
            for (i, p) in places.iter().enumerate() {
                by_office
                    .entry((p.office_id.clone(), p.lane))
                    .or_default()
                    .push(i);
            }
            NaiveLanes { by_office, places }
        }

        /// The earliest slot with a free place for one choice in one lane.
        fn find(&self, choice: &Choice, lane: Lane) -> Option<usize> {
            let first_free = |office: &str, day: Option<NaiveDate>| {
                self.by_office
                    .get(&(office.to_string(), lane))?
                    .iter()
                    .copied()
                    .find(|i| {
                        let p = &self.places[*i];
                        p.free > 0 && day.is_none_or(|d| p.day == d)
                    })
            };
            match choice {
                Choice::OfficeDay { office_id, date } => first_free(office_id, Some(*date)),
                Choice::EarliestAt { office_ids } => office_ids
                    .iter()
                    .filter_map(|o| first_free(o, None))
                    .min_by_key(|i| (self.places[*i].starts_at, self.places[*i].slot_id)),
            }
        }

        fn take(&mut self, choices: &[Choice], lane: Lane) -> Option<i64> {
            let i = choices.iter().find_map(|c| self.find(c, lane))?;
            self.places[i].free -= 1;
            Some(self.places[i].slot_id)
        }
    }

    fn naive_assign(entries: &[Entry], order: &[usize], places: Vec<Places>) -> Vec<Option<i64>> {
        let mut lanes = NaiveLanes::new(places);
        let mut got = vec![None; entries.len()];
        for &i in order {
            let e = &entries[i];
            if e.priority && e.lane == Lane::Priority {
                got[i] = lanes.take(&e.choices, Lane::Priority);
            }
        }
        for &i in order {
            let e = &entries[i];
            if got[i].is_some() {
                continue;
            }
            let lane = match e.lane {
                Lane::Priority => Lane::Regular,
                other => other,
            };
            got[i] = lanes.take(&e.choices, lane);
        }
        got
    }

    proptest! {
        /// The queued assignment gives exactly what scanning every office's slots from the start
        /// gives, over offices, days, lanes, priority and both kinds of choice.
        #[test]
        fn the_queued_assignment_agrees_with_the_scanning_one(
            frees in proptest::collection::vec((0u32..3, 0usize..3, 0u32..4, 0u32..3), 1..40),
            wishes in proptest::collection::vec(
                (proptest::collection::vec((any::<bool>(), 0usize..4, 0u32..4, 0usize..4), 1..4), 0u32..3, any::<bool>()),
                1..80),
            seed_byte in any::<u8>(),
        ) {
            let lanes = [Lane::Regular, Lane::Priority, Lane::SameDay];
            let places: Vec<Places> = frees.iter().enumerate()
                .map(|(i, (free, lane, d, hour))| slot(i as i64, &format!("o{}", i % 4), 7 + d, 8 + hour, lanes[*lane], *free))
                .collect();
            let entries: Vec<Entry> = wishes.iter().map(|(choices, lane, priority)| Entry {
                lane: lanes[*lane as usize],
                priority: *priority,
                choices: choices.iter().map(|(earliest, o, d, o2)| if *earliest {
                    Choice::EarliestAt { office_ids: vec![format!("o{o}"), format!("o{o2}")] }
                } else {
                    Choice::OfficeDay { office_id: format!("o{o}"), date: day(7 + d) }
                }).collect(),
            }).collect();
            let drawn = order(&seed(seed_byte), &digests(entries.len()));
            prop_assert_eq!(
                assign(&entries, &drawn, places.clone()),
                naive_assign(&entries, &drawn, places)
            );
        }

        /// No slot is given more places than it had, and nobody gets a place while an entry
        /// drawn before them with the same single wish got nothing.
        #[test]
        fn assignment_never_overfills_and_respects_the_order(
            frees in proptest::collection::vec(0u32..4, 1..12),
            wishes in proptest::collection::vec(0usize..12, 1..60),
            seed_byte in any::<u8>(),
        ) {
            let places: Vec<Places> = frees.iter().enumerate()
                .map(|(i, f)| slot(i as i64, &format!("o{}", i % 4), 7 + (i as u32 % 3), 1 + i as u32, Lane::Regular, *f))
                .collect();
            let entries: Vec<Entry> = wishes.iter().map(|w| {
                let p = &places[w % places.len()];
                Entry { lane: Lane::Regular, priority: false,
                        choices: vec![Choice::OfficeDay { office_id: p.office_id.clone(), date: p.day }] }
            }).collect();
            let d = digests(entries.len());
            let drawn = order(&seed(seed_byte), &d);
            let got = assign(&entries, &drawn, places.clone());
            for p in &places {
                let given = got.iter().filter(|g| **g == Some(p.slot_id)).count() as u32;
                prop_assert!(given <= p.free);
            }
            let position: HashMap<usize, usize> = drawn.iter().enumerate().map(|(pos, i)| (*i, pos)).collect();
            for (a, ea) in entries.iter().enumerate() {
                for (b, eb) in entries.iter().enumerate() {
                    if ea.choices == eb.choices && position[&a] < position[&b] && got[a].is_none() {
                        prop_assert!(got[b].is_none(), "a later entry with the same wish got a place");
                    }
                }
            }
        }
    }

    /// 1,000 people and 100 bots. The bots send ten times as many entry requests, ten times
    /// faster (every request an upsert of their one entry per NIK, as the server keeps them);
    /// then the draw. Their expected share of the places is their share of the entrants, 100 of
    /// 1,100; over 400 seeded draws of 213 places their mean share must lie within half a
    /// percentage point of it, and no single draw may give them more than the mean plus 4.5
    /// standard deviations of the hypergeometric distribution (a chance below 1 in 100,000 per
    /// draw for a fair draw). Under first come, first served they would have taken every one.
    #[test]
    fn bots_win_no_more_than_their_numbers_entitle_them_to() {
        const PEOPLE: usize = 1000;
        const BOTS: usize = 100;
        const PLACES: u32 = 213;
        let mut requests: Vec<(u64, usize)> = Vec::new(); // (arrival in ms, entrant)
        for p in 0..PEOPLE {
            requests.push((1000 + (p as u64 * 37) % 60_000, p));
        }
        for b in 0..BOTS {
            for k in 0..10u64 {
                requests.push(((b as u64 * 3 + k * 7) % 6_000, PEOPLE + b));
            }
        }
        requests.sort();
        // The server keeps one entry per NIK: later requests replace, never add.
        let mut entry_of: HashMap<usize, usize> = HashMap::new();
        let mut digests: Vec<String> = Vec::new();
        let mut bot: Vec<bool> = Vec::new();
        for (_, who) in &requests {
            entry_of.entry(*who).or_insert_with(|| {
                digests.push(entry_digest(
                    &(*who as u64).to_le_bytes(),
                    &format!("{who}"),
                ));
                bot.push(*who >= PEOPLE);
                digests.len() - 1
            });
        }
        assert_eq!(
            digests.len(),
            PEOPLE + BOTS,
            "one entry per NIK however often sent"
        );
        let entries: Vec<Entry> = (0..digests.len())
            .map(|_| Entry {
                lane: Lane::Regular,
                priority: false,
                choices: vec![Choice::OfficeDay {
                    office_id: "bekasi".into(),
                    date: day(7),
                }],
            })
            .collect();
        let n = digests.len() as f64;
        let share = BOTS as f64 / n;
        let k = f64::from(PLACES);
        let mean = k * share;
        let sd = (k * share * (1.0 - share) * (n - k) / (n - 1.0)).sqrt();
        let mut total = 0u32;
        const DRAWS: u32 = 400;
        for s in 0..DRAWS {
            let mut bytes = [0u8; 32];
            bytes[..4].copy_from_slice(&s.to_le_bytes());
            let drawn = order(&Seed(bytes), &digests);
            let got = assign(
                &entries,
                &drawn,
                vec![slot(1, "bekasi", 7, 1, Lane::Regular, PLACES)],
            );
            let bot_wins = got
                .iter()
                .zip(&bot)
                .filter(|(g, b)| g.is_some() && **b)
                .count() as f64;
            assert!(
                bot_wins <= mean + 4.5 * sd,
                "seed {s}: bots won {bot_wins} (mean {mean:.1}, sd {sd:.2})"
            );
            total += bot_wins as u32;
        }
        let mean_share = f64::from(total) / f64::from(DRAWS * PLACES);
        assert!(
            (mean_share - share).abs() < 0.005,
            "bots' mean share {mean_share:.4} vs their share of entrants {share:.4}"
        );
    }
}
