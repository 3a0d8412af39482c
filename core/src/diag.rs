//! Shared diagnostics: where in an input something went wrong
//! ([`Location`]) and how a reader treats a bad record ([`Mode`]). A leaf
//! module with no RFC of its own: every stage that reads input (VRP exports,
//! SLURM files per RFC 8416, RPSL per RFC 2622/4012, IRR databases) reports
//! through these types, so a line and column mean the same thing everywhere.

use std::fmt;

/// How to treat a bad record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Fail on the first bad record (the default).
    #[default]
    Strict,
    /// Skip bad records and collect a warning for each.
    Lenient,
}

/// Where in the input an error or warning is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str("input"),
            (l, 0) => write!(f, "line {l}"),
            (l, c) => write!(f, "line {l}, column {c}"),
        }
    }
}

/// Turns byte offsets into lines and columns (the column counts bytes),
/// counting newlines lazily and incrementally (offsets asked for in
/// increasing order cost one pass).
#[derive(Debug, Default)]
pub(crate) struct LineIndex {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl LineIndex {
    /// The 1-based line and column of `offset` in `input`.
    pub(crate) fn locate(&mut self, input: &[u8], offset: usize) -> Location {
        let offset = offset.min(input.len());
        if offset < self.offset || self.line == 0 {
            *self = LineIndex {
                offset: 0,
                line: 1,
                line_start: 0,
            };
        }
        let chunk = input.get(self.offset..offset).unwrap_or_default();
        for nl in memchr::memchr_iter(b'\n', chunk) {
            self.line += 1;
            self.line_start = self.offset + nl + 1;
        }
        self.offset = offset;
        Location {
            line: self.line,
            column: offset - self.line_start + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_is_incremental() {
        let input = b"ab\ncd\n\nef";
        let mut li = LineIndex::default();
        assert_eq!(li.locate(input, 0), Location { line: 1, column: 1 });
        assert_eq!(li.locate(input, 4), Location { line: 2, column: 2 });
        assert_eq!(li.locate(input, 7), Location { line: 4, column: 1 });
        assert_eq!(li.locate(input, 1), Location { line: 1, column: 2 });
    }

    #[test]
    fn location_display() {
        assert_eq!(Location::default().to_string(), "input");
        assert_eq!(Location { line: 3, column: 0 }.to_string(), "line 3");
        assert_eq!(
            Location { line: 3, column: 7 }.to_string(),
            "line 3, column 7"
        );
    }
}
