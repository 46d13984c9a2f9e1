use super::*;

#[test]
fn json_matrix_reads_square_whole_numbers() {
    let matrix = TravelMatrix::from_json(
        r#"{"distances_m": [[0, 1200], [1300, 0]], "durations_s": [[0, 90], [100, 0]]}"#,
    )
    .unwrap();
    assert_eq!(matrix.size(), 2);
    assert_eq!(
        (matrix.distance_m(0, 1), matrix.distance_m(1, 0)),
        (1200, 1300)
    );
    assert_eq!(
        (matrix.duration_s(0, 1), matrix.duration_s(1, 0)),
        (90, 100)
    );
    assert_eq!(matrix.distance_m(0, 2), u32::MAX, "outside the matrix");
}

#[test]
fn json_matrix_refuses_ragged_negative_fractional_and_mismatched() {
    let read = |distances: &str, durations: &str| {
        TravelMatrix::from_json(&format!(
            r#"{{"distances_m": {distances}, "durations_s": {durations}}}"#
        ))
    };
    assert_eq!(
        read("[[0, 1], [1]]", "[[0, 1], [1, 0]]"),
        Err(MatrixError::NotSquare {
            matrix: DISTANCES,
            row: 1,
            len: 1,
            size: 2
        })
    );
    assert_eq!(
        read("[[0, -5], [1, 0]]", "[[0, 1], [1, 0]]"),
        Err(MatrixError::Negative {
            matrix: DISTANCES,
            from: 0,
            to: 1
        })
    );
    assert!(matches!(
        read("[[0, 1], [1, 0]]", "[[0, 1.5], [1, 0]]"),
        Err(MatrixError::NotAnInteger {
            matrix: DURATIONS,
            from: 0,
            to: 1,
            ..
        })
    ));
    assert!(matches!(
        read("[[0, 1], [1, 0]]", r#"[[0, "x"], [1, 0]]"#),
        Err(MatrixError::NotAnInteger { .. })
    ));
    assert_eq!(
        read("[[0, 1], [1, 0]]", "[[0]]"),
        Err(MatrixError::SizeMismatch {
            distances: 2,
            durations: 1
        })
    );
    assert_eq!(read("[]", "[]"), Err(MatrixError::Empty));
    assert!(matches!(
        TravelMatrix::from_json("{\"distances_m\": [[0,"),
        Err(MatrixError::Syntax { line: 1, .. })
    ));
}

#[test]
fn csv_matrix_reads_pairs_and_names_the_missing_one() {
    let matrix = TravelMatrix::from_csv(
        "from,to,distance_m,duration_s\n0,1,500,60\n1,0,520,62\n0,2,900,100\n2,0,900,100\n1,2,400,50\n2,1,410,51\n",
    )
    .unwrap();
    assert_eq!(matrix.size(), 3);
    assert_eq!(
        (matrix.distance_m(2, 1), matrix.duration_s(2, 1)),
        (410, 51)
    );
    assert_eq!(matrix.distance_m(1, 1), 0);

    assert_eq!(
        TravelMatrix::from_csv("from,to,distance_m,duration_s\n0,1,500,60\n"),
        Err(MatrixError::MissingPair { from: 1, to: 0 })
    );
    assert_eq!(
        TravelMatrix::from_csv("from,to,distance_m,duration_s\n0,1,500,60\n1,0,-3,60\n"),
        Err(MatrixError::Negative {
            matrix: DISTANCES,
            from: 1,
            to: 0
        })
    );
    assert!(matches!(
        TravelMatrix::from_csv("from,to,distance_m,duration_s\n0,1,500,60\n1,0,NaN,60\n"),
        Err(MatrixError::Syntax { line: 3, .. })
    ));
    assert_eq!(
        TravelMatrix::from_csv("from,to,distance_m,duration_s\n0,1,5,6\n0,1,5,6\n"),
        Err(MatrixError::DuplicatePair {
            line: 3,
            from: 0,
            to: 1
        })
    );
    assert_eq!(
        TravelMatrix::from_csv("from,to,distance_m,duration_s\n"),
        Err(MatrixError::Empty)
    );
}

#[test]
fn straight_line_is_haversine_times_detour_in_whole_units() {
    // One degree of latitude is about 111.2 km.
    let points = [
        GeoPoint::new(36_000_000, 101_000_000),
        GeoPoint::new(37_000_000, 101_000_000),
    ];
    let line = StraightLine {
        detour_permille: 1500,
        speed_kmh: 60,
    };
    let matrix = TravelMatrix::straight_line(&points, line).unwrap();
    let distance = matrix.distance_m(0, 1);
    assert!((166_700..=166_900).contains(&distance), "{distance}");
    assert_eq!(matrix.distance_m(1, 0), distance);
    assert_eq!(
        matrix.duration_s(0, 1),
        (u64::from(distance) * 3600).div_ceil(60_000) as u32
    );
    assert_eq!(matrix.distance_m(0, 0), 0);
}

#[test]
fn straight_line_needs_every_point_and_a_sane_factor() {
    let points = [GeoPoint::new(36_000_000, 101_000_000), None];
    let line = StraightLine {
        detour_permille: 1300,
        speed_kmh: 40,
    };
    assert_eq!(
        TravelMatrix::straight_line(&points, line),
        Err(MatrixError::MissingCoordinates { location: 1 })
    );
    let shorter = StraightLine {
        detour_permille: 900,
        speed_kmh: 40,
    };
    assert_eq!(
        TravelMatrix::straight_line(&points[..1], shorter),
        Err(MatrixError::BadStraightLine)
    );
}
