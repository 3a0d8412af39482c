//! Prefix-list printers of bgpq4 (printer.c): placeholder, filled in by the tree branch.

use crate::filter::bgpq4::{Expansion, Options};

/// `bgpq4_print_prefixlist`.
pub fn print_prefix_list(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
/// `bgpq4_print_eacl`.
pub fn print_eacl(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
/// `bgpq4_print_route_filter_list`.
pub fn print_route_filter_list(_out: &mut String, _opts: &Options, _exp: &Expansion) {}
