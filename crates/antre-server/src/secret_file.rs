//! A secret a server makes for itself (the proof signing key, the draw secret): a file holding
//! 32 random bytes (base64url, one line, as the matching environment variable takes them),
//! readable by its owner only. Made on first start and reused afterwards. A file that others may
//! read, or that holds no key, stops the server, as ssh refuses such a private key: a leaked key
//! signs proofs for anyone (or tells a draw's order before it happens), and a new one in place
//! of a damaged one would hide the damage.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// 32 secret bytes.
pub type Secret = [u8; 32];

#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("secret file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("secret file {} may be read by others (mode {mode:04o}); make it readable by its owner only: chmod 600 {}", .path.display(), .path.display())]
    NotPrivate { path: PathBuf, mode: u32 },
    #[error("secret file {} holds no key: expected 32 bytes, base64url, on one line (as `antre-server generate-secret` prints)", .path.display())]
    Malformed { path: PathBuf },
}

/// A secret as the environment and the files hold it: base64url, no padding.
pub fn encode(secret: &Secret) -> String {
    B64.encode(secret)
}

/// The secret in `text` (surrounding whitespace ignored), if it is 32 bytes of base64url.
pub fn parse(text: &str) -> Option<Secret> {
    B64.decode(text.trim()).ok()?.try_into().ok()
}

/// A fresh random secret.
pub fn generate() -> Secret {
    use rand::RngCore;
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

/// The secret in the file at `path`, made first (and its directory) if there is no file.
pub fn load_or_create(path: &Path) -> Result<Secret, KeyFileError> {
    match read(path) {
        Err(KeyFileError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            create(path)
        }
        found => found,
    }
}

fn read(path: &Path) -> Result<Secret, KeyFileError> {
    let io = |source| KeyFileError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = File::open(path).map_err(io)?;
    check_private(path, &file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io)?;
    std::str::from_utf8(&bytes)
        .ok()
        .and_then(parse)
        .ok_or_else(|| KeyFileError::Malformed {
            path: path.to_owned(),
        })
}

fn create(path: &Path) -> Result<Secret, KeyFileError> {
    let io = |source| KeyFileError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir().create(dir).map_err(io)?;
    }
    let key = generate();
    // Written whole under a name of its own, then linked into place, which fails if a file is
    // there: a crash never leaves half a key behind, and of two instances starting at once on
    // one machine neither reads a half-written key nor replaces the other's.
    let temp = path.with_extension(format!("new-{}", uuid::Uuid::new_v4().simple()));
    let linked = write_private(&temp, &key).and_then(|()| std::fs::hard_link(&temp, path));
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => {
            tracing::info!(path = %path.display(), "made a new secret file");
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(path),
        Err(e) => Err(io(e)),
    }
}

/// Creates the file with owner-only permissions from the start: it is never readable by others,
/// not even between its creation and a `chmod`.
fn write_private(path: &Path, key: &Secret) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(format!("{}\n", encode(key)).as_bytes())?;
    file.sync_all()
}

fn private_dir() -> std::fs::DirBuilder {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
}

#[cfg(unix)]
fn check_private(path: &Path, metadata: &std::fs::Metadata) -> Result<(), KeyFileError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(KeyFileError::NotPrivate {
            path: path.to_owned(),
            mode,
        });
    }
    Ok(())
}

/// Elsewhere the file is as private as the user's data directory it sits in.
#[cfg(not(unix))]
fn check_private(_: &Path, _: &std::fs::Metadata) -> Result<(), KeyFileError> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn made_owner_only_on_first_load_and_reused_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("antre").join("proof-signing-key");
        let made = load_or_create(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let again = load_or_create(&path).unwrap();
        assert_eq!(again, made);
        let files: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(files, ["proof-signing-key"], "no temporary file left");
    }

    #[test]
    fn reads_a_secret_as_generate_secret_prints_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, format!("{}\n", encode(&[7; 32]))).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(load_or_create(&path).unwrap(), [7; 32]);
    }

    #[test]
    fn refused_when_others_may_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("proof-signing-key");
        load_or_create(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let refused = load_or_create(&path).unwrap_err();
        assert!(
            matches!(refused, KeyFileError::NotPrivate { mode: 0o644, .. }),
            "{refused:?}"
        );
        assert!(refused.to_string().contains("chmod 600"), "{refused}");
        assert_eq!(mode(&path), 0o644, "left as it was, not repaired");
    }

    #[test]
    fn refused_when_it_holds_no_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("proof-signing-key");
        for content in ["", "not a key\n", "AAAA\n"] {
            std::fs::write(&path, content).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            let refused = load_or_create(&path).unwrap_err();
            assert!(
                matches!(refused, KeyFileError::Malformed { .. }),
                "{content:?}: {refused:?}"
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), content, "kept");
        }
    }
}
