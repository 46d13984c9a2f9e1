//! Where video lives in the data folder: `DATA/video/{nginx.conf, hls/<stream>/, recordings/,
//! replays/<stream>/}`. Streams are named by their live session id, never by a stream key.

use std::path::{Path, PathBuf};

/// Longest stream name accepted (a UUID is 36).
const MAX_STREAM_NAME: usize = 64;

/// The video folder of a data folder.
#[derive(Clone, Debug)]
pub struct VideoDir {
    root: PathBuf,
}

impl VideoDir {
    /// `DATA/video`.
    pub fn in_data_folder(data: &Path) -> VideoDir {
        VideoDir {
            root: data.join("video"),
        }
    }

    /// A video folder at `root`.
    pub fn at(root: PathBuf) -> VideoDir {
        VideoDir { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn nginx_conf(&self) -> PathBuf {
        self.root.join("nginx.conf")
    }

    pub fn pid_file(&self) -> PathBuf {
        self.root.join("nginx.pid")
    }

    /// Where nginx writes each stream's live playlist and segments, one folder per stream.
    pub fn hls(&self) -> PathBuf {
        self.root.join("hls")
    }

    /// Where nginx records each stream whole, as `<stream>.flv`.
    pub fn recordings(&self) -> PathBuf {
        self.root.join("recordings")
    }

    /// Where replays are made, one folder per stream.
    pub fn replays(&self) -> PathBuf {
        self.root.join("replays")
    }

    /// nginx's recording of a stream.
    pub fn recording(&self, stream: &str) -> Option<PathBuf> {
        is_stream_name(stream).then(|| self.recordings().join(format!("{stream}.flv")))
    }

    /// A stream's replay folder.
    pub fn replay(&self, stream: &str) -> Option<PathBuf> {
        is_stream_name(stream).then(|| self.replays().join(stream))
    }

    /// A file of a stream's live HLS (`index.m3u8` or a segment); `None` for anything that is
    /// not such a name, so a request can never reach outside the folder.
    pub fn live_file(&self, stream: &str, file: &str) -> Option<PathBuf> {
        self.served_file(&self.hls(), stream, file)
    }

    /// A file of a stream's replay, as `live_file`.
    pub fn replay_file(&self, stream: &str, file: &str) -> Option<PathBuf> {
        self.served_file(&self.replays(), stream, file)
    }

    /// Creates the folders nginx writes into.
    pub fn create(&self) -> std::io::Result<()> {
        for dir in [self.hls(), self.recordings(), self.replays()] {
            std::fs::create_dir_all(dir)?;
        }
        Ok(())
    }

    fn served_file(&self, base: &Path, stream: &str, file: &str) -> Option<PathBuf> {
        (is_stream_name(stream) && HlsFile::of(file).is_some())
            .then(|| base.join(stream).join(file))
    }
}

/// A file of an HLS folder, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HlsFile {
    Playlist,
    Segment,
}

impl HlsFile {
    /// `index.m3u8`, or `<letters, digits, - and _>.ts`; nothing else.
    pub fn of(name: &str) -> Option<HlsFile> {
        if name == "index.m3u8" {
            return Some(HlsFile::Playlist);
        }
        name.strip_suffix(".ts")
            .filter(|stem| is_stream_name(stem))
            .map(|_| HlsFile::Segment)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            HlsFile::Playlist => "application/vnd.apple.mpegurl",
            HlsFile::Segment => "video/mp2t",
        }
    }
}

/// Names nginx may use for a stream and its files: ASCII letters, digits, `-` and `_`, so
/// they are safe as one path component and in a URL.
pub fn is_stream_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_STREAM_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_reach_files() {
        let dir = VideoDir::in_data_folder(Path::new("/data"));
        let id = "0190f1a2-7b3c-7d4e-8f00-112233445566";
        assert_eq!(
            dir.live_file(id, "index.m3u8"),
            Some(PathBuf::from(format!("/data/video/hls/{id}/index.m3u8")))
        );
        assert_eq!(
            dir.replay_file(id, "1700000000000-0003.ts"),
            Some(PathBuf::from(format!(
                "/data/video/replays/{id}/1700000000000-0003.ts"
            )))
        );
        for (stream, file) in [
            ("..", "index.m3u8"),
            (id, "../index.m3u8"),
            (id, "..%2Findex.m3u8"),
            ("a/b", "index.m3u8"),
            (id, "index.m3u8/"),
            (id, ".ts"),
            (id, "x.mp4"),
            (id, "nginx.conf"),
            ("", "index.m3u8"),
            (&"a".repeat(65), "index.m3u8"),
        ] {
            assert_eq!(dir.live_file(stream, file), None, "{stream} {file}");
        }
        assert_eq!(dir.recording("../x"), None);
    }

    #[test]
    fn files_have_their_hls_content_types() {
        assert_eq!(
            HlsFile::of("index.m3u8").map(HlsFile::content_type),
            Some("application/vnd.apple.mpegurl")
        );
        assert_eq!(
            HlsFile::of("12.ts").map(HlsFile::content_type),
            Some("video/mp2t")
        );
    }
}
