//! Observatory rows as CSV (RFC 4180 shape: header, one row per AS, ASNs as
//! plain numbers so that spreadsheets sort them, empty cells for absent
//! values) and as JSON (an array, one object per line, ASNs as `"AS<n>"`,
//! `null` for absent values). Shares are 0–1, written as the shortest
//! decimal that reads back to the same number.

use std::fmt::Display;
use std::io::{self, Write};

use serde::Serialize;

use super::OBSERVATORY_CSV_HEADER;
use crate::manrs::ObservatoryRow;

fn cell<T: Display>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

pub(super) fn csv<W: Write>(rows: &[ObservatoryRow], w: &mut W) -> io::Result<()> {
    w.write_all(OBSERVATORY_CSV_HEADER.as_bytes())?;
    w.write_all(b"\n")?;
    for r in rows {
        let [valid, invalid, not_found] = match r.rpki {
            Some([v, i, n]) => [Some(v), Some(i), Some(n)],
            None => [None; 3],
        };
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{},{},{}",
            r.asn.get(),
            r.routes,
            cell(r.m7irr),
            cell(r.m7rpki),
            cell(valid),
            cell(invalid),
            cell(not_found),
            cell(r.irr_registered),
            r.m3,
            r.m4,
            cell(r.caida_action1),
            cell(r.caida_action4),
        )?;
    }
    Ok(())
}

/// One row in JSON: the CSV's keys, in its order.
#[derive(Serialize)]
struct JsonRow {
    asn: String,
    routes: usize,
    m7irr: Option<f64>,
    m7rpki: Option<f64>,
    rpki_valid: Option<usize>,
    rpki_invalid: Option<usize>,
    rpki_not_found: Option<usize>,
    irr_registered: Option<usize>,
    m3: usize,
    m4: usize,
    caida_action1: Option<bool>,
    caida_action4: Option<bool>,
}

pub(super) fn json<W: Write>(rows: &[ObservatoryRow], w: &mut W) -> io::Result<()> {
    w.write_all(b"[")?;
    for (i, r) in rows.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let row = JsonRow {
            asn: r.asn.to_string(),
            routes: r.routes,
            m7irr: r.m7irr,
            m7rpki: r.m7rpki,
            rpki_valid: r.rpki.map(|[v, _, _]| v),
            rpki_invalid: r.rpki.map(|[_, i, _]| i),
            rpki_not_found: r.rpki.map(|[_, _, n]| n),
            irr_registered: r.irr_registered,
            m3: r.m3,
            m4: r.m4,
            caida_action1: r.caida_action1,
            caida_action4: r.caida_action4,
        };
        serde_json::to_writer(&mut *w, &row).map_err(io::Error::from)?;
    }
    w.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })
}
