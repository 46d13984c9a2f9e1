//! Finds the programs live video runs on: nginx with Debian's RTMP module, and ffmpeg. When one
//! is missing the error says which, and the one apt-get line that installs them all.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// What installs everything video needs on Debian.
pub const INSTALL_COMMAND: &str = "apt-get install nginx-light libnginx-mod-rtmp ffmpeg";

/// Where Debian's `libnginx-mod-rtmp` puts the module.
pub const RTMP_MODULE: &str = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

/// Folders searched besides `PATH`: nginx lives in /usr/sbin, which is not on a normal user's
/// `PATH` on Debian.
const SYSTEM_DIRS: [&str; 4] = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/// The programs and module video runs on.
#[derive(Clone, Debug)]
pub struct Tools {
    pub nginx: PathBuf,
    pub rtmp_module: PathBuf,
    pub ffmpeg: PathBuf,
}

/// What is missing, by the name a reader recognises.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("live video needs nginx with its RTMP module and ffmpeg; missing here: {}. Install them with: {INSTALL_COMMAND}", .missing.join(", "))]
pub struct ProbeError {
    pub missing: Vec<&'static str>,
}

/// Looks for nginx, the RTMP module and ffmpeg on this machine.
pub fn probe() -> Result<Tools, ProbeError> {
    let nginx = find_program("nginx");
    let rtmp_module = Some(PathBuf::from(RTMP_MODULE)).filter(|p| p.is_file());
    let ffmpeg = find_program("ffmpeg");
    match (nginx, rtmp_module, ffmpeg) {
        (Some(nginx), Some(rtmp_module), Some(ffmpeg)) => Ok(Tools {
            nginx,
            rtmp_module,
            ffmpeg,
        }),
        (nginx, module, ffmpeg) => {
            let missing = [
                (nginx.is_none(), "nginx (nginx-light)"),
                (
                    module.is_none(),
                    "the nginx RTMP module (libnginx-mod-rtmp)",
                ),
                (ffmpeg.is_none(), "ffmpeg"),
            ];
            Err(ProbeError {
                missing: missing
                    .into_iter()
                    .filter_map(|(absent, name)| absent.then_some(name))
                    .collect(),
            })
        }
    }
}

/// The first executable file called `name` on `PATH` or in the system folders.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(SYSTEM_DIRS.iter().map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_what_is_missing_and_the_apt_line() {
        let error = ProbeError {
            missing: vec!["nginx (nginx-light)", "ffmpeg"],
        };
        let message = error.to_string();
        assert!(message.contains("missing here: nginx (nginx-light), ffmpeg."));
        assert!(message.contains("apt-get install nginx-light libnginx-mod-rtmp ffmpeg"));
    }

    #[test]
    fn programs_are_found_on_the_path_and_junk_is_not() {
        assert!(find_program("sh").is_some());
        assert!(find_program("no-such-program-farmgate").is_none());
    }
}
