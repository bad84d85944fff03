//! The SVG chart: well-formed XML, one point per reading, no line across a
//! gap, and the marks where the readings are (issue 15, item 1).
#![cfg(feature = "chart")]

use crate::common;

use cftc_cot::TraderGroup;
use cftc_cot::history::study::Study;
use cftc_cot::read::Mode;
use cftc_cot::source::Source;

/// The `(x, y)` pixels of a polyline's points.
fn points(node: &roxmltree::Node) -> Vec<(i64, i64)> {
    node.attribute("points")
        .unwrap_or("")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn the_russell_chart_holds_every_reading_and_marks_them() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
    let (history, report) = study.run(&Source::dir(&dir), Mode::Lenient).unwrap();
    let svg = cftc_cot::export::chart::history_svg(&history, &report).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    // The net position: one polyline per stretch without a gap, one point
    // per reading in all.
    let net_lines: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#1E50A0"))
        .collect();
    assert_eq!(net_lines.len(), history.gaps().len() + 1);
    let xy: Vec<(i64, i64)> = net_lines.iter().flat_map(points).collect();
    assert_eq!(xy.len(), history.points().len());
    // Dates run left to right.
    assert!(xy.windows(2).all(|w| w[0].0 <= w[1].0));
    // Every gap is shaded.
    let shaded = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#E1E1E1"))
        .count();
    assert_eq!(shaded, 2 * history.gaps().len(), "both panels");
    // The record swings sit on their readings: a circle at the point of
    // 2018-09-11, and its label.
    let at = |date: &str| {
        let i = history
            .points()
            .iter()
            .position(|p| p.date.to_string() == date)
            .unwrap();
        xy[i]
    };
    let circles: Vec<(i64, i64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| {
            (
                n.attribute("cx").unwrap().parse().unwrap(),
                n.attribute("cy").unwrap().parse().unwrap(),
            )
        })
        .collect();
    let records: Vec<_> = report
        .top_swings
        .iter()
        .filter(|s| s.record_at_the_time)
        .collect();
    assert_eq!(circles.len(), records.len());
    assert!(
        circles.contains(&at("2018-09-11")),
        "{circles:?} vs {:?}",
        at("2018-09-11")
    );
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_owned()))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "record 2-week swing -72,585 to 2018-09-11"),
        "{texts:?}"
    );
    // The extremes, found here from the points (the first, on ties).
    let nets: Vec<(String, f64)> = history
        .points()
        .iter()
        .map(|p| (p.date.to_string(), p.net.to_string().parse().unwrap()))
        .collect();
    let high = nets
        .iter()
        .fold(&nets[0], |b, x| if x.1 > b.1 { x } else { b });
    let low = nets
        .iter()
        .fold(&nets[0], |b, x| if x.1 < b.1 { x } else { b });
    let grouped = |v: f64| {
        let digits = format!("{:.0}", v.abs());
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    };
    for (what, (date, net)) in [("most bullish", high), ("most bearish", low)] {
        let label = format!("{what}: {} on {date}", grouped(*net));
        assert!(texts.contains(&label), "{label}: {texts:?}");
    }
    // The contract changes: ICE at $100, ICE at $50, CME.
    for label in [
        "23977A $100 from 2010-07-20",
        "23977A $50 from 2017-01-03",
        "239742 $50 from 2017-08-15",
    ] {
        assert!(texts.iter().any(|t| t == label), "{label}: {texts:?}");
    }
    assert!(texts.iter().any(|t| {
        t.contains("Russell 2000 futures: leveraged-funds, futures only, in E-mini equivalents")
    }));
    // Thousands separators on the axis.
    assert!(texts.iter().any(|t| t == "-250,000"), "{texts:?}");
}

#[test]
fn an_empty_history_is_an_error_not_a_blank_picture() {
    let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
    let (history, report) = study
        .run(&Source::dir("data-samples"), Mode::Lenient)
        .unwrap();
    assert!(cftc_cot::export::chart::history_svg(&history, &report).is_ok());
    let empty: cftc_cot::history::History =
        cftc_cot::history::HistoryBuilder::new(cftc_cot::records::registry::Family::russell_2000())
            .build(std::iter::empty())
            .unwrap();
    let err = cftc_cot::export::chart::history_svg(&empty, &report).unwrap_err();
    assert!(err.to_string().contains("no readings"), "{err}");
}
