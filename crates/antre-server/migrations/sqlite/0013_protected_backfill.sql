-- Issue 11. Slots planned before 0010 have no protected places (the column came with its
-- default, 0): give each such slot whose protection time is still ahead the share planning
-- gives a slot now (`planning::slots_of_day`): of the lane's daily quota the office's
-- `protected_percent`, rounded up, split across the day's sessions in order like the quota
-- (`quota::split_across_sessions`: the first `total % n` sessions one more), never more than the
-- slot's free places (bookings and offers already made keep theirs, as a re-planned day does),
-- until 12:00 local time the day before (`quota::PROTECTED_RELEASE_HOUR`; WIB +7, WITA +8,
-- WIT +9, no daylight saving). Such slots are told apart by `protected_until = 0` (planning
-- always sets it); drives' and event sites' slots never had protected places and keep none.
-- Kept identical to migrations/postgres (functions aside). A test runs
-- this statement with "now" replaced by the test's clock
-- (tests/disruptions.rs, `slots_planned_before_protected_places_get_the_share_planning_gives`).
UPDATE slots SET
    protected = MAX(0, MIN(x.share, slots.capacity - slots.booked - slots.offered)),
    protected_until = x.until_at
FROM (
    SELECT id,
           total / n + CASE WHEN rn - 1 < total % n THEN 1 ELSE 0 END AS share,
           until_at
    FROM (
        SELECT s.id,
               ((CASE s.lane WHEN 'regular' THEN o.quota_regular
                             WHEN 'same_day' THEN o.quota_same_day
                             ELSE o.quota_priority END) * o.protected_percent + 99) / 100 AS total,
               COUNT(*) OVER (PARTITION BY s.office_id, s.day, s.lane) AS n,
               ROW_NUMBER() OVER (PARTITION BY s.office_id, s.day, s.lane ORDER BY s.starts_at, s.id) AS rn,
               CAST(strftime('%s', s.day, '-1 day', '+12 hours') AS INTEGER)
                 - 3600 * (CASE o.time_zone WHEN 'Asia/Makassar' THEN 8
                                            WHEN 'Asia/Jayapura' THEN 9
                                            ELSE 7 END) AS until_at
        FROM slots s JOIN offices o ON o.id = s.office_id
        WHERE s.protected_until = 0 AND s.protected = 0
          AND s.drive_id IS NULL AND s.event_site_id IS NULL
    ) AS planned
) AS x
WHERE slots.id = x.id AND x.until_at > CAST(strftime('%s', 'now') AS INTEGER);
