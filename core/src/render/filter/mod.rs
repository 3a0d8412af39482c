//! Router filters: what [`filter::bgpq4`](crate::filter::bgpq4) expanded,
//! printed byte for byte as bgpq4 prints it for every vendor.
//!
//! - [`prefix`]: prefix lists, extended lists (`-E`), Junos
//!   route-filter-lists (`-z`), user formats (`-F`).
//! - [`aspath`]: as-path filters (`-f`, `-G`), Junos as-lists (`-H`),
//!   as-sets (`-t`).
//! - [`extra`]: what bgpq4 lacks: FRR, VyOS, OpenBGPD `origin-set`, ASPA
//!   sets for BIRD and OpenBGPD, the audit of a router's list.
//! - [`list`]: `routeguard filter`'s output of a
//!   [`PrefixFilter`](crate::filter::prefix_filter::PrefixFilter) in any of
//!   these forms, or JSON with origins and RPKI states.

pub mod aspath;
pub mod extra;
pub mod list;
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

/// What a whole bgpq4 run wrote and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bgpq4Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The exit status.
    pub code: i32,
}

/// One bgpq4 run after its command line was read: expands `opts`'
/// objects over `resolver`, applies `-R`, `-r`, `-A` in bgpq4's order and
/// prints. bgpq4's own failures (a bad prefix object, unknown sources)
/// come back as output with their exit status; a resolver that fails
/// (connection, limits) is an `Err`.
pub fn run_bgpq4(
    opts: &Options,
    resolver: &mut dyn crate::filter::resolve::Resolver,
    limits: &crate::index::irr::SetLimits,
) -> Result<Bgpq4Output, crate::filter::resolve::ResolveError> {
    use crate::filter::bgpq4::expand::{expand, ExpandError};
    match expand(opts, resolver, limits) {
        Ok(mut x) => {
            let trace = x
                .expansion
                .tree
                .finish(opts.refine, opts.refine_low, opts.aggregate);
            let mut stdout = x.stdout;
            stdout.push_str(&trace);
            // bgpq4 finds out that a vendor has no such printer only now.
            if let Err(e) = aspath::check_vendor(opts) {
                return Ok(Bgpq4Output {
                    stdout: stdout + &e.stdout(),
                    stderr: x.stderr + &String::from_utf8_lossy(&e.stderr()),
                    code: e.exit_code(),
                });
            }
            let list = print(opts, &x.expansion);
            if stdout.is_empty() {
                stdout = list;
            } else {
                stdout.push_str(&list);
            }
            Ok(Bgpq4Output {
                stdout,
                stderr: x.stderr,
                code: 0,
            })
        }
        Err(ExpandError::Exit { stderr, code }) => Ok(Bgpq4Output {
            stdout: String::new(),
            stderr,
            code,
        }),
        Err(ExpandError::Resolve(e)) => Err(e),
    }
}
