//! Measures drawing and the full demo-photo path per subject, in this process's CPU time (so
//! a busy machine does not inflate it; Linux only):
//! `cargo run --release -p farmgate-media --example draw_timing`.

use farmgate_media::{demo_photo, draw_product, Subject};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const RUNS: u32 = 8;
    let (mut draw_total, mut demo_total) = (0.0, 0.0);
    for subject in Subject::ALL {
        let started = cpu_ms()?;
        for seed in 0..RUNS {
            std::hint::black_box(draw_product(subject, u64::from(seed), 640));
        }
        let draw = (cpu_ms()? - started) / f64::from(RUNS);
        let started = cpu_ms()?;
        let mut bytes = 0;
        for seed in 0..RUNS {
            let photo = demo_photo(subject, u64::from(seed))?;
            bytes += photo.renditions.iter().map(|(_, b)| b.len()).sum::<usize>();
        }
        let demo = (cpu_ms()? - started) / f64::from(RUNS);
        println!(
            "{:16} draw 640: {draw:6.1} ms   demo_photo (1280 + renditions): {demo:6.1} ms   {} KB",
            subject.slug(),
            bytes / RUNS as usize / 1024
        );
        draw_total += draw;
        demo_total += demo;
    }
    let n = Subject::ALL.len() as f64;
    println!(
        "mean: draw 640 {:.1} ms, demo_photo {:.1} ms",
        draw_total / n,
        demo_total / n
    );
    Ok(())
}

/// User plus system CPU time of this process in milliseconds, from /proc (ticks of 10 ms).
fn cpu_ms() -> Result<f64, Box<dyn std::error::Error>> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| -> Result<f64, Box<dyn std::error::Error>> {
        Ok(fields
            .get(i)
            .ok_or("short /proc/self/stat")?
            .parse::<f64>()?)
    };
    // Fields 14 and 15 of the file (utime, stime) are 11 and 12 after the command name.
    Ok((ticks(11)? + ticks(12)?) * 10.0)
}
