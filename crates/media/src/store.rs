//! Where photos live: `<data>/photos/<shard>/<id>/<rendition>.jpg`. Each file is written to a
//! temporary name, synced and renamed, so a reader never sees half a JPEG even after a crash.
//! Ids must be canonical UUID text, which also keeps every path inside the root.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{ProcessedPhoto, Rendition};

/// The photo folder of one Farmgate data directory.
#[derive(Debug, Clone)]
pub struct PhotoStore {
    root: PathBuf,
}

/// Makes temporary names unique between threads of this process; the pid separates processes.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl PhotoStore {
    /// A store under `root` (normally `<data dir>/photos`); folders are made on first save.
    pub fn new(root: PathBuf) -> Self {
        PhotoStore { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where a rendition of photo `id` is (or would be) stored; `None` for an id that is not
    /// canonical lowercase UUID text, so a request can never name a path outside the store.
    pub fn path(&self, id: &str, rendition: Rendition) -> Option<PathBuf> {
        self.photo_dir(id)
            .map(|dir| dir.join(rendition.file_name()))
    }

    /// Writes every rendition of `photo` under `id`, replacing any earlier files. Each file is
    /// replaced atomically; photo ids are never reused, so readers see old or new, never a mix.
    pub fn save(&self, id: &str, photo: &ProcessedPhoto) -> io::Result<()> {
        let dir = self.photo_dir(id).ok_or_else(|| invalid_id(id))?;
        fs::create_dir_all(&dir)?;
        for (rendition, bytes) in &photo.renditions {
            write_atomically(&dir, rendition.file_name(), bytes)?;
        }
        sync_dir(&dir)?;
        if let Some(shard) = dir.parent() {
            sync_dir(shard)?;
        }
        Ok(())
    }

    /// Deletes every rendition of `id`. Removing a photo that is not there is not an error, so
    /// a retried delete succeeds.
    pub fn remove(&self, id: &str) -> io::Result<()> {
        let dir = self.photo_dir(id).ok_or_else(|| invalid_id(id))?;
        match fs::remove_dir_all(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        }
        // Tidy the shard folder when it is empty; another photo may have arrived meanwhile,
        // and then it stays.
        if let Some(shard) = dir.parent() {
            let _ = fs::remove_dir(shard);
        }
        Ok(())
    }

    fn photo_dir(&self, id: &str) -> Option<PathBuf> {
        if !is_canonical_uuid(id) {
            return None;
        }
        Some(self.root.join(shard(id)?).join(id))
    }
}

/// The two-character folder that spreads photos out. UUIDv7 ids begin with a millisecond
/// timestamp whose first characters stay the same for decades, so the shard is taken from the
/// random end of the id instead.
fn shard(id: &str) -> Option<&str> {
    id.get(id.len().checked_sub(2)?..)
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase hex: what `uuid` prints. Uppercase is
/// refused so that one photo cannot have two folders on a case-insensitive disk.
fn is_canonical_uuid(id: &str) -> bool {
    id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

fn invalid_id(id: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("photo id {id:?} is not a canonical UUID"),
    )
}

/// Write, fsync, rename: the name only ever points at a complete file.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, dir.join(name))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Makes the renames themselves durable. Directories cannot be opened for syncing on every
/// platform; where they cannot, the rename is still atomic, just not yet durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Ok(()) => Ok(()),
        Err(e) if cfg!(windows) || e.kind() == io::ErrorKind::PermissionDenied => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01936f8e-7b2a-7c3d-9e4f-a1b2c3d4e5f6";

    fn photo(marker: u8) -> ProcessedPhoto {
        ProcessedPhoto {
            width: 1000,
            height: 800,
            renditions: Rendition::ALL
                .into_iter()
                .map(|r| (r, vec![marker; r.longest_side() as usize]))
                .collect(),
        }
    }

    #[test]
    fn renditions_are_saved_under_a_sharded_folder() {
        let temp = tempfile::tempdir().unwrap();
        let store = PhotoStore::new(temp.path().join("photos"));
        store.save(ID, &photo(7)).unwrap();
        for r in Rendition::ALL {
            let path = store.path(ID, r).unwrap();
            assert_eq!(
                path,
                temp.path().join("photos/f6").join(ID).join(r.file_name())
            );
            assert_eq!(fs::read(&path).unwrap(), vec![7; r.longest_side() as usize]);
        }
        let names: Vec<_> = fs::read_dir(temp.path().join("photos/f6").join(ID))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 3, "no temporary files left behind: {names:?}");
    }

    #[test]
    fn saving_again_replaces_the_files() {
        let temp = tempfile::tempdir().unwrap();
        let store = PhotoStore::new(temp.path().to_path_buf());
        store.save(ID, &photo(1)).unwrap();
        store.save(ID, &photo(2)).unwrap();
        let card = fs::read(store.path(ID, Rendition::Card).unwrap()).unwrap();
        assert_eq!(card, vec![2; 640]);
    }

    #[test]
    fn remove_deletes_the_photo_and_is_idempotent() {
        let temp = tempfile::tempdir().unwrap();
        let store = PhotoStore::new(temp.path().to_path_buf());
        store.save(ID, &photo(1)).unwrap();
        store.remove(ID).unwrap();
        assert!(!store.path(ID, Rendition::Thumb).unwrap().exists());
        assert!(!temp.path().join("f6").exists(), "empty shard tidied");
        store.remove(ID).unwrap();
    }

    #[test]
    fn ids_that_are_not_canonical_uuids_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let store = PhotoStore::new(temp.path().to_path_buf());
        let refused = [
            "",
            "../../../../etc/passwd",
            "01936f8e-7b2a-7c3d-9e4f-a1b2c3d4e5f",
            "01936f8e-7b2a-7c3d-9e4f-a1b2c3d4e5f6a",
            "01936F8E-7B2A-7C3D-9E4F-A1B2C3D4E5F6",
            "01936f8e_7b2a-7c3d-9e4f-a1b2c3d4e5f6",
            "01936f8e-7b2a-7c3d-9e4f-a1b2c3d4e5/.",
            "..936f8e-7b2a-7c3d-9e4f-a1b2c3d4e5f6",
            "01936f8e-7b2a-7c3d-9e4f-a1b2c3d4é5f",
            "01936f8e-7b2a-7c3d-9e4f-a1b2c3d4e5\0f",
        ];
        for id in refused {
            assert_eq!(store.path(id, Rendition::Card), None, "{id:?}");
            let err = store.save(id, &photo(1)).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
            assert_eq!(
                store.remove(id).unwrap_err().kind(),
                io::ErrorKind::InvalidInput
            );
        }
        assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 0);
    }
}
