//! Router interface configurations, read for their unicast RPF settings
//! (BCP 84, RFC 3704: strict and loose uRPF) per interface and address
//! family: Junos in `set` form (`show configuration | display set`) and
//! IOS-style text (Cisco IOS and IOS XE, IOS XR, Arista EOS).
//!
//! Only what source address validation needs is read; every other line is
//! skipped. Junos:
//!
//! ```text
//! set system host-name edge1
//! set interfaces xe-0/0/1 unit 100 family inet address 192.0.2.1/30
//! set interfaces xe-0/0/1 unit 100 family inet rpf-check
//! set interfaces xe-0/0/1 unit 100 family inet6 rpf-check mode loose
//! deactivate interfaces xe-0/0/1 unit 100 family inet6 rpf-check
//! ```
//!
//! A logical unit is named `IFD.UNIT` (`xe-0/0/1.100`); a family is
//! configured once any `family inet`/`inet6` statement names it;
//! `rpf-check` is strict unless `mode loose`; `delete` and `deactivate`
//! of `rpf-check` (or of the whole family) turn it off. IOS-style:
//!
//! ```text
//! hostname edge2
//! interface GigabitEthernet0/0/1
//!  ip address 192.0.2.1 255.255.255.252
//!  ip verify unicast source reachable-via rx
//!  ipv6 verify unicast source reachable-via any
//! ```
//!
//! `reachable-via rx` (and the older `ip verify unicast reverse-path`) is
//! strict, `reachable-via any` loose; IOS XR's `ipv4 verify unicast …` is
//! read as well; a family counts as configured with an address (`ip
//! address`, `ip unnumbered`, `ipv4 address`, `ipv6 address`, `ipv6
//! enable`) or a uRPF statement. Block lines are the indented ones after
//! `interface NAME`.
//!
//! Errors ([`ParseError`]) carry the 1-based line and column: an unknown
//! `reachable-via` or `rpf-check mode` word, an unterminated quote, a Junos
//! configuration in curly-brace form or IOS text given as Junos
//! ([`ParseErrorKind::WrongDocument`]). Limits: [`MAX_CONFIG_LEN`] bytes of
//! input, [`MAX_LINE_LEN`] bytes in a line, [`MAX_INTERFACES`] interfaces,
//! [`MAX_NAME_LEN`] bytes in a name ([`ParseErrorKind::Limit`]). Bytes that
//! are not UTF-8 (in descriptions, say) are read as U+FFFD.
//!
//! ```
//! use routeguard::parse::device::{parse_device_config, ConfigDialect};
//! use routeguard::parse::sav::UrpfMode;
//! let cfg = parse_device_config(
//!     b"set interfaces xe-0/0/1 unit 0 family inet rpf-check mode loose\n",
//!     ConfigDialect::Junos,
//! ).unwrap();
//! let i = cfg.interface("xe-0/0/1.0").unwrap();
//! assert_eq!(i.ipv4.map(|f| f.urpf), Some(UrpfMode::Loose));
//! assert_eq!(i.ipv6, None);
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::sav::UrpfMode;
use super::{ParseError, ParseErrorKind};
use crate::model::{Family, UnknownWord};

/// Longest configuration accepted, in bytes.
pub const MAX_CONFIG_LEN: usize = 256 << 20;
/// Longest line accepted, in bytes.
pub const MAX_LINE_LEN: usize = 1 << 16;
/// Most interfaces (Junos: logical units) in one configuration.
pub const MAX_INTERFACES: usize = 1_000_000;
/// Longest interface name or host name, in bytes.
pub const MAX_NAME_LEN: usize = 256;

/// The configuration language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ConfigDialect {
    /// Junos `set` commands.
    Junos,
    /// IOS-style text: Cisco IOS, IOS XE, IOS XR, Arista EOS.
    Ios,
}

impl ConfigDialect {
    /// `junos` or `ios`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigDialect::Junos => "junos",
            ConfigDialect::Ios => "ios",
        }
    }

    /// Guesses the dialect from the first statement: `set …`, `delete …`
    /// or `deactivate …` is Junos, anything else IOS-style; `None` when
    /// there is no statement.
    pub fn detect(input: &[u8]) -> Option<ConfigDialect> {
        input
            .split(|b| *b == b'\n')
            .map(|l| l.trim_ascii())
            .find(|l| !l.is_empty() && !l.starts_with(b"#") && !l.starts_with(b"!"))
            .map(|l| {
                let w = l
                    .split(|b| b.is_ascii_whitespace())
                    .next()
                    .unwrap_or_default();
                if matches!(w, b"set" | b"delete" | b"deactivate" | b"activate") {
                    ConfigDialect::Junos
                } else {
                    ConfigDialect::Ios
                }
            })
    }
}

impl fmt::Display for ConfigDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ConfigDialect {
    type Err = UnknownWord;
    /// `junos` (`juniper`), `ios` (`cisco`, `ios-xe`, `iosxe`, `iosxr`,
    /// `ios-xr`, `xr`, `eos`, `arista`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "junos" | "juniper" => ConfigDialect::Junos,
            "ios" | "cisco" | "ios-xe" | "iosxe" | "iosxr" | "ios-xr" | "xr" | "eos" | "arista" => {
                ConfigDialect::Ios
            }
            _ => {
                return Err(UnknownWord::new(
                    "configuration dialect",
                    s,
                    "junos, ios, iosxr or eos",
                ))
            }
        })
    }
}

/// One address family of an interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FamilyConfig {
    /// The uRPF mode ([`UrpfMode::None`] without uRPF).
    pub urpf: UrpfMode,
    /// The line of the uRPF statement in force, else of the family's first
    /// statement.
    pub line: usize,
}

/// One interface (Junos: one logical unit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterfaceConfig {
    /// Its name (Junos `IFD.UNIT`).
    pub name: String,
    /// The line where it first appears.
    pub line: usize,
    /// IPv4, when configured.
    pub ipv4: Option<FamilyConfig>,
    /// IPv6, when configured.
    pub ipv6: Option<FamilyConfig>,
}

impl InterfaceConfig {
    /// One family's configuration.
    pub fn family(&self, family: Family) -> Option<FamilyConfig> {
        match family {
            Family::V4 => self.ipv4,
            Family::V6 => self.ipv6,
        }
    }

    fn family_mut(&mut self, family: Family) -> &mut Option<FamilyConfig> {
        match family {
            Family::V4 => &mut self.ipv4,
            Family::V6 => &mut self.ipv6,
        }
    }

    /// Marks `family` configured at `line`.
    fn touch(&mut self, family: Family, line: usize) -> &mut FamilyConfig {
        self.family_mut(family).get_or_insert(FamilyConfig {
            urpf: UrpfMode::None,
            line,
        })
    }
}

/// A parsed configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceConfig {
    /// The language it was read as.
    pub dialect: ConfigDialect,
    /// The host name it gives (`hostname`, `set system host-name`).
    pub hostname: Option<String>,
    /// The interfaces, sorted by name.
    pub interfaces: Vec<InterfaceConfig>,
}

impl DeviceConfig {
    /// The interface of this exact name.
    pub fn interface(&self, name: &str) -> Option<&InterfaceConfig> {
        self.interfaces
            .binary_search_by(|i| i.name.as_str().cmp(name))
            .ok()
            .and_then(|i| self.interfaces.get(i))
    }

    /// The interface `name` as an operator writes it: the exact name; for
    /// Junos a name without a unit means unit 0; then the name in any case.
    pub fn find(&self, name: &str) -> Option<&InterfaceConfig> {
        self.interface(name)
            .or_else(|| {
                (self.dialect == ConfigDialect::Junos && !name.contains('.'))
                    .then(|| self.interface(&format!("{name}.0")))
                    .flatten()
            })
            .or_else(|| {
                self.interfaces
                    .iter()
                    .find(|i| i.name.eq_ignore_ascii_case(name))
            })
    }
}

/// Reads a configuration in `dialect`.
pub fn parse_device_config(
    input: &[u8],
    dialect: ConfigDialect,
) -> Result<DeviceConfig, ParseError> {
    if input.len() > MAX_CONFIG_LEN {
        return Err(ParseError::at(
            0,
            0,
            ParseErrorKind::Limit(format!("configuration longer than {MAX_CONFIG_LEN} bytes")),
        ));
    }
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let mut st = State {
        hostname: None,
        interfaces: BTreeMap::new(),
    };
    let mut block: Option<String> = None;
    for (i, raw) in input.split(|b| *b == b'\n').enumerate() {
        let line_no = i + 1;
        if raw.len() > MAX_LINE_LEN {
            return Err(ParseError::at(
                line_no,
                0,
                ParseErrorKind::Limit(format!("line longer than {MAX_LINE_LEN} bytes")),
            ));
        }
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = String::from_utf8_lossy(raw);
        match dialect {
            ConfigDialect::Junos => junos_line(&mut st, &text, line_no)?,
            ConfigDialect::Ios => ios_line(&mut st, &mut block, &text, line_no)?,
        }
    }
    Ok(DeviceConfig {
        dialect,
        hostname: st.hostname,
        interfaces: st.interfaces.into_values().collect(),
    })
}

struct State {
    hostname: Option<String>,
    interfaces: BTreeMap<String, InterfaceConfig>,
}

impl State {
    fn interface(&mut self, name: &str, line: usize) -> Result<&mut InterfaceConfig, ParseError> {
        if name.len() > MAX_NAME_LEN {
            return Err(ParseError::at(
                line,
                0,
                ParseErrorKind::Limit(format!("interface name longer than {MAX_NAME_LEN} bytes")),
            ));
        }
        if !self.interfaces.contains_key(name) && self.interfaces.len() >= MAX_INTERFACES {
            return Err(ParseError::at(
                line,
                0,
                ParseErrorKind::Limit(format!("more than {MAX_INTERFACES} interfaces")),
            ));
        }
        Ok(self
            .interfaces
            .entry(name.to_owned())
            .or_insert_with(|| InterfaceConfig {
                name: name.to_owned(),
                line,
                ipv4: None,
                ipv6: None,
            }))
    }

    fn hostname(&mut self, name: &str, line: usize) -> Result<(), ParseError> {
        if name.len() > MAX_NAME_LEN {
            return Err(ParseError::at(
                line,
                0,
                ParseErrorKind::Limit(format!("host name longer than {MAX_NAME_LEN} bytes")),
            ));
        }
        self.hostname = Some(name.to_owned());
        Ok(())
    }
}

/// A word of a line and its 1-based column.
type Word<'a> = (std::borrow::Cow<'a, str>, usize);

/// Splits a Junos line into words; `"…"` is one word (backslash escapes
/// the next character).
fn junos_words(text: &str, line: usize) -> Result<Vec<Word<'_>>, ParseError> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some(&(start, c)) = it.peek() {
        if c.is_whitespace() {
            it.next();
            continue;
        }
        if c == '"' {
            it.next();
            let mut s = String::new();
            let mut closed = false;
            while let Some((_, c)) = it.next() {
                match c {
                    '"' => {
                        closed = true;
                        break;
                    }
                    '\\' => {
                        if let Some((_, n)) = it.next() {
                            s.push(n);
                        }
                    }
                    c => s.push(c),
                }
            }
            if !closed {
                return Err(ParseError::at(
                    line,
                    start + 1,
                    ParseErrorKind::Syntax("unterminated quoted string".into()),
                ));
            }
            out.push((std::borrow::Cow::Owned(s), start + 1));
            continue;
        }
        let mut end = text.len();
        while let Some(&(j, c)) = it.peek() {
            if c.is_whitespace() {
                end = j;
                break;
            }
            it.next();
        }
        out.push((
            std::borrow::Cow::Borrowed(text.get(start..end).unwrap_or_default()),
            start + 1,
        ));
    }
    Ok(out)
}

fn junos_line(st: &mut State, text: &str, line: usize) -> Result<(), ParseError> {
    let t = text.trim();
    if t.is_empty() || t.starts_with('#') || t.starts_with("/*") {
        return Ok(());
    }
    let words = junos_words(t, line)?;
    let w = |i: usize| words.get(i).map(|(s, _)| s.as_ref());
    let col = |i: usize| words.get(i).map_or(0, |(_, c)| *c);
    let verb = w(0).unwrap_or_default();
    let on = match verb {
        "set" => true,
        "delete" | "deactivate" => false,
        "activate" => return Ok(()),
        _ => {
            if t.ends_with('{') || t.ends_with('}') || t.ends_with(';') {
                return Err(ParseError::at(
                    line,
                    1,
                    ParseErrorKind::WrongDocument {
                        expected:
                            "Junos configuration in set form (show configuration | display set)",
                        found: "a configuration in curly-brace form".into(),
                    },
                ));
            }
            if verb == "interface" || verb == "hostname" {
                return Err(ParseError::at(
                    line,
                    1,
                    ParseErrorKind::WrongDocument {
                        expected:
                            "Junos configuration in set form (show configuration | display set)",
                        found: "IOS-style configuration text".into(),
                    },
                ));
            }
            return Ok(());
        }
    };
    match w(1) {
        Some("system") if on && w(2) == Some("host-name") => {
            if let Some(h) = w(3) {
                st.hostname(h, line)?;
            }
            Ok(())
        }
        Some("interfaces") => {
            let (Some(ifd), Some("unit"), Some(unit)) = (w(2), w(3), w(4)) else {
                return Ok(());
            };
            if ifd == "interface-range" {
                return Ok(());
            }
            let name = format!("{ifd}.{unit}");
            if !on {
                // `delete`/`deactivate` of a family, its rpf-check, or the
                // whole unit: uRPF is off from here on.
                let Some(i) = st.interfaces.get_mut(&name) else {
                    return Ok(());
                };
                let fams = match (w(5), w(6)) {
                    (None, _) => vec![Family::V4, Family::V6],
                    (Some("family"), Some("inet")) => vec![Family::V4],
                    (Some("family"), Some("inet6")) => vec![Family::V6],
                    _ => return Ok(()),
                };
                let whole_family = w(7).is_none();
                if w(7).is_some() && w(7) != Some("rpf-check") {
                    return Ok(());
                }
                for f in fams {
                    if whole_family && verb == "delete" {
                        *i.family_mut(f) = None;
                    } else if let Some(fc) = i.family_mut(f) {
                        fc.urpf = UrpfMode::None;
                        fc.line = line;
                    }
                }
                return Ok(());
            }
            let iface = st.interface(&name, line)?;
            let family = match (w(5), w(6)) {
                (Some("family"), Some("inet")) => Family::V4,
                (Some("family"), Some("inet6")) => Family::V6,
                _ => return Ok(()),
            };
            let fc = iface.touch(family, line);
            if w(7) != Some("rpf-check") {
                return Ok(());
            }
            // `rpf-check` alone or with `fail-filter`: strict unless a
            // mode says otherwise; `mode loose` switches it.
            let mode = match (w(8), w(9)) {
                (Some("mode"), Some("loose")) => UrpfMode::Loose,
                (Some("mode"), Some("strict")) => UrpfMode::Strict,
                (Some("mode"), other) => {
                    return Err(ParseError::at(
                        line,
                        col(9).max(col(8)),
                        ParseErrorKind::Syntax(format!(
                            "rpf-check mode {:?}: expected loose",
                            other.unwrap_or_default()
                        )),
                    ))
                }
                _ if fc.urpf == UrpfMode::Loose => UrpfMode::Loose,
                _ => UrpfMode::Strict,
            };
            fc.urpf = mode;
            fc.line = line;
            Ok(())
        }
        _ => Ok(()),
    }
}

fn ios_line(
    st: &mut State,
    block: &mut Option<String>,
    text: &str,
    line: usize,
) -> Result<(), ParseError> {
    let indented = text.starts_with([' ', '\t']);
    let t = text.trim();
    if t.is_empty() || t.starts_with('!') || t.starts_with('#') {
        return Ok(());
    }
    let words: Vec<(&str, usize)> = t
        .split_whitespace()
        .map(|w| {
            let col = (w.as_ptr() as usize).saturating_sub(text.as_ptr() as usize) + 1;
            (w, col)
        })
        .collect();
    let w = |i: usize| words.get(i).map(|(s, _)| *s);
    let col = |i: usize| words.get(i).map_or(0, |(_, c)| *c);
    if !indented {
        *block = None;
        match w(0) {
            Some("interface") => {
                let mut parts: Vec<&str> = words.iter().skip(1).map(|(s, _)| *s).collect();
                if parts.first() == Some(&"preconfigure") {
                    parts.remove(0);
                }
                if parts.is_empty() {
                    return Ok(());
                }
                let name = parts.concat();
                st.interface(&name, line)?;
                *block = Some(name);
            }
            Some("hostname") => {
                if let Some(h) = w(1) {
                    st.hostname(h, line)?;
                }
            }
            Some("set") if st.interfaces.is_empty() && w(1) == Some("interfaces") => {
                return Err(ParseError::at(
                    line,
                    1,
                    ParseErrorKind::WrongDocument {
                        expected: "IOS-style configuration text",
                        found: "Junos set commands".into(),
                    },
                ));
            }
            _ => {}
        }
        return Ok(());
    }
    let Some(name) = block.as_deref() else {
        return Ok(());
    };
    let (neg, off) = if w(0) == Some("no") {
        (true, 1)
    } else {
        (false, 0)
    };
    let family = match w(off) {
        Some("ip" | "ipv4") => Family::V4,
        Some("ipv6") => Family::V6,
        _ => return Ok(()),
    };
    let Some(iface) = st.interfaces.get_mut(name) else {
        return Ok(());
    };
    let configures = match w(off + 1) {
        Some("address" | "unnumbered") => true,
        Some("enable") => family == Family::V6,
        _ => false,
    };
    if configures {
        if !neg {
            iface.touch(family, line);
        }
        return Ok(());
    }
    match (w(off + 1), w(off + 2)) {
        (Some("verify"), Some("unicast")) => {
            if neg {
                if let Some(fc) = iface.family_mut(family) {
                    fc.urpf = UrpfMode::None;
                    fc.line = line;
                }
                return Ok(());
            }
            let mode = match (w(off + 3), w(off + 4), w(off + 5)) {
                (Some("reverse-path"), _, _) => UrpfMode::Strict,
                (Some("source"), Some("reachable-via"), Some(m)) => match m {
                    "rx" => UrpfMode::Strict,
                    "any" => UrpfMode::Loose,
                    other => {
                        return Err(ParseError::at(
                            line,
                            col(off + 5),
                            ParseErrorKind::Syntax(format!(
                                "reachable-via {other:?}: expected rx or any"
                            )),
                        ))
                    }
                },
                (Some("source"), Some("reachable-via"), None) => {
                    return Err(ParseError::at(
                        line,
                        col(off + 4),
                        ParseErrorKind::Syntax("reachable-via without rx or any".into()),
                    ))
                }
                _ => return Ok(()),
            };
            let fc = iface.touch(family, line);
            fc.urpf = mode;
            fc.line = line;
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junos() {
        let text = b"## Last commit\nset system host-name edge1\n\
set interfaces xe-0/0/1 description \"family inet rpf-check\"\n\
set interfaces xe-0/0/1 unit 100 family inet address 192.0.2.1/30\n\
set interfaces xe-0/0/1 unit 100 family inet rpf-check\n\
set interfaces xe-0/0/1 unit 100 family inet6 rpf-check mode loose\n\
set interfaces xe-0/0/2 unit 0 family inet address 198.51.100.1/30\n\
set interfaces xe-0/0/2 unit 0 family inet rpf-check fail-filter F\n\
set interfaces xe-0/0/2 unit 0 family inet rpf-check mode loose\n\
set interfaces xe-0/0/3 unit 0 family inet rpf-check\n\
deactivate interfaces xe-0/0/3 unit 0 family inet rpf-check\n\
set interfaces xe-0/0/4 unit 0 family mpls\n";
        let c = parse_device_config(text, ConfigDialect::Junos).unwrap();
        assert_eq!(c.hostname.as_deref(), Some("edge1"));
        let names: Vec<_> = c.interfaces.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            ["xe-0/0/1.100", "xe-0/0/2.0", "xe-0/0/3.0", "xe-0/0/4.0"]
        );
        let a = c.interface("xe-0/0/1.100").unwrap();
        assert_eq!(a.line, 4);
        assert_eq!(
            a.ipv4,
            Some(FamilyConfig {
                urpf: UrpfMode::Strict,
                line: 5
            })
        );
        assert_eq!(
            a.ipv6,
            Some(FamilyConfig {
                urpf: UrpfMode::Loose,
                line: 6
            })
        );
        let b = c.find("xe-0/0/2").unwrap();
        assert_eq!(b.ipv4.unwrap().urpf, UrpfMode::Loose);
        assert_eq!(
            c.find("xe-0/0/3").unwrap().ipv4.unwrap(),
            FamilyConfig {
                urpf: UrpfMode::None,
                line: 11
            }
        );
        let d = c.interface("xe-0/0/4.0").unwrap();
        assert_eq!((d.ipv4, d.ipv6), (None, None));
    }

    #[test]
    fn junos_errors() {
        let e = parse_device_config(
            b"set interfaces a unit 0 family inet rpf-check mode sloppy\n",
            ConfigDialect::Junos,
        )
        .unwrap_err();
        assert_eq!((e.line(), e.location.column, e.code()), (1, 52, "syntax"));
        let e = parse_device_config(b"\ninterfaces {\n", ConfigDialect::Junos).unwrap_err();
        assert_eq!((e.line(), e.code()), (2, "wrong-document"));
        let e = parse_device_config(b"interface Gi0/1\n", ConfigDialect::Junos).unwrap_err();
        assert_eq!(e.code(), "wrong-document");
        let e = parse_device_config(b"set interfaces a description \"x\n", ConfigDialect::Junos)
            .unwrap_err();
        assert_eq!((e.line(), e.location.column, e.code()), (1, 30, "syntax"));
        let long = format!(
            "set interfaces {} unit 0 family inet\n",
            "x".repeat(MAX_NAME_LEN)
        );
        let e = parse_device_config(long.as_bytes(), ConfigDialect::Junos).unwrap_err();
        assert_eq!(e.code(), "limit");
    }

    #[test]
    fn ios() {
        let text = [
            "hostname edge2",
            "!",
            "interface GigabitEthernet0/0/1",
            " description ip verify unicast source reachable-via any",
            " ip address 192.0.2.1 255.255.255.252",
            " ip verify unicast source reachable-via rx allow-default",
            " ipv6 address 2001:db8::1/64",
            "!",
            "interface GigabitEthernet0/0/2",
            " ip verify unicast source reachable-via any",
            " ipv6 verify unicast reverse-path",
            "interface Loopback0",
            " ip address 10.0.0.1 255.255.255.255",
            "interface preconfigure TenGigE0/0/0/1.100",
            " ipv4 verify unicast source reachable-via rx",
            "interface Ethernet 3",
            "   ipv6 enable",
            "   ipv6 verify unicast source reachable-via rx",
            "   no ipv6 verify unicast",
            "ip verify unicast source reachable-via rx",
            "",
        ]
        .join("\n");
        let text = text.as_bytes();
        let c = parse_device_config(text, ConfigDialect::Ios).unwrap();
        assert_eq!(c.hostname.as_deref(), Some("edge2"));
        let a = c.interface("GigabitEthernet0/0/1").unwrap();
        assert_eq!(
            a.ipv4,
            Some(FamilyConfig {
                urpf: UrpfMode::Strict,
                line: 6
            })
        );
        assert_eq!(
            a.ipv6,
            Some(FamilyConfig {
                urpf: UrpfMode::None,
                line: 7
            })
        );
        let b = c.interface("GigabitEthernet0/0/2").unwrap();
        assert_eq!(b.ipv4.unwrap().urpf, UrpfMode::Loose);
        assert_eq!(b.ipv6.unwrap().urpf, UrpfMode::Strict);
        assert_eq!(
            c.interface("Loopback0").unwrap().ipv4.unwrap().urpf,
            UrpfMode::None
        );
        assert_eq!(
            c.interface("TenGigE0/0/0/1.100")
                .unwrap()
                .ipv4
                .unwrap()
                .urpf,
            UrpfMode::Strict
        );
        let e3 = c.find("ethernet3").unwrap();
        assert_eq!(
            e3.ipv6,
            Some(FamilyConfig {
                urpf: UrpfMode::None,
                line: 19
            })
        );
        let e = parse_device_config(
            b"interface X\n ip verify unicast source reachable-via tx\n",
            ConfigDialect::Ios,
        )
        .unwrap_err();
        assert_eq!((e.line(), e.location.column, e.code()), (2, 41, "syntax"));
        let e = parse_device_config(b"set interfaces a unit 0\n", ConfigDialect::Ios).unwrap_err();
        assert_eq!(e.code(), "wrong-document");
    }

    #[test]
    fn detect() {
        assert_eq!(
            ConfigDialect::detect(b"# x\n\nset system host-name a\n"),
            Some(ConfigDialect::Junos)
        );
        assert_eq!(
            ConfigDialect::detect(b"!\nhostname a\n"),
            Some(ConfigDialect::Ios)
        );
        assert_eq!(ConfigDialect::detect(b"\n \n"), None);
        assert_eq!("EOS".parse::<ConfigDialect>(), Ok(ConfigDialect::Ios));
    }
}
