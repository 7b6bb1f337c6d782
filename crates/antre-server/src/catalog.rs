//! Offices with their parsed rules and the national holidays, held in memory: they change only
//! with `data/` (at start), and every search needs them, so nothing on the hot path reads them
//! from the database. What staff change at run time (closures, extra days) is not here: it is
//! in the database, where every instance sees it at once.

use antre_api::offices::{OfficeSummary, ServicesView};
use antre_domain::calendar::{HolidayCalendar, Session};
use antre_domain::office::{distance_km, map_url, Office};
use antre_domain::quota::DailyQuota;
use antre_domain::release::ReleasePolicy;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

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
    /// Names of the holidays (Indonesian, English), shown on closed days.
    holiday_names: HashMap<NaiveDate, (String, String)>,
}

impl Catalog {
    pub fn new(
        offices: Vec<OfficeEntry>,
        holiday_names: HashMap<NaiveDate, (String, String)>,
    ) -> Self {
        let by_id = offices
            .iter()
            .enumerate()
            .map(|(i, e)| (e.office.id.clone(), i))
            .collect();
        Self {
            offices,
            by_id,
            holidays: HolidayCalendar::new(holiday_names.keys().copied()),
            holiday_names,
        }
    }

    /// The holiday's name on `day`, in Indonesian or English.
    pub fn holiday_name(&self, day: NaiveDate, english: bool) -> Option<&str> {
        self.holiday_names
            .get(&day)
            .map(|(id, en)| if english { en.as_str() } else { id.as_str() })
    }

    /// The last day the holiday data covers (31 December of its last year): days after it are
    /// not opened for booking, since a holiday there could not be known.
    pub fn holiday_data_end(&self) -> Option<NaiveDate> {
        self.holiday_names
            .keys()
            .max()
            .and_then(|d| NaiveDate::from_ymd_opt(chrono::Datelike::year(d), 12, 31))
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
        // Reference data only has offices in the 38 provinces (checked when it is loaded).
        island: o.island(),
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
        address: o.address.clone(),
        opening_hours: o.opening_hours.clone(),
        phone: o.phone.clone(),
        map_url: map_url(o.lat, o.lon, o.located_exactly()),
    }
}
