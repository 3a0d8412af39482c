//! As-path and as-set printers of bgpq4 (printer.c): placeholder, filled in by the args branch.

use crate::filter::bgpq4::{Expansion, Options};

/// `bgpq4_print_aspath` (`-f`).
pub fn print_aspath(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
/// `bgpq4_print_oaspath` (`-G`).
pub fn print_oaspath(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
/// `bgpq4_print_aslist` (`-H`).
pub fn print_aslist(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
/// `bgpq4_print_asset` (`-t`).
pub fn print_asset(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
