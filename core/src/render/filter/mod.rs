//! Router filters: what [`filter::bgpq4`](crate::filter::bgpq4) expanded,
//! printed byte for byte as bgpq4 prints it for every vendor.
//!
//! - [`prefix`]: prefix lists, extended lists (`-E`), Junos
//!   route-filter-lists (`-z`), user formats (`-F`).
//! - [`aspath`]: as-path filters (`-f`, `-G`), Junos as-lists (`-H`),
//!   as-sets (`-t`).

pub mod aspath;
pub mod extra;
pub mod prefix;

use crate::filter::bgpq4::{Expansion, Generation, Options};

/// Prints an expansion as bgpq4 does for `opts` (its standard output).
pub fn print(opts: &Options, exp: &Expansion) -> String {
    let mut out = String::new();
    match opts.generation {
        Generation::AsPath => aspath::print_aspath(&mut out, opts, exp),
        Generation::OriginAsPath => aspath::print_oaspath(&mut out, opts, exp),
        Generation::AsList => aspath::print_aslist(&mut out, opts, exp),
        Generation::AsSet => aspath::print_asset(&mut out, opts, exp),
        Generation::PrefixList => prefix::print_prefix_list(&mut out, opts, exp),
        Generation::ExtAcl => prefix::print_eacl(&mut out, opts, exp),
        Generation::RouteFilterList => prefix::print_route_filter_list(&mut out, opts, exp),
    }
    out
}
