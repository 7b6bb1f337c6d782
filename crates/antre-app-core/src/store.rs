//! Small JSON files in the app's data folder, written atomically (temp file, then rename) so that
//! a crash or power cut leaves either the old or the new content, never half of one.

use crate::error::AppError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct JsonFile {
    path: PathBuf,
}

impl JsonFile {
    pub fn new(dir: &Path, name: &str) -> Self {
        Self {
            path: dir.join(name),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored value, or `None` when there is none yet or it cannot be read (a corrupt cache
    /// is discarded rather than blocking the app).
    pub fn load<T: DeserializeOwned>(&self) -> Option<T> {
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn save<T: Serialize>(&self, value: &T) -> Result<(), AppError> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(AppError::storage)?;
        }
        let tmp = self.path.with_extension("tmp");
        let bytes = serde_json::to_vec_pretty(value).map_err(AppError::storage)?;
        std::fs::write(&tmp, bytes).map_err(AppError::storage)?;
        std::fs::rename(&tmp, &self.path).map_err(AppError::storage)
    }

    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_survives_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let f = JsonFile::new(dir.path(), "x.json");
        assert_eq!(f.load::<Vec<u32>>(), None);
        f.save(&vec![1u32, 2]).unwrap();
        assert_eq!(f.load::<Vec<u32>>(), Some(vec![1, 2]));
        std::fs::write(f.path(), b"{not json").unwrap();
        assert_eq!(f.load::<Vec<u32>>(), None);
        f.remove();
        assert!(!f.path().exists());
    }
}
