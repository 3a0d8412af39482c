//! Decoded RPKI objects ([`DecodedObject`], from
//! [`crate::parse::rpki_object`]: ROAs of RFC 6482, ASPAs of
//! draft-ietf-sidrops-aspa-profile, resource certificates of RFC 6487) as
//! text for people or as JSON (feature `rpki-objects`).
//!
//! Both forms say first that the objects were **decoded, not validated**
//! ([`BANNER`]). The JSON names the payload fields as rpki-client's JSON
//! export does (`asn`, `prefix`, `maxLength`; `customer_asid`,
//! `providers`); times are Unix seconds there (as rpki-client's `expires`)
//! and RFC 3339 UTC in the text.
//!
//! ```text
//! # decoded, not validated: no signature, certificate chain, CRL or manifest was checked
//!
//! file:           AS1000.asa
//! type:           aspa
//! customer:       AS1000
//! providers:      AS1025
//! signing time:   2023-06-25T…
//! …
//! ```

use std::fmt::Write as _;
use std::io::{self, Write};
use std::str::FromStr;

use crate::model::UnknownWord;
use crate::parse::rpki_object::{CertInfo, DecodedObject, ObjectContent, Resources};
use crate::parse::time::format_rfc3339;
use crate::render::json::JsonStr;

/// The first line of the text output, and the `notice` of the JSON.
pub const BANNER: &str =
    "decoded, not validated: no signature, certificate chain, CRL or manifest was checked";

/// The output forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectFormat {
    /// `label: value` lines per object, after the banner.
    Text,
    /// One JSON document: `{"notice", "objects": [...]}`.
    Json,
}

impl ObjectFormat {
    /// `text` or `json`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ObjectFormat::Text => "text",
            ObjectFormat::Json => "json",
        }
    }
}

impl FromStr for ObjectFormat {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(ObjectFormat::Text),
            "json" => Ok(ObjectFormat::Json),
            _ => Err(UnknownWord::new("output format", s, "text or json")),
        }
    }
}

/// Writes `objects` (each with the name it is shown under, a file name)
/// in `format`.
pub fn write_objects<W: Write>(
    objects: &[(&str, &DecodedObject)],
    format: ObjectFormat,
    out: &mut W,
) -> io::Result<()> {
    match format {
        ObjectFormat::Text => {
            writeln!(out, "# {BANNER}")?;
            for (name, obj) in objects {
                out.write_all(b"\n")?;
                out.write_all(to_text(name, obj).as_bytes())?;
            }
            Ok(())
        }
        ObjectFormat::Json => {
            write!(out, "{{\"notice\":{},\"objects\":[", JsonStr(BANNER))?;
            for (i, (name, obj)) in objects.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(to_json(Some(name), obj).as_bytes())?;
            }
            out.write_all(b"]}\n")
        }
    }
}

const W: usize = 16;

/// One object as `label: value` lines (no banner).
pub fn to_text(name: &str, obj: &DecodedObject) -> String {
    let mut s = String::new();
    let mut line = |label: &str, value: &dyn std::fmt::Display| {
        let _ = writeln!(s, "{:W$}{value}", format!("{label}:"));
    };
    line("file", &name);
    line("type", &obj.kind());
    match &obj.content {
        ObjectContent::Roa(roa) => {
            line("asn", &roa.asn);
            for p in &roa.prefixes {
                let max = match p.max_length {
                    Some(m) => format!("maxLength {m}"),
                    None => format!("maxLength absent ({})", p.prefix.len()),
                };
                line("prefix", &format!("{} {max}", p.prefix));
            }
        }
        ObjectContent::Aspa(aspa) => {
            line("customer", &aspa.customer);
            let ps: Vec<String> = aspa.providers.iter().map(ToString::to_string).collect();
            line("providers", &ps.join(", "));
        }
        _ => {}
    }
    if let Some(t) = obj.signing_time {
        line("signing time", &format_rfc3339(t));
    }
    let c = &obj.cert;
    // A ROA's or an ASPA's signer is its EE certificate; a .cer is itself.
    line("certificate", &if c.is_ca { "CA" } else { "EE (not a CA)" });
    line("serial", &c.serial);
    line("ski", &c.subject_key_id);
    if let Some(aki) = &c.authority_key_id {
        line("aki", aki);
    }
    line("not before", &format_rfc3339(c.not_before));
    line("not after", &format_rfc3339(c.not_after));
    line("ipv4", &c.ipv4);
    line("ipv6", &c.ipv6);
    line("asns", &c.asns);
    for (label, uri) in uris(c) {
        line(label, &uri);
    }
    s
}

/// The URIs of a certificate, labelled as in the text output.
fn uris(c: &CertInfo) -> impl Iterator<Item = (&'static str, &str)> {
    [
        ("signed object", &c.signed_object),
        ("ca repository", &c.ca_repository),
        ("manifest", &c.manifest),
        ("rrdp notify", &c.rpki_notify),
        ("ca issuer", &c.ca_issuer),
        ("crl", &c.crl),
    ]
    .into_iter()
    .filter_map(|(l, u)| u.as_deref().map(|u| (l, u)))
}

/// One object as a JSON object (no banner); `name` becomes `"file"`.
pub fn to_json(name: Option<&str>, obj: &DecodedObject) -> String {
    let mut s = String::from("{");
    if let Some(n) = name {
        let _ = write!(s, "\"file\":{},", JsonStr(n));
    }
    let _ = write!(s, "\"type\":\"{}\"", obj.kind());
    match &obj.content {
        ObjectContent::Roa(roa) => {
            let _ = write!(s, ",\"asn\":{},\"vrps\":[", roa.asn.get());
            for (i, p) in roa.prefixes.iter().enumerate() {
                let _ = write!(
                    s,
                    "{}{{\"asn\":{},\"prefix\":\"{}\",\"maxLength\":{},\"max_length_given\":{}}}",
                    if i > 0 { "," } else { "" },
                    roa.asn.get(),
                    p.prefix,
                    p.effective_max_length(),
                    p.max_length.is_some()
                );
            }
            s.push(']');
        }
        ObjectContent::Aspa(aspa) => {
            let ps: Vec<String> = aspa.providers.iter().map(|a| a.get().to_string()).collect();
            let _ = write!(
                s,
                ",\"customer_asid\":{},\"providers\":[{}]",
                aspa.customer.get(),
                ps.join(",")
            );
        }
        _ => {}
    }
    if let Some(t) = obj.signing_time {
        let _ = write!(s, ",\"signing_time\":{t}");
    }
    let c = &obj.cert;
    let _ = write!(
        s,
        ",\"cert\":{{\"serial\":{},\"ski\":{},\"aki\":{},\"not_before\":{},\"not_after\":{},\"is_ca\":{},\"ipv4\":{},\"ipv6\":{},\"asns\":{}",
        JsonStr(&c.serial),
        JsonStr(&c.subject_key_id),
        c.authority_key_id.as_deref().map_or("null".to_owned(), |a| JsonStr(a).to_string()),
        c.not_before,
        c.not_after,
        c.is_ca,
        resources_json(&c.ipv4),
        resources_json(&c.ipv6),
        resources_json(&c.asns)
    );
    for (label, uri) in uris(c) {
        let _ = write!(s, ",\"{}\":{}", label.replace(' ', "_"), JsonStr(uri));
    }
    s.push_str("}}");
    s
}

/// `null` (absent), `"inherit"`, or the blocks as strings.
fn resources_json<B: std::fmt::Display>(r: &Resources<B>) -> String {
    match r {
        Resources::Missing => "null".to_owned(),
        Resources::Inherit => "\"inherit\"".to_owned(),
        Resources::Blocks(bs) => {
            let items: Vec<String> = bs
                .iter()
                .map(|b| JsonStr(&b.to_string()).to_string())
                .collect();
            format!("[{}]", items.join(","))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Asn, Aspa};
    use crate::parse::rpki_object::{AsBlock, IpBlock, RoaContent, RoaPrefix};

    fn cert() -> CertInfo {
        CertInfo {
            serial: "6".into(),
            subject_key_id: "AB".into(),
            authority_key_id: None,
            not_before: 0,
            not_after: 86_400,
            is_ca: false,
            ipv4: Resources::Blocks(vec![IpBlock::Prefix("192.0.2.0/24".parse().unwrap())]),
            ipv6: Resources::Inherit,
            asns: Resources::Missing,
            signed_object: Some("rsync://x/\"y\".roa".into()),
            ca_repository: None,
            manifest: None,
            rpki_notify: None,
            ca_issuer: None,
            crl: None,
        }
    }

    #[test]
    fn roa_text_and_json() {
        let obj = DecodedObject {
            content: ObjectContent::Roa(RoaContent {
                asn: Asn::new(64500),
                prefixes: vec![
                    RoaPrefix {
                        prefix: "192.0.2.0/24".parse().unwrap(),
                        max_length: None,
                    },
                    RoaPrefix {
                        prefix: "2001:db8::/32".parse().unwrap(),
                        max_length: Some(48),
                    },
                ],
            }),
            cert: cert(),
            signing_time: Some(3600),
        };
        let text = to_text("a.roa", &obj);
        assert_eq!(
            text,
            "file:           a.roa\n\
             type:           roa\n\
             asn:            AS64500\n\
             prefix:         192.0.2.0/24 maxLength absent (24)\n\
             prefix:         2001:db8::/32 maxLength 48\n\
             signing time:   1970-01-01T01:00:00Z\n\
             certificate:    EE (not a CA)\n\
             serial:         6\n\
             ski:            AB\n\
             not before:     1970-01-01T00:00:00Z\n\
             not after:      1970-01-02T00:00:00Z\n\
             ipv4:           192.0.2.0/24\n\
             ipv6:           inherit\n\
             asns:           none\n\
             signed object:  rsync://x/\"y\".roa\n"
        );
        let json = to_json(Some("a.roa"), &obj);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["type"], "roa");
        assert_eq!(v["vrps"][0]["maxLength"], 24);
        assert_eq!(v["vrps"][0]["max_length_given"], false);
        assert_eq!(v["vrps"][1]["prefix"], "2001:db8::/32");
        assert_eq!(v["cert"]["ipv6"], "inherit");
        assert_eq!(v["cert"]["asns"], serde_json::Value::Null);
        assert_eq!(v["cert"]["signed_object"], "rsync://x/\"y\".roa");
        let mut out = Vec::new();
        write_objects(&[("a.roa", &obj)], ObjectFormat::Text, &mut out).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .starts_with("# decoded, not validated"));
    }

    #[test]
    fn aspa_json_document() {
        let obj = DecodedObject {
            content: ObjectContent::Aspa(Aspa::new(Asn::new(1000), vec![Asn::new(1025)])),
            cert: CertInfo {
                asns: Resources::Blocks(vec![AsBlock {
                    min: Asn::new(1000),
                    max: Asn::new(1000),
                }]),
                ..cert()
            },
            signing_time: Some(0),
        };
        let mut out = Vec::new();
        write_objects(
            &[("x.asa", &obj), ("y", &obj)],
            ObjectFormat::Json,
            &mut out,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["notice"], BANNER);
        assert_eq!(v["objects"][0]["customer_asid"], 1000);
        assert_eq!(v["objects"][0]["providers"][0], 1025);
        assert_eq!(v["objects"][1]["file"], "y");
        assert_eq!(v["objects"][1]["cert"]["asns"][0], "AS1000");
        assert_eq!("JSON".parse::<ObjectFormat>(), Ok(ObjectFormat::Json));
        assert!("csv".parse::<ObjectFormat>().is_err());
    }
}
