//! Sample documents and the poppler tools that read them back (`pdftotext`, `pdftoppm`,
//! `pdffonts`), skipped when missing unless `FARMGATE_REQUIRE_PDF_TOOLS` is set.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use farmgate_documents::{
    LabelCaptions, ParcelLabel, RunSheet, RunSheetCaptions, RunSheetStop, RunTotals,
};

/// Set (as `scripts/test` does) to make missing PDF tools fail tests instead of skipping them.
pub const REQUIRE_PDF_TOOLS: &str = "FARMGATE_REQUIRE_PDF_TOOLS";

pub fn label(parcel_code: &str, destination: &str) -> ParcelLabel {
    ParcelLabel {
        parcel_code: parcel_code.to_owned(),
        direction: "派送".to_owned(),
        carrier: "顺丰速运".to_owned(),
        carrier_tracking: Some("SF1408862231907".to_owned()),
        recipient_name: "张*".to_owned(),
        recipient_phone: "138****5678".to_owned(),
        destination: destination.to_owned(),
        destination_code: "VP-017".to_owned(),
        route: Some("青A·D1234 第2趟 第5站".to_owned()),
        weight: "2.4 kg".to_owned(),
        note: Some("易碎，轻放。Fragile: keep upright.".to_owned()),
    }
}

pub fn label_captions() -> LabelCaptions {
    LabelCaptions {
        heading: "Farmgate 县域物流".to_owned(),
        destination: "目的地服务点".to_owned(),
        recipient: "收件人".to_owned(),
        carrier: "承运".to_owned(),
        route: "线路".to_owned(),
        weight: "重量".to_owned(),
        note: "备注".to_owned(),
    }
}

/// Stop names every test can look for: `第N站服务点` for N in 1..=stops.
pub fn run_sheet(stops: u32, parcels_per_stop: u32) -> RunSheet {
    RunSheet {
        title: "青A·D1234 第2趟".to_owned(),
        day: "2025-11-23".to_owned(),
        vehicle: "青A·D1234 (1.5 t)".to_owned(),
        depot: "湟源县仓库".to_owned(),
        driver_note: Some("河湾村路段施工，请绕行。".to_owned()),
        totals: RunTotals {
            distance: "142.5 km".to_owned(),
            duration: "6 h 20 min".to_owned(),
            parcels_down: stops * parcels_per_stop,
            parcels_up: stops,
            weight: "380 kg".to_owned(),
        },
        stops: (1..=stops)
            .map(|seq| RunSheetStop {
                seq,
                name: format!("第{seq}站服务点"),
                code: format!("VP-{seq:03}"),
                arrive: "09:40".to_owned(),
                depart: "09:55".to_owned(),
                window: "08:00–18:00".to_owned(),
                deliver_parcels: parcels_per_stop,
                pickup_parcels: 1,
                parcel_codes: (0..parcels_per_stop)
                    .map(|n| format!("XY2511{seq:03}{n:04}"))
                    .collect(),
                scan_url: Some(format!(
                    "https://farmgate.example/driver/runs/0193a0c2/stops/{seq}"
                )),
            })
            .collect(),
    }
}

pub fn run_sheet_captions() -> RunSheetCaptions {
    let text = |s: &str| s.to_owned();
    RunSheetCaptions {
        heading: text("配送单"),
        day: text("日期"),
        vehicle: text("车辆"),
        depot: text("出发仓"),
        driver_note: text("司机须知"),
        distance: text("里程"),
        duration: text("时长"),
        parcels_down: text("派送件数"),
        parcels_up: text("揽收件数"),
        weight: text("重量"),
        done: text("完成"),
        seq: text("序"),
        stop: text("站点"),
        arrive_depart: text("到达/离开"),
        window: text("营业时间"),
        deliver: text("派"),
        pickup: text("揽"),
        parcels: text("包裹"),
        scan: text("扫码"),
        signature: text("司机签字"),
    }
}

/// The poppler program, or `None` after saying why the test skips (a panic when required).
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    });
    if found.is_none() {
        let reason = format!("{name} is not installed (Debian: apt-get install poppler-utils)");
        if std::env::var_os(REQUIRE_PDF_TOOLS).is_some() {
            panic!("{REQUIRE_PDF_TOOLS} is set, but {reason}");
        }
        eprintln!("skipped: {reason}");
    }
    found
}

/// Runs a tool, fails the test on a non-zero exit or any complaint on stderr (poppler reports
/// a damaged file there and carries on).
pub fn run(program: &Path, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let output = Command::new(program).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "{} failed ({}): {stderr}",
        program.display(),
        output.status
    );
    output.stdout
}

/// The text of every page, as `pdftotext` extracts it (pages end in a form feed).
pub fn pdf_text(pdftotext: &Path, pdf: &[u8]) -> String {
    run_on_pdf(pdftotext, pdf, &["-"])
}

/// What `program FILE ARGS…` prints for the PDF saved as FILE.
pub fn run_on_pdf(program: &Path, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut all = vec![file.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    String::from_utf8(run(program, &all)).unwrap()
}

/// Checks what a reader needs to open the file (header, end marker, a cross-reference table
/// whose every entry points at its object) and returns the number of pages.
pub fn check_structure(pdf: &[u8]) -> usize {
    assert!(pdf.starts_with(b"%PDF-1."), "no PDF header");
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"), "no end marker");
    let startxref = find_last(pdf, b"startxref").expect("no startxref");
    let tail = std::str::from_utf8(&pdf[startxref + 9..]).unwrap();
    let xref: usize = tail
        .split_ascii_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let table = &pdf[xref..];
    let trailer = find_last(table, b"trailer").expect("no trailer");
    let tokens: Vec<&str> = std::str::from_utf8(&table[..trailer])
        .unwrap()
        .split_ascii_whitespace()
        .collect();
    assert_eq!(tokens[..2], ["xref", "0"]);
    let count: usize = tokens[2].parse().unwrap();
    assert_eq!(
        tokens.len(),
        3 + 3 * count,
        "the table holds {count} entries"
    );
    for (id, entry) in tokens[3..].chunks(3).enumerate().skip(1) {
        assert_eq!(entry[2], "n", "object {id} is not in use");
        let offset: usize = entry[0].parse().unwrap();
        let header = format!("{id} 0 obj");
        assert!(
            pdf[offset..].starts_with(header.as_bytes()),
            "the table points object {id} at {offset}, which is not its start"
        );
    }
    pdf.windows(10)
        .enumerate()
        .filter(|(at, window)| {
            *window == b"/Type/Page" && !pdf.get(at + 10).is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// Every QR code found on one page rendered at `dpi` (or only on the strip `(left, width)` of
/// it, in mm), decoded.
pub fn qr_codes(
    pdftoppm: &Path,
    pdf: &[u8],
    page: usize,
    dpi: u32,
    strip: Option<(f32, f32)>,
) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let page = page.to_string();
    let dpi = dpi.to_string();
    let mut args: Vec<String> = ["-gray", "-r", &dpi, "-f", &page, "-l", &page, "-singlefile"]
        .map(str::to_owned)
        .to_vec();
    if let Some((left_mm, width_mm)) = strip {
        let px = |mm: f32| {
            ((mm / 25.4) * dpi.parse::<f32>().unwrap())
                .round()
                .to_string()
        };
        args.extend(["-x".to_owned(), px(left_mm), "-W".to_owned(), px(width_mm)]);
    }
    let out = dir.path().join("page");
    let mut os_args: Vec<&std::ffi::OsStr> = args.iter().map(|arg| arg.as_ref()).collect();
    os_args.push(file.as_os_str());
    os_args.push(out.as_os_str());
    run(pdftoppm, &os_args);
    let image = std::fs::read(dir.path().join("page.pgm")).unwrap();
    let (width, height, pixels) = parse_pgm(&image);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    prepared
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().unwrap().1)
        .collect()
}

/// A binary greyscale PNM (`P5`, 8 bits), as `pdftoppm -gray` writes it.
fn parse_pgm(image: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while image[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !image[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&image[start..at]).unwrap());
    }
    assert_eq!((fields[0], fields[3]), ("P5", "255"));
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &image[at + 1..];
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}
