//! VRP exports: a [`VrpSet`] → the export formats of rpki-client and
//! Routinator (JSON, CSV, openbgpd, bird2), byte-compatible with what those
//! validators emit (rpki-client's `-j`/`-c`/`-o` outputs, Routinator's
//! `json`, `csv`, `openbgpd` and `bird2`) so routers and scripts that read
//! them keep working. The payloads are RFC 6811 VRPs, RFC 8205 router keys
//! and ASPAs (draft-ietf-sidrops-aspa-profile).
//!
//! Layouts, byte for byte:
//! - [`OutputFormat::RoutinatorJson`]: Routinator's `json` (two-space
//!   indent, one record per line, `metadata.generated`/`generatedTime`, then
//!   `roas`, `routerKeys`, `aspas`, each only when non-empty; ASNs as
//!   `"AS64500"`; an unknown trust anchor as `"N/A"`).
//! - [`OutputFormat::RoutinatorCsv`]: `ASN,IP Prefix,Max Length,Trust Anchor`.
//! - [`OutputFormat::RpkiClientJson`]: rpki-client's JSON (tab indent,
//!   `metadata` with `buildtime` and counts, `roas`, `bgpsec_keys`, `aspas`
//!   with `customer_asid`/`expires`/`providers`); `ta` and `expires` are left
//!   out of a record when unknown.
//! - [`OutputFormat::OpenBgpd`]: Routinator's `roa-set { … }` (four-space
//!   indent, `maxlen` only when longer than the prefix), with rpki-client's
//!   `expires T` when the expiry is known and, when there are ASPAs,
//!   rpki-client's `aspa-set { customer-as C [expires T] provider-as { … } }`.
//! - [`OutputFormat::Bird2`]: Routinator's `bird2`, `route P max N as A;` per
//!   VRP (ASPAs are not written: BIRD needs them in a separate table).
//!
//! The generation time comes from [`VrpSet::generated`]; when unknown the
//! Routinator JSON says `0` (1970-01-01) and rpki-client JSON omits
//! `buildtime`, so output is deterministic. Records are written in the order
//! stored; sort the set first for sorted output.
//!
//! ```
//! use routeguard::{parse, render::vrps::{self, OutputFormat}};
//! let loaded = parse::load(b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n",
//!     &parse::LoadOptions::default()).unwrap();
//! assert_eq!(vrps::vrps_to_string(&loaded.set, OutputFormat::Bird2), "route 192.0.2.0/24 max 24 as 64500;\n");
//! ```

use std::fmt;
use std::io::{self, Write};

use super::json::JsonStr;
use crate::model::{Asn, Family, Prefix, VrpSet};
use crate::parse::time::format_rfc3339;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputFormat {
    /// Routinator `json` (`roas`, `routerKeys`, `aspas`; ASNs as `"AS64500"`).
    RoutinatorJson,
    /// Routinator `csv`: `ASN,IP Prefix,Max Length,Trust Anchor`.
    RoutinatorCsv,
    /// rpki-client JSON (`roas`, `bgpsec_keys`, `aspas` with `customer_asid`).
    RpkiClientJson,
    /// OpenBGPD `roa-set` / `aspa-set`.
    OpenBgpd,
    /// BIRD 2 `route P max N as A;`.
    Bird2,
}

impl OutputFormat {
    /// Every output format.
    pub const ALL: [OutputFormat; 5] = [
        OutputFormat::RoutinatorJson,
        OutputFormat::RoutinatorCsv,
        OutputFormat::RpkiClientJson,
        OutputFormat::OpenBgpd,
        OutputFormat::Bird2,
    ];

    /// CLI name: `json`, `csv`, `rpki-client-json`, `openbgpd`, `bird2`.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::RoutinatorJson => "json",
            OutputFormat::RoutinatorCsv => "csv",
            OutputFormat::RpkiClientJson => "rpki-client-json",
            OutputFormat::OpenBgpd => "openbgpd",
            OutputFormat::Bird2 => "bird2",
        }
    }

    /// Looks a format up by CLI name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Writes the set in the given format.
pub fn write_vrps<W: io::Write>(set: &VrpSet, format: OutputFormat, out: &mut W) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    match format {
        OutputFormat::RoutinatorJson => routinator_json(set, &mut w)?,
        OutputFormat::RoutinatorCsv => routinator_csv(set, &mut w)?,
        OutputFormat::RpkiClientJson => rpki_client_json(set, &mut w)?,
        OutputFormat::OpenBgpd => openbgpd(set, &mut w)?,
        OutputFormat::Bird2 => bird2(set, &mut w)?,
    }
    w.flush()
}

/// A prefix, with a fast path for IPv4 (the bulk of every export).
struct Pfx<'a>(&'a Prefix);

impl fmt::Display for Pfx<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.0;
        if p.family() != Family::V4 {
            return write!(f, "{p}");
        }
        let mut buf = [0u8; 18];
        let mut n = 0;
        let put = |v: u32, buf: &mut [u8; 18], n: &mut usize| {
            let digits = if v >= 100 {
                3
            } else if v >= 10 {
                2
            } else {
                1
            };
            let mut x = v;
            for i in (0..digits).rev() {
                if let Some(slot) = buf.get_mut(*n + i) {
                    *slot = b'0' + (x % 10) as u8;
                }
                x /= 10;
            }
            *n += digits;
        };
        let addr = (p.bits() >> 96) as u32;
        for (i, shift) in [24u32, 16, 8, 0].into_iter().enumerate() {
            if i > 0 {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = b'.';
                }
                n += 1;
            }
            put((addr >> shift) & 0xff, &mut buf, &mut n);
        }
        if let Some(slot) = buf.get_mut(n) {
            *slot = b'/';
        }
        n += 1;
        put(u32::from(p.len()), &mut buf, &mut n);
        f.write_str(std::str::from_utf8(buf.get(..n).unwrap_or_default()).map_err(|_| fmt::Error)?)
    }
}

fn ta_or_na(ta: &Option<std::sync::Arc<str>>) -> &str {
    ta.as_deref().unwrap_or("N/A")
}

fn routinator_json<W: Write>(set: &VrpSet, w: &mut W) -> io::Result<()> {
    let generated = set.generated.unwrap_or(0);
    write!(
        w,
        "{{\n  \"metadata\": {{\n    \"generated\": {generated},\n    \"generatedTime\": \"{}\"\n  }}",
        format_rfc3339(generated)
    )?;
    if !set.vrps.is_empty() {
        w.write_all(b",\n  \"roas\": [\n")?;
        for (i, v) in set.vrps.iter().enumerate() {
            if i > 0 {
                w.write_all(b",\n")?;
            }
            write!(
                w,
                "    {{ \"asn\": \"{}\", \"prefix\": \"{}\", \"maxLength\": {}, \"ta\": {} }}",
                v.asn,
                Pfx(&v.prefix),
                v.max_length,
                JsonStr(ta_or_na(&v.ta))
            )?;
        }
        w.write_all(b"\n  ]")?;
    }
    if !set.router_keys.is_empty() {
        w.write_all(b",\n  \"routerKeys\": [\n")?;
        for (i, k) in set.router_keys.iter().enumerate() {
            if i > 0 {
                w.write_all(b",\n")?;
            }
            write!(
                w,
                "    {{ \"asn\": \"{}\", \"SKI\": {}, \"routerPublicKey\": {}, \"ta\": {} }}",
                k.asn,
                JsonStr(&k.ski),
                JsonStr(&k.public_key),
                JsonStr(ta_or_na(&k.ta))
            )?;
        }
        w.write_all(b"\n  ]")?;
    }
    if !set.aspas.is_empty() {
        w.write_all(b",\n  \"aspas\": [\n")?;
        for (i, a) in set.aspas.iter().enumerate() {
            if i > 0 {
                w.write_all(b",\n")?;
            }
            write!(
                w,
                "    {{ \"customer\": \"{}\", \"providers\": [",
                a.customer
            )?;
            for (j, p) in a.providers.iter().enumerate() {
                if j > 0 {
                    w.write_all(b", ")?;
                }
                write!(w, "\"{p}\"")?;
            }
            write!(w, "], \"ta\": {} }}", JsonStr(ta_or_na(&a.ta)))?;
        }
        w.write_all(b"\n  ]")?;
    }
    w.write_all(b"\n}\n")
}

fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn routinator_csv<W: Write>(set: &VrpSet, w: &mut W) -> io::Result<()> {
    w.write_all(b"ASN,IP Prefix,Max Length,Trust Anchor\n")?;
    for v in &set.vrps {
        writeln!(
            w,
            "{},{},{},{}",
            v.asn,
            Pfx(&v.prefix),
            v.max_length,
            csv_field(ta_or_na(&v.ta))
        )?;
    }
    Ok(())
}

fn rpki_client_json<W: Write>(set: &VrpSet, w: &mut W) -> io::Result<()> {
    w.write_all(b"{\n\t\"metadata\": {\n")?;
    if let Some(t) = set.generated {
        writeln!(w, "\t\t\"buildtime\": \"{}\",", format_rfc3339(t))?;
    }
    write!(
        w,
        "\t\t\"bgpsec_pubkeys\": {},\n\t\t\"vrps\": {},\n\t\t\"uniquevrps\": {},\n\t\t\"vaps\": {},\n\t\t\"uniquevaps\": {}\n\t}},\n",
        set.router_keys.len(),
        set.vrps.len(),
        set.vrps.len(),
        set.aspas.len(),
        set.aspas.len()
    )?;
    w.write_all(b"\t\"roas\": [\n")?;
    if set.vrps.is_empty() {
        w.write_all(b"\n")?;
    }
    for (i, v) in set.vrps.iter().enumerate() {
        write!(
            w,
            "\t\t{{ \"asn\": {}, \"prefix\": \"{}\", \"maxLength\": {}",
            v.asn.get(),
            Pfx(&v.prefix),
            v.max_length
        )?;
        if let Some(ta) = &v.ta {
            write!(w, ", \"ta\": {}", JsonStr(ta))?;
        }
        if let Some(e) = v.expires {
            write!(w, ", \"expires\": {e}")?;
        }
        w.write_all(if i + 1 < set.vrps.len() {
            b" },\n"
        } else {
            b" }\n"
        })?;
    }
    w.write_all(b"\t],\n\t\"bgpsec_keys\": [\n")?;
    if set.router_keys.is_empty() {
        w.write_all(b"\n")?;
    }
    for (i, k) in set.router_keys.iter().enumerate() {
        write!(
            w,
            "\t\t{{\n\t\t\t\"asn\": {},\n\t\t\t\"ski\": {},\n\t\t\t\"pubkey\": {}",
            k.asn.get(),
            JsonStr(&k.ski),
            JsonStr(&k.public_key)
        )?;
        if let Some(ta) = &k.ta {
            write!(w, ",\n\t\t\t\"ta\": {}", JsonStr(ta))?;
        }
        if let Some(e) = k.expires {
            write!(w, ",\n\t\t\t\"expires\": {e}")?;
        }
        w.write_all(if i + 1 < set.router_keys.len() {
            b"\n\t\t},\n"
        } else {
            b"\n\t\t}\n"
        })?;
    }
    w.write_all(b"\t],\n\t\"aspas\": [\n")?;
    if set.aspas.is_empty() {
        w.write_all(b"\n")?;
    }
    for (i, a) in set.aspas.iter().enumerate() {
        write!(w, "\t\t{{ \"customer_asid\": {}", a.customer.get())?;
        if let Some(e) = a.expires {
            write!(w, ", \"expires\": {e}")?;
        }
        if let Some(ta) = &a.ta {
            write!(w, ", \"ta\": {}", JsonStr(ta))?;
        }
        w.write_all(b", \"providers\": [ ")?;
        write_asn_list(w, &a.providers)?;
        w.write_all(if i + 1 < set.aspas.len() {
            b" ] },\n"
        } else {
            b" ] }\n"
        })?;
    }
    w.write_all(b"\t]\n}\n")
}

fn write_asn_list<W: Write>(w: &mut W, list: &[Asn]) -> io::Result<()> {
    for (j, p) in list.iter().enumerate() {
        if j > 0 {
            w.write_all(b", ")?;
        }
        write!(w, "{}", p.get())?;
    }
    Ok(())
}

fn openbgpd<W: Write>(set: &VrpSet, w: &mut W) -> io::Result<()> {
    w.write_all(b"roa-set {\n")?;
    for v in &set.vrps {
        write!(w, "    {} ", Pfx(&v.prefix))?;
        if v.max_length > v.prefix.len() {
            write!(w, "maxlen {} ", v.max_length)?;
        }
        write!(w, "source-as {}", v.asn.get())?;
        if let Some(e) = v.expires {
            write!(w, " expires {e}")?;
        }
        w.write_all(b"\n")?;
    }
    w.write_all(b"}\n")?;
    if !set.aspas.is_empty() {
        w.write_all(b"\n")?;
        write_openbgpd_aspa_set(w, &set.aspas)?;
    }
    Ok(())
}

/// OpenBGPD's `aspa-set { customer-as C [expires T] provider-as { … } }`
/// (bgpd.conf(5)), as rpki-client writes it; also the ASPA output of the
/// filter renderers (`render::filter::extra`).
pub(crate) fn write_openbgpd_aspa_set<W: Write>(
    w: &mut W,
    aspas: &[crate::model::Aspa],
) -> io::Result<()> {
    w.write_all(b"aspa-set {\n")?;
    for a in aspas {
        write!(w, "    customer-as {}", a.customer.get())?;
        if let Some(e) = a.expires {
            write!(w, " expires {e}")?;
        }
        w.write_all(b" provider-as { ")?;
        write_asn_list(w, &a.providers)?;
        w.write_all(b" }\n")?;
    }
    w.write_all(b"}\n")
}

fn bird2<W: Write>(set: &VrpSet, w: &mut W) -> io::Result<()> {
    for v in &set.vrps {
        writeln!(
            w,
            "route {} max {} as {};",
            Pfx(&v.prefix),
            v.max_length,
            v.asn.get()
        )?;
    }
    Ok(())
}
/// Writes the set to a `String`.
pub fn vrps_to_string(set: &VrpSet, format: OutputFormat) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_vrps(set, format, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aspa, Family, Prefix, RouterKey, Vrp};
    use crate::parse::{self, LoadOptions};
    use proptest::prelude::*;
    use std::sync::Arc;

    fn vrp_strategy() -> impl Strategy<Value = Vrp> {
        (
            any::<bool>(),
            any::<u128>(),
            0u8..=128,
            0u8..=128,
            any::<u32>(),
            0usize..4,
            proptest::option::of(0i64..4_000_000_000),
        )
            .prop_map(|(v6, bits, len, extra, asn, ta, expires)| {
                let family = if v6 { Family::V6 } else { Family::V4 };
                let max = family.max_len();
                let len = len % (max + 1);
                let bits = if v6 {
                    bits
                } else {
                    bits & (u128::from(u32::MAX) << 96)
                };
                let p = Prefix::from_bits_relaxed(family, bits, len).unwrap();
                let ml = len + extra % (max - len + 1);
                let ta: Option<Arc<str>> = ["ripe", "arin", "a \"quoted\", name"]
                    .get(ta)
                    .map(|t| Arc::from(*t));
                Vrp::new(p, ml, Asn::new(asn))
                    .unwrap()
                    .with_ta(ta)
                    .with_expires(expires)
            })
    }

    fn set_strategy() -> impl Strategy<Value = VrpSet> {
        (
            proptest::collection::vec(vrp_strategy(), 0..40),
            proptest::collection::vec(
                (
                    any::<u32>(),
                    proptest::collection::vec(any::<u32>(), 1..6),
                    proptest::option::of(0i64..9),
                ),
                0..5,
            ),
            proptest::option::of(0i64..4_000_000_000),
        )
            .prop_map(|(vrps, aspas, generated)| VrpSet {
                vrps,
                aspas: aspas
                    .into_iter()
                    .map(|(c, p, e)| {
                        let mut a = Aspa::new(Asn::new(c), p.into_iter().map(Asn::new).collect());
                        a.expires = e;
                        a
                    })
                    .collect(),
                router_keys: vec![RouterKey {
                    asn: Asn::new(1),
                    ski: "00".into(),
                    public_key: "AA".into(),
                    ta: Some(Arc::from("ripe")),
                    expires: Some(3),
                }],
                generated,
            })
    }

    fn sorted<T: Ord + Clone>(v: &[T]) -> Vec<T> {
        let mut v = v.to_vec();
        v.sort();
        v
    }

    proptest! {
        #[test]
        fn every_format_round_trips(set in set_strategy()) {
            for format in OutputFormat::ALL {
                let text = vrps_to_string(&set, format);
                let back = if text.is_empty() {
                    VrpSet::default()
                } else {
                    parse::load(text.as_bytes(), &LoadOptions::default()).unwrap().set
                };
                let keys = |s: &VrpSet| sorted(&s.vrps.iter().map(Vrp::key).collect::<Vec<_>>());
                prop_assert_eq!(keys(&back), keys(&set), "{}", format);
                if format == OutputFormat::RpkiClientJson {
                    prop_assert_eq!(sorted(&back.vrps), sorted(&set.vrps));
                    prop_assert_eq!(sorted(&back.aspas), sorted(&set.aspas));
                    prop_assert_eq!(&back.router_keys, &set.router_keys);
                    prop_assert_eq!(back.generated, set.generated);
                }
                if format == OutputFormat::RoutinatorJson {
                    let ta = |s: &VrpSet| sorted(&s.vrps.iter().map(|v| (v.key(), v.ta.clone())).collect::<Vec<_>>());
                    prop_assert_eq!(ta(&back), ta(&set));
                    prop_assert_eq!(back.generated, Some(set.generated.unwrap_or(0)));
                    let plain = |s: &VrpSet| sorted(&s.aspas.iter().map(|a| (a.customer, a.providers.clone())).collect::<Vec<_>>());
                    prop_assert_eq!(plain(&back), plain(&set));
                }
                if format == OutputFormat::OpenBgpd {
                    let e = |s: &VrpSet| sorted(&s.vrps.iter().map(|v| (v.key(), v.expires)).collect::<Vec<_>>());
                    prop_assert_eq!(e(&back), e(&set));
                    let a = |s: &VrpSet| sorted(&s.aspas.iter().map(|a| (a.customer, a.providers.clone(), a.expires)).collect::<Vec<_>>());
                    prop_assert_eq!(a(&back), a(&set));
                }
            }
        }
    }
}

#[cfg(test)]
mod pfx_tests {
    use super::*;

    #[test]
    fn fast_prefix_display_agrees() {
        for s in [
            "0.0.0.0/0",
            "1.2.3.0/24",
            "255.255.255.255/32",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "2001:db8::/32",
        ] {
            let p: Prefix = s.parse().unwrap();
            assert_eq!(Pfx(&p).to_string(), s);
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_prefix_display_matches_std(addr: u32, len in 0u8..=32) {
            let p = Prefix::new_relaxed(std::net::IpAddr::V4(addr.into()), len).unwrap();
            proptest::prop_assert_eq!(Pfx(&p).to_string(), p.to_string());
        }
    }
}
