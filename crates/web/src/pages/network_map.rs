//! The network drawn from its coordinates: micro-degrees projected linearly into an SVG
//! viewBox (longitude narrowed by the latitude's cosine so the county keeps its shape), with no
//! tiles and no script. The template draws the shapes; this only places them.

use farmgate_domain::network::{nearest_station, NetworkNode, NodeKind};
use farmgate_domain::place::GeoPoint;
use farmgate_services::network::NetworkView;

use crate::texts::Texts;

/// The drawing's width; its height follows the county's shape.
pub(super) const WIDTH: i64 = 600;
const MARGIN: i64 = 12;

/// One site or unserved village, placed on the drawing.
pub struct Mark {
    pub x: i64,
    pub y: i64,
    /// Shown when the mark is pointed at: the name, and a station's services.
    pub title: String,
}

pub struct Link {
    pub x1: i64,
    pub y1: i64,
    pub x2: i64,
    pub y2: i64,
}

#[derive(Default)]
pub struct NetworkMap {
    pub width: i64,
    pub height: i64,
    pub warehouses: Vec<Mark>,
    pub stations: Vec<Mark>,
    pub points: Vec<Mark>,
    /// Villages without a point, at the place's own coordinates.
    pub unserved: Vec<Mark>,
    /// From each village point to its nearest station.
    pub links: Vec<Link>,
}

pub fn draw(view: &NetworkView, t: &Texts) -> NetworkMap {
    let unserved: Vec<_> = view.coverage.unserved().collect();
    let all = view
        .nodes
        .iter()
        .map(|n| n.location)
        .chain(unserved.iter().map(|v| v.location));
    let Some(projection) = Projection::fitting(all) else {
        return NetworkMap::default();
    };
    let mark = |location: GeoPoint, title: String| {
        let (x, y) = projection.place(location);
        Mark { x, y, title }
    };
    let mut map = NetworkMap {
        width: WIDTH,
        height: projection.height,
        ..NetworkMap::default()
    };
    for node in &view.nodes {
        let title = node_title(node, t);
        match node.kind() {
            NodeKind::Warehouse => map.warehouses.push(mark(node.location, title)),
            NodeKind::Station => map.stations.push(mark(node.location, title)),
            NodeKind::VillagePoint => {
                map.points.push(mark(node.location, title));
                if let Some(station) = nearest_station(node.location, &view.nodes) {
                    let (x1, y1) = projection.place(node.location);
                    let (x2, y2) = projection.place(station.location);
                    map.links.push(Link { x1, y1, x2, y2 });
                }
            }
        }
    }
    for village in unserved {
        let name = if t.zh {
            &village.name_zh
        } else {
            &village.name_en
        };
        let title = format!("{name} · {}", t.network.unserved_village);
        map.unserved.push(mark(village.location, title));
    }
    map
}

/// One run drawn over the whole network: its depot, its stops in order, the road between them
/// as straight legs, and the other sites faintly for context.
pub struct RunDrawing {
    pub width: i64,
    pub height: i64,
    pub depot: Mark,
    pub stops: Vec<Mark>,
    pub others: Vec<Mark>,
    /// An SVG path from the depot through the stops and back.
    pub path: String,
}

pub fn draw_run(nodes: &[&NetworkNode], depot: &NetworkNode, stops: &[&NetworkNode]) -> RunDrawing {
    let projection = Projection::fitting(nodes.iter().map(|n| n.location))
        .or_else(|| Projection::fitting(std::iter::once(depot.location)));
    let place = |location: GeoPoint| {
        projection
            .as_ref()
            .map_or((MARGIN, MARGIN), |p| p.place(location))
    };
    let mark = |node: &NetworkNode| {
        let (x, y) = place(node.location);
        Mark {
            x,
            y,
            title: node.name.clone(),
        }
    };
    let legs: Vec<String> = std::iter::once(depot)
        .chain(stops.iter().copied())
        .chain(std::iter::once(depot))
        .map(|node| {
            let (x, y) = place(node.location);
            format!("{x} {y}")
        })
        .collect();
    RunDrawing {
        width: WIDTH,
        height: projection.as_ref().map_or(2 * MARGIN, |p| p.height),
        depot: mark(depot),
        stops: stops.iter().map(|node| mark(node)).collect(),
        others: nodes
            .iter()
            .filter(|node| node.id != depot.id && !stops.iter().any(|s| s.id == node.id))
            .map(|node| mark(node))
            .collect(),
        path: format!("M{}", legs.join("L")),
    }
}

fn node_title(node: &NetworkNode, t: &Texts) -> String {
    let services: Vec<&str> = node
        .services()
        .iter()
        .map(|s| t.network.service(s))
        .collect();
    if services.is_empty() {
        node.name.clone()
    } else {
        format!("{} · {}", node.name, services.join(", "))
    }
}

/// Micro-degrees to drawing units, for one bounding box.
pub(super) struct Projection {
    min_lon: i64,
    max_lat: i64,
    /// Drawing units per micro-degree of latitude, ×1,000,000 to stay in integers.
    scale_e6: i64,
    /// The latitude's cosine ×1,000.
    cos_e3: i64,
    pub(super) height: i64,
}

impl Projection {
    pub(super) fn fitting(points: impl Iterator<Item = GeoPoint>) -> Option<Self> {
        let (mut min_lat, mut max_lat, mut min_lon, mut max_lon) =
            (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
        for p in points {
            min_lat = min_lat.min(i64::from(p.lat_e6));
            max_lat = max_lat.max(i64::from(p.lat_e6));
            min_lon = min_lon.min(i64::from(p.lon_e6));
            max_lon = max_lon.max(i64::from(p.lon_e6));
        }
        if min_lat > max_lat {
            return None;
        }
        let mid_lat = (min_lat + max_lat) as f64 / 2.0 / 1e6;
        let cos_e3 = ((mid_lat.to_radians().cos() * 1000.0).round() as i64).max(1);
        // The wider of the two spans fills the width; a single point gets a small square.
        let span_x = ((max_lon - min_lon) * cos_e3 / 1000).max(1);
        let span_y = (max_lat - min_lat).max(1);
        let inner = WIDTH - 2 * MARGIN;
        let scale_e6 = inner * 1_000_000 / span_x.max(span_y);
        let height = span_y * scale_e6 / 1_000_000 + 2 * MARGIN;
        Some(Self {
            min_lon,
            max_lat,
            scale_e6,
            cos_e3,
            height,
        })
    }

    pub(super) fn place(&self, p: GeoPoint) -> (i64, i64) {
        let dx = (i64::from(p.lon_e6) - self.min_lon) * self.cos_e3 / 1000;
        let dy = self.max_lat - i64::from(p.lat_e6);
        (
            MARGIN + dx * self.scale_e6 / 1_000_000,
            MARGIN + dy * self.scale_e6 / 1_000_000,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat_e6: i32, lon_e6: i32) -> GeoPoint {
        GeoPoint::new(lat_e6, lon_e6).unwrap()
    }

    #[test]
    fn the_box_fills_the_width_and_north_is_up() {
        let points = [at(36_000_000, 98_000_000), at(36_500_000, 99_000_000)];
        let projection = Projection::fitting(points.into_iter()).unwrap();
        let (x0, y0) = projection.place(points[0]);
        let (x1, y1) = projection.place(points[1]);
        assert_eq!(x0, MARGIN);
        assert!((x1 - (WIDTH - MARGIN)).abs() <= 1, "{x1}");
        assert!(y1 < y0, "the northern point is drawn higher");
        assert!(y0 <= projection.height - MARGIN);
    }

    #[test]
    fn one_point_or_none_draws_without_dividing_by_zero() {
        assert!(Projection::fitting(std::iter::empty()).is_none());
        let p = at(36_000_000, 98_000_000);
        let projection = Projection::fitting([p].into_iter()).unwrap();
        assert_eq!(projection.place(p), (MARGIN, MARGIN));
    }
}
