//! Offices with their parsed rules, held in memory: they change only with `data/` (at start),
//! and every search needs them, so nothing on the hot path reads them from the database.

use antre_api::offices::{OfficeSummary, ServicesView};
use antre_domain::calendar::{HolidayCalendar, OfficeExceptions, Session};
use antre_domain::office::{distance_km, Office};
use antre_domain::quota::DailyQuota;
use antre_domain::release::ReleasePolicy;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::sync::RwLock;

#[derive(Debug, Clone)]
pub struct OfficeEntry {
    pub office: Office,
    pub sessions: Vec<Session>,
    pub release: ReleasePolicy,
    pub release_text: String,
    pub quota: DailyQuota,
}

#[derive(Debug, Default)]
pub struct Catalog {
    offices: Vec<OfficeEntry>,
    by_id: HashMap<String, usize>,
    pub holidays: HolidayCalendar,
    /// Closures and extra days change while the server runs (staff set them); the database is
    /// the record, this is its copy for calendars, slot planning and the reschedule rule.
    exceptions: RwLock<HashMap<String, OfficeExceptions>>,
}

impl Catalog {
    pub fn new(
        offices: Vec<OfficeEntry>,
        holidays: HolidayCalendar,
        exceptions: HashMap<String, OfficeExceptions>,
    ) -> Self {
        let by_id = offices
            .iter()
            .enumerate()
            .map(|(i, e)| (e.office.id.clone(), i))
            .collect();
        Self {
            offices,
            by_id,
            holidays,
            exceptions: RwLock::new(exceptions),
        }
    }

    pub fn exceptions_of(&self, office_id: &str) -> OfficeExceptions {
        self.exceptions
            .read()
            .expect("exceptions lock")
            .get(office_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Records a closure (`Some(true)`), an extra day (`Some(false)`) or neither (`None`).
    pub fn set_exception(&self, office_id: &str, day: NaiveDate, closed: Option<bool>) {
        let mut all = self.exceptions.write().expect("exceptions lock");
        let e = all.entry(office_id.to_string()).or_default();
        e.closures.remove(&day);
        e.extra_days.remove(&day);
        match closed {
            Some(true) => e.closures.insert(day),
            Some(false) => e.extra_days.insert(day),
            None => false,
        };
    }

    pub fn get(&self, id: &str) -> Option<&OfficeEntry> {
        self.by_id.get(id).map(|i| &self.offices[*i])
    }

    pub fn all(&self) -> &[OfficeEntry] {
        &self.offices
    }

    /// The office's local calendar day at `now`.
    pub fn today_at(&self, entry: &OfficeEntry, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&entry.office.tz).date_naive()
    }

    /// Offices by distance from a point, nearest first.
    pub fn nearest(&self, lat: f64, lon: f64) -> Vec<(&OfficeEntry, f64)> {
        let mut list: Vec<_> = self
            .offices
            .iter()
            .map(|e| (e, distance_km(lat, lon, e.office.lat, e.office.lon)))
            .collect();
        list.sort_by(|a, b| a.1.total_cmp(&b.1));
        list
    }
}

pub fn summary(entry: &OfficeEntry, distance: Option<f64>) -> OfficeSummary {
    let o = &entry.office;
    OfficeSummary {
        id: o.id.clone(),
        name: o.name.clone(),
        class: o.class.clone(),
        city: o.city.clone(),
        province: o.province.clone(),
        time_zone: o.tz.name().to_string(),
        zone: o.zone(),
        lat: o.lat,
        lon: o.lon,
        coord_precision: o.coord_precision.clone(),
        services: ServicesView {
            regular: o.services.regular,
            same_day: o.services.same_day,
            electronic: o.services.electronic,
        },
        distance_km: distance.map(|d| (d * 10.0).round() / 10.0),
    }
}
