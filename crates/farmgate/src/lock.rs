//! One `serve` per data folder, and no restore under a running server: `serve` holds an
//! exclusive lock on `DIR/farmgate.lock` for as long as it runs, and `restore` must get it first.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use anyhow::{bail, Context};

/// Takes the data folder's lock; the lock lasts as long as the returned file stays open.
pub fn lock_data_folder(data: &Path, purpose: &str) -> anyhow::Result<File> {
    std::fs::create_dir_all(data)
        .with_context(|| format!("could not create the data folder {}", data.display()))?;
    let path = data.join("farmgate.lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("could not open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => bail!(
            "a Farmgate server is running on {}; stop it before you {purpose}",
            data.display()
        ),
        Err(TryLockError::Error(error)) => {
            Err(error).with_context(|| format!("could not lock {}", path.display()))
        }
    }
}
