//! A synthetic IRR dump of any size, made from the real dn42 registry and the
//! AS3257 objects: round `k` repeats every object with new keys, so objects
//! stay distinct: route prefixes get their address bits rewritten (length
//! kept) and their origin shifted, aut-num ASes are shifted, set names and
//! every other primary key but inetnum/inet6num ranges get a `-K<k>` suffix.
//!
//! Usage: `irr-synth BYTES > dump.rpsl`. The benches (`irr_db`) and
//! `irr-memory` include this file as a module and stream from [`Synth`].

use std::io::{self, Read, Write};
use std::path::PathBuf;

/// The base objects (each without its trailing blank line).
pub fn base_objects(data: &std::path::Path) -> io::Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for rel in ["irr/dn42/dn42-registry.rpsl", "irr/rpsl-rs/AS3257.txt"] {
        let text = std::fs::read(data.join(rel))?;
        let mut cur: Vec<u8> = Vec::new();
        for line in text.split(|b| *b == b'\n') {
            if line.iter().all(u8::is_ascii_whitespace) {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            if cur.is_empty() && matches!(line.first(), Some(b'#' | b'%')) {
                continue;
            }
            cur.extend_from_slice(line);
            cur.push(b'\n');
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    // AS3257.txt has no source: give every object one.
    for o in &mut out {
        if !o.windows(8).any(|w| w.eq_ignore_ascii_case(b"\nsource:")) {
            o.extend_from_slice(b"source: SYNTH\n");
        }
    }
    Ok(out)
}

/// The shared data directory (`$ROUTEGUARD_DATA` or `../shared/data`).
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("ROUTEGUARD_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
    };
    dir.join("SOURCES.md").is_file().then_some(dir)
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Writes object `obj` of round `k` (index `i`) with new keys into `out`.
pub fn rewrite(obj: &[u8], k: u64, i: u64, out: &mut Vec<u8>) {
    let mut lines = obj.split(|b| *b == b'\n').filter(|l| !l.is_empty());
    let Some(first) = lines.next() else { return };
    let colon = first.iter().position(|b| *b == b':').unwrap_or(first.len());
    let class = String::from_utf8_lossy(&first[..colon]).to_ascii_lowercase();
    let value = String::from_utf8_lossy(first.get(colon + 1..).unwrap_or(&[]))
        .trim()
        .to_string();
    let r = mix(k.wrapping_mul(0x9e37_79b9) ^ i);
    let mut origin_shift = None;
    match class.as_str() {
        "route" | "route6" if k > 0 => {
            let key = value.split_whitespace().next().unwrap_or("");
            let new = match key.parse::<routeguard::Prefix>() {
                Ok(p) => {
                    let len = p.len();
                    let fam = p.family();
                    let free = if len == 0 {
                        u128::MAX
                    } else {
                        u128::MAX << (128 - u32::from(len))
                    };
                    let noise = (u128::from(r) << 64 | u128::from(mix(r))) & free;
                    let noise = if p.is_ipv4() {
                        noise & (u128::from(u32::MAX) << 96)
                    } else {
                        noise
                    };
                    routeguard::Prefix::from_bits_relaxed(fam, p.bits() ^ noise, len)
                        .map(|p| p.to_string())
                        .unwrap_or_else(|_| key.to_string())
                }
                Err(_) => key.to_string(),
            };
            origin_shift = Some(k);
            let _ = writeln!(out, "{class}: {new}");
        }
        "aut-num" if k > 0 => {
            let n: u64 = value
                .trim_start_matches(['A', 'S', 'a', 's'])
                .parse()
                .unwrap_or(0);
            let _ = writeln!(out, "{class}: AS{}", (n + k * 7_919) % 4_294_967_295);
        }
        // Address ranges keep their key (a suffix would make them invalid):
        // several copies of an inetnum are like the same block in several
        // sources.
        _ if k > 0 && class != "inetnum" && class != "inet6num" => {
            let _ = writeln!(out, "{class}: {value}-K{k}");
        }
        _ => {
            out.extend_from_slice(first);
            out.push(b'\n');
        }
    }
    for l in lines {
        match origin_shift {
            Some(k) if l.len() > 7 && l[..7].eq_ignore_ascii_case(b"origin:") => {
                let v = String::from_utf8_lossy(&l[7..]);
                let n: u64 = v
                    .trim()
                    .trim_start_matches(['A', 'S', 'a', 's'])
                    .parse()
                    .unwrap_or(0);
                let _ = writeln!(out, "origin: AS{}", (n + k * 7_919) % 4_294_967_295);
            }
            _ => {
                out.extend_from_slice(l);
                out.push(b'\n');
            }
        }
    }
    out.push(b'\n');
}

/// A reader producing `limit` bytes (rounded up to a whole object) of the
/// synthetic dump.
pub struct Synth {
    objects: Vec<Vec<u8>>,
    limit: u64,
    produced: u64,
    round: u64,
    index: usize,
    buf: Vec<u8>,
    pos: usize,
}

impl Synth {
    /// A dump of about `limit` bytes.
    pub fn new(objects: Vec<Vec<u8>>, limit: u64) -> Self {
        Synth {
            objects,
            limit,
            produced: 0,
            round: 0,
            index: 0,
            buf: Vec::with_capacity(1 << 16),
            pos: 0,
        }
    }

    /// The whole dump in memory.
    pub fn collect(self) -> Vec<u8> {
        let cap = usize::try_from(self.limit).unwrap_or(0) + (1 << 20);
        let mut out = Vec::with_capacity(cap);
        let mut s = self;
        let _ = s.read_to_end(&mut out);
        out
    }
}

impl Read for Synth {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.buf.len() {
            if self.produced >= self.limit || self.objects.is_empty() {
                return Ok(0);
            }
            self.buf.clear();
            self.pos = 0;
            while self.buf.len() < 1 << 15 && self.produced < self.limit {
                let Some(obj) = self.objects.get(self.index) else {
                    break;
                };
                let before = self.buf.len();
                rewrite(obj, self.round, self.index as u64, &mut self.buf);
                self.produced += (self.buf.len() - before) as u64;
                self.index += 1;
                if self.index == self.objects.len() {
                    self.index = 0;
                    self.round += 1;
                }
            }
        }
        let n = dst.len().min(self.buf.len() - self.pos);
        dst[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The size asked for by `$IRR_BENCH_BYTES` (default 1 GiB).
pub fn bench_bytes() -> u64 {
    std::env::var("IRR_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1 << 30)
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let bytes = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(bench_bytes);
    let Some(dir) = data_dir() else {
        eprintln!("shared data not found (set ROUTEGUARD_DATA)");
        return std::process::ExitCode::from(3);
    };
    let objects = match base_objects(&dir) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut s = Synth::new(objects, bytes);
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    if io::copy(&mut s, &mut w).and_then(|_| w.flush()).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
