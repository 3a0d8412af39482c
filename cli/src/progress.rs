//! Progress on stderr: drawn only when stderr is a terminal, not `--quiet`,
//! and the work is large enough to take a noticeable time.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Inputs smaller than this (bytes on disk) load without a progress bar.
pub const MIN_BYTES: u64 = 1 << 20;

/// Whether and how to show progress.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    enabled: bool,
}

impl Progress {
    /// Progress enabled when stderr is a terminal and not `quiet`.
    pub fn detect(quiet: bool) -> Self {
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Whether bars are drawn at all.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// A spinner for a step over `work` bytes of data, when worth showing.
    pub fn step(&self, work: usize, msg: &str) -> Option<ProgressBar> {
        if !self.enabled || (work as u64) < MIN_BYTES {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(msg.to_owned());
        bar.enable_steady_tick(Duration::from_millis(100));
        Some(bar)
    }

    /// A counter of routes for bulk validation, when worth showing (stdout is
    /// not the terminal the bar would be drawn on).
    pub fn counter(&self, msg: &str) -> Option<ProgressBar> {
        if !self.enabled || std::io::stdout().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {human_pos} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(msg.to_owned());
        Some(bar)
    }
}

/// Clears a bar if there is one.
pub fn done(bar: Option<ProgressBar>) {
    if let Some(b) = bar {
        b.finish_and_clear();
    }
}
