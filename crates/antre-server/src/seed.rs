//! Loads the reference data (`reference`) into the database at every start (upsert) and reads
//! the catalog back from what the database holds.

use crate::catalog::Catalog;
use crate::reference;
use crate::store::{offices as office_store, Db};

/// Writes the reference data and returns the catalog built from what the database now holds.
pub async fn load(db: &Db) -> anyhow::Result<Catalog> {
    let holiday_rows = reference::holidays()?;
    office_store::upsert_holidays(db, holiday_rows).await?;
    office_store::upsert_offices(db, reference::offices()?).await?;
    office_store::load_catalog(db).await
}
