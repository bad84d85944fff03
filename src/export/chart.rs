//! SVG charts of a history (feature `chart`, with plotters' SVG backend and
//! no font library).
//!
//! The upper panel is the weekly net position over the whole record, drawn
//! segment by segment so that no line crosses a gap in the data (the gaps
//! are shaded), with the contract changes marked (for the Russell 2000:
//! NYFE, CME full size and E-mini, ICE, CME E-mini), the record swings and
//! the most bullish and bearish readings marked and labelled. The lower
//! panel is the COT index over the study's window. Dates on the x axis,
//! thousands separators on the y axis, and a title that says market, group,
//! unit and scope.
//!
//! ```
//! use cftc_cot::TraderGroup;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::history::study::Study;
//!
//! let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
//! let (history, report) = study.run(&Source::dir("data-samples"), Mode::Lenient)?;
//! let svg = cftc_cot::export::chart::history_svg(&history, &report)?;
//! assert!(svg.starts_with("<svg"));
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use chrono::NaiveDate;
use plotters::prelude::*;

use crate::error::{ChartProblem, Error, ErrorKind, Result};
use crate::history::History;
use crate::history::analytics::{Window, cot_index, format_number};
use crate::history::study::StudySummary;

/// The chart's size in pixels.
pub const SIZE: (u32, u32) = (1200, 760);

fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce_i32())
}

trait DaysFromCe {
    fn num_days_from_ce_i32(&self) -> i32;
}

impl DaysFromCe for NaiveDate {
    fn num_days_from_ce_i32(&self) -> i32 {
        chrono::Datelike::num_days_from_ce(self)
    }
}

fn date_of(x: f64) -> Option<NaiveDate> {
    // x is whole days; the cast saturates and the date is checked.
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
}

fn chart_error<E: std::error::Error + Send + Sync + 'static>(e: E) -> Error {
    Error::from(ErrorKind::Chart {
        problem: ChartProblem::Drawing(Box::new(e)),
    })
}

/// A label's style: to the right of its point, or to the left of points
/// in the last quarter of the chart, so no label runs off the edge.
fn label_style<'a>(color: &'a RGBColor, x: f64, x_split: f64) -> (TextStyle<'a>, i32) {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let base = ("sans-serif", 12).into_font().color(color);
    if x > x_split {
        (base.pos(Pos::new(HPos::Right, VPos::Top)), -9)
    } else {
        (base.pos(Pos::new(HPos::Left, VPos::Top)), 9)
    }
}

/// A signed number with thousands separators.
fn signed(v: f64) -> String {
    let s = format_number(v);
    if v < 0.0 { format!("-{s}") } else { s }
}

/// Draws `history` and what `report` says of it as an SVG document.
pub fn history_svg(history: &History, report: &StudySummary) -> Result<String> {
    let points: Vec<(f64, f64)> = history
        .net_series()
        .iter()
        .map(|(d, v)| (day(d), v))
        .collect();
    let (Some(&(x0, _)), Some(&(x1, _))) = (points.first(), points.last()) else {
        return Err(Error::from(ErrorKind::Chart {
            problem: ChartProblem::NoReadings,
        }));
    };
    let pad = ((x1 - x0) * 0.02).max(7.0);
    let (lo, hi) = points
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), &(_, v)| (lo.min(v), hi.max(v)));
    // Room above the data for the contract labels, below for the lowest.
    let margin = ((hi - lo) * 0.08).max(1.0);
    let (y0, y1) = (lo - margin, hi + 2.5 * margin);
    let window = Window::days(report.headline.as_ref().map_or(1095, |h| h.window_days));
    let x_split = x0 + (x1 - x0) * 0.75;
    let series = history.net_series();
    let index: Vec<(f64, Option<f64>)> = series
        .dates()
        .iter()
        .zip(cot_index(&series, window))
        .map(|(d, i)| (day(*d), i))
        .collect();
    let segments = series.segments();
    let gaps = history.gaps();
    let unit = report
        .unit
        .parse::<crate::history::Unit>()
        .map_or(report.unit.clone(), |u| u.phrase().to_string());
    // Control characters are not allowed in XML even escaped: a market
    // name from a damaged file or a server would make the SVG unreadable.
    let title: String = format!(
        "{} futures: {}, {}, in {unit}",
        report.family,
        report.group,
        report.scope.replace('-', " "),
    )
    .chars()
    .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
    .collect();

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let (upper, lower) = root.split_vertically(540);
        let x_labels =
            |x: &f64| date_of(*x).map_or_else(String::new, |d| d.format("%Y-%m").to_string());

        let mut chart = ChartBuilder::on(&upper)
            .caption(&title, ("sans-serif", 22))
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(90)
            .build_cartesian_2d(x0 - pad..x1 + pad, y0..y1)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .x_labels(10)
            .y_labels(9)
            .x_label_formatter(&x_labels)
            .y_label_formatter(&|v: &f64| signed(*v))
            .y_desc(format!("net, {unit}"))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(chart_error)?;
        // Gaps in coverage, shaded; never a line across them.
        let shade = RGBColor(225, 225, 225).filled();
        chart
            .draw_series(
                gaps.iter()
                    .map(|g| Rectangle::new([(day(g.after), y0), (day(g.before), y1)], shade)),
            )
            .map_err(chart_error)?;
        // The zero line.
        chart
            .draw_series(LineSeries::new(
                [(x0 - pad, 0.0), (x1 + pad, 0.0)],
                RGBColor(120, 120, 120),
            ))
            .map_err(chart_error)?;
        // Contract changes: where each member contract (at one size) starts.
        let member = RGBColor(200, 120, 0);
        for (i, m) in history.members().iter().enumerate() {
            let x = day(m.first);
            chart
                .draw_series(LineSeries::new([(x, y0), (x, y1)], member.stroke_width(1)))
                .map_err(chart_error)?;
            let label = if m.multiplier.is_zero() {
                format!("{} from {}", m.code, m.first)
            } else {
                format!("{} ${} from {}", m.code, m.multiplier.normalize(), m.first)
            };
            // Staggered, so that changes weeks apart stay legible.
            let down = 4 + 16 * (i as i32 % 3);
            let (style, dx) = label_style(&member, x, x_split);
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x, y1)) + Text::new(label, (dx / 2, down), style),
                ))
                .map_err(chart_error)?;
        }
        // The net position, segment by segment.
        let line = RGBColor(30, 80, 160);
        for s in &segments {
            let run: Vec<(f64, f64)> = points
                .iter()
                .copied()
                .filter(|(x, _)| *x >= day(s.first) && *x <= day(s.last))
                .collect();
            chart
                .draw_series(LineSeries::new(run, line.stroke_width(2)))
                .map_err(chart_error)?;
        }
        // Record swings at the time: marked at their end.
        let record = RGBColor(200, 30, 30);
        for s in report.top_swings.iter().filter(|s| s.record_at_the_time) {
            let at = (day(s.end), s.to);
            let label = format!(
                "record {}-week swing {} to {}",
                report.weeks,
                signed(s.change),
                s.end
            );
            let (style, dx) = label_style(&record, at.0, x_split);
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(at)
                        + Circle::new((0, 0), 6, record.filled())
                        + Text::new(label, (dx, 4), style),
                ))
                .map_err(chart_error)?;
        }
        // The most bullish and bearish readings.
        let extreme = RGBColor(20, 130, 60);
        for (what, reading) in [
            ("most bullish", report.most_bullish),
            ("most bearish", report.most_bearish),
        ] {
            if let Some(r) = reading {
                let at = (day(r.date), r.net);
                let label = format!("{what}: {} on {}", signed(r.net), r.date);
                let dy = if r.net >= 0.0 { -16 } else { 6 };
                let (style, dx) = label_style(&extreme, at.0, x_split);
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at(at)
                            + TriangleMarker::new((0, 0), 7, extreme.filled())
                            + Text::new(label, (dx, dy), style),
                    ))
                    .map_err(chart_error)?;
            }
        }

        // The COT index, over the study's window.
        let mut lower_chart = ChartBuilder::on(&lower)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(90)
            .build_cartesian_2d(x0 - pad..x1 + pad, 0.0..100.0)
            .map_err(chart_error)?;
        lower_chart
            .configure_mesh()
            .x_labels(10)
            .y_labels(5)
            .x_label_formatter(&x_labels)
            .y_label_formatter(&|v: &f64| format!("{v:.0}"))
            .y_desc(format!("COT index, {} weeks", window.length_days() / 7))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(chart_error)?;
        lower_chart
            .draw_series(
                gaps.iter()
                    .map(|g| Rectangle::new([(day(g.after), 0.0), (day(g.before), 100.0)], shade)),
            )
            .map_err(chart_error)?;
        for s in &segments {
            let run: Vec<(f64, f64)> = index
                .iter()
                .filter(|(x, _)| *x >= day(s.first) && *x <= day(s.last))
                .filter_map(|(x, i)| Some((*x, (*i)?)))
                .collect();
            lower_chart
                .draw_series(LineSeries::new(run, RGBColor(120, 60, 160).stroke_width(2)))
                .map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

/// [`history_svg`] into a file, written whole or not at all
/// ([`atomic_write`](super::atomic_write)).
pub fn write_history_svg(
    path: impl AsRef<std::path::Path>,
    history: &History,
    report: &StudySummary,
) -> Result<()> {
    let path = path.as_ref();
    let svg = history_svg(history, report)?;
    super::atomic_write(path, |w| {
        std::io::Write::write_all(w, svg.as_bytes()).map_err(|e| super::io_failure(path, e))
    })
}
