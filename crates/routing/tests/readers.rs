//! The benchmark readers on the real files in `../shared/data/vrp` (beside the repository; never
//! copied into it), checked against the facts `BKS.json` gives for each instance, and their
//! errors on broken files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use farmgate_routing::readers::{
    read_instance, read_solomon, read_tsplib, ReadError, SOLOMON_SCALE,
};
use farmgate_routing::{check, plan_with, Objective, PlanOptions, TimeWindow};

/// Found from the package's folder when the test runs (cargo and nextest set it), not when it
/// was built: a binary built from another checkout sharing the target directory would look there.
fn data() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("../../../shared/data/vrp")
}

fn best_known() -> serde_json::Value {
    let text = std::fs::read_to_string(data().join("BKS.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_instance_reads_with_the_jobs_capacity_and_demand_bks_lists() {
    let bks = best_known();
    let mut read = 0;
    for folder in ["solomon", "cvrp"] {
        for entry in std::fs::read_dir(data().join(folder)).unwrap() {
            let instance = read_instance(&entry.unwrap().path()).unwrap();
            let facts = &bks[&instance.name];
            let problem = &instance.problem;
            assert_eq!(
                problem.stops.len() as u64,
                facts["jobs"].as_u64().unwrap(),
                "{}",
                instance.name
            );
            let demand: u64 = problem
                .stops
                .iter()
                .map(|stop| u64::from(stop.delivery.kg))
                .sum();
            assert_eq!(
                demand,
                facts["total_demand"].as_u64().unwrap(),
                "{}",
                instance.name
            );
            assert!(problem.vehicles.iter().all(
                |vehicle| u64::from(vehicle.capacity.kg) == facts["capacity"].as_u64().unwrap()
            ));
            read += 1;
        }
    }
    assert!(read >= 60, "read {read} instances");
}

#[test]
fn solomon_counts_thousandths_of_unrounded_euclidean_distance() {
    let instance = read_instance(&data().join("solomon/C101.txt")).unwrap();
    let problem = &instance.problem;
    assert_eq!(
        (instance.name.as_str(), instance.scale),
        ("C101", SOLOMON_SCALE)
    );
    assert_eq!(problem.vehicles.len(), 25);
    assert_eq!(problem.vehicles[0].shift, TimeWindow::new(0, 1_236_000));
    let first = &problem.stops[0];
    assert_eq!(
        (first.location, first.delivery.kg, first.service_s),
        (1, 10, 90_000)
    );
    assert_eq!(first.windows, [TimeWindow::new(912_000, 967_000)]);
    // (40, 50) to (45, 68): √349 = 18.6815…
    assert_eq!(problem.matrix.distance_m(0, 1), 18_682);
    assert_eq!(problem.matrix.duration_s(0, 1), 18_682);
}

#[test]
fn tsplib_rounds_euclidean_distance_to_the_nearest_integer() {
    let instance = read_instance(&data().join("cvrp/A-n32-k5.vrp")).unwrap();
    let problem = &instance.problem;
    assert_eq!(instance.scale, 1);
    assert_eq!(problem.depots[0].location, 0);
    assert_eq!(
        problem.vehicles.len(),
        5,
        "Augerat's comment: No of trucks: 5"
    );
    // Node 1 (82, 76) to node 2 (96, 44): √1220 = 34.93
    assert_eq!(problem.matrix.distance_m(0, 1), 35);
    assert_eq!(problem.stops[0].delivery.kg, 19);
}

#[test]
fn uchoas_instances_leave_the_fleet_free() {
    let instance = read_instance(&data().join("cvrp/X-n101-k25.vrp")).unwrap();
    assert_eq!(instance.problem.vehicles.len(), 100, "one per customer");
}

#[test]
fn broken_files_name_the_line() {
    let solomon = "C1\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n\nCUSTOMER\nCUST NO. ...\n 0 40 50 0 0 1236 0\n 1 45 sixty-eight 10 912 967 90\n";
    assert_eq!(
        read_solomon("C1", solomon),
        Err(ReadError::Number {
            line: 10,
            text: "sixty-eight".into()
        })
    );
    assert_eq!(
        read_solomon("C1", "C1\nCUSTOMER\nheader\n 0 40 50 0 0 1236 0\n"),
        Err(ReadError::Missing { what: "VEHICLE" })
    );
    assert_eq!(
        read_solomon(
            "C1",
            "C1\nVEHICLE\nNUMBER CAPACITY\n 25 200\nCUSTOMER\nheader\n 0 40 50 0 0\n"
        ),
        Err(ReadError::MissingField {
            line: 7,
            field: "one of the 7 customer columns"
        })
    );

    let header = "NAME : T-n3-k1\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n";
    let body = "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION\n1\n-1\nEOF\n";
    let good = read_tsplib("T-n3-k1", &format!("{header}{body}")).unwrap();
    assert_eq!(good.problem.matrix.distance_m(1, 2), 5);
    assert_eq!(good.problem.vehicles.len(), 2);
    assert_eq!(
        read_tsplib("T", &format!("{}{body}", header.replace("EUC_2D", "GEO"))),
        Err(ReadError::UnsupportedEdgeWeight {
            line: 3,
            kind: "GEO".into()
        })
    );
    assert_eq!(
        read_tsplib("T", &format!("{header}{}", body.replace("3 6 8", "7 6 8"))),
        Err(ReadError::UnknownNode { line: 8, node: 7 })
    );
    assert_eq!(
        read_tsplib("T", &format!("{header}{}", body.replace("3 5\n", ""))),
        Err(ReadError::Missing {
            what: "demand of every node"
        })
    );
    assert_eq!(
        read_tsplib(
            "T",
            &format!("{}{body}", header.replace("CAPACITY : 10\n", ""))
        ),
        Err(ReadError::Missing { what: "CAPACITY" })
    );
}

#[test]
fn small_instances_are_solved_close_to_their_best_known_distance() {
    let bks = best_known();
    for (file, key, limit) in [
        ("cvrp/P-n16-k8.vrp", "P-n16-k8", 1),
        ("solomon/C101.txt", "C101_distance", 2),
    ] {
        let instance = read_instance(&data().join(file)).unwrap();
        let options = PlanOptions {
            time_limit: Duration::from_secs(limit),
            objective: Objective::Distance,
        };
        let plan = plan_with(&instance.problem, options).unwrap();
        assert_eq!(check(&instance.problem, &plan), vec![], "{file}");
        assert!(plan.unassigned.is_empty(), "{file}");
        let cost = plan.total_distance_m() as f64 / f64::from(instance.scale);
        let best = bks[key]["best_known_cost"].as_f64().unwrap();
        assert!(cost <= best * 1.05, "{file}: {cost} against {best}");
    }
}
