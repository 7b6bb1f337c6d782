//! Small JSON files in the app's data folder, written atomically (temp file, fsync, rename, fsync
//! of the folder) so that a crash or power cut leaves either the old or the new content, never
//! half of one, and a write that returned is on the disk.

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
        let bytes = serde_json::to_vec_pretty(value).map_err(AppError::storage)?;
        write_atomically(&self.path, &bytes)
    }

    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Replaces `path` with `bytes`: written to a temporary file beside it, flushed to the disk,
/// renamed over the old file, and the folder flushed, so that once this returns the new content
/// survives a crash or a power cut, and before it returns the old content is intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(AppError::storage)?;
    let tmp = path.with_extension("tmp");
    let mut file = std::fs::File::create(&tmp).map_err(AppError::storage)?;
    file.write_all(bytes).map_err(AppError::storage)?;
    file.sync_all().map_err(AppError::storage)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(AppError::storage)?;
    // The rename itself is durable only once the folder is (POSIX); Windows has no folder handle.
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(AppError::storage)?;
    Ok(())
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
