//! Running the real `farmgate` binary: on a data folder of the test's own, `serve` on a port
//! the system picks, answering at the URL it prints.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub fn farmgate(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_farmgate"));
    command
        .env("FARMGATE_DATA", data)
        .env_remove("FARMGATE_DATABASE_URL")
        .env("RUST_LOG", "warn");
    command
}

pub fn run(command: &mut Command) -> String {
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{command:?} failed: {stderr}");
    String::from_utf8_lossy(&output.stdout).into_owned() + &stderr
}

/// Starts `serve` and returns it with the base URL it printed.
pub fn serve(data: &Path, extra: &[&str]) -> (Child, String) {
    let mut child = farmgate(data)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = BufReader::new(stdout).lines().next().unwrap().unwrap();
    let base = line
        .strip_prefix("Farmgate is listening on ")
        .expect(&line)
        .to_owned();
    (child, base)
}
