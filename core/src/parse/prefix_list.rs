//! Prefix lists as routers print them, and as bgpq4 (printer.c of bgpq4
//! 1.9 and 1.16) and routeguard render them, read back into
//! [`PrefixRange`]s per list: the input of a filter audit (what a router
//! holds against what it should hold).
//!
//! | [`PrefixListFormat`] | syntax read |
//! |---|---|
//! | `cisco` (IOS, IOS-XE, EOS), `frr` | `ip[v6] prefix-list NAME [seq N] permit\|deny P\|any [ge X] [le Y] [eq Z]`; EOS's `ip prefix-list NAME` header with indented `seq N permit P` lines; `show` output's `ip prefix-list NAME: N entries` header |
//! | `ios-xr` | `prefix-set NAME` … `P [ge X] [le Y] [eq Z],` … `end-set` |
//! | `junos` | `prefix-list NAME { P; }`, `route-filter-list NAME { P MOD [action]; }`, `policy-statement PS { [term T {] from { route-filter P MOD [action]; } }` (the list is `PS` or `PS/T`), and the same as `set policy-options …` lines; modifiers `exact`, `orlonger`, `longer`, `upto /N`, `prefix-length-range /A-/B` |
//! | `bird` | `[define] NAME = [ P, P{A,B}, P+, P- ];` (a range or `-` reaching above the prefix's length becomes the exact less-specifics it matches) |
//! | `openbgpd` | `prefix-set NAME { … }`, `origin-set NAME { … source-as N }`, bgpq4's `prefix { … }` (named `NN`) and `NAME="prefix { … }"`; `P [or-longer] [prefixlen = N \| A - B \| A >< B \| <= N \| < N \| >= N \| > N]`; `deny from AS N` is an empty `NN` |
//! | `json` | bgpq4 `-j`: `{"NAME": [{"prefix": P, "exact": true}, {"prefix": P, "exact": false, "greater-equal": A, "less-equal": B}]}` |
//! | `sros`, `sros-mdcli`, `srlinux` | `prefix-list "NAME"` … `prefix P exact\|longer\|through N\|prefix-length-range A-B` … `exit`; `prefix-list "NAME" { prefix P type exact\|longer\|through\|range { start-length A end-length B through-length N } }`; `prefix-set "NAME" { prefix P mask-length-range exact\|A..B { } }` |
//! | `huawei` | `ip ip-prefix\|ipv6-prefix NAME [index N] permit\|deny ADDR LEN [greater-equal A] [less-equal B]` |
//! | `huawei-xpl` | `xpl ip-prefix-list\|ipv6-prefix-list NAME` … `ADDR LEN [ge A] [le B] [eq N],` … `end-list` |
//! | `routeros` | RouterOS 6 `/routing filter add action=accept\|discard\|reject chain=NAME prefix=P [prefix-length=A-B]`; RouterOS 7 `/routing filter rule add chain=NAME rule="if (dst==P) {accept}"` and `if (dst in P && dst-len in A-B) {accept}`; a chain `NAME-V4`/`NAME-V6` (bgpq4's) is the list `NAME` of that family |
//! | `vyos` | `set policy prefix-list[6] NAME rule N action\|prefix\|ge\|le V` |
//!
//! Semantics. A list is the set of routes it permits. Cisco's `ge X`
//! alone reaches the family's longest length and `le Y` alone starts at the
//! prefix's; Huawei, VyOS, IOS-XR and XPL read the same way. Entries with
//! sequence numbers (`seq`, `index`, VyOS `rule`) are taken in that order.
//! `deny`/`reject`/`discard` entries permit nothing: bgpq4's empty list
//! (`deny 0.0.0.0/0`, Junos `0.0.0.0/0 orlonger reject`) reads as an empty
//! list. A deny that would shadow a later permit (they share a route) makes
//! the list order-dependent, which a set of ranges cannot express:
//! [`ParseErrorKind::InvalidField`] `deny`. Junos route-filters are read as
//! the union bgpq4 means (Junos itself matches the longest route-filter
//! prefix first); their actions other than `reject` permit.
//!
//! JSON errors point just past the entry at fault (serde_json's position).
//! Lines that are none of a format's list statements (the rest of a pasted
//! configuration, `no …`/`delete …`/`undo …` resets, `exit`, `commit`) are
//! skipped; a list statement that does not parse is an error with its line
//! and column. Prefixes are strict (no host bits). Limits:
//! [`MAX_INPUT_LEN`] bytes, [`MAX_ENTRIES`] entries in all, [`MAX_LISTS`]
//! lists, [`MAX_NAME_LEN`] bytes in a name, [`MAX_TOKEN_LEN`] in a word
//! ([`ParseErrorKind::Limit`]).
//!
//! ```
//! use routeguard::parse::prefix_list::{parse_prefix_list, PrefixListFormat};
//! let text = b"no ip prefix-list NN\nip prefix-list NN permit 192.0.2.0/24\nip prefix-list NN permit 10.0.0.0/8 ge 16 le 24\n";
//! let lists = parse_prefix_list(text, None).unwrap();
//! assert_eq!(lists.format, Some(PrefixListFormat::Cisco));
//! let nn = lists.get("NN").unwrap();
//! assert_eq!(nn.ranges.len(), 2);
//! assert_eq!(nn.ranges[0].to_string(), "10.0.0.0/8^16-24");
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::peeringdb::json_error;
use super::{ParseError, ParseErrorKind, MAX_RECORD_LEN};
use crate::model::{Family, Prefix, PrefixRange, UnknownWord};

/// Largest input accepted, in bytes.
pub const MAX_INPUT_LEN: usize = 256 << 20;
/// Most entries (ranges before deduplication) in one input.
pub const MAX_ENTRIES: usize = 4_000_000;
/// Most lists in one input.
pub const MAX_LISTS: usize = 100_000;
/// Longest list name, in bytes.
pub const MAX_NAME_LEN: usize = 256;
/// Longest word, in bytes (quoted strings may be [`MAX_RECORD_LEN`]).
pub const MAX_TOKEN_LEN: usize = 4096;

/// The name of a list whose syntax gives none (bgpq4's OpenBGPD
/// `prefix { … }`): bgpq4's default name.
pub const DEFAULT_NAME: &str = "NN";

/// A prefix-list syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PrefixListFormat {
    /// Cisco IOS / IOS-XE / Arista EOS `ip prefix-list` (bgpq4's default and `-e`).
    Cisco,
    /// FRR's `ip prefix-list NAME seq N permit P le X` (read like [`Cisco`](Self::Cisco)).
    Frr,
    /// Cisco IOS XR `prefix-set` (`-X`).
    CiscoXr,
    /// Junos, curly-brace or `set` form (`-J`, `-J -E`, `-J -z`).
    Junos,
    /// BIRD prefix sets (`-b`).
    Bird,
    /// OpenBGPD `prefix-set`, `origin-set`, `prefix { … }` (`-B`, `-B -E`).
    OpenBgpd,
    /// bgpq4's JSON (`-j`).
    Json,
    /// Nokia SR OS classic CLI (`-N`).
    Nokia,
    /// Nokia SR OS MD-CLI (`-n`).
    NokiaMd,
    /// Nokia SR Linux (`-n2`).
    SrLinux,
    /// Huawei VRP `ip ip-prefix` (`-U`).
    Huawei,
    /// Huawei XPL `xpl ip-prefix-list` (`-u`).
    HuaweiXpl,
    /// MikroTik RouterOS 6 and 7 routing filters (`-K`, `-K7`).
    Mikrotik,
    /// VyOS `set policy prefix-list`.
    Vyos,
}

impl PrefixListFormat {
    /// Every format, in sniffing order.
    pub const ALL: [PrefixListFormat; 14] = [
        PrefixListFormat::Cisco,
        PrefixListFormat::Frr,
        PrefixListFormat::CiscoXr,
        PrefixListFormat::Junos,
        PrefixListFormat::Bird,
        PrefixListFormat::OpenBgpd,
        PrefixListFormat::Json,
        PrefixListFormat::Nokia,
        PrefixListFormat::NokiaMd,
        PrefixListFormat::SrLinux,
        PrefixListFormat::Huawei,
        PrefixListFormat::HuaweiXpl,
        PrefixListFormat::Mikrotik,
        PrefixListFormat::Vyos,
    ];

    /// `cisco`, `frr`, `ios-xr`, `junos`, `bird`, `openbgpd`, `json`,
    /// `sros`, `sros-mdcli`, `srlinux`, `huawei`, `huawei-xpl`, `routeros`,
    /// `vyos`.
    pub fn as_str(self) -> &'static str {
        match self {
            PrefixListFormat::Cisco => "cisco",
            PrefixListFormat::Frr => "frr",
            PrefixListFormat::CiscoXr => "ios-xr",
            PrefixListFormat::Junos => "junos",
            PrefixListFormat::Bird => "bird",
            PrefixListFormat::OpenBgpd => "openbgpd",
            PrefixListFormat::Json => "json",
            PrefixListFormat::Nokia => "sros",
            PrefixListFormat::NokiaMd => "sros-mdcli",
            PrefixListFormat::SrLinux => "srlinux",
            PrefixListFormat::Huawei => "huawei",
            PrefixListFormat::HuaweiXpl => "huawei-xpl",
            PrefixListFormat::Mikrotik => "routeros",
            PrefixListFormat::Vyos => "vyos",
        }
    }
}

impl fmt::Display for PrefixListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PrefixListFormat {
    type Err = UnknownWord;
    /// The [`as_str`](Self::as_str) words, any case, and the aliases `ios`,
    /// `eos`, `arista`, `iosxr`, `xr`, `juniper`, `bird2`, `nokia`,
    /// `nokia-md`, `mikrotik`, `routeros6`, `routeros7`.
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "cisco" | "ios" | "eos" | "arista" => PrefixListFormat::Cisco,
            "frr" => PrefixListFormat::Frr,
            "ios-xr" | "iosxr" | "xr" => PrefixListFormat::CiscoXr,
            "junos" | "juniper" => PrefixListFormat::Junos,
            "bird" | "bird2" => PrefixListFormat::Bird,
            "openbgpd" => PrefixListFormat::OpenBgpd,
            "json" => PrefixListFormat::Json,
            "sros" | "nokia" => PrefixListFormat::Nokia,
            "sros-mdcli" | "nokia-md" => PrefixListFormat::NokiaMd,
            "srlinux" => PrefixListFormat::SrLinux,
            "huawei" => PrefixListFormat::Huawei,
            "huawei-xpl" => PrefixListFormat::HuaweiXpl,
            "routeros" | "mikrotik" | "routeros6" | "routeros7" => PrefixListFormat::Mikrotik,
            "vyos" => PrefixListFormat::Vyos,
            _ => {
                return Err(UnknownWord::new(
                    "prefix-list format",
                    s,
                    "cisco, frr, ios-xr, junos, bird, openbgpd, json, sros, sros-mdcli, srlinux, huawei, huawei-xpl, routeros or vyos",
                ))
            }
        })
    }
}

/// One list: its name, its family when the syntax or the entries say it,
/// and the ranges it permits (sorted, without duplicates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixList {
    /// The list's name (for Junos route-filters in a policy, `PS` or `PS/TERM`).
    pub name: String,
    /// `ip` or `ipv6` lists, `-V4`/`-V6` chains; else the one family of all
    /// entries; `None` for an empty list of unknown family or a mixed one.
    pub family: Option<Family>,
    /// The permitted ranges, sorted, deduplicated.
    pub ranges: Vec<PrefixRange>,
}

/// What [`parse_prefix_list`] read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrefixLists {
    /// The format read (`None` when the input held nothing to read).
    pub format: Option<PrefixListFormat>,
    /// The lists, in order of first appearance. Lists of one name and two
    /// families (Cisco's `ip` and `ipv6` namespaces) are two lists.
    pub lists: Vec<PrefixList>,
}

impl PrefixLists {
    /// The first list of that name (names compare exactly).
    pub fn get(&self, name: &str) -> Option<&PrefixList> {
        self.lists.iter().find(|l| l.name == name)
    }

    /// The ranges of every list of that name (both families), sorted.
    pub fn ranges_of(&self, name: &str) -> Vec<PrefixRange> {
        let mut v: Vec<PrefixRange> = self
            .lists
            .iter()
            .filter(|l| l.name == name)
            .flat_map(|l| l.ranges.iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The ranges of the lists named `name` ([`PrefixLists::ranges_of`]),
    /// or of every list for `None` ([`PrefixLists::all_ranges`]): what a
    /// diff against one customer's list of a whole router configuration
    /// reads. A name no list has is an error (code `invalid-field`) that
    /// names the lists there are.
    ///
    /// ```
    /// use routeguard::parse::prefix_list::parse_prefix_list;
    /// let text = "ip prefix-list A permit 192.0.2.0/24\nip prefix-list B permit 198.51.100.0/24\n";
    /// let lists = parse_prefix_list(text.as_bytes(), None).unwrap();
    /// assert_eq!(lists.select(Some("B")).unwrap().len(), 1);
    /// assert_eq!(lists.select(None).unwrap().len(), 2);
    /// let e = lists.select(Some("C")).unwrap_err();
    /// assert_eq!(e.to_string(), "input: invalid list: no prefix list named \"C\" (the input has A, B)");
    /// ```
    pub fn select(&self, name: Option<&str>) -> Result<Vec<PrefixRange>, ParseError> {
        let Some(name) = name else {
            return Ok(self.all_ranges());
        };
        if self.get(name).is_some() {
            return Ok(self.ranges_of(name));
        }
        let mut names: Vec<&str> = Vec::new();
        for l in &self.lists {
            if !names.contains(&l.name.as_str()) {
                names.push(&l.name);
            }
        }
        let has = if names.is_empty() {
            "no list".to_owned()
        } else {
            names.join(", ")
        };
        Err(ParseError::at(
            0,
            0,
            ParseErrorKind::InvalidField {
                field: "list",
                message: format!("no prefix list named {name:?} (the input has {has})"),
            },
        ))
    }

    /// The ranges of every list, sorted, deduplicated.
    pub fn all_ranges(&self) -> Vec<PrefixRange> {
        let mut v: Vec<PrefixRange> = self
            .lists
            .iter()
            .flat_map(|l| l.ranges.iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Reads prefix lists in `format`, or in the format [`sniff_prefix_list`]
/// finds. Input with nothing but comments and blank lines gives no list.
pub fn parse_prefix_list(
    input: &[u8],
    format: Option<PrefixListFormat>,
) -> Result<PrefixLists, ParseError> {
    if input.len() > MAX_INPUT_LEN {
        return Err(ParseError::at(
            0,
            0,
            ParseErrorKind::Limit(format!("input longer than {MAX_INPUT_LEN} bytes")),
        ));
    }
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            let good = input.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + memchr::memchr_iter(b'\n', good).count();
            let col = good.len() - good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
            return Err(ParseError::at(line, col, ParseErrorKind::Utf8));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = match format.or_else(|| sniff_prefix_list(text.as_bytes())) {
        Some(f) => f,
        None => {
            if significant_line(text).is_none() {
                return Ok(PrefixLists::default());
            }
            let (line, first) = significant_line(text).unwrap_or((1, ""));
            return Err(ParseError::at(
                line,
                1,
                ParseErrorKind::WrongDocument {
                    expected: "a prefix list",
                    found: format!("{:?}", first.chars().take(60).collect::<String>()),
                },
            ));
        }
    };
    let mut acc = Acc::default();
    match format {
        PrefixListFormat::Cisco | PrefixListFormat::Frr => read_cisco(text, &mut acc)?,
        PrefixListFormat::CiscoXr => read_xr(text, &mut acc)?,
        PrefixListFormat::Junos => read_junos(text, &mut acc)?,
        PrefixListFormat::Bird => read_bird(text, &mut acc)?,
        PrefixListFormat::OpenBgpd => read_openbgpd(text, 1, 1, None, &mut acc)?,
        PrefixListFormat::Json => read_json(text, &mut acc)?,
        PrefixListFormat::Nokia | PrefixListFormat::NokiaMd | PrefixListFormat::SrLinux => {
            read_nokia(text, &mut acc)?
        }
        PrefixListFormat::Huawei => read_huawei(text, &mut acc)?,
        PrefixListFormat::HuaweiXpl => read_xpl(text, &mut acc)?,
        PrefixListFormat::Mikrotik => read_mikrotik(text, &mut acc)?,
        PrefixListFormat::Vyos => read_vyos(text, &mut acc)?,
    }
    Ok(PrefixLists {
        format: Some(format),
        lists: acc.finish()?,
    })
}

/// Guesses the format from the first line that is neither blank nor a
/// comment (`#`, `!`, `//`, `/* … */`): `{` JSON; `[no] ip[v6] prefix-list`
/// Cisco; `prefix-set NAME` IOS XR (`prefix-set NAME {` OpenBGPD,
/// `prefix-set "NAME" {` SR Linux); `policy-options` or `set|delete
/// policy-options` Junos; `set policy prefix-list` VyOS; `NAME = [` BIRD;
/// `prefix {`, `NAME="prefix`, `origin-set`, `deny from`, `allow from`
/// OpenBGPD; `configure router|filter` Nokia classic; `/configure` MD-CLI;
/// `/routing-policy` SR Linux; `[undo] ip ip-prefix|ipv6-prefix` Huawei;
/// `[no] xpl` XPL; `/routing filter` RouterOS. `None` otherwise.
pub fn sniff_prefix_list(input: &[u8]) -> Option<PrefixListFormat> {
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(input.get(..e.valid_up_to()).unwrap_or_default()).ok()?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (_, line) = significant_line(text)?;
    if line.starts_with('{') {
        return Some(PrefixListFormat::Json);
    }
    let words: Vec<&str> = line.split_whitespace().take(4).collect();
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    let body = if matches!(w(0), "no" | "undo" | "delete" | "set") {
        1
    } else {
        0
    };
    use PrefixListFormat as F;
    match (w(0), w(1), w(2)) {
        ("set" | "delete", "policy", "prefix-list" | "prefix-list6") => return Some(F::Vyos),
        ("set" | "delete" | "deactivate", "policy-options", _) => return Some(F::Junos),
        ("policy-options", _, _) => return Some(F::Junos),
        ("configure", "router" | "filter", _) => return Some(F::Nokia),
        ("/configure", _, _) => return Some(F::NokiaMd),
        ("/routing-policy", _, _) => return Some(F::SrLinux),
        _ => {}
    }
    if line.starts_with("/routing filter") || line.starts_with("/routing/filter") {
        return Some(F::Mikrotik);
    }
    match (w(body), w(body + 1)) {
        ("ip" | "ipv6", "prefix-list") => return Some(F::Cisco),
        ("ip", "ip-prefix" | "ipv6-prefix") => return Some(F::Huawei),
        ("xpl", _) => return Some(F::HuaweiXpl),
        ("prefix-set", _) => {
            return Some(if !line.contains('{') {
                F::CiscoXr
            } else if w(body + 1).starts_with('"') {
                F::SrLinux
            } else {
                F::OpenBgpd
            })
        }
        ("prefix-list", n) if n.starts_with('"') => {
            return Some(if line.contains('{') {
                F::NokiaMd
            } else {
                F::Nokia
            })
        }
        _ => {}
    }
    if matches!(w(0), "origin-set" | "prefix" | "allow" | "deny" | "match")
        || line.contains("=\"prefix")
    {
        return Some(F::OpenBgpd);
    }
    let bird_head = if w(0) == "define" { 2 } else { 1 };
    if w(bird_head) == "=" && w(bird_head + 1).starts_with('[')
        || line
            .split_once('=')
            .is_some_and(|(a, b)| !a.trim().contains(' ') && b.trim_start().starts_with('['))
    {
        return Some(F::Bird);
    }
    None
}

/// The first line that is not blank or a comment, with its 1-based number.
fn significant_line(text: &str) -> Option<(usize, &str)> {
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let mut l = raw.trim();
        if in_block {
            match l.find("*/") {
                Some(end) => {
                    in_block = false;
                    l = l.get(end + 2..).unwrap_or_default().trim();
                }
                None => continue,
            }
        }
        if l.starts_with("/*") {
            match l.find("*/") {
                Some(end) => l = l.get(end + 2..).unwrap_or_default().trim(),
                None => {
                    in_block = true;
                    continue;
                }
            }
        }
        if l.is_empty() || l.starts_with('#') || l.starts_with('!') || l.starts_with("//") {
            continue;
        }
        return Some((i + 1, l));
    }
    None
}

// ---------------------------------------------------------------------------
// The accumulator: entries per list, then the order and deny checks.

#[derive(Clone, Copy, Debug)]
struct Entry {
    seq: Option<u64>,
    deny: bool,
    range: PrefixRange,
    line: usize,
    col: usize,
}

#[derive(Debug)]
struct ListAcc {
    name: String,
    family: Option<Family>,
    entries: Vec<Entry>,
}

#[derive(Debug, Default)]
struct Acc {
    lists: Vec<ListAcc>,
    index: HashMap<(String, Option<Family>), usize>,
    total: usize,
}

impl Acc {
    /// The list `name` of `family`, created when new.
    fn list(
        &mut self,
        name: &str,
        family: Option<Family>,
        at: &Tok<'_>,
    ) -> Result<usize, ParseError> {
        if name.len() > MAX_NAME_LEN {
            return Err(at.err(ParseErrorKind::Limit(format!(
                "a list name longer than {MAX_NAME_LEN} bytes"
            ))));
        }
        if name.is_empty() {
            return Err(at.err(ParseErrorKind::InvalidField {
                field: "name",
                message: "an empty list name".to_owned(),
            }));
        }
        let key = (name.to_owned(), family);
        if let Some(i) = self.index.get(&key) {
            return Ok(*i);
        }
        if self.lists.len() >= MAX_LISTS {
            return Err(at.err(ParseErrorKind::Limit(format!(
                "more than {MAX_LISTS} lists"
            ))));
        }
        self.lists.push(ListAcc {
            name: name.to_owned(),
            family,
            entries: Vec::new(),
        });
        let i = self.lists.len() - 1;
        self.index.insert(key, i);
        Ok(i)
    }

    fn push(
        &mut self,
        list: usize,
        seq: Option<u64>,
        deny: bool,
        range: PrefixRange,
        at: &Tok<'_>,
    ) -> Result<(), ParseError> {
        self.total += 1;
        if self.total > MAX_ENTRIES {
            return Err(at.err(ParseErrorKind::Limit(format!(
                "more than {MAX_ENTRIES} entries"
            ))));
        }
        let Some(l) = self.lists.get_mut(list) else {
            return Ok(());
        };
        if let Some(f) = l.family {
            if range.prefix.family() != f {
                return Err(at.err(ParseErrorKind::InvalidField {
                    field: "prefix",
                    message: format!("{} in an {} list", range.prefix, f),
                }));
            }
        }
        l.entries.push(Entry {
            seq,
            deny,
            range,
            line: at.line,
            col: at.col,
        });
        Ok(())
    }

    fn finish(self) -> Result<Vec<PrefixList>, ParseError> {
        let mut out = Vec::with_capacity(self.lists.len());
        for mut l in self.lists {
            // Entries without a number follow the last numbered one (+5, as
            // IOS numbers them); then the numbers give the order.
            if l.entries.iter().any(|e| e.seq.is_some()) {
                let mut last = 0u64;
                for e in &mut l.entries {
                    match e.seq {
                        Some(s) => last = s,
                        None => {
                            last = last.saturating_add(5);
                            e.seq = Some(last);
                        }
                    }
                }
                l.entries.sort_by_key(|e| e.seq);
            }
            for (i, d) in l.entries.iter().enumerate().filter(|(_, e)| e.deny) {
                if let Some(p) = l
                    .entries
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find(|p| !p.deny && overlap(&d.range, &p.range))
                {
                    return Err(ParseError::at(
                        d.line,
                        d.col,
                        ParseErrorKind::InvalidField {
                            field: "deny",
                            message: format!(
                                "deny {} shadows part of the later permit {} (line {}): an order-dependent list is not a set of ranges",
                                d.range, p.range, p.line
                            ),
                        },
                    ));
                }
            }
            let mut ranges: Vec<PrefixRange> = l
                .entries
                .iter()
                .filter(|e| !e.deny)
                .map(|e| e.range)
                .collect();
            ranges.sort_unstable();
            ranges.dedup();
            let family = l.family.or_else(|| {
                let f = ranges.first()?.prefix.family();
                ranges.iter().all(|r| r.prefix.family() == f).then_some(f)
            });
            out.push(PrefixList {
                name: l.name,
                family,
                ranges,
            });
        }
        Ok(out)
    }
}

/// Whether some route is accepted by both ranges.
fn overlap(a: &PrefixRange, b: &PrefixRange) -> bool {
    let (short, long) = if a.prefix.len() <= b.prefix.len() {
        (a, b)
    } else {
        (b, a)
    };
    short.prefix.covers(&long.prefix) && short.low.max(long.low) <= short.high.min(long.high)
}

// ---------------------------------------------------------------------------
// The lexer shared by the text formats.

#[derive(Clone, Copy, Debug, Default)]
struct LexOpts {
    /// `#` starts a comment.
    hash: bool,
    /// `!` starts a comment.
    bang: bool,
    /// `/* … */` comments.
    block: bool,
    /// `=` is a token of its own.
    eq: bool,
    /// `[` and `]` are tokens of their own.
    brackets: bool,
}

impl LexOpts {
    /// `#` and/or `!` comments, nothing else.
    const fn comments(hash: bool, bang: bool) -> Self {
        LexOpts {
            hash,
            bang,
            block: false,
            eq: false,
            brackets: false,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    text: &'a str,
    quoted: bool,
    line: usize,
    col: usize,
    /// The first token of its line.
    first: bool,
}

impl Tok<'_> {
    fn err(&self, kind: ParseErrorKind) -> ParseError {
        ParseError::at(self.line, self.col, kind)
    }

    fn is(&self, s: &str) -> bool {
        !self.quoted && self.text == s
    }

    fn syntax(&self, msg: impl Into<String>) -> ParseError {
        self.err(ParseErrorKind::Syntax(msg.into()))
    }
}

struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
    /// Column of the first byte (for a string lexed again).
    col0: usize,
    last_line: usize,
    opts: LexOpts,
}

impl<'a> Lexer<'a> {
    fn new(s: &'a str, opts: LexOpts) -> Self {
        Self::at(s, 1, 1, opts)
    }

    fn at(s: &'a str, line: usize, col: usize, opts: LexOpts) -> Self {
        Lexer {
            s,
            pos: 0,
            line,
            line_start: 0,
            col0: col,
            last_line: 0,
            opts,
        }
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.s.as_bytes().get(i).copied()
    }

    fn col(&self, at: usize) -> usize {
        if self.line_start == 0 {
            at + self.col0
        } else {
            at - self.line_start + 1
        }
    }

    fn newline(&mut self, at: usize) {
        self.line += 1;
        self.line_start = at + 1;
    }

    fn is_punct(&self, b: u8) -> bool {
        matches!(b, b'{' | b'}' | b';' | b',')
            || (self.opts.eq && b == b'=')
            || (self.opts.brackets && matches!(b, b'[' | b']'))
    }

    fn next_tok(&mut self) -> Result<Option<Tok<'a>>, ParseError> {
        loop {
            let Some(b) = self.byte(self.pos) else {
                return Ok(None);
            };
            if b == b'\n' {
                self.newline(self.pos);
                self.pos += 1;
                continue;
            }
            if b.is_ascii_whitespace() {
                self.pos += 1;
                continue;
            }
            let comment = (self.opts.hash && b == b'#') || (self.opts.bang && b == b'!');
            if comment {
                while let Some(c) = self.byte(self.pos) {
                    if c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
                continue;
            }
            if self.opts.block && b == b'/' && self.byte(self.pos + 1) == Some(b'*') {
                let (line, col) = (self.line, self.col(self.pos));
                self.pos += 2;
                loop {
                    match self.byte(self.pos) {
                        None => {
                            return Err(ParseError::at(
                                line,
                                col,
                                ParseErrorKind::Syntax("unterminated /* comment".to_owned()),
                            ))
                        }
                        Some(b'*') if self.byte(self.pos + 1) == Some(b'/') => {
                            self.pos += 2;
                            break;
                        }
                        Some(b'\n') => {
                            self.newline(self.pos);
                            self.pos += 1;
                        }
                        Some(_) => self.pos += 1,
                    }
                }
                continue;
            }
            let (line, col) = (self.line, self.col(self.pos));
            let first = self.last_line != line;
            self.last_line = line;
            let start = self.pos;
            if b == b'"' {
                self.pos += 1;
                loop {
                    match self.byte(self.pos) {
                        None => {
                            return Err(ParseError::at(
                                line,
                                col,
                                ParseErrorKind::Syntax("unterminated string".to_owned()),
                            ))
                        }
                        Some(b'\\') => self.pos += 2,
                        Some(b'"') => break,
                        Some(b'\n') => {
                            self.newline(self.pos);
                            self.pos += 1;
                        }
                        Some(_) => self.pos += 1,
                    }
                    if self.pos - start > MAX_RECORD_LEN {
                        return Err(ParseError::at(
                            line,
                            col,
                            ParseErrorKind::Limit(format!(
                                "a string longer than {MAX_RECORD_LEN} bytes"
                            )),
                        ));
                    }
                }
                let text = self.s.get(start + 1..self.pos).unwrap_or_default();
                self.pos += 1;
                return Ok(Some(Tok {
                    text,
                    quoted: true,
                    line,
                    col,
                    first,
                }));
            }
            if self.is_punct(b) {
                self.pos += 1;
                return Ok(Some(Tok {
                    text: self.s.get(start..self.pos).unwrap_or_default(),
                    quoted: false,
                    line,
                    col,
                    first,
                }));
            }
            while let Some(c) = self.byte(self.pos) {
                // `<=`, `>=`, `!=` stay one word where `=` is punctuation.
                let cmp = c == b'='
                    && self.pos > start
                    && self
                        .s
                        .as_bytes()
                        .get(start..self.pos)
                        .is_some_and(|w| w.iter().all(|b| matches!(b, b'<' | b'>' | b'!')));
                if c.is_ascii_whitespace() || c == b'"' || (self.is_punct(c) && !cmp) {
                    break;
                }
                self.pos += 1;
            }
            if self.pos - start > MAX_TOKEN_LEN {
                return Err(ParseError::at(
                    line,
                    col,
                    ParseErrorKind::Limit(format!("a word longer than {MAX_TOKEN_LEN} bytes")),
                ));
            }
            return Ok(Some(Tok {
                text: self.s.get(start..self.pos).unwrap_or_default(),
                quoted: false,
                line,
                col,
                first,
            }));
        }
    }

    /// The tokens of the next line that has any (reusing `buf`); `false` at
    /// the end.
    fn next_line(&mut self, buf: &mut Vec<Tok<'a>>) -> Result<bool, ParseError> {
        buf.clear();
        loop {
            let save = (self.pos, self.line, self.line_start, self.last_line);
            match self.next_tok()? {
                None => return Ok(!buf.is_empty()),
                Some(t) => {
                    if t.first && !buf.is_empty() {
                        (self.pos, self.line, self.line_start, self.last_line) = save;
                        return Ok(true);
                    }
                    buf.push(t);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Values.

fn prefix_at(t: &Tok<'_>) -> Result<Prefix, ParseError> {
    Prefix::parse(t.text).map_err(|e| t.err(ParseErrorKind::Model(e)))
}

fn len_at(t: &Tok<'_>, s: &str) -> Result<u8, ParseError> {
    let s = s.trim_start_matches('/');
    match s.parse::<u8>() {
        Ok(v) if v <= 128 && !s.starts_with('+') => Ok(v),
        _ => Err(t.err(ParseErrorKind::InvalidField {
            field: "length",
            message: format!("{s:?} is not a prefix length"),
        })),
    }
}

fn seq_at(t: &Tok<'_>) -> Result<u64, ParseError> {
    t.text.parse::<u64>().map_err(|_| {
        t.err(ParseErrorKind::InvalidField {
            field: "sequence",
            message: format!("{:?} is not a sequence number", t.text),
        })
    })
}

/// A range from a prefix and `low`/`high`, checked.
fn range_at(t: &Tok<'_>, prefix: Prefix, low: u8, high: u8) -> Result<PrefixRange, ParseError> {
    PrefixRange::new(prefix, low, high).ok_or_else(|| {
        t.err(ParseErrorKind::InvalidField {
            field: "length",
            message: format!(
                "lengths {low}-{high} do not fit {prefix} (need {} <= low <= high <= {})",
                prefix.len(),
                prefix.family().max_len()
            ),
        })
    })
}

/// Cisco's reading of `ge`/`le`/`eq`: `ge` alone reaches the family's
/// maximum, `le` alone starts at the prefix's length.
fn ge_le(
    t: &Tok<'_>,
    p: Prefix,
    ge: Option<u8>,
    le: Option<u8>,
    eq: Option<u8>,
) -> Result<PrefixRange, ParseError> {
    let len = p.len();
    let (low, high) = match (eq, ge, le) {
        (Some(e), None, None) => (e, e),
        (Some(_), _, _) => {
            return Err(t.err(ParseErrorKind::InvalidField {
                field: "eq",
                message: "eq with ge or le".to_owned(),
            }))
        }
        (None, Some(g), Some(l)) => (g, l),
        (None, Some(g), None) => (g, p.family().max_len()),
        (None, None, Some(l)) => (len, l),
        (None, None, None) => (len, len),
    };
    range_at(t, p, low, high)
}

/// Reads `ge X`, `le Y`, `eq Z` (and Huawei's long words) from `toks`;
/// anything else is an error.
fn ge_le_words(toks: &[Tok<'_>], p: Prefix, at: &Tok<'_>) -> Result<PrefixRange, ParseError> {
    let (mut ge, mut le, mut eq) = (None, None, None);
    let mut i = 0;
    while let Some(k) = toks.get(i) {
        let slot = match k.text {
            "ge" | "greater-equal" => &mut ge,
            "le" | "less-equal" => &mut le,
            "eq" => &mut eq,
            _ => return Err(k.syntax(format!("unexpected {:?} after the prefix", k.text))),
        };
        let v = toks
            .get(i + 1)
            .ok_or_else(|| k.syntax(format!("{} needs a length", k.text)))?;
        if slot.is_some() {
            return Err(k.syntax(format!("{} given twice", k.text)));
        }
        *slot = Some(len_at(v, v.text)?);
        i += 2;
    }
    ge_le(at, p, ge, le, eq)
}

fn family_word(w: &str) -> Option<Family> {
    match w {
        "ip" | "prefix-list" => Some(Family::V4),
        "ipv6" | "prefix-list6" => Some(Family::V6),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Cisco IOS / EOS / FRR.

fn read_cisco(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let mut lx = Lexer::new(
        text,
        LexOpts {
            hash: true,
            bang: true,
            ..LexOpts::default()
        },
    );
    let mut line = Vec::new();
    let mut current: Option<usize> = None;
    while lx.next_line(&mut line)? {
        let Some(t0) = line.first() else { continue };
        let w = |i: usize| line.get(i).map_or("", |t| t.text);
        if let (Some(fam), "prefix-list") = (
            family_word(t0.text).filter(|_| t0.text.starts_with("ip")),
            w(1),
        ) {
            let Some(name_tok) = line.get(2) else {
                return Err(t0.syntax("prefix-list without a name"));
            };
            if name_tok.text == "sequence-number" {
                continue;
            }
            let (name, shown) = match name_tok.text.strip_suffix(':') {
                Some(n) => (n, true),
                None => (name_tok.text, false),
            };
            let list = acc.list(name, Some(fam), name_tok)?;
            current = Some(list);
            let rest = line.get(3..).unwrap_or_default();
            if shown || rest.is_empty() || rest.first().is_some_and(|t| t.is("description")) {
                continue;
            }
            cisco_entry(rest, list, fam, acc)?;
        } else if matches!(t0.text, "seq" | "permit" | "deny") {
            let Some(list) = current else {
                return Err(t0.syntax("an entry outside any prefix-list"));
            };
            let fam = acc
                .lists
                .get(list)
                .and_then(|l| l.family)
                .unwrap_or(Family::V4);
            cisco_entry(&line, list, fam, acc)?;
        } else if t0.col == 1 && !t0.is("no") {
            // Another command at the margin ends an EOS-style block.
            current = None;
        }
    }
    Ok(())
}

fn cisco_entry(
    toks: &[Tok<'_>],
    list: usize,
    fam: Family,
    acc: &mut Acc,
) -> Result<(), ParseError> {
    let mut i = 0;
    let mut seq = None;
    if toks.first().is_some_and(|t| t.is("seq")) {
        let v = toks.get(1).ok_or_else(|| {
            toks.first()
                .map_or_else(eof, |t| t.syntax("seq needs a number"))
        })?;
        seq = Some(seq_at(v)?);
        i = 2;
    }
    let Some(act) = toks.get(i) else {
        return Err(toks
            .first()
            .map_or_else(eof, |t| t.syntax("permit or deny expected")));
    };
    let deny = match act.text {
        "permit" => false,
        "deny" => true,
        _ => return Err(act.syntax(format!("permit or deny expected, found {:?}", act.text))),
    };
    let Some(pt) = toks.get(i + 1) else {
        return Err(act.syntax("a prefix expected"));
    };
    let (p, rest) = if pt.is("any") {
        let p = match fam {
            Family::V4 => Prefix::parse("0.0.0.0/0"),
            Family::V6 => Prefix::parse("::/0"),
        }
        .map_err(|e| pt.err(ParseErrorKind::Model(e)))?;
        let r = range_at(pt, p, 0, fam.max_len())?;
        acc.push(list, seq, deny, r, pt)?;
        if let Some(extra) = toks.get(i + 2) {
            return Err(extra.syntax(format!("unexpected {:?} after any", extra.text)));
        }
        return Ok(());
    } else {
        (prefix_at(pt)?, toks.get(i + 2..).unwrap_or_default())
    };
    let r = ge_le_words(rest, p, pt)?;
    acc.push(list, seq, deny, r, pt)
}

fn eof() -> ParseError {
    ParseError::at(
        0,
        0,
        ParseErrorKind::Syntax("unexpected end of input".to_owned()),
    )
}

/// A form whose lists are blocks: a header line opens a list, entries
/// follow separated by commas (over as many lines as they like), and a
/// keyword closes it (IOS XR `prefix-set`, Huawei XPL).
struct BlockForm {
    /// How its text splits into words.
    lex: LexOpts,
    /// Reads a line outside any list: the list it opens, if any.
    header: fn(&[Tok<'_>], &mut Acc) -> Result<Option<usize>, ParseError>,
    /// Reads one entry's words into the list.
    entry: fn(&[Tok<'_>], usize, &mut Acc) -> Result<(), ParseError>,
    /// The keyword closing a list.
    end: &'static str,
    /// The error when the input ends inside a list.
    unterminated: &'static str,
    /// `a, , b` is an error (rather than skipped).
    empty_entry_error: bool,
}

/// Reads the block lists of `text` (see [`BlockForm`]).
fn read_block_lists(text: &str, acc: &mut Acc, form: &BlockForm) -> Result<(), ParseError> {
    let mut lx = Lexer::new(text, form.lex);
    let mut line = Vec::new();
    let mut current: Option<usize> = None;
    let mut entry: Vec<Tok<'_>> = Vec::new();
    while lx.next_line(&mut line)? {
        let Some(list) = current else {
            current = (form.header)(&line, acc)?;
            continue;
        };
        for t in &line {
            let end = t.is(form.end);
            if !end && !t.is(",") {
                entry.push(*t);
                continue;
            }
            if entry.is_empty() {
                if !end && form.empty_entry_error {
                    return Err(t.syntax("an empty entry"));
                }
            } else {
                (form.entry)(&entry, list, acc)?;
                entry.clear();
            }
            if end {
                current = None;
                break;
            }
        }
    }
    if current.is_some() {
        return Err(unterminated(lx.line, form.unterminated));
    }
    Ok(())
}

/// The error for input that ends inside a block, at its last line.
fn unterminated(line: usize, what: &str) -> ParseError {
    ParseError::at(line, 0, ParseErrorKind::Syntax(what.to_owned()))
}

// ---------------------------------------------------------------------------
// IOS XR prefix-set.

fn read_xr(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    read_block_lists(text, acc, &XR_BLOCKS)
}

/// `prefix-set NAME` … `end-set`.
const XR_BLOCKS: BlockForm = BlockForm {
    lex: LexOpts::comments(true, true),
    header: xr_header,
    entry: xr_entry,
    end: "end-set",
    unterminated: "prefix-set without end-set",
    empty_entry_error: true,
};

fn xr_header(line: &[Tok<'_>], acc: &mut Acc) -> Result<Option<usize>, ParseError> {
    let Some(t0) = line.first().filter(|t| t.is("prefix-set")) else {
        return Ok(None);
    };
    let n = line
        .get(1)
        .ok_or_else(|| t0.syntax("prefix-set without a name"))?;
    let list = acc.list(n.text, None, n)?;
    if let Some(x) = line.get(2) {
        return Err(x.syntax(format!("unexpected {:?} after the set name", x.text)));
    }
    Ok(Some(list))
}

fn xr_entry(toks: &[Tok<'_>], list: usize, acc: &mut Acc) -> Result<(), ParseError> {
    let Some(pt) = toks.first() else {
        return Ok(());
    };
    let p = prefix_at(pt)?;
    let r = ge_le_words(toks.get(1..).unwrap_or_default(), p, pt)?;
    acc.push(list, None, false, r, pt)
}

// ---------------------------------------------------------------------------
// Junos.

/// A Junos route-filter modifier (and action) read from `toks`.
fn junos_filter(toks: &[Tok<'_>], at: &Tok<'_>) -> Result<(PrefixRange, bool), ParseError> {
    let pt = toks.first().ok_or_else(|| at.syntax("a prefix expected"))?;
    let p = prefix_at(pt)?;
    let m = toks
        .get(1)
        .ok_or_else(|| pt.syntax("a route-filter needs a match type (exact, orlonger, …)"))?;
    let max = p.family().max_len();
    let (r, used) = match m.text {
        "exact" => (range_at(m, p, p.len(), p.len())?, 2),
        "orlonger" => (range_at(m, p, p.len(), max)?, 2),
        "longer" => (range_at(m, p, p.len().saturating_add(1), max)?, 2),
        "upto" => {
            let v = toks.get(2).ok_or_else(|| m.syntax("upto needs /N"))?;
            (range_at(v, p, p.len(), len_at(v, v.text)?)?, 3)
        }
        "prefix-length-range" => {
            let v = toks
                .get(2)
                .ok_or_else(|| m.syntax("prefix-length-range needs /A-/B"))?;
            let (a, b) = v
                .text
                .split_once('-')
                .ok_or_else(|| v.syntax("prefix-length-range needs /A-/B"))?;
            (range_at(v, p, len_at(v, a)?, len_at(v, b)?)?, 3)
        }
        other => {
            return Err(m.err(ParseErrorKind::InvalidField {
                field: "match type",
                message: format!(
                    "{other:?} is not read (exact, orlonger, longer, upto, prefix-length-range)"
                ),
            }))
        }
    };
    let deny = toks.get(used).is_some_and(|t| t.is("reject"));
    Ok((r, deny))
}

fn read_junos(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let set_form = significant_line(text).is_some_and(|(_, l)| {
        l.split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "set" | "delete" | "deactivate" | "activate"))
    });
    let opts = LexOpts {
        hash: true,
        block: true,
        ..LexOpts::default()
    };
    if set_form {
        return read_junos_set(text, opts, acc);
    }
    enum Frame {
        Other,
        Policy(String),
        Term(String),
        PrefixList(usize),
        FilterList(usize),
    }
    let mut lx = Lexer::new(text, opts);
    let mut stack: Vec<Frame> = Vec::new();
    let mut stmt: Vec<Tok<'_>> = Vec::new();
    while let Some(t) = lx.next_tok()? {
        if stmt.is_empty() && !t.quoted && t.text.ends_with(':') && t.text.len() > 1 {
            continue; // replace:, inactive:, protect:
        }
        match t.text {
            "{" if !t.quoted => {
                let w = |i: usize| stmt.get(i).map_or("", |t| t.text);
                let frame = match (w(0), stmt.get(1), stmt.len()) {
                    ("prefix-list", Some(n), 2) => Frame::PrefixList(acc.list(n.text, None, n)?),
                    ("route-filter-list", Some(n), 2) => {
                        Frame::FilterList(acc.list(n.text, None, n)?)
                    }
                    ("policy-statement", Some(n), 2) => Frame::Policy(n.text.to_owned()),
                    ("term", Some(n), 2) => Frame::Term(n.text.to_owned()),
                    _ => Frame::Other,
                };
                stack.push(frame);
                stmt.clear();
            }
            "}" if !t.quoted => {
                if !stmt.is_empty() {
                    return Err(t.syntax("a statement without ;"));
                }
                if stack.pop().is_none() {
                    return Err(t.syntax("unbalanced }"));
                }
            }
            ";" if !t.quoted => {
                let Some(first) = stmt.first().copied() else {
                    continue;
                };
                match stack.last() {
                    Some(Frame::PrefixList(l)) => {
                        let l = *l;
                        if stmt.len() != 1 {
                            return Err(first.err(ParseErrorKind::InvalidField {
                                field: "prefix-list",
                                message: format!(
                                    "{:?} is not a prefix (apply-path is not read)",
                                    first.text
                                ),
                            }));
                        }
                        let p = prefix_at(&first)?;
                        acc.push(l, None, false, PrefixRange::exact(p), &first)?;
                    }
                    Some(Frame::FilterList(l)) => {
                        let l = *l;
                        let (r, deny) = junos_filter(&stmt, &first)?;
                        acc.push(l, None, deny, r, &first)?;
                    }
                    _ if first.is("route-filter") => {
                        let mut name = None;
                        for f in &stack {
                            match f {
                                Frame::Policy(p) => name = Some(p.clone()),
                                Frame::Term(t) => {
                                    if let Some(n) = &mut name {
                                        n.push('/');
                                        n.push_str(t);
                                    }
                                }
                                _ => {}
                            }
                        }
                        let name = name.ok_or_else(|| {
                            first.syntax("a route-filter outside a policy-statement")
                        })?;
                        let l = acc.list(&name, None, &first)?;
                        let (r, deny) = junos_filter(stmt.get(1..).unwrap_or_default(), &first)?;
                        acc.push(l, None, deny, r, &first)?;
                    }
                    _ => {}
                }
                stmt.clear();
            }
            _ => stmt.push(t),
        }
    }
    if !stack.is_empty() {
        return Err(unterminated(lx.line, "unbalanced { (missing })"));
    }
    Ok(())
}

fn read_junos_set(text: &str, opts: LexOpts, acc: &mut Acc) -> Result<(), ParseError> {
    let mut lx = Lexer::new(text, opts);
    let mut line = Vec::new();
    while lx.next_line(&mut line)? {
        let w = |i: usize| line.get(i).map_or("", |t| t.text);
        if w(0) != "set" || w(1) != "policy-options" {
            continue;
        }
        let Some(n) = line.get(3) else { continue };
        match w(2) {
            "prefix-list" => {
                let l = acc.list(n.text, None, n)?;
                match line.get(4) {
                    None => {}
                    Some(pt) => {
                        if let Some(x) = line.get(5) {
                            return Err(
                                x.syntax(format!("unexpected {:?} after the prefix", x.text))
                            );
                        }
                        if pt.is("apply-path") {
                            return Err(pt.err(ParseErrorKind::InvalidField {
                                field: "prefix-list",
                                message: "apply-path is not read".to_owned(),
                            }));
                        }
                        acc.push(l, None, false, PrefixRange::exact(prefix_at(pt)?), pt)?;
                    }
                }
            }
            "route-filter-list" => {
                let l = acc.list(n.text, None, n)?;
                if line.len() > 4 {
                    let (r, deny) = junos_filter(line.get(4..).unwrap_or_default(), n)?;
                    acc.push(l, None, deny, r, n)?;
                }
            }
            "policy-statement" => {
                let mut name = n.text.to_owned();
                let mut i = 4;
                if w(4) == "term" {
                    if let Some(t) = line.get(5) {
                        name.push('/');
                        name.push_str(t.text);
                    }
                    i = 6;
                }
                if w(i) == "from" && w(i + 1) == "route-filter" {
                    let l = acc.list(&name, None, n)?;
                    let at = line.get(i + 1).copied().unwrap_or(*n);
                    let (r, deny) = junos_filter(line.get(i + 2..).unwrap_or_default(), &at)?;
                    acc.push(l, None, deny, r, &at)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// BIRD.

fn read_bird(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let mut lx = Lexer::new(
        text,
        LexOpts {
            hash: true,
            block: true,
            eq: true,
            brackets: true,
            ..LexOpts::default()
        },
    );
    let mut prev: [Option<Tok<'_>>; 2] = [None, None];
    while let Some(t) = lx.next_tok()? {
        if t.is("[") {
            if let [Some(name), Some(eq)] = prev {
                if eq.is("=") && !name.quoted {
                    let l = acc.list(name.text, None, &name)?;
                    bird_set(&mut lx, l, acc)?;
                    prev = [None, None];
                    continue;
                }
            }
        }
        prev = [prev[1], Some(t)];
    }
    Ok(())
}

fn bird_set(lx: &mut Lexer<'_>, list: usize, acc: &mut Acc) -> Result<(), ParseError> {
    loop {
        let t = lx.next_tok()?.ok_or_else(|| {
            ParseError::at(
                lx.line,
                0,
                ParseErrorKind::Syntax("unterminated [ set".to_owned()),
            )
        })?;
        if t.is("]") {
            return Ok(());
        }
        if t.is(",") {
            continue;
        }
        let (text, suffix) = match t.text.strip_suffix('+') {
            Some(s) => (s, Some('+')),
            None => match t.text.strip_suffix('-') {
                Some(s) => (s, Some('-')),
                None => (t.text, None),
            },
        };
        let p = Prefix::parse(text).map_err(|e| t.err(ParseErrorKind::Model(e)))?;
        let max = p.family().max_len();
        let (low, high) = match suffix {
            Some('+') => (p.len(), max),
            Some(_) => (0, p.len()),
            None => {
                // A `{a,b}` right after the prefix.
                let save = (lx.pos, lx.line, lx.line_start, lx.last_line);
                match lx.next_tok()? {
                    Some(b) if b.is("{") && b.line == t.line && b.col == t.col + t.text.len() => {
                        let a = lx
                            .next_tok()?
                            .ok_or_else(|| b.syntax("{low,high} expected"))?;
                        let c = lx
                            .next_tok()?
                            .ok_or_else(|| b.syntax("{low,high} expected"))?;
                        let h = lx
                            .next_tok()?
                            .ok_or_else(|| b.syntax("{low,high} expected"))?;
                        let e = lx
                            .next_tok()?
                            .ok_or_else(|| b.syntax("{low,high} expected"))?;
                        if !c.is(",") || !e.is("}") {
                            return Err(b.syntax("{low,high} expected"));
                        }
                        let (lo, hi) = (len_at(&a, a.text)?, len_at(&h, h.text)?);
                        if lo > hi || hi > max {
                            return Err(b.err(ParseErrorKind::InvalidField {
                                field: "length",
                                message: format!(
                                    "{{{lo},{hi}}} is not a range of {} lengths",
                                    p.family()
                                ),
                            }));
                        }
                        (lo, hi)
                    }
                    _ => {
                        (lx.pos, lx.line, lx.line_start, lx.last_line) = save;
                        (p.len(), p.len())
                    }
                }
            }
        };
        // Lengths below the prefix's match its less-specifics: each exact.
        for l in low..p.len().min(high.saturating_add(1)) {
            if let Some(q) = p.truncate(l) {
                acc.push(list, None, false, PrefixRange::exact(q), &t)?;
            }
        }
        if high >= p.len() {
            let r = range_at(&t, p, low.max(p.len()), high)?;
            acc.push(list, None, false, r, &t)?;
        }
    }
}

// ---------------------------------------------------------------------------
// OpenBGPD.

fn read_openbgpd(
    text: &str,
    line: usize,
    col: usize,
    macro_name: Option<&str>,
    acc: &mut Acc,
) -> Result<(), ParseError> {
    let mut lx = Lexer::at(
        text,
        line,
        col,
        LexOpts {
            hash: true,
            eq: true,
            ..LexOpts::default()
        },
    );
    let mut prev: Vec<Tok<'_>> = Vec::with_capacity(4);
    while let Some(t) = lx.next_tok()? {
        let p1 = prev.last().copied();
        let p2 = prev.len().checked_sub(2).and_then(|i| prev.get(i)).copied();
        if t.is("{") {
            match (p2, p1) {
                (Some(kw), Some(n)) if kw.is("prefix-set") || kw.is("origin-set") => {
                    let l = acc.list(n.text, None, &n)?;
                    bgpd_block(&mut lx, l, acc)?;
                }
                (_, Some(kw)) if kw.is("prefix") => {
                    let l = acc.list(macro_name.unwrap_or(DEFAULT_NAME), None, &kw)?;
                    bgpd_block(&mut lx, l, acc)?;
                }
                _ => {}
            }
            prev.clear();
            continue;
        }
        if t.quoted {
            if let (Some(n), Some(eq)) = (p2, p1) {
                if eq.is("=") && !n.quoted && t.text.trim_start().starts_with("prefix") {
                    let name = n.text.to_owned();
                    read_openbgpd(t.text, t.line, t.col + 1, Some(&name), acc)?;
                    prev.clear();
                    continue;
                }
            }
        }
        // `deny from AS N`: bgpq4's empty list with -a.
        if t.first && t.is("deny") {
            acc.list(DEFAULT_NAME, None, &t)?;
        }
        if prev.len() == 4 {
            prev.remove(0);
        }
        prev.push(t);
    }
    Ok(())
}

fn bgpd_block(lx: &mut Lexer<'_>, list: usize, acc: &mut Acc) -> Result<(), ParseError> {
    let mut item: Vec<Tok<'_>> = Vec::new();
    loop {
        let t = lx.next_tok()?.ok_or_else(|| {
            ParseError::at(
                lx.line,
                0,
                ParseErrorKind::Syntax("unterminated { block".to_owned()),
            )
        })?;
        let starts_item = !t.quoted && t.text.contains('/') && !item.is_empty();
        if t.is("}") || t.is(",") || starts_item {
            if !item.is_empty() {
                bgpd_item(&item, list, acc)?;
                item.clear();
            }
            if t.is("}") {
                return Ok(());
            }
            if t.is(",") {
                continue;
            }
        }
        item.push(t);
    }
}

fn bgpd_item(toks: &[Tok<'_>], list: usize, acc: &mut Acc) -> Result<(), ParseError> {
    let Some(pt) = toks.first() else {
        return Ok(());
    };
    let p = prefix_at(pt)?;
    let max = p.family().max_len();
    let (mut low, mut high) = (p.len(), p.len());
    let mut i = 1;
    let num = |i: usize| -> Result<u8, ParseError> {
        let v = toks
            .get(i)
            .ok_or_else(|| pt.syntax("prefixlen needs a length"))?;
        len_at(v, v.text)
    };
    while let Some(k) = toks.get(i) {
        match k.text {
            "or-longer" => {
                high = max;
                i += 1;
            }
            "source-as" => i += 2,
            "maxlen" => {
                high = num(i + 1)?;
                i += 2;
            }
            "prefixlen" => {
                let op = toks
                    .get(i + 1)
                    .ok_or_else(|| k.syntax("prefixlen needs a length"))?;
                match op.text {
                    "=" => {
                        let v = num(i + 2)?;
                        (low, high) = (v, v);
                        i += 3;
                    }
                    "<=" => {
                        high = num(i + 2)?;
                        i += 3;
                    }
                    "<" => {
                        high = num(i + 2)?
                            .checked_sub(1)
                            .ok_or_else(|| op.syntax("prefixlen < 0"))?;
                        i += 3;
                    }
                    ">=" => {
                        (low, high) = (num(i + 2)?, max);
                        i += 3;
                    }
                    ">" => {
                        (low, high) = (num(i + 2)?.saturating_add(1), max);
                        i += 3;
                    }
                    "!=" | "<>" => {
                        return Err(op.err(ParseErrorKind::InvalidField {
                            field: "prefixlen",
                            message: format!("the operator {} is not read", op.text),
                        }))
                    }
                    s => {
                        if let Some((a, b)) = s
                            .split_once('-')
                            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                        {
                            (low, high) = (len_at(op, a)?, len_at(op, b)?);
                            i += 2;
                        } else {
                            let a = len_at(op, s)?;
                            let o = toks
                                .get(i + 2)
                                .ok_or_else(|| op.syntax("prefixlen A - B expected"))?;
                            let b = num(i + 3)?;
                            match o.text {
                                "-" => (low, high) = (a, b),
                                "><" => {
                                    (low, high) = (
                                        a.saturating_add(1),
                                        b.checked_sub(1).ok_or_else(|| o.syntax("empty range"))?,
                                    )
                                }
                                _ => {
                                    return Err(
                                        o.syntax(format!("unexpected {:?} in prefixlen", o.text))
                                    )
                                }
                            }
                            i += 4;
                        }
                    }
                }
            }
            _ => return Err(k.syntax(format!("unexpected {:?} in a prefix entry", k.text))),
        }
    }
    low = low.max(p.len());
    let r = range_at(pt, p, low, high)?;
    acc.push(list, None, false, r, pt)
}

// ---------------------------------------------------------------------------
// JSON (bgpq4 -j).

#[derive(Deserialize)]
struct JsonEntry {
    prefix: String,
    #[serde(default)]
    exact: Option<bool>,
    #[serde(default, rename = "greater-equal")]
    ge: Option<u8>,
    #[serde(default, rename = "less-equal")]
    le: Option<u8>,
}

struct JsonCx<'a> {
    acc: RefCell<&'a mut Acc>,
    kind: RefCell<Option<ParseErrorKind>>,
}

impl JsonCx<'_> {
    fn fail<E: de::Error>(&self, kind: ParseErrorKind) -> E {
        let msg = kind.to_string();
        *self.kind.borrow_mut() = Some(kind);
        E::custom(msg)
    }
}

struct TopSeed<'c, 'a>(&'c JsonCx<'a>);
struct ListSeed<'c, 'a>(&'c JsonCx<'a>, usize);

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of prefix lists")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<String>()? {
            let at = Tok {
                text: "",
                quoted: true,
                line: 0,
                col: 0,
                first: false,
            };
            let list = self
                .0
                .acc
                .borrow_mut()
                .list(&name, None, &at)
                .map_err(|e| self.0.fail::<A::Error>(e.kind))?;
            map.next_value_seed(ListSeed(self.0, list))?;
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of prefix entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let at = Tok {
            text: "",
            quoted: true,
            line: 0,
            col: 0,
            first: false,
        };
        while let Some(e) = seq.next_element::<JsonEntry>()? {
            let p = Prefix::parse(&e.prefix)
                .map_err(|m| self.0.fail::<A::Error>(ParseErrorKind::Model(m)))?;
            let r = if e.exact == Some(true) {
                if e.ge.is_some() || e.le.is_some() {
                    return Err(self.0.fail(ParseErrorKind::InvalidField {
                        field: "exact",
                        message: "exact with greater-equal or less-equal".to_owned(),
                    }));
                }
                Ok(PrefixRange::exact(p))
            } else {
                ge_le(&at, p, e.ge, e.le, None)
            };
            let r = r.map_err(|err| self.0.fail::<A::Error>(err.kind))?;
            self.0
                .acc
                .borrow_mut()
                .push(self.1, None, false, r, &at)
                .map_err(|err| self.0.fail::<A::Error>(err.kind))?;
        }
        Ok(())
    }
}

fn read_json(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let cx = JsonCx {
        acc: RefCell::new(acc),
        kind: RefCell::new(None),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let r = TopSeed(&cx).deserialize(&mut de).and_then(|()| de.end());
    r.map_err(|e| json_error(e, cx.kind.borrow_mut().take(), "prefix list"))
}

// ---------------------------------------------------------------------------
// Nokia SR OS classic, MD-CLI, SR Linux.

fn read_nokia(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let mut lx = Lexer::new(
        text,
        LexOpts {
            hash: true,
            ..LexOpts::default()
        },
    );
    // (list, brace depth it was opened at; None: closed by `exit`)
    let mut current: Option<(usize, Option<usize>)> = None;
    let mut depth = 0usize;
    let mut skip_line = 0usize;
    let mut pending: Option<Tok<'_>> = None;
    while let Some(t) = lx.next_tok()? {
        if t.line == skip_line {
            continue;
        }
        if t.first && (t.is("no") || t.is("delete")) {
            skip_line = t.line;
            continue;
        }
        if t.is("{") {
            depth += 1;
            if let Some(l) = pending.take() {
                current = Some((acc.list(l.text, None, &l)?, Some(depth)));
            }
            continue;
        }
        if t.is("}") {
            if current.is_some_and(|(_, d)| d == Some(depth)) {
                current = None;
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        if let Some(l) = pending.take() {
            // Classic: no brace after the name.
            current = Some((acc.list(l.text, None, &l)?, None));
            if t.is("create") {
                continue;
            }
        }
        if t.is("prefix-list") || t.is("prefix-set") {
            let n = lx
                .next_tok()?
                .ok_or_else(|| t.syntax("a list name expected"))?;
            pending = Some(n);
            continue;
        }
        if t.is("exit") {
            if current.is_some_and(|(_, d)| d.is_none()) {
                current = None;
            }
            continue;
        }
        if t.is("prefix") {
            let Some((list, _)) = current else {
                continue;
            };
            nokia_entry(&mut lx, &t, list, acc)?;
        }
    }
    if let Some(l) = pending {
        acc.list(l.text, None, &l)?;
    }
    Ok(())
}

fn nokia_entry(
    lx: &mut Lexer<'_>,
    at: &Tok<'_>,
    list: usize,
    acc: &mut Acc,
) -> Result<(), ParseError> {
    let pt = lx
        .next_tok()?
        .ok_or_else(|| at.syntax("a prefix expected"))?;
    let p = prefix_at(&pt)?;
    let max = p.family().max_len();
    // The words of the entry: to the end of the line, or to the `}` of a
    // block opened on it.
    let mut words: Vec<Tok<'_>> = Vec::new();
    let mut depth = 0usize;
    loop {
        let save = (lx.pos, lx.line, lx.line_start, lx.last_line);
        let Some(t) = lx.next_tok()? else { break };
        if depth == 0 && t.line != pt.line {
            (lx.pos, lx.line, lx.line_start, lx.last_line) = save;
            break;
        }
        if t.is("{") {
            depth += 1;
            continue;
        }
        if t.is("}") {
            if depth == 0 {
                (lx.pos, lx.line, lx.line_start, lx.last_line) = save;
                break;
            }
            depth -= 1;
            if depth == 0 {
                break;
            }
            continue;
        }
        words.push(t);
        if words.len() > 16 {
            return Err(t.syntax("too many words in a prefix entry"));
        }
    }
    let get = |k: &str| -> Result<Option<u8>, ParseError> {
        match words.iter().position(|w| w.is(k)) {
            Some(i) => {
                let v = words
                    .get(i + 1)
                    .ok_or_else(|| pt.syntax(format!("{k} needs a length")))?;
                Ok(Some(len_at(v, v.text)?))
            }
            None => Ok(None),
        }
    };
    let w = |i: usize| words.get(i).map_or("", |t| t.text);
    let (kind, arg) = match w(0) {
        "type" | "mask-length-range" => (w(1), words.get(2)),
        _ => (w(0), words.get(1)),
    };
    let (low, high) = match kind {
        "" | "exact" => (p.len(), p.len()),
        "longer" => (p.len(), max),
        "through" => match get("through-length")? {
            Some(h) => (p.len(), h),
            None => {
                let v = arg.ok_or_else(|| pt.syntax("through needs a length"))?;
                (p.len(), len_at(v, v.text)?)
            }
        },
        "range" => (
            get("start-length")?.unwrap_or(p.len()),
            get("end-length")?.unwrap_or(max),
        ),
        "prefix-length-range" => {
            let v = arg.ok_or_else(|| pt.syntax("prefix-length-range needs A-B"))?;
            let (a, b) = v
                .text
                .split_once('-')
                .ok_or_else(|| v.syntax("A-B expected"))?;
            (len_at(v, a)?, len_at(v, b)?)
        }
        s if s.contains("..") => {
            let v = words
                .get(if w(0) == "mask-length-range" { 1 } else { 0 })
                .unwrap_or(&pt);
            let (a, b) = s.split_once("..").unwrap_or(("", ""));
            (len_at(v, a)?, len_at(v, b)?)
        }
        other => {
            let at = words.first().unwrap_or(&pt);
            return Err(at.err(ParseErrorKind::InvalidField {
                field: "match type",
                message: format!(
                    "{other:?} is not read (exact, longer, through, range, prefix-length-range)"
                ),
            }));
        }
    };
    let r = range_at(&pt, p, low, high)?;
    acc.push(list, None, false, r, &pt)
}

// ---------------------------------------------------------------------------
// Huawei.

fn read_huawei(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let mut lx = Lexer::new(
        text,
        LexOpts {
            hash: true,
            ..LexOpts::default()
        },
    );
    let mut line = Vec::new();
    while lx.next_line(&mut line)? {
        let w = |i: usize| line.get(i).map_or("", |t| t.text);
        if w(0) != "ip" {
            continue;
        }
        let fam = match w(1) {
            "ip-prefix" => Family::V4,
            "ipv6-prefix" => Family::V6,
            _ => continue,
        };
        let Some(n) = line.get(2) else {
            return Err(line
                .first()
                .map_or_else(eof, |t| t.syntax("a list name expected")));
        };
        let list = acc.list(n.text, Some(fam), n)?;
        let mut i = 3;
        let mut seq = None;
        if w(3) == "index" {
            let v = line
                .get(4)
                .ok_or_else(|| n.syntax("index needs a number"))?;
            seq = Some(seq_at(v)?);
            i = 5;
        }
        if matches!(w(i), "description" | "") {
            continue;
        }
        let act = line.get(i).copied().unwrap_or(*n);
        let deny = match act.text {
            "permit" => false,
            "deny" => true,
            _ => return Err(act.syntax(format!("permit or deny expected, found {:?}", act.text))),
        };
        let addr = line
            .get(i + 1)
            .ok_or_else(|| act.syntax("an address expected"))?;
        // bgpq4 prints the empty list as `deny 0.0.0.0/0`.
        let (p, rest) = if addr.text.contains('/') {
            (prefix_at(addr)?, line.get(i + 2..).unwrap_or_default())
        } else {
            let len = line
                .get(i + 2)
                .ok_or_else(|| addr.syntax("a length expected"))?;
            let p = Prefix::parse(&format!("{}/{}", addr.text, len.text))
                .map_err(|e| addr.err(ParseErrorKind::Model(e)))?;
            (p, line.get(i + 3..).unwrap_or_default())
        };
        let r = ge_le_words(rest, p, addr)?;
        acc.push(list, seq, deny, r, addr)?;
    }
    Ok(())
}

fn read_xpl(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    read_block_lists(text, acc, &XPL_BLOCKS)
}

/// `xpl ip-prefix-list NAME` / `xpl ipv6-prefix-list NAME` … `end-list`.
const XPL_BLOCKS: BlockForm = BlockForm {
    lex: LexOpts::comments(true, false),
    header: xpl_header,
    entry: xpl_entry,
    end: "end-list",
    unterminated: "xpl list without end-list",
    empty_entry_error: false,
};

fn xpl_header(line: &[Tok<'_>], acc: &mut Acc) -> Result<Option<usize>, ParseError> {
    let w = |i: usize| line.get(i).map_or("", |t| t.text);
    if w(0) != "xpl" {
        return Ok(None);
    }
    let fam = match w(1) {
        "ip-prefix-list" => Family::V4,
        "ipv6-prefix-list" => Family::V6,
        _ => return Ok(None),
    };
    let n = line.get(2).ok_or_else(|| {
        line.first()
            .map_or_else(eof, |t| t.syntax("a list name expected"))
    })?;
    acc.list(n.text, Some(fam), n).map(Some)
}

fn xpl_entry(toks: &[Tok<'_>], list: usize, acc: &mut Acc) -> Result<(), ParseError> {
    let Some(at) = toks.first() else {
        return Ok(());
    };
    let (p, rest) = if at.text.contains('/') {
        (prefix_at(at)?, toks.get(1..).unwrap_or_default())
    } else {
        let len = toks.get(1).ok_or_else(|| at.syntax("a length expected"))?;
        let p = Prefix::parse(&format!("{}/{}", at.text, len.text))
            .map_err(|e| at.err(ParseErrorKind::Model(e)))?;
        (p, toks.get(2..).unwrap_or_default())
    };
    let r = ge_le_words(rest, p, at)?;
    acc.push(list, None, false, r, at)
}

// ---------------------------------------------------------------------------
// MikroTik RouterOS.

/// `key=value` pairs of a line (values may be quoted).
fn kv_pairs<'a>(line: &[Tok<'a>]) -> Vec<(&'a str, Tok<'a>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(t) = line.get(i) {
        if !t.quoted {
            if let Some((k, v)) = t.text.split_once('=') {
                if v.is_empty() {
                    if let Some(q) = line.get(i + 1).filter(|q| q.quoted) {
                        out.push((k, *q));
                        i += 2;
                        continue;
                    }
                }
                let mut vt = *t;
                vt.text = v;
                vt.col += k.len() + 1;
                out.push((k, vt));
            }
        }
        i += 1;
    }
    out
}

fn read_mikrotik(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    let mut lx = Lexer::new(
        text,
        LexOpts {
            hash: true,
            ..LexOpts::default()
        },
    );
    let mut line = Vec::new();
    let mut in_filter = false;
    while lx.next_line(&mut line)? {
        let Some(t0) = line.first().copied() else {
            continue;
        };
        let mut body = 0;
        if t0.text.starts_with('/') {
            let head = line
                .iter()
                .take_while(|t| !t.text.contains('='))
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
                .replace('/', " ");
            let words: Vec<&str> = head.split_whitespace().collect();
            in_filter = words.starts_with(&["routing", "filter"]);
            body = line
                .iter()
                .take_while(|t| !t.text.contains('=') && !t.is("add"))
                .count();
        }
        if !in_filter || !line.get(body).is_some_and(|t| t.is("add")) {
            continue;
        }
        let kv = kv_pairs(line.get(body + 1..).unwrap_or_default());
        let get = |k: &str| kv.iter().find(|(kk, _)| *kk == k).map(|(_, v)| *v);
        let chain = get("chain").ok_or_else(|| t0.syntax("a filter without chain="))?;
        let (name, fam) = match chain.text.rsplit_once('-') {
            Some((n, "V4")) => (n, Some(Family::V4)),
            Some((n, "V6")) => (n, Some(Family::V6)),
            _ => (chain.text, None),
        };
        let list = acc.list(name, fam, &chain)?;
        if let Some(rule) = get("rule") {
            mikrotik_rule(&rule, list, acc)?;
            continue;
        }
        let Some(pt) = get("prefix") else { continue };
        let p = prefix_at(&pt)?;
        let deny = match get("action").map(|a| a.text) {
            Some("accept") | None => false,
            Some("discard" | "reject") => true,
            Some(other) => return Err(t0.syntax(format!("action={other} is not read"))),
        };
        let (low, high) = match get("prefix-length") {
            Some(v) => match v.text.split_once('-') {
                Some((a, b)) => (len_at(&v, a)?, len_at(&v, b)?),
                None => {
                    let l = len_at(&v, v.text)?;
                    (l, l)
                }
            },
            None => (p.len(), p.len()),
        };
        let r = range_at(&pt, p, low, high)?;
        acc.push(list, None, deny, r, &pt)?;
    }
    Ok(())
}

/// RouterOS 7: `if (dst==P) {accept}`, `if (dst in P && dst-len in A-B) {accept}`.
fn mikrotik_rule(rule: &Tok<'_>, list: usize, acc: &mut Acc) -> Result<(), ParseError> {
    let s = rule.text;
    let bad = || {
        rule.syntax(format!(
            "rule {s:?} is not read (if (dst==P) or dst in P && dst-len in A-B)"
        ))
    };
    let open = s.find('(').ok_or_else(bad)?;
    let close = s.rfind(')').ok_or_else(bad)?;
    let cond = s.get(open + 1..close).ok_or_else(bad)?;
    let action = s.get(close + 1..).unwrap_or_default();
    let deny = if action.contains("accept") {
        false
    } else if action.contains("reject") {
        true
    } else {
        return Err(bad());
    };
    let (mut prefix, mut lens) = (None, None);
    for part in cond.split("&&") {
        let part = part.trim();
        let (k, v) = if let Some((k, v)) = part.split_once(" in ") {
            (k.trim(), v.trim())
        } else if let Some((k, v)) = part.split_once("==") {
            (k.trim(), v.trim())
        } else if let Some((k, v)) = part.split_once('=') {
            (k.trim(), v.trim())
        } else {
            return Err(bad());
        };
        match k {
            "dst" => {
                prefix = Some(Prefix::parse(v).map_err(|e| rule.err(ParseErrorKind::Model(e)))?)
            }
            "dst-len" => {
                lens = Some(match v.split_once('-') {
                    Some((a, b)) => (len_at(rule, a)?, len_at(rule, b)?),
                    None => {
                        let l = len_at(rule, v)?;
                        (l, l)
                    }
                })
            }
            _ => return Err(bad()),
        }
    }
    let p = prefix.ok_or_else(bad)?;
    let (low, high) = lens.unwrap_or((p.len(), p.len()));
    let r = range_at(rule, p, low, high)?;
    acc.push(list, None, deny, r, rule)
}

// ---------------------------------------------------------------------------
// VyOS.

fn read_vyos(text: &str, acc: &mut Acc) -> Result<(), ParseError> {
    #[derive(Default)]
    struct Rule<'a> {
        at: Option<Tok<'a>>,
        deny: Option<bool>,
        prefix: Option<(Prefix, Tok<'a>)>,
        ge: Option<u8>,
        le: Option<u8>,
    }
    let mut lx = Lexer::new(
        text,
        LexOpts {
            hash: true,
            ..LexOpts::default()
        },
    );
    let mut line = Vec::new();
    // (list, rule number) → the rule's fields, in order of appearance.
    let mut rules: Vec<((usize, u64), Rule<'_>)> = Vec::new();
    let mut where_: HashMap<(usize, u64), usize> = HashMap::new();
    while lx.next_line(&mut line)? {
        let w = |i: usize| line.get(i).map_or("", |t| t.text);
        if w(0) != "set" || w(1) != "policy" {
            continue;
        }
        let Some(fam) = family_word(w(2)).filter(|_| w(2).starts_with("prefix-list")) else {
            continue;
        };
        let Some(n) = line.get(3) else { continue };
        let list = acc.list(n.text, Some(fam), n)?;
        if w(4) != "rule" {
            continue;
        }
        let Some(rn) = line.get(5) else { continue };
        let num = seq_at(rn)?;
        let key = (list, num);
        let idx = match where_.get(&key) {
            Some(i) => *i,
            None => {
                if rules.len() >= MAX_ENTRIES {
                    return Err(rn.err(ParseErrorKind::Limit(format!(
                        "more than {MAX_ENTRIES} rules"
                    ))));
                }
                rules.push((key, Rule::default()));
                where_.insert(key, rules.len() - 1);
                rules.len() - 1
            }
        };
        let Some((_, r)) = rules.get_mut(idx) else {
            continue;
        };
        let Some(v) = line.get(7) else { continue };
        match w(6) {
            "action" => {
                r.deny = Some(match v.text {
                    "permit" => false,
                    "deny" => true,
                    _ => {
                        return Err(v.syntax(format!("permit or deny expected, found {:?}", v.text)))
                    }
                })
            }
            "prefix" => {
                r.prefix = Some((prefix_at(v)?, *v));
                r.at.get_or_insert(*v);
            }
            "ge" => r.ge = Some(len_at(v, v.text)?),
            "le" => r.le = Some(len_at(v, v.text)?),
            _ => {}
        }
        r.at.get_or_insert(*rn);
    }
    for ((list, num), r) in rules {
        let Some(at) = r.at else { continue };
        let (p, pt) = r
            .prefix
            .ok_or_else(|| at.err(ParseErrorKind::MissingField("prefix")))?;
        let deny = r
            .deny
            .ok_or_else(|| pt.err(ParseErrorKind::MissingField("action")))?;
        let range = ge_le(&pt, p, r.ge, r.le, None)?;
        acc.push(list, Some(num), deny, range, &pt)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
