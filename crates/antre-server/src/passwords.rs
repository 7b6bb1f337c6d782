//! Password hashing (Argon2id, OWASP's parameters: 19 MiB, 2 passes) on a small fixed pool of
//! worker threads, each reusing one memory buffer for every hash it computes.
//!
//! Why not `spawn_blocking`: each Argon2 hash needs 19 MiB. On tokio's blocking pool (up to
//! 512 threads) every thread that ever hashed keeps its 19 MiB with the allocator, so a burst of
//! sign-ups left the server at 1.1 GiB for good. Here at most `workers` hashes run at once,
//! the rest wait in a bounded queue, and memory stays at `workers × 19 MiB`.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::oneshot;

/// Hash requests waiting for a worker; a caller beyond this waits to hand its request over.
const QUEUE: usize = 256;

enum Job {
    Hash(String, oneshot::Sender<Result<String, HashError>>),
    Verify(String, String, oneshot::Sender<bool>),
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("the password workers have stopped")]
    Stopped,
}

pub struct Passwords {
    queue: std::sync::mpsc::SyncSender<Job>,
    /// A hash of a random password, verified against when an email is unknown so that
    /// sign-in takes the same time either way.
    dummy_hash: String,
}

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

impl Passwords {
    pub fn new(workers: usize) -> Result<Passwords, HashError> {
        let (queue, jobs) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let jobs = std::sync::Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..workers.max(1) {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    let mut memory = vec![Block::default(); Params::default().block_count()];
                    loop {
                        let job = match jobs.lock() {
                            Ok(jobs) => jobs.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(Job::Hash(password, answer)) => {
                                let _ = answer.send(hash_with(&mut memory, &password));
                            }
                            Ok(Job::Verify(password, hash, answer)) => {
                                let _ = answer.send(verify_with(&mut memory, &password, &hash));
                            }
                            Err(_) => return, // every sender dropped: the server stopped
                        }
                    }
                })
                .map_err(|e| HashError::Argon2(e.to_string()))?;
        }
        let dummy_hash = hash_password(&uuid::Uuid::new_v4().to_string())?;
        Ok(Passwords { queue, dummy_hash })
    }

    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let (answer, answered) = oneshot::channel();
        self.submit(Job::Hash(password.to_string(), answer)).await?;
        answered.await.map_err(|_| HashError::Stopped)?
    }

    /// Checks `password` against `hash`; with no hash (unknown account), against a dummy one,
    /// so both take the same time, and answers false.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, HashError> {
        let (answer, answered) = oneshot::channel();
        let against = hash.unwrap_or(&self.dummy_hash).to_string();
        self.submit(Job::Verify(password.to_string(), against, answer))
            .await?;
        let ok = answered.await.map_err(|_| HashError::Stopped)?;
        Ok(ok && hash.is_some())
    }

    /// Hands a job to the workers without blocking the async thread while the queue is full.
    async fn submit(&self, job: Job) -> Result<(), HashError> {
        let mut job = job;
        loop {
            match self.queue.try_send(job) {
                Ok(()) => return Ok(()),
                Err(std::sync::mpsc::TrySendError::Full(back)) => {
                    job = back;
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
                Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
                    return Err(HashError::Stopped)
                }
            }
        }
    }
}

fn hash_with(memory: &mut [Block], password: &str) -> Result<String, HashError> {
    let err = |e: &dyn std::fmt::Display| HashError::Argon2(e.to_string());
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(|e| err(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2()
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, &mut *memory)
        .map_err(|e| err(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&Params::default()).map_err(|e| err(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| err(&e))?),
    };
    Ok(hash.to_string())
}

fn verify_with(memory: &mut [Block], password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Ok(params), Some(salt), Some(expected)) =
        (Params::try_from(&parsed), parsed.salt, parsed.hash)
    else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = parsed
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let hasher = Argon2::new(algorithm, version, params.clone());
    let computed = if params.block_count() <= memory.len() {
        hasher.hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            &mut memory[..params.block_count()],
        )
    } else {
        // A hash made with more memory than ours (older parameters): a one-off buffer.
        hasher.hash_password_into(password.as_bytes(), salt_bytes, &mut out)
    };
    // `Output` compares in constant time.
    computed.is_ok() && Output::new(&out).is_ok_and(|o| o == expected)
}

/// One hash outside the pool, for operator commands and tests.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let mut memory = vec![Block::default(); Params::default().block_count()];
    hash_with(&mut memory, password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn pool_hashes_verify_and_match_the_standard_format() {
        let pool = Passwords::new(2).unwrap();
        let hash = pool.hash("Passpor2026!").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(pool.verify("Passpor2026!", Some(&hash)).await.unwrap());
        assert!(!pool.verify("passpor2026!", Some(&hash)).await.unwrap());
        assert!(!pool.verify("Passpor2026!", None).await.unwrap());
        // Hashes made by the argon2 crate's own API (earlier accounts) still verify, and ours
        // verify with it: the format is the standard PHC string.
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let theirs = argon2()
            .hash_password(b"Lama-Sekali-1", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(pool.verify("Lama-Sekali-1", Some(&theirs)).await.unwrap());
        assert!(argon2()
            .verify_password(b"Passpor2026!", &PasswordHash::new(&hash).unwrap())
            .is_ok());
    }
}
