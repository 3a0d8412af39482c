//! bgpq4 1.9's command line (bgpq4 main.c, read with glibc's getopt on
//! Linux): the options, their checks in bgpq4's order with its messages,
//! streams and exit statuses, and the objects.
//!
//! [`parse_args`] reads an argument vector (without the program name) and
//! the value of `IRRD_SOURCES` into [`Options`], or into the
//! [`Bgpq4Error`] bgpq4 exits with. What it reproduces:
//!
//! - getopt with the option string [`OPTSTRING`]: clusters (`-AA`, `-K7`,
//!   `-4Ab`), arguments attached or in the next word (`-f112`, `-f 112`),
//!   GNU permutation (objects may come before options), `--` ending the
//!   options, getopt's own messages (`bgpq4: invalid option -- 'x'`,
//!   `bgpq4: option requires an argument -- 'f'`) followed by the usage on
//!   standard output and exit status 1. `POSIXLY_CORRECT` is not read.
//! - every check of main(), in its order: `FATAL ERROR:` messages exit with
//!   status 255 (bgpq4's fatal report calls `exit(-1)` before any
//!   `exit(1)` that follows it); the mutual exclusion messages exit with 1.
//! - the number readers as C reads them (`strtoul`, `strtol`, `atoi`,
//!   including wrap-around and asdot `-f 1.5`), `-M` escapes, the vendor
//!   defaults of `-W`.
//! - the object loop: `EXCEPT`, sets, hierarchical names, `SOURCE::` names,
//!   ASNs (their `ERROR:` lines, which do not stop bgpq4), prefixes and
//!   ranges (whose errors do, with status 1), and `-d`'s debug lines of
//!   that loop.
//!
//! One extension: `-n2` (`2` right after `-n`, or `-2` when the vendor is
//! already Nokia MD-CLI) selects Nokia SR Linux as bgpq4 1.11 and later do;
//! anywhere else `2` stays the invalid option it is in 1.9. A `-R`/`-r`
//! value that C reads as a negative `int` (`-R -1`), which bgpq4 1.9
//! accepts and then prints as lengths beyond 4 billion, is refused with
//! the message bgpq4 gives for `0`.

use std::fmt;

use crate::model::{Family, Prefix, PrefixRange};

use super::cwords::{
    add_prefix, exit_line, expander_maxlen, inserted, parse_prefix, parse_range, strtol, strtoul,
    PrefixOutcome, RangeOutcome,
};
use super::{Generation, Options, Vendor};

/// bgpq4 1.9's getopt option string.
pub const OPTSTRING: &str = "467a:AbBdDEeF:S:jJKf:l:L:m:M:NnpW:r:R:G:H:tTh:UuwXsvz";

/// What `bgpq4 -v` prints (release 1.9).
pub const VERSION_TEXT: &str = "bgpq4 - a versatile utility to generate BGP filters\n\
version: 1.9\n\
website: https://github.com/bgp/bgpq4\n\
maintainer: Job Snijders <job@sobornost.net>\n";

/// What bgpq4 1.9 prints on standard output for a bad command line.
pub const USAGE_TEXT: &str = "\n\
Usage: bgpq4 [-h host[:port]] [-S sources] [-E|G|H <num>|f <num>|t] [-46ABbdJjKNnpwXz] [-R len] <OBJECTS> ... [EXCEPT <OBJECTS> ...]\n\
\n\
Vendor targets:\n \
no option : Cisco IOS Classic (default)\n \
-X        : Cisco IOS XR\n \
-U        : Huawei\n \
-u        : Huawei XPL\n \
-j        : JSON\n \
-J        : Juniper Junos\n \
-K        : MikroTik RouterOSv6\n \
-K7       : MikroTik RouterOSv7\n \
-b        : NIC.CZ BIRD\n \
-N        : Nokia SR OS (Classic CLI)\n \
-n        : Nokia SR OS (MD-CLI)\n \
-B        : OpenBSD OpenBGPD\n \
-e        : Arista EOS\n \
-F fmt    : User defined format (example: '-F %n/%l')\n\
\n\
Input filters:\n \
-4        : generate IPv4 prefix-lists (default)\n \
-6        : generate IPv6 prefix-lists\n \
-m len    : maximum prefix length (default: 32 for IPv4, 128 for IPv6)\n \
-L depth  : limit recursion depth (default: unlimited)\n \
-S sources: only use specified IRR sources, in the specified order (comma separated)\n \
-w        : 'validate' AS numbers: accept only ones with registered routes\n\
\n\
Output modifiers:\n \
-A        : try to aggregate prefix-lists/route-filters\n \
-E        : generate extended access-list (Cisco), route-filter (Juniper)\n             \
[ip|ipv6]-prefix-list (Nokia) or prefix-set (OpenBGPD)\n \
-f number : generate input as-path access-list\n \
-G number : generate output as-path access-list\n \
-H number : generate origin as-lists (JunOS only)\n \
-M match  : extra match conditions for JunOS route-filters\n \
-l name   : use specified name for generated access/prefix/.. list\n \
-R len    : allow more specific routes up to specified masklen\n \
-r len    : allow more specific routes from masklen specified\n \
-s        : generate sequence numbers in prefix-lists (IOS only)\n \
-t        : generate as-sets for OpenBGPD (OpenBGPD 6.4+), BIRD and JSON formats\n \
-z        : generate route-filter-list (Junos only)\n \
-W len    : specify max-entries on as-path/as-list line (use 0 for infinity)\n\
\n\
Utility operations:\n \
-d        : generate some debugging output\n \
-h host   : host running IRRD software (default: rr.ntt.net)\n             \
use 'host:port' to specify alternate port\n \
-T        : disable pipelining (not recommended)\n \
-v        : print version and exit\n\
\n\
bgpq4 version: 1.9 (https://github.com/bgp/bgpq4)\n";

/// The outcome of a command line bgpq4 accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // one value per run
pub enum Command {
    /// Expand and print: the options, and what bgpq4 has written to
    /// standard error by the time it connects (the `ERROR:` lines of
    /// rejected ASN objects, `-d`'s lines of the object loop; often empty).
    Run {
        /// The parsed command line.
        options: Options,
        /// Standard error so far, bytes as bgpq4 writes them.
        stderr: Vec<u8>,
    },
    /// `-v`: print this text on standard output and exit with status 0.
    Version(String),
}

/// Why bgpq4 stops before it connects (or, for [`UnknownVendor`] and
/// [`AsSetPrinter`], before it prints): [`stdout`](Self::stdout),
/// [`stderr`](Self::stderr) and [`exit_code`](Self::exit_code) are what
/// bgpq4 1.9 writes and exits with.
///
/// [`UnknownVendor`]: Bgpq4Error::UnknownVendor
/// [`AsSetPrinter`]: Bgpq4Error::AsSetPrinter
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Bgpq4Error {
    /// An option character that is not in [`OPTSTRING`] (getopt's message,
    /// then the usage).
    #[error("invalid option -- '{}'", char::from(*option))]
    InvalidOption {
        /// The byte getopt saw.
        option: u8,
    },
    /// An option that takes an argument came last.
    #[error("option requires an argument -- '{}'", char::from(*option))]
    MissingArgument {
        /// The option.
        option: u8,
    },
    /// An option of the option string that bgpq4 does not handle (`-D`):
    /// the usage.
    #[error("option -{} is not handled", char::from(*option))]
    UnhandledOption {
        /// The option.
        option: u8,
    },
    /// No object after the options: the usage.
    #[error("no objects given")]
    NoObjects,
    /// `-4` and `-6` together.
    #[error("-4 and -6 are mutually exclusive")]
    FamilyExclusive,
    /// `7` other than right after `-K`.
    #[error("'7' can only be used after -K")]
    SevenWithoutK,
    /// An AS number (of `-a`, `-f`, `-G`, `-H`) out of range: 0, above
    /// 65535 × 65535, or an asdot half out of range.
    #[error("Invalid AS number: {arg}")]
    InvalidAsn {
        /// The argument.
        arg: String,
    },
    /// A character after the digits of an AS number.
    #[error("Invalid symbol in AS number: {} ({arg})", char::from(*symbol))]
    InvalidAsnSymbol {
        /// The first byte after the number.
        symbol: u8,
        /// The argument.
        arg: String,
    },
    /// A numeric option's value bgpq4 refuses: `-r`, `-R`, `-L`, `-m` that
    /// read as 0, `-W` negative.
    #[error("{}", value_message(*option, arg))]
    InvalidValue {
        /// The option (`r`, `R`, `L`, `m`, `W`).
        option: u8,
        /// The argument.
        arg: String,
    },
    /// A `-M` backslash not followed by a newline, `r`, `t` or `\`.
    #[error("Unsupported escape \\ (0x5c) in '{arg}'")]
    UnsupportedEscape {
        /// The argument.
        arg: String,
    },
    /// Two of `-E`, `-f`, `-G`, `-H`, `-t`, `-z`, or `-F`/`-U`/`-u` after
    /// another vendor.
    #[error("-E, -F, -K , -f <asnum>, -G <asnum>, and -t are mutually exclusive")]
    GenerationExclusive,
    /// Two vendor options.
    #[error("vendor options are mutually exclusive")]
    VendorExclusive,
    /// IOS XR with `-H`, `-t`, `-E` or `-z`.
    #[error("Sorry, only prefix-sets and as-paths supported for IOS XR")]
    XrGeneration,
    /// BIRD with `-G`, `-H`, `-E` or `-z`.
    #[error("Sorry, only prefix-lists and as-paths/as-sets supported for BIRD output")]
    BirdGeneration,
    /// JSON with `-G`, `-H`, `-E` or `-z`.
    #[error("Sorry, only prefix-lists and as-paths/as-sets supported for JSON output")]
    JsonGeneration,
    /// `-F` with anything but a prefix list.
    #[error("Sorry, only prefix-lists supported in formatted output")]
    FormatGeneration,
    /// Huawei with `-H`, `-t`, `-E` or `-z`.
    #[error("Sorry, only as-paths and prefix-lists supported for Huawei output")]
    HuaweiGeneration,
    /// `-z` without `-J`.
    #[error("Route-filter-lists (-z) supported for Juniper (-J) output only")]
    RouteFilterListVendor,
    /// `-t` without `-j`, `-B` or `-b`.
    #[error("As-Sets (-t) supported for JSON (-j), OpenBGPD (-B) and BIRD (-b) output only")]
    AsSetVendor,
    /// `-A` with a Junos prefix list.
    #[error("Sorry, aggregation (-A) does not work in Juniper prefix-lists")]
    JuniperAggregate,
    /// `-A` with Nokia's `-E` (or another non prefix list).
    #[error("Sorry, aggregation (-A) is not supported with ip-prefix-lists (-E) on Nokia.")]
    NokiaAggregate,
    /// `-R` (or `-r` when `low`) with Nokia's `-E`.
    #[error("Sorry, more-specifics (-{}) is not supported with ip-prefix-lists (-E) on Nokia.", if *low { 'r' } else { 'R' })]
    NokiaRefine {
        /// `-r` rather than `-R`.
        low: bool,
    },
    /// `-A` with an as-path, as-list or as-set.
    #[error("Sorry, aggregation (-A) used only for prefix-lists, extended access-lists and route-filters")]
    AggregateGeneration,
    /// `-s` (or `-e`'s) with a vendor other than IOS and EOS.
    #[error("Sorry, prefix-lists sequencing (-s) supported only for IOS and EOS")]
    SequenceVendor,
    /// `-s` (or `-e`'s) with an as-path, as-list or as-set.
    #[error("Sorry, prefix-lists sequencing (-s) can't be  used for non prefix-list")]
    SequenceGeneration,
    /// `-r` above `-R` (or above the family's maximum without `-R`).
    #[error("Incompatible values for -r {low} and -R {high}")]
    RefineOrder {
        /// `-r`.
        low: u32,
        /// `-R`.
        high: u32,
    },
    /// `-R`/`-r` beyond the family's maximum.
    #[error("Invalid value for {}: {value} ({})", if *low { "refineLow(-r)" } else { "refine(-R)" }, if *family == Family::V4 { "1-32 for IPv4" } else { "1-128 for IPv6" })]
    RefineRange {
        /// `-r` rather than `-R`.
        low: bool,
        /// The value.
        value: u32,
        /// The family.
        family: Family,
    },
    /// `-R`/`-r` with a Junos prefix list.
    #[error("Sorry, more-specific filters (-{} {value}) is not supported for Juniper prefix-lists.", if *low { 'r' } else { 'R' })]
    JuniperRefine {
        /// `-r` rather than `-R`.
        low: bool,
        /// The value.
        value: u32,
    },
    /// `-R`/`-r` with an as-path, as-list or as-set.
    #[error("Sorry, more-specific filter (-{} {value}) supported only with prefix-list generation", if *low { 'r' } else { 'R' })]
    RefineGeneration {
        /// `-r` rather than `-R`.
        low: bool,
        /// The value.
        value: u32,
    },
    /// `-m` beyond the family's maximum.
    #[error("Invalid value for max-prefixlen: {value} (1-128 for IPv6, 1-32 for IPv4)")]
    MaxLenRange {
        /// The value as C read it.
        value: u64,
    },
    /// `-E -6` for Cisco.
    #[error("Sorry, ipv6 access-lists not supported for Cisco yet.")]
    CiscoIpv6Acl,
    /// `-M` without `-J -E`.
    #[error("Sorry, extra match conditions (-M) can be used only with Juniper route-filters")]
    MatchVendor,
    /// `-6` with `-f`, `-G` or `-H` (without `-w`).
    #[error("Sorry, -6 makes no sense with as-path (-f/-G) or as-list (-H) generation")]
    Ipv6AsPath,
    /// `-w` without `-f`, `-G` or `-H`.
    #[error("Sorry, -w makes sense only for as-path (-f/-G) generation")]
    ValidateGeneration,
    /// A prefix object bgpq4 cannot use (unparsable, of the other family,
    /// or longer than `-m`); exit status 1.
    #[error("Unable to add prefix {object} (bad prefix or address-family)")]
    BadPrefix {
        /// The object as bgpq4 names it.
        object: String,
        /// Everything bgpq4 wrote to standard error, this message included.
        stderr: Vec<u8>,
    },
    /// A range object (`p^+`, `p^-`, `p^n`, `p^n-m`) bgpq4 cannot use; exit
    /// status 1.
    #[error("Unable to add prefix-range {object} (bad range or address-family)")]
    BadRange {
        /// The object as bgpq4 names it (cut at `^` when its prefix did
        /// not parse, as bgpq4 leaves it).
        object: String,
        /// Everything bgpq4 wrote to standard error, this message included.
        stderr: Vec<u8>,
    },
    /// `-f`, `-G` or `-H` for a vendor without such a printer (MikroTik,
    /// SR Linux; `-H` for anything but Junos): bgpq4 expands the objects,
    /// then stops with this.
    #[error("Unknown vendor {vendor}")]
    UnknownVendor {
        /// bgpq4's number of the vendor.
        vendor: u32,
    },
    /// `-t` for a vendor without an as-set printer (unreachable through
    /// [`parse_args`], which refuses it earlier).
    #[error("as-sets (-t) supported for JSON, OpenBGPD, and BIRD only")]
    AsSetPrinter,
}

fn value_message(option: u8, arg: &str) -> String {
    match option {
        b'r' => format!("Invalid refineLow value: {arg}"),
        b'R' => format!("Invalid refine length: {arg}"),
        b'L' => format!("Invalid maximum recursion (-L): {arg}"),
        b'm' => format!("Invalid maxlen (-m): {arg}"),
        _ => format!("Invalid as-width: {arg}"),
    }
}

const FATAL: &str = "FATAL ERROR:";

impl Bgpq4Error {
    /// A stable code naming the variant.
    pub fn code(&self) -> &'static str {
        use Bgpq4Error::*;
        match self {
            InvalidOption { .. } => "invalid-option",
            MissingArgument { .. } => "missing-argument",
            UnhandledOption { .. } => "unhandled-option",
            NoObjects => "no-objects",
            FamilyExclusive => "family-exclusive",
            SevenWithoutK => "seven-without-k",
            InvalidAsn { .. } => "invalid-asn",
            InvalidAsnSymbol { .. } => "invalid-asn-symbol",
            InvalidValue { .. } => "invalid-value",
            UnsupportedEscape { .. } => "unsupported-escape",
            GenerationExclusive => "generation-exclusive",
            VendorExclusive => "vendor-exclusive",
            XrGeneration => "xr-generation",
            BirdGeneration => "bird-generation",
            JsonGeneration => "json-generation",
            FormatGeneration => "format-generation",
            HuaweiGeneration => "huawei-generation",
            RouteFilterListVendor => "route-filter-list-vendor",
            AsSetVendor => "as-set-vendor",
            JuniperAggregate => "juniper-aggregate",
            NokiaAggregate => "nokia-aggregate",
            NokiaRefine { .. } => "nokia-refine",
            AggregateGeneration => "aggregate-generation",
            SequenceVendor => "sequence-vendor",
            SequenceGeneration => "sequence-generation",
            RefineOrder { .. } => "refine-order",
            RefineRange { .. } => "refine-range",
            JuniperRefine { .. } => "juniper-refine",
            RefineGeneration { .. } => "refine-generation",
            MaxLenRange { .. } => "max-len-range",
            CiscoIpv6Acl => "cisco-ipv6-acl",
            MatchVendor => "match-vendor",
            Ipv6AsPath => "ipv6-as-path",
            ValidateGeneration => "validate-generation",
            BadPrefix { .. } => "bad-prefix",
            BadRange { .. } => "bad-range",
            UnknownVendor { .. } => "unknown-vendor",
            AsSetPrinter => "as-set-printer",
        }
    }

    /// The exit status bgpq4 ends with: 1 for the usage, the mutual
    /// exclusion messages and bad prefix objects; 255 for every
    /// `FATAL ERROR:`.
    pub fn exit_code(&self) -> i32 {
        use Bgpq4Error::*;
        match self {
            InvalidOption { .. }
            | MissingArgument { .. }
            | UnhandledOption { .. }
            | NoObjects
            | GenerationExclusive
            | VendorExclusive
            | BadPrefix { .. }
            | BadRange { .. } => 1,
            _ => 255,
        }
    }

    /// What bgpq4 writes on standard output: the usage, or nothing.
    pub fn stdout(&self) -> String {
        use Bgpq4Error::*;
        match self {
            InvalidOption { .. } | MissingArgument { .. } | UnhandledOption { .. } | NoObjects => {
                USAGE_TEXT.to_owned()
            }
            _ => String::new(),
        }
    }

    /// What bgpq4 writes on standard error, byte for byte (a byte of an
    /// option or AS number is written alone, as C's `%c` does).
    pub fn stderr(&self) -> Vec<u8> {
        use Bgpq4Error::*;
        let fatal = |m: &str| format!("{FATAL}{m}\n").into_bytes();
        match self {
            InvalidOption { option } => {
                let mut v = b"bgpq4: invalid option -- '".to_vec();
                v.push(*option);
                v.extend_from_slice(b"'\n");
                v
            }
            MissingArgument { option } => {
                let mut v = b"bgpq4: option requires an argument -- '".to_vec();
                v.push(*option);
                v.extend_from_slice(b"'\n");
                v
            }
            UnhandledOption { .. } | NoObjects => Vec::new(),
            InvalidAsnSymbol { symbol, arg } => {
                let mut v = format!("{FATAL}Invalid symbol in AS number: ").into_bytes();
                v.push(*symbol);
                v.extend_from_slice(format!(" ({arg})\n").as_bytes());
                v
            }
            GenerationExclusive => b"-E, -F, -K , -f <asnum>, -G <asnum>, and -t are mutually exclusive\n".to_vec(),
            VendorExclusive => b"-b (BIRD), -B (OpenBGPD), -F (formatted), -J (Junos), -j (JSON), \
-K[7] (Microtik ROS), -N (Nokia SR OS Classic), -n (Nokia SR OS MD-CLI), -U (Huawei), \
-u (Huawei XPL),-e (Arista) and -X (IOS XR) options are mutually exclusive\n"
                .to_vec(),
            JuniperAggregate => format!(
                "{FATAL}Sorry, aggregation (-A) does not work in Juniper prefix-lists\n\
                 You can try route-filters (-E) or route-filter-lists (-z) instead of prefix-lists\n."
            )
            .into_bytes(),
            JuniperRefine { low, value } => {
                let (o, r) = if *low {
                    ('r', "route-filters")
                } else {
                    ('R', "router-filters")
                };
                fatal(&format!(
                    "Sorry, more-specific filters (-{o} {value}) is not supported for Juniper prefix-lists.\n\
                     Use {r} (-E) or route-filter-lists (-z) instead"
                ))
            }
            BadPrefix { stderr, .. } | BadRange { stderr, .. } => stderr.clone(),
            other => fatal(&other.to_string()),
        }
    }
}

/// How main() files an object word (bgpq4 1.9's test order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ObjectKind {
    /// The word `EXCEPT`: the words after it are exclusions.
    Except,
    /// An as-set: `AS-FOO`, `SOURCE::AS-FOO`, hierarchical `AS1:AS-FOO`.
    AsSet,
    /// A route-set: `RS-FOO`, `SOURCE::RS-FOO`, `AS1:RS-FOO`.
    RouteSet,
    /// An AS number `ASn` (any other word starting with `AS`; see
    /// [`asn_object`] for which of them bgpq4 keeps).
    Asn,
    /// `ASx:y` that names neither an as-set nor a route-set: bgpq4 drops it
    /// (with a debug line under `-d`).
    UnknownSubAs,
    /// A word without `^` that is not one of the above: a prefix.
    Prefix,
    /// A word with `^`: a prefix range.
    Range,
}

fn starts_ci(s: &[u8], p: &[u8]) -> bool {
    s.len() >= p.len() && s.iter().zip(p).all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// The source of a `SOURCE::NAME` word and the name after `::` (the word
/// itself and `None` without `::`).
pub fn split_source(word: &str) -> (Option<&str>, &str) {
    match word.find("::") {
        Some(i) => (word.get(..i), word.get(i + 2..).unwrap_or("")),
        None => (None, word),
    }
}

/// Files an object word as bgpq4 1.9's main() does: the name after a
/// `SOURCE::` decides (case-insensitive `AS-`, `RS-`, `AS`), then `^`.
pub fn classify_object(word: &str) -> ObjectKind {
    if word == "EXCEPT" {
        return ObjectKind::Except;
    }
    let obj = split_source(word).1.as_bytes();
    if starts_ci(obj, b"AS-") {
        ObjectKind::AsSet
    } else if starts_ci(obj, b"RS-") {
        ObjectKind::RouteSet
    } else if starts_ci(obj, b"AS") {
        match obj.iter().position(|&b| b == b':') {
            Some(i) => {
                let rest = obj.get(i + 1..).unwrap_or(&[]);
                if starts_ci(rest, b"AS-") {
                    ObjectKind::AsSet
                } else if starts_ci(rest, b"RS-") {
                    ObjectKind::RouteSet
                } else {
                    ObjectKind::UnknownSubAs
                }
            }
            None => ObjectKind::Asn,
        }
    } else if word.contains('^') {
        ObjectKind::Range
    } else {
        ObjectKind::Prefix
    }
}

/// The ASN bgpq4 adds for an [`ObjectKind::Asn`] word (or for an ASN an
/// as-set expands to, given as `ASn`), or the `ERROR:` line it writes
/// instead: the digits after the first two characters of the whole word
/// (C's `strtoul`, truncated to 32 bits), nothing after them; private and
/// reserved ASNs (23456 is not among them here: 64496–65551 and
/// ≥ 4200000000) only with `-p` (`special_asns`).
pub fn asn_object(word: &str, special_asns: bool) -> Result<u32, Vec<u8>> {
    let rest = word.as_bytes().get(2..).unwrap_or(&[]);
    let (v, end) = strtoul(rest);
    if let Some(&c) = rest.get(end) {
        let mut m = b"ERROR:Invalid symbol in AS number: '".to_vec();
        m.push(c);
        m.extend_from_slice(format!("' in {word}\n").as_bytes());
        return Err(m);
    }
    let asn = v as u32;
    if !special_asns && (asn >= 4_200_000_000 || (64496..=65551).contains(&asn)) {
        return Err(format!("ERROR:Invalid AS number: {asn}\n").into_bytes());
    }
    Ok(asn)
}

/// A prefix object as bgpq4 reads it (its `sx_prefix_parse`): the first 50
/// bytes only; a missing or out-of-range length is the family's maximum;
/// an IPv4 address may have C's octal and hex parts (`010.0.0.0`) and
/// trailing text; host bits are cleared. `None` where bgpq4 fails.
pub fn prefix_object(word: &str) -> Option<Prefix> {
    parse_prefix(word.as_bytes(), &mut Vec::new())
}

/// A range object (`p^+`, `p^-`, `p^n`, `p^n-m`) as bgpq4 1.9 adds it for
/// `family` and `-m` (`max_len` as in [`Options::max_len`]): `Ok(Some)`
/// with the range inserted, `Ok(None)` when bgpq4 accepts the word but
/// inserts nothing (`p^n` with `n` above the length of `p`, `^-` under
/// `-m` at the family maximum, a low above the high), `Err` with the
/// `ERROR:` lines when bgpq4 refuses it.
pub fn range_object(
    word: &str,
    family: Family,
    max_len: Option<u8>,
) -> Result<Option<PrefixRange>, Vec<u8>> {
    let mut err = Vec::new();
    let maxlen = expander_maxlen(family, max_len);
    match parse_range(word, family, maxlen, 0, &mut err) {
        RangeOutcome::Parsed(p, min, max) => Ok(inserted(p, min, max)),
        RangeOutcome::Ignored | RangeOutcome::Refused(_) => Err(err),
    }
}

// ------------------------------------------------------------------- getopt

/// glibc getopt in its default (permuting) mode over `argv`.
struct Getopt<'a> {
    argv: &'a [String],
    /// The next word to look at.
    idx: usize,
    /// Inside a cluster: the word and the byte offset of the next option.
    cluster: Option<(usize, usize)>,
    /// Words that are not options, in order.
    operands: Vec<&'a str>,
}

enum Opt {
    /// An option and its argument.
    Found(u8, Option<String>),
    /// getopt's `?`.
    Invalid(u8),
    /// getopt's `?` for a missing argument.
    Missing(u8),
}

/// Whether `c` is an option of [`OPTSTRING`], and whether it takes an
/// argument.
fn optspec(c: u8) -> Option<bool> {
    if c == b':' {
        return None;
    }
    let s = OPTSTRING.as_bytes();
    let i = s.iter().position(|&b| b == c)?;
    Some(s.get(i + 1) == Some(&b':'))
}

impl<'a> Getopt<'a> {
    fn new(argv: &'a [String]) -> Self {
        Getopt {
            argv,
            idx: 0,
            cluster: None,
            operands: Vec::new(),
        }
    }

    /// The next option; `None` at the end (operands then in
    /// `self.operands`). `two` makes `2` an option (the `-n2` extension).
    fn next(&mut self, two: bool) -> Option<Opt> {
        let (w, pos) = match self.cluster {
            Some(c) => c,
            None => loop {
                let word = self.argv.get(self.idx)?;
                self.idx += 1;
                if word == "--" {
                    for rest in self.argv.get(self.idx..).unwrap_or(&[]) {
                        self.operands.push(rest);
                    }
                    self.idx = self.argv.len();
                    return None;
                }
                if word.len() > 1 && word.starts_with('-') {
                    break (self.idx - 1, 1);
                }
                self.operands.push(word);
            },
        };
        let word = self.argv.get(w).map(String::as_bytes).unwrap_or(&[]);
        let c = word.get(pos).copied().unwrap_or(0);
        let next = pos + 1;
        let at_end = next >= word.len();
        self.cluster = if at_end { None } else { Some((w, next)) };
        let spec = if c == b'2' && two {
            Some(false)
        } else {
            optspec(c)
        };
        match spec {
            None => {
                self.cluster = None;
                Some(Opt::Invalid(c))
            }
            Some(false) => Some(Opt::Found(c, None)),
            Some(true) => {
                self.cluster = None;
                if !at_end {
                    let arg = String::from_utf8_lossy(word.get(next..).unwrap_or(&[]));
                    Some(Opt::Found(c, Some(arg.into_owned())))
                } else if let Some(a) = self.argv.get(self.idx) {
                    self.idx += 1;
                    Some(Opt::Found(c, Some(a.clone())))
                } else {
                    Some(Opt::Missing(c))
                }
            }
        }
    }
}

// --------------------------------------------------------------------- main

/// bgpq4's `parseasnumber`: plain or asdot (`1.5`), 1 to 65535 × 65535.
fn parse_asnumber(arg: &str) -> Result<u32, Bgpq4Error> {
    let b = arg.as_bytes();
    let invalid = || Bgpq4Error::InvalidAsn {
        arg: arg.to_owned(),
    };
    let symbol = |c: u8| Bgpq4Error::InvalidAsnSymbol {
        symbol: c,
        arg: arg.to_owned(),
    };
    let (v, end) = strtoul(b);
    let hi = v as u32;
    if hi < 1 || u64::from(hi) > 65535 * 65535 {
        return Err(invalid());
    }
    match b.get(end) {
        Some(b'.') => {
            let rest = b.get(end + 1..).unwrap_or(&[]);
            let (lo, lend) = strtoul(rest);
            let lo = lo as u32;
            if hi > 65535 || !(1..=65535).contains(&lo) {
                return Err(invalid());
            }
            // With no digits, C's end pointer stays after the dot.
            if let Some(&c) = rest.get(lend) {
                return Err(symbol(c));
            }
            Ok((hi << 16) + lo)
        }
        Some(&c) => Err(symbol(c)),
        None => Ok(hi),
    }
}

/// bgpq4's `-M` escapes: `\` + newline, `\r`, `\t`, `\\`.
fn decode_match(arg: &str) -> Result<String, Bgpq4Error> {
    let mut out = String::with_capacity(arg.len());
    let mut it = arg.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            _ => {
                return Err(Bgpq4Error::UnsupportedEscape {
                    arg: arg.to_owned(),
                })
            }
        }
    }
    Ok(out)
}

/// Parses bgpq4's arguments (without the program name) and the value of
/// the `IRRD_SOURCES` environment variable as bgpq4 1.9 does, up to the
/// point where it connects. The caller picks [`Options::dialect`].
///
/// ```
/// use routeguard::filter::bgpq4::args::{parse_args, Command};
/// use routeguard::filter::bgpq4::{Generation, Vendor};
/// let argv: Vec<String> = ["AS-AS112", "-f", "112", "-b"].map(String::from).to_vec();
/// let Ok(Command::Run { options, .. }) = parse_args(&argv, None) else { panic!() };
/// assert_eq!((options.vendor, options.generation, options.asn), (Vendor::Bird, Generation::AsPath, 112));
/// assert_eq!(options.as_width, 10);
/// let err = parse_args(&["-4".into(), "-6".into()], None).unwrap_err();
/// assert_eq!(err.stderr(), b"FATAL ERROR:-4 and -6 are mutually exclusive\n");
/// assert_eq!(err.exit_code(), 255);
/// ```
pub fn parse_args(argv: &[String], irrd_sources: Option<&str>) -> Result<Command, Bgpq4Error> {
    use Bgpq4Error as E;
    let mut o = Options {
        sources: irrd_sources.map(str::to_owned),
        ..Options::default()
    };
    let mut vendor: Option<Vendor> = None;
    let mut generation: Option<Generation> = None;
    let mut selected_v4 = false;
    let mut width_set = false;
    let mut width: i32 = 8;
    let mut refine: i32 = 0;
    let mut refine_low: i32 = 0;
    let mut maxlen: u64 = 0;
    let mut g = Getopt::new(argv);
    while let Some(opt) = g.next(vendor == Some(Vendor::NokiaMd)) {
        let (c, arg) = match opt {
            Opt::Invalid(c) => return Err(E::InvalidOption { option: c }),
            Opt::Missing(c) => return Err(E::MissingArgument { option: c }),
            Opt::Found(c, a) => (c, a.unwrap_or_default()),
        };
        let set_vendor = |vendor: &mut Option<Vendor>, v: Vendor| {
            if vendor.is_some() {
                return Err(E::VendorExclusive);
            }
            *vendor = Some(v);
            Ok(())
        };
        let set_generation = |generation: &mut Option<Generation>, gen: Generation| {
            if generation.is_some() {
                return Err(E::GenerationExclusive);
            }
            *generation = Some(gen);
            Ok(())
        };
        match c {
            b'4' => {
                if o.family == Family::V6 {
                    return Err(E::FamilyExclusive);
                }
                selected_v4 = true;
            }
            b'6' => {
                if selected_v4 {
                    return Err(E::FamilyExclusive);
                }
                o.family = Family::V6;
            }
            b'7' => {
                if vendor != Some(Vendor::Mikrotik6) {
                    return Err(E::SevenWithoutK);
                }
                vendor = Some(Vendor::Mikrotik7);
            }
            b'2' => vendor = Some(Vendor::SrLinux),
            b'a' => o.asn = parse_asnumber(&arg)?,
            b'A' => o.aggregate = o.aggregate.saturating_add(1),
            b'b' => set_vendor(&mut vendor, Vendor::Bird)?,
            b'B' => set_vendor(&mut vendor, Vendor::OpenBgpd)?,
            b'd' => o.debug = o.debug.saturating_add(1),
            b'E' => set_generation(&mut generation, Generation::ExtAcl)?,
            b'e' => {
                set_vendor(&mut vendor, Vendor::Arista)?;
                o.sequence = true;
            }
            b'F' | b'U' | b'u' => {
                if vendor.is_some() {
                    return Err(E::GenerationExclusive);
                }
                vendor = Some(match c {
                    b'F' => Vendor::Format,
                    b'U' => Vendor::Huawei,
                    _ => Vendor::HuaweiXpl,
                });
                if c == b'F' {
                    o.format = Some(arg);
                }
            }
            b'f' | b'G' | b'H' => {
                let gen = match c {
                    b'f' => Generation::AsPath,
                    b'G' => Generation::OriginAsPath,
                    _ => Generation::AsList,
                };
                set_generation(&mut generation, gen)?;
                o.asn = parse_asnumber(&arg)?;
            }
            b'h' => match arg.split_once(':') {
                Some((h, p)) => {
                    o.host = h.to_owned();
                    o.port = p.to_owned();
                }
                None => o.host = arg,
            },
            b'J' => set_vendor(&mut vendor, Vendor::Juniper)?,
            b'j' => set_vendor(&mut vendor, Vendor::Json)?,
            b'K' => set_vendor(&mut vendor, Vendor::Mikrotik6)?,
            b'N' => set_vendor(&mut vendor, Vendor::Nokia)?,
            b'n' => set_vendor(&mut vendor, Vendor::NokiaMd)?,
            b'X' => set_vendor(&mut vendor, Vendor::CiscoXr)?,
            b'r' | b'R' => {
                let v = strtoul(arg.as_bytes()).0 as i32;
                // 0 is bgpq4's refusal; a negative int (see the module
                // documentation) is refused the same way here.
                if v <= 0 {
                    return Err(E::InvalidValue { option: c, arg });
                }
                if c == b'r' {
                    refine_low = v;
                } else {
                    refine = v;
                }
            }
            b'l' => o.name = arg,
            b'L' => {
                let v = strtol(arg.as_bytes()).0 as u32;
                if v < 1 {
                    return Err(E::InvalidValue { option: c, arg });
                }
                o.max_depth = Some(v);
            }
            b'm' => {
                maxlen = strtoul(arg.as_bytes()).0;
                if maxlen == 0 {
                    return Err(E::InvalidValue { option: c, arg });
                }
            }
            b'M' => o.match_ = Some(decode_match(&arg)?),
            b'p' => o.special_asns = true,
            b't' => set_generation(&mut generation, Generation::AsSet)?,
            b'T' => o.pipelining = false,
            b's' => o.sequence = true,
            b'S' => o.sources = Some(arg),
            b'W' => {
                width = strtol(arg.as_bytes()).0 as i32;
                if width < 0 {
                    return Err(E::InvalidValue { option: c, arg });
                }
                width_set = true;
            }
            b'w' => o.validate_asns = true,
            b'v' => return Ok(Command::Version(VERSION_TEXT.to_owned())),
            b'z' => set_generation(&mut generation, Generation::RouteFilterList)?,
            other => return Err(E::UnhandledOption { option: other }),
        }
    }
    let v = vendor.unwrap_or(Vendor::Cisco);
    if !width_set {
        use Vendor::*;
        let d = match generation {
            Some(Generation::AsPath) => match v {
                Arista | Cisco | Mikrotik6 | Mikrotik7 => Some(4),
                CiscoXr => Some(6),
                Juniper | Nokia | NokiaMd | SrLinux => Some(8),
                Bird => Some(10),
                _ => None,
            },
            Some(Generation::OriginAsPath) => match v {
                Arista | Cisco => Some(5),
                CiscoXr => Some(7),
                Juniper | Nokia | NokiaMd | SrLinux => Some(8),
                _ => None,
            },
            Some(Generation::AsList) if v == Juniper => Some(8),
            _ => None,
        };
        if let Some(d) = d {
            width = d;
        }
    }
    o.as_width = usize::try_from(width).unwrap_or(0);
    let gen = generation.unwrap_or(Generation::PrefixList);
    o.vendor = v;
    o.generation = gen;
    check_combinations(&o, refine, refine_low)?;
    if refine_low != 0 && refine == 0 {
        refine = i32::from(o.family.max_len());
    }
    check_refine(&o, refine, refine_low)?;
    let fam_max = u64::from(o.family.max_len());
    if maxlen > fam_max {
        return Err(E::MaxLenRange { value: maxlen });
    }
    o.max_len = (maxlen != 0).then_some(maxlen as u8);
    o.refine = u8::try_from(refine).ok().filter(|&r| r != 0);
    o.refine_low = u8::try_from(refine_low).ok().filter(|&r| r != 0);
    if gen == Generation::ExtAcl && v == Vendor::Cisco && o.family == Family::V6 {
        return Err(E::CiscoIpv6Acl);
    }
    if o.match_.is_some() && (v != Vendor::Juniper || gen != Generation::ExtAcl) {
        return Err(E::MatchVendor);
    }
    let as_gen = matches!(
        gen,
        Generation::AsPath | Generation::OriginAsPath | Generation::AsList
    );
    if as_gen && o.family != Family::V4 && !o.validate_asns {
        return Err(E::Ipv6AsPath);
    }
    if o.validate_asns && !as_gen {
        return Err(E::ValidateGeneration);
    }
    let operands = std::mem::take(&mut g.operands);
    if operands.is_empty() {
        return Err(E::NoObjects);
    }
    let stderr = read_objects(&mut o, &operands)?;
    Ok(Command::Run { options: o, stderr })
}

/// Whether a generation is one of the as-path kinds (C's `< T_PREFIXLIST`).
fn below_prefix_list(g: Generation) -> bool {
    matches!(
        g,
        Generation::AsPath | Generation::OriginAsPath | Generation::AsList | Generation::AsSet
    )
}

/// main()'s vendor × generation checks, `-A`, `-R`/`-r` with Nokia, `-s`.
fn check_combinations(o: &Options, refine: i32, refine_low: i32) -> Result<(), Bgpq4Error> {
    use Bgpq4Error as E;
    use Generation::*;
    let (v, g) = (o.vendor, o.generation);
    let aggregate = o.aggregate > 0;
    if v == Vendor::CiscoXr && !matches!(g, PrefixList | AsPath | OriginAsPath) {
        return Err(E::XrGeneration);
    }
    if v == Vendor::Bird && !matches!(g, PrefixList | AsPath | AsSet) {
        return Err(E::BirdGeneration);
    }
    if v == Vendor::Json && !matches!(g, PrefixList | AsPath | AsSet) {
        return Err(E::JsonGeneration);
    }
    if v == Vendor::Format && g != PrefixList {
        return Err(E::FormatGeneration);
    }
    if v == Vendor::Huawei && !matches!(g, AsPath | OriginAsPath | PrefixList) {
        return Err(E::HuaweiGeneration);
    }
    if g == RouteFilterList && v != Vendor::Juniper {
        return Err(E::RouteFilterListVendor);
    }
    if g == AsSet && !matches!(v, Vendor::Json | Vendor::OpenBgpd | Vendor::Bird) {
        return Err(E::AsSetVendor);
    }
    if aggregate && v == Vendor::Juniper && g == PrefixList {
        return Err(E::JuniperAggregate);
    }
    let nokia = matches!(v, Vendor::Nokia | Vendor::NokiaMd | Vendor::SrLinux);
    if aggregate && nokia && g != PrefixList {
        return Err(E::NokiaAggregate);
    }
    if refine != 0 && nokia && g != PrefixList {
        return Err(E::NokiaRefine { low: false });
    }
    if refine_low != 0 && nokia && g != PrefixList {
        return Err(E::NokiaRefine { low: true });
    }
    if aggregate && below_prefix_list(g) {
        return Err(E::AggregateGeneration);
    }
    if o.sequence && !matches!(v, Vendor::Cisco | Vendor::Arista) {
        return Err(E::SequenceVendor);
    }
    if o.sequence && below_prefix_list(g) {
        return Err(E::SequenceGeneration);
    }
    Ok(())
}

/// main()'s `-R`/`-r` checks (after `-r` alone set `-R` to the maximum).
fn check_refine(o: &Options, refine: i32, refine_low: i32) -> Result<(), Bgpq4Error> {
    use Bgpq4Error as E;
    if refine_low != 0 && refine_low > refine {
        return Err(E::RefineOrder {
            low: refine_low as u32,
            high: refine as u32,
        });
    }
    if refine == 0 && refine_low == 0 {
        return Ok(());
    }
    let max = i32::from(o.family.max_len());
    let range = |low: bool, value: i32| E::RefineRange {
        low,
        value: value as u32,
        family: o.family,
    };
    if refine > max {
        return Err(range(false, refine));
    }
    if refine_low > max {
        return Err(range(true, refine_low));
    }
    let (low, value) = if refine != 0 {
        (false, refine as u32)
    } else {
        (true, refine_low as u32)
    };
    if o.vendor == Vendor::Juniper && o.generation == Generation::PrefixList {
        return Err(E::JuniperRefine { low, value });
    }
    if below_prefix_list(o.generation) {
        return Err(E::RefineGeneration { low, value });
    }
    Ok(())
}

/// main()'s object loop: fills `objects` and `except`, returns what bgpq4
/// wrote to standard error, or the error a prefix or range ends it with.
fn read_objects(o: &mut Options, words: &[&str]) -> Result<Vec<u8>, Bgpq4Error> {
    let mut err = Vec::new();
    let mut except = false;
    let maxlen = expander_maxlen(o.family, o.max_len);
    for &word in words {
        let kind = classify_object(word);
        if kind == ObjectKind::Except {
            except = true;
            continue;
        }
        if except {
            o.except.push(word.to_owned());
            continue;
        }
        match kind {
            ObjectKind::AsSet | ObjectKind::RouteSet => o.objects.push(word.to_owned()),
            ObjectKind::Asn => match asn_object(word, o.special_asns) {
                Ok(_) => o.objects.push(word.to_owned()),
                Err(m) => err.extend_from_slice(&m),
            },
            ObjectKind::UnknownSubAs => {
                if o.debug > 0 {
                    err.extend_from_slice(
                        format!("DEBUG: main.c:728 main Unknown sub-as object {word}\n").as_bytes(),
                    );
                }
            }
            ObjectKind::Prefix => match add_prefix(word, o.family, maxlen, o.debug, &mut err) {
                PrefixOutcome::Added(_) => o.objects.push(word.to_owned()),
                PrefixOutcome::Ignored | PrefixOutcome::Refused => {
                    err.extend_from_slice(exit_line(false, word).as_bytes());
                    return Err(Bgpq4Error::BadPrefix {
                        object: word.to_owned(),
                        stderr: err,
                    });
                }
            },
            ObjectKind::Range => {
                let shown = match parse_range(word, o.family, maxlen, o.debug, &mut err) {
                    RangeOutcome::Parsed(..) => {
                        o.objects.push(word.to_owned());
                        continue;
                    }
                    RangeOutcome::Ignored => word.to_owned(),
                    RangeOutcome::Refused(shown) => shown,
                };
                err.extend_from_slice(exit_line(true, &shown).as_bytes());
                return Err(Bgpq4Error::BadRange {
                    object: shown,
                    stderr: err,
                });
            }
            ObjectKind::Except => {}
        }
    }
    Ok(err)
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ObjectKind::Except => "except",
            ObjectKind::AsSet => "as-set",
            ObjectKind::RouteSet => "route-set",
            ObjectKind::Asn => "asn",
            ObjectKind::UnknownSubAs => "unknown-sub-as",
            ObjectKind::Prefix => "prefix",
            ObjectKind::Range => "range",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn run(s: &str) -> Options {
        match parse_args(&argv(s), None) {
            Ok(Command::Run { options, .. }) => options,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn clusters_and_permutation() {
        let o = run("AS-AS112 -f 112 -b");
        assert_eq!(o.vendor, Vendor::Bird);
        assert_eq!(o.objects, vec!["AS-AS112"]);
        let o = run("-K7 -4A AS1");
        assert_eq!(o.vendor, Vendor::Mikrotik7);
        assert_eq!(run("-4Ab AS1").vendor, Vendor::Bird);
        let o = run("-AA -l112 AS1 -- AS-FOO EXCEPT AS2");
        assert_eq!(o.aggregate, 2);
        assert_eq!(o.name, "112");
        assert_eq!(o.objects, vec!["AS1", "AS-FOO"]);
        assert_eq!(o.except, vec!["AS2"]);
        let o = run("-n2 AS1");
        assert_eq!(o.vendor, Vendor::SrLinux);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_asnumber("1.5"), Ok(65541));
        assert_eq!(parse_asnumber("4294967297"), Ok(1));
        assert!(matches!(
            parse_asnumber("0"),
            Err(Bgpq4Error::InvalidAsn { .. })
        ));
        assert_eq!(
            prefix_object("010.0.0.1/33").map(|p| p.to_string()),
            Some("8.0.0.1/32".to_owned())
        );
    }

    #[test]
    fn ranges() {
        let r = range_object("10.0.0.0/8^16-24", Family::V4, None).unwrap();
        assert_eq!(r.unwrap().to_string(), "10.0.0.0/8^16-24");
        assert_eq!(range_object("10.0.0.0/8^16", Family::V4, None), Ok(None));
        assert_eq!(
            range_object("10.0.0.0/8^+", Family::V4, Some(32))
                .unwrap()
                .unwrap()
                .to_string(),
            "10.0.0.0/8"
        );
    }
}
