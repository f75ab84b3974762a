//! Compared with before, over time: the same period a year earlier (as it stood then),
//! the previous period (no data: said, never 0), months that add up to the period,
//! and communes ranked with their ties stated. Expected figures are counted here
//! from the warehouse's rows with plain SQL, not taken from the report.

use serde_json::Value;

use super::as_at::section;
use super::sample_run;

fn int(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not an integer: {v}"))
}

#[test]
fn the_same_period_a_year_earlier_is_counted_as_it_stood_then() {
    let (w, _, report) = sample_run();
    // As at 15/12/2024: received 1/7–15/12/2024; a dossier completed after that day
    // was still in progress then.
    let expected = w.sql(
        "SELECT commune_code, count(*) AS received, \
                count(CASE WHEN completed_date <= DATE '2024-12-15' \
                           AND timeliness IN ('early', 'on_time') THEN 1 END) AS in_time, \
                count(CASE WHEN completed_date <= DATE '2024-12-15' \
                           AND timeliness = 'late' THEN 1 END) AS late \
         FROM dossiers \
         WHERE received_date BETWEEN DATE '2024-07-01' AND DATE '2024-12-15' \
         GROUP BY commune_code",
    );
    assert_eq!(expected.len(), 4, "the sample holds 2024 for every commune");
    let rows = section(report, "11_comparison");
    for e in &expected {
        let row = rows
            .iter()
            .find(|r| {
                r["commune_code"] == e["commune_code"] && r["basis"] == "same_period_last_year"
            })
            .expect("comparison row");
        assert_eq!(row["basis_start"], "2024-07-01");
        assert_eq!(row["basis_end"], "2024-12-15");
        let then = int(&e["received"]);
        assert_eq!(int(&row["basis_received"]), then, "{row}");
        let now = int(&row["received"]);
        assert_eq!(int(&row["received_change"]), now - then);
        let pct = row["received_change_pct"].as_f64().expect("pct");
        assert!((pct - (now - then) as f64 / then as f64).abs() < 1e-12);
        let (in_time, late) = (int(&e["in_time"]) as f64, int(&e["late"]) as f64);
        let rate = row["basis_on_time_rate"].as_f64().expect("rate");
        assert!((rate - in_time / (in_time + late)).abs() < 1e-12, "{row}");
    }
    // The area: the sum of the communes.
    let area = rows
        .iter()
        .find(|r| r["commune_code"].is_null() && r["basis"] == "same_period_last_year")
        .expect("area row");
    let total: i64 = expected.iter().map(|e| int(&e["received"])).sum();
    assert_eq!(int(&area["basis_received"]), total);
    let narrative = report["narrative"][0].as_str().expect("tp1");
    assert!(
        narrative.contains(
            "So với cùng kỳ năm 2024, số hồ sơ tiếp nhận tăng 12,2 % (1.962 so với 1.748 hồ sơ)"
        ),
        "{narrative}"
    );
}

#[test]
fn a_period_without_data_says_so_and_shows_no_number() {
    let (_, _, report) = sample_run();
    let rows = section(report, "11_comparison");
    let previous: Vec<&Value> = rows
        .iter()
        .filter(|r| r["basis"] == "previous_period")
        .collect();
    assert_eq!(previous.len(), 5, "four communes and the area");
    for row in previous {
        // 14/01/2025–30/06/2025: as long as 01/07–15/12/2025, ending the day before.
        assert_eq!(row["basis_start"], "2025-01-14");
        assert_eq!(row["basis_end"], "2025-06-30");
        for key in [
            "basis_received",
            "received_change",
            "received_change_pct",
            "on_time_rate_change_pts",
        ] {
            assert!(row[key].is_null(), "{key} must be empty, never 0: {row}");
        }
        assert!(
            row["note"]
                .as_str()
                .is_some_and(|n| n.contains("không có hồ sơ")),
            "{row}"
        );
    }
    let md = std::fs::read_to_string(
        sample_run()
            .0
            .root
            .join("reports/2025-07-01_2025-12-15/report.md"),
    )
    .expect("md");
    assert!(md.contains(
        "Kho dữ liệu chưa có số liệu kỳ trước liền kề (từ 14/01/2025 đến 30/06/2025) để so sánh."
    ));
}

#[test]
fn months_add_up_to_the_period() {
    let (_, _, report) = sample_run();
    let months = section(report, "60_monthly");
    let summary = section(report, "10_summary");
    for s in summary {
        let of_commune: Vec<&Value> = months
            .iter()
            .filter(|m| m["commune_code"] == s["commune_code"])
            .collect();
        let labels: Vec<&str> = of_commune
            .iter()
            .filter_map(|m| m["month"].as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"
            ],
            "{}",
            s["commune"]
        );
        for key in ["received", "resolved", "late"] {
            let sum: i64 = of_commune.iter().map(|m| int(&m[key])).sum();
            assert_eq!(sum, int(&s[key]), "{} {key}", s["commune"]);
        }
    }
}

#[test]
fn communes_are_ranked_with_ties_stated() {
    let (_, _, report) = sample_run();
    let ranking = section(report, "65_ranking");
    assert_eq!(ranking.len(), 4);
    for key in ["on_time", "online"] {
        let rate = if key == "on_time" {
            "on_time_rate"
        } else {
            "online_share"
        };
        for a in ranking {
            let better = ranking
                .iter()
                .filter(|b| b[rate].as_f64() > a[rate].as_f64())
                .count() as i64;
            assert_eq!(int(&a[format!("{key}_rank")]), better + 1, "{a}");
            let tied = ranking.iter().filter(|b| b[rate] == a[rate]).count();
            let tie = &a[format!("{key}_tie")];
            if tied > 1 {
                let rank = better + 1;
                assert_eq!(tie, &Value::from(format!("đồng hạng {rank} ({tied} xã)")));
            } else {
                assert!(tie.is_null(), "{a}");
            }
        }
    }
    // The sample has one tie: Tân Phước 1 and 3 both resolve 99,1 % on time.
    assert!(ranking.iter().any(|r| !r["on_time_tie"].is_null()));
}
