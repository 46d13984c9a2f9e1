//! What a producer's short product video must be to be accepted, and how far its transcode
//! has got. Pure rules; the ffmpeg runs are in `transcode.rs`.

/// Largest upload accepted: a phone's minute of 1080p is 100–150 MB.
pub const MAX_UPLOAD_BYTES: u64 = 200 * 1024 * 1024;
/// Longest video kept: a short product video, not a programme. Longer uploads are cut here.
pub const MAX_SECONDS: u32 = 180;

/// Why an upload is refused, in words a producer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UploadRefused {
    #[error("the file is empty")]
    Empty,
    #[error("the video is larger than 200 MB; trim it or record at a lower quality")]
    TooLarge,
    #[error("only MP4 and MOV videos can be uploaded")]
    NotMp4OrMov,
}

/// Checks an upload by its size and its first bytes: an ISO base media file (MP4, MOV, and
/// the phones' variants) starts with a `ftyp` box, whatever its name says.
pub fn check_upload(head: &[u8], size: u64) -> Result<(), UploadRefused> {
    if size == 0 {
        return Err(UploadRefused::Empty);
    }
    if size > MAX_UPLOAD_BYTES {
        return Err(UploadRefused::TooLarge);
    }
    match head.get(4..8) {
        Some(b"ftyp") => Ok(()),
        _ => Err(UploadRefused::NotMp4OrMov),
    }
}

/// How far a transcode has got, from ffmpeg's `-progress` lines: `out_time_us=…` against the
/// length of what is being made, as a percentage kept below 100 until ffmpeg says
/// `progress=end` (the last percent is the file being finished).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    length_us: u64,
    percent: u8,
}

impl Progress {
    pub fn new(length_seconds: f64) -> Progress {
        let length_us = (length_seconds.clamp(0.0, f64::from(MAX_SECONDS)) * 1e6) as u64;
        Progress {
            length_us: length_us.max(1),
            percent: 0,
        }
    }

    pub const fn percent(self) -> u8 {
        self.percent
    }

    /// Reads one line of ffmpeg's progress; answers the new percentage when it moved.
    pub fn read(&mut self, line: &str) -> Option<u8> {
        let (key, value) = line.trim().split_once('=')?;
        let percent = match key {
            "out_time_us" => {
                let done = value.parse::<u64>().ok()?;
                (done.saturating_mul(100) / self.length_us).min(99) as u8
            }
            "progress" if value == "end" => 100,
            _ => return None,
        };
        (percent > self.percent).then(|| {
            self.percent = percent;
            percent
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_mp4_and_mov_within_the_limit_are_accepted() {
        let mp4 = b"\0\0\0\x20ftypisom\0\0\x02\0";
        let mov = b"\0\0\0\x14ftypqt  \0\0\0\0";
        assert_eq!(check_upload(mp4, 1_000), Ok(()));
        assert_eq!(check_upload(mov, 1_000), Ok(()));
        assert_eq!(check_upload(mp4, 0), Err(UploadRefused::Empty));
        assert_eq!(
            check_upload(mp4, MAX_UPLOAD_BYTES + 1),
            Err(UploadRefused::TooLarge)
        );
        for other in [
            &b"RIFF\0\0\0\0AVI "[..],
            b"\x1a\x45\xdf\xa3",
            b"\xff\xd8\xff\xe0",
            b"",
        ] {
            assert_eq!(check_upload(other, 1_000), Err(UploadRefused::NotMp4OrMov));
        }
    }

    #[test]
    fn progress_climbs_to_99_and_reaches_100_only_at_the_end() {
        let mut progress = Progress::new(10.0);
        assert_eq!(progress.read("frame=12"), None);
        assert_eq!(progress.read("out_time_us=2500000"), Some(25));
        assert_eq!(progress.read("out_time_us=2500000"), None, "no news");
        assert_eq!(progress.read("out_time_us=N/A"), None);
        assert_eq!(
            progress.read("out_time_us=1000000"),
            None,
            "never backwards"
        );
        assert_eq!(progress.read("out_time_us=12000000"), Some(99));
        assert_eq!(progress.read("progress=continue"), None);
        assert_eq!(progress.read("progress=end\n"), Some(100));
        assert_eq!(progress.percent(), 100);
        assert_eq!(Progress::new(0.0).read("out_time_us=5"), Some(99));
    }
}
