//! Runs nginx as Farmgate's child: writes its configuration, stops one a killed Farmgate left
//! behind, starts it and waits until it takes RTMP connections, restarts it with backoff when
//! it dies, logs what it says through tracing, and stops it when Farmgate stops (or, failing
//! that, when the child handle is dropped).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStderr, Command};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::{io, VideoError};
use crate::layout::VideoDir;
use crate::nginx_conf::NginxConfig;
use crate::probe::{find_program, Tools};

/// How long nginx has to take connections after it starts.
const READY_WITHIN: Duration = Duration::from_secs(10);
/// How long a stopping nginx has before it is killed.
const STOP_WITHIN: Duration = Duration::from_secs(5);
/// Restart delays: doubling from the first to the last.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const LAST_BACKOFF: Duration = Duration::from_secs(30);
/// A run this long counts as healthy: the next failure starts the backoff over.
const HEALTHY_RUN: Duration = Duration::from_secs(60);
/// Lines of nginx's output kept to explain a failed start.
const TAIL_LINES: usize = 20;

/// A running, supervised nginx.
pub struct Supervisor {
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Supervisor {
    /// Writes `DATA/video/nginx.conf`, starts nginx on it and returns once it takes RTMP
    /// connections.
    pub async fn start(
        tools: Tools,
        dir: &VideoDir,
        config: &NginxConfig,
    ) -> Result<Supervisor, VideoError> {
        let root = std::path::absolute(dir.root())
            .map_err(io(format!("could not resolve {}", dir.root().display())))?;
        let dir = VideoDir::at(root);
        dir.create()
            .map_err(io(format!("could not create {}", dir.root().display())))?;
        std::fs::write(dir.nginx_conf(), config.render(&dir, &tools)).map_err(io(format!(
            "could not write {}",
            dir.nginx_conf().display()
        )))?;
        stop_stale(&dir).await;
        ensure_port_free(config.rtmp)?;
        let nginx = Nginx::spawn(&tools, &dir)?;
        let nginx = nginx.ready(config.rtmp_local()).await?;
        tracing::info!(rtmp = %config.rtmp, "nginx is taking RTMP pushes");
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(supervise(nginx, tools, dir, stopped));
        Ok(Supervisor {
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Stops nginx and waits until it has exited.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Keeps nginx running until told to stop.
async fn supervise(first: Nginx, tools: Tools, dir: VideoDir, mut stopped: oneshot::Receiver<()>) {
    let mut running = Some(first);
    let mut backoff = FIRST_BACKOFF;
    loop {
        if let Some(mut nginx) = running.take() {
            tokio::select! {
                status = nginx.child.wait() => {
                    tracing::error!(status = %describe(status), "nginx stopped");
                    if nginx.started.elapsed() >= HEALTHY_RUN {
                        backoff = FIRST_BACKOFF;
                    }
                }
                _ = &mut stopped => {
                    nginx.stop().await;
                    return;
                }
            }
        }
        tracing::warn!(after_s = backoff.as_secs(), "restarting nginx");
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = &mut stopped => return,
        }
        backoff = (backoff * 2).min(LAST_BACKOFF);
        match Nginx::spawn(&tools, &dir) {
            Ok(nginx) => running = Some(nginx),
            Err(error) => tracing::error!(%error, "could not restart nginx"),
        }
    }
}

/// One nginx process and the task logging its output.
struct Nginx {
    child: Child,
    started: Instant,
    tail: Arc<Mutex<VecDeque<String>>>,
    logger: JoinHandle<()>,
}

impl Nginx {
    fn spawn(tools: &Tools, dir: &VideoDir) -> Result<Nginx, VideoError> {
        let mut child = nginx_command(tools)
            .arg("-p")
            .arg(dir.root())
            .arg("-c")
            .arg(dir.nginx_conf())
            // Errors before the configuration is read go to stderr too, not to /var/log.
            .args(["-e", "stderr"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(io(format!("could not start {}", tools.nginx.display())))?;
        let tail = Arc::new(Mutex::new(VecDeque::new()));
        let logger = match child.stderr.take() {
            Some(stderr) => tokio::spawn(log_lines(stderr, tail.clone())),
            None => tokio::spawn(async {}),
        };
        Ok(Nginx {
            child,
            started: Instant::now(),
            tail,
            logger,
        })
    }

    /// Waits until nginx takes connections on `rtmp`; fails with its last words if it exits.
    async fn ready(mut self, rtmp: SocketAddr) -> Result<Nginx, VideoError> {
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            let exited = self.child.try_wait().map_err(io("could not watch nginx"))?;
            if let Some(status) = exited {
                let _ = tokio::time::timeout(Duration::from_secs(1), &mut self.logger).await;
                return Err(VideoError::NginxFailed {
                    status: status.to_string(),
                    stderr: self.last_words(),
                });
            }
            if tokio::net::TcpStream::connect(rtmp).await.is_ok() {
                return Ok(self);
            }
            if Instant::now() >= deadline {
                return Err(VideoError::NginxNotReady {
                    addr: rtmp,
                    seconds: READY_WITHIN.as_secs(),
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Asks nginx to quit; kills it if it has not within `STOP_WITHIN`.
    async fn stop(mut self) {
        if let Some(pid) = self.child.id().and_then(|id| i32::try_from(id).ok()) {
            let _ = kill(Pid::from_raw(pid), Signal::SIGQUIT);
        }
        if tokio::time::timeout(STOP_WITHIN, self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
        tracing::info!("nginx stopped");
    }

    fn last_words(&self) -> String {
        self.tail
            .lock()
            .map(|tail| tail.iter().cloned().collect::<Vec<_>>().join("\n"))
            .unwrap_or_default()
    }
}

/// nginx, told to stop when Farmgate dies (even of SIGKILL, which leaves no time to stop it)
/// by util-linux's `setpriv`, which execs it with a parent-death signal; plain where there is
/// no `setpriv`, and then the next start stops the one left behind.
fn nginx_command(tools: &Tools) -> Command {
    match find_program("setpriv") {
        Some(setpriv) => {
            let mut command = Command::new(setpriv);
            command
                .args(["--pdeathsig", "TERM", "--"])
                .arg(&tools.nginx);
            command
        }
        None => Command::new(&tools.nginx),
    }
}

/// Logs each line nginx writes at the level nginx gave it, keeping the last few.
async fn log_lines(stderr: ChildStderr, tail: Arc<Mutex<VecDeque<String>>>) {
    let mut lines = BufReader::new(stderr).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        log_line(&line);
        if let Ok(mut tail) = tail.lock() {
            if tail.len() == TAIL_LINES {
                tail.pop_front();
            }
            tail.push_back(line);
        }
    }
}

/// nginx writes `2026/11/23 00:06:18 [notice] 29564#29564: message`.
fn log_line(line: &str) {
    let level = line
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .map_or("", |(level, _)| level);
    match level {
        "emerg" | "alert" | "crit" | "error" | "warn" => tracing::warn!(target: "nginx", "{line}"),
        "notice" => tracing::info!(target: "nginx", "{line}"),
        _ => tracing::debug!(target: "nginx", "{line}"),
    }
}

/// An nginx started on this configuration by a Farmgate that was killed outlives it: stop it,
/// or the new one cannot listen.
async fn stop_stale(dir: &VideoDir) {
    let Some(pid) = std::fs::read_to_string(dir.pid_file())
        .ok()
        .and_then(|text| text.trim().parse::<i32>().ok())
    else {
        return;
    };
    if !runs_config(pid, &dir.nginx_conf()) {
        return;
    }
    tracing::warn!(pid, "stopping the nginx a previous Farmgate left running");
    let _ = kill(Pid::from_raw(pid), Signal::SIGQUIT);
    let deadline = Instant::now() + STOP_WITHIN;
    while runs_config(pid, &dir.nginx_conf()) {
        if Instant::now() >= deadline {
            let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Whether process `pid` is an nginx started on `conf`.
fn runs_config(pid: i32, conf: &Path) -> bool {
    let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let conf = conf.as_os_str().as_encoded_bytes();
    cmdline.split(|&b| b == 0).any(|arg| arg == conf)
}

/// nginx retries a busy port for seconds and then exits, while another server answering on it
/// would look like a ready nginx: find out first.
fn ensure_port_free(rtmp: SocketAddr) -> Result<(), VideoError> {
    std::net::TcpListener::bind(rtmp)
        .map(drop)
        .map_err(io(format!("cannot listen for RTMP on {rtmp}")))
}

fn describe(status: std::io::Result<ExitStatus>) -> String {
    match status {
        Ok(status) => status.to_string(),
        Err(error) => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_nginx_on_this_config_counts_as_stale() {
        let me = i32::try_from(std::process::id()).unwrap();
        assert!(!runs_config(me, Path::new("/no/such/nginx.conf")));
        assert!(!runs_config(i32::MAX, Path::new("/no/such/nginx.conf")));
    }

    #[test]
    fn a_busy_port_is_reported() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let error = ensure_port_free(taken.local_addr().unwrap()).unwrap_err();
        assert!(error.to_string().contains("cannot listen for RTMP"));
    }
}
