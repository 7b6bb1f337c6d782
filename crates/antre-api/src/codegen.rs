//! TypeScript written from Rust constants (the zone table here; the app's error codes in
//! `antre-app-core`), beside ts-rs's types in `ui/src/generated/`. Each file is written by a
//! test that fails when the checked-in copy was stale, so a change to the Rust side that was
//! not carried to the UI fails `cargo test` (and xtask's `git diff` step after it).

use std::path::{Path, PathBuf};

/// `ui/src/generated/` of this repository.
pub fn generated_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/generated")
}

/// Writes `contents` to `path` when it differs; then `Err` names the file, so the test that
/// called it fails once (run it again and it passes, with the new file to commit).
pub fn ensure_file_contents(path: &Path, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    Err(format!(
        "{} was stale and has been rewritten from Rust; check it and commit it",
        path.display()
    ))
}

/// A TypeScript string literal of a Rust string (the names here are plain ASCII).
pub fn ts_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// `ui/src/generated/zones.ts`: [`antre_domain::office::ZONE_NAMES`] with each zone's offset.
pub fn zones_ts() -> String {
    use antre_domain::office::ZONE_NAMES;
    let mut out = String::from(
        "// Written by `cargo test -p antre-api` from antre_domain::office::ZONE_NAMES. Do not edit.\n\
         import type { Zone } from \"./Zone\";\n\n\
         /** Indonesia's IANA zone names, each with its zone's label and its offset from UTC in\n \
         * hours (the same the whole year: no daylight saving time). */\n\
         export const ZONES: Readonly<Record<string, { label: Zone; utcOffsetHours: number }>> = {\n",
    );
    for (name, zone) in ZONE_NAMES {
        out.push_str(&format!(
            "  {}: {{ label: {}, utcOffsetHours: {} }},\n",
            ts_string(name),
            ts_string(zone.label()),
            zone.utc_offset_hours()
        ));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_ts_is_up_to_date() {
        ensure_file_contents(&generated_dir().join("zones.ts"), &zones_ts()).unwrap();
    }
}
