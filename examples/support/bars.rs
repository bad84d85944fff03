//! Progress bars for the downloader, drawn with indicatif on stderr
//! (hidden when stderr is not a terminal). Shared by the examples.

use std::collections::HashMap;
use std::sync::Mutex;

use cftc_cot::source::download::ProgressEvent;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// One bar per archive being downloaded.
pub struct Bars {
    multi: MultiProgress,
    bars: Mutex<HashMap<String, ProgressBar>>,
}

impl Bars {
    pub fn new() -> Self {
        Bars {
            multi: MultiProgress::new(),
            bars: Mutex::new(HashMap::new()),
        }
    }

    pub fn update(&self, event: &ProgressEvent<'_>) {
        let Ok(mut bars) = self.bars.lock() else {
            return;
        };
        match event {
            ProgressEvent::Bytes {
                archive,
                done,
                total,
            } => {
                let bar = bars.entry(archive.file_name()).or_insert_with(|| {
                    let bar = self.multi.add(ProgressBar::new(total.unwrap_or(0)));
                    if let Ok(style) = ProgressStyle::with_template(
                        "{msg:28} {bar:30} {bytes:>10}/{total_bytes:10} {bytes_per_sec}",
                    ) {
                        bar.set_style(style);
                    }
                    bar.set_message(archive.file_name());
                    bar
                });
                bar.set_position(*done);
            }
            ProgressEvent::Finished { archive, .. } | ProgressEvent::Failed { archive, .. } => {
                if let Some(bar) = bars.remove(&archive.file_name()) {
                    bar.finish_and_clear();
                }
            }
            ProgressEvent::Waiting {
                archive,
                holder,
                up_to,
            } => {
                let _ = self.multi.println(format!(
                    "{} is being downloaded by {holder}; waiting up to {} s",
                    archive.file_name(),
                    up_to.as_secs()
                ));
            }
            _ => {}
        }
    }
}
