//! A closed-loop HTTP load generator: each worker keeps one keep-alive connection and sends the
//! next request as soon as the last one answers, recording every latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use reqwest::header::HeaderMap;

/// What one scenario produced over all its rounds.
#[derive(Default, Clone)]
pub struct Sample {
    pub latencies_us: Vec<u64>,
    pub elapsed: Duration,
}

impl Sample {
    pub fn merge(&mut self, other: Sample) {
        self.latencies_us.extend(other.latencies_us);
        self.elapsed += other.elapsed;
    }

    pub fn requests_per_second(&self) -> f64 {
        self.latencies_us.len() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The latency below which `quantile` of the requests finished, in milliseconds.
    pub fn percentile_ms(&self, quantile: f64) -> f64 {
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = ((sorted.len() as f64 * quantile).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1] as f64 / 1000.0
    }
}

/// Builds worker `worker`'s `n`-th request.
pub type MakeRequest =
    Arc<dyn Fn(&reqwest::Client, usize, u64) -> reqwest::RequestBuilder + Send + Sync>;

/// Runs `connections` workers sending GET `url` for `duration`; any non-2xx answer fails the
/// run, so a benchmark never reports the speed of an error page.
pub async fn run(
    url: &str,
    headers: &HeaderMap,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<Sample> {
    let url = url.to_owned();
    let get: MakeRequest = Arc::new(move |client: &reqwest::Client, _, _| client.get(&url));
    run_with(get, headers, connections, duration).await
}

/// Runs `connections` workers, each on its own keep-alive connection, sending the requests
/// `make` builds until `duration` is over.
pub async fn run_with(
    make: MakeRequest,
    headers: &HeaderMap,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<Sample> {
    let sorted = run_sorted(make, headers, connections, duration, |status| {
        status.is_success().then_some(Answer::Accepted)
    })
    .await?;
    Ok(sorted.accepted)
}

/// How a benchmark counts an answer; `None` fails the run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accepted,
    Refused,
}

/// How a purchase-like request is answered: 201 accepted, 409 refused, anything else fails.
pub fn created_or_conflict(status: reqwest::StatusCode) -> Option<Answer> {
    match status {
        reqwest::StatusCode::CREATED => Some(Answer::Accepted),
        reqwest::StatusCode::CONFLICT => Some(Answer::Refused),
        _ => None,
    }
}

/// The answers of one scenario, by kind, over the same elapsed time.
#[derive(Default, Clone)]
pub struct Sorted {
    pub accepted: Sample,
    pub refused: Sample,
}

impl Sorted {
    pub fn merge(&mut self, other: Sorted) {
        self.accepted.merge(other.accepted);
        self.refused.merge(other.refused);
    }
}

/// Like [`run_with`], keeping the answers `sort` calls accepted apart from those it calls
/// refused; any other answer fails the run.
pub async fn run_sorted(
    make: MakeRequest,
    headers: &HeaderMap,
    connections: usize,
    duration: Duration,
    sort: fn(reqwest::StatusCode) -> Option<Answer>,
) -> anyhow::Result<Sorted> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut workers = Vec::with_capacity(connections);
    for index in 0..connections {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .default_headers(headers.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let make = make.clone();
        workers.push(tokio::spawn(async move {
            worker(client, make, index, deadline, sort).await
        }));
    }
    let mut sorted = Sorted::default();
    for worker in workers {
        for (answer, latency) in worker.await.context("load worker stopped")?? {
            match answer {
                Answer::Accepted => sorted.accepted.latencies_us.push(latency),
                Answer::Refused => sorted.refused.latencies_us.push(latency),
            }
        }
    }
    sorted.accepted.elapsed = started.elapsed();
    sorted.refused.elapsed = sorted.accepted.elapsed;
    Ok(sorted)
}

async fn worker(
    client: reqwest::Client,
    make: MakeRequest,
    index: usize,
    deadline: Instant,
    sort: fn(reqwest::StatusCode) -> Option<Answer>,
) -> anyhow::Result<Vec<(Answer, u64)>> {
    let mut latencies = Vec::new();
    let mut sent_count = 0u64;
    while Instant::now() < deadline {
        let request = make(&client, index, sent_count);
        sent_count += 1;
        let sent = Instant::now();
        let response = request.send().await?;
        let status = response.status();
        let url = response.url().clone();
        response.bytes().await?;
        let Some(answer) = sort(status) else {
            bail!("{url} answered {status}");
        };
        latencies.push((
            answer,
            u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX),
        ));
    }
    Ok(latencies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let sample = Sample {
            latencies_us: (1..=100).map(|ms| ms * 1000).collect(),
            elapsed: Duration::from_secs(2),
        };
        assert_eq!(sample.percentile_ms(0.99), 99.0);
        assert_eq!(sample.percentile_ms(0.5), 50.0);
        assert_eq!(sample.requests_per_second(), 50.0);
        assert_eq!(Sample::default().percentile_ms(0.99), 0.0);
    }
}
