//! The MRT reader over bgpkit-parser (feature `mrt`); see the parent
//! module for what it reads.

use std::collections::HashMap;
use std::io::Read;
use std::net::IpAddr;

use bgpkit_parser::models::{
    AsPathSegment, Attributes, Bgp4MpEnum, BgpMessage, EntryType, MrtMessage, NetworkPrefix, Safi,
    TableDumpMessage, TableDumpV2Message,
};
use bgpkit_parser::{ParserError, RawMrtRecord};

use super::{MrtError, MrtErrorKind, MrtOptions, MrtStats};
use crate::diag::Mode;
use crate::io::IoError;
use crate::model::{AsPath, Asn, Prefix, Segment, MAX_AS_PATH_LEN};
use crate::parse::bgp::{RouteEvent, RouteEventKind};

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count = self.count.saturating_add(n as u64);
        Ok(n)
    }
}

/// Streams the [`RouteEvent`]s of an MRT file (decompressed) from a
/// reader; see the [module documentation](super). Stops after the first
/// error.
pub struct MrtReader<R: Read> {
    input: Counting<R>,
    opts: MrtOptions,
    /// Peers of the last `PEER_INDEX_TABLE`, by index.
    peers: Option<HashMap<u16, (IpAddr, Asn)>>,
    /// The current record's events, last first.
    pending: Vec<RouteEvent>,
    stats: MrtStats,
    done: bool,
}

impl<R: Read> std::fmt::Debug for MrtReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MrtReader")
            .field("opts", &self.opts)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl<R: Read> MrtReader<R> {
    /// Reads `input` strictly. Give it a buffered reader (or bytes): the
    /// reader asks for a 12-byte header, then each body.
    pub fn new(input: R) -> Self {
        Self::with_options(input, &MrtOptions::default())
    }

    /// Reads `input` with these options.
    pub fn with_options(input: R, opts: &MrtOptions) -> Self {
        MrtReader {
            input: Counting {
                inner: input,
                count: 0,
            },
            opts: *opts,
            peers: None,
            pending: Vec::new(),
            stats: MrtStats::default(),
            done: false,
        }
    }

    /// What was read so far.
    pub fn stats(&self) -> MrtStats {
        MrtStats {
            bytes: self.input.count,
            ..self.stats
        }
    }

    fn fail(&mut self, offset: u64, kind: MrtErrorKind) -> Option<Result<RouteEvent, MrtError>> {
        self.done = true;
        self.pending.clear();
        Some(Err(MrtError {
            record: self.stats.records,
            offset,
            kind,
        }))
    }

    /// Reads records until one gives events (queued in `pending`), the
    /// input ends (`Ok(false)`) or an error.
    fn fill(&mut self) -> Result<bool, (u64, MrtErrorKind)> {
        loop {
            let offset = self.input.count;
            let raw = match bgpkit_parser::chunk_mrt_record(&mut self.input) {
                Ok(raw) => raw,
                Err(e) if matches!(e.error, ParserError::EofExpected) => return Ok(false),
                Err(e) => {
                    self.stats.records += 1;
                    return Err((offset, framing_error(e.error)));
                }
            };
            self.stats.records += 1;
            let timestamp = i64::from(raw.common_header.timestamp);
            if !matches!(
                raw.common_header.entry_type,
                EntryType::TABLE_DUMP
                    | EntryType::TABLE_DUMP_V2
                    | EntryType::BGP4MP
                    | EntryType::BGP4MP_ET
            ) {
                self.stats.other_records += 1;
                continue;
            }
            let message = match parse_body(raw) {
                Ok(m) => m,
                Err(kind) if self.opts.mode == Mode::Lenient => {
                    let _ = kind;
                    self.stats.bad_records += 1;
                    continue;
                }
                Err(kind) => return Err((offset, kind)),
            };
            let mut events = Vec::new();
            match self.convert(message, timestamp, &mut events) {
                Ok(()) => {}
                Err(kind) if self.opts.mode == Mode::Lenient && is_record_local(&kind) => {
                    self.stats.bad_records += 1;
                    continue;
                }
                Err(kind) => return Err((offset, kind)),
            }
            if events.is_empty() {
                continue;
            }
            self.stats.events += events.len() as u64;
            events.reverse();
            self.pending = events;
            return Ok(true);
        }
    }

    /// The events of one record, appended to `out`.
    fn convert(
        &mut self,
        message: MrtMessage,
        timestamp: i64,
        out: &mut Vec<RouteEvent>,
    ) -> Result<(), MrtErrorKind> {
        match message {
            MrtMessage::TableDumpMessage(m) => out.push(table_dump_event(m, timestamp)?),
            MrtMessage::TableDumpMessageBatch(ms) => {
                for m in ms {
                    out.push(table_dump_event(m, timestamp)?);
                }
            }
            MrtMessage::TableDumpV2Message(TableDumpV2Message::PeerIndexTable(t)) => {
                self.stats.other_records += 1;
                self.peers = Some(
                    t.id_peer_map
                        .into_iter()
                        .map(|(id, p)| (id, (p.peer_ip, Asn::new(u32::from(p.peer_asn)))))
                        .collect(),
                );
            }
            MrtMessage::TableDumpV2Message(TableDumpV2Message::RibAfi(rib)) => {
                let peers = self.peers.as_ref().ok_or(MrtErrorKind::MissingPeerTable)?;
                let prefix = prefix(&rib.prefix)?;
                for entry in rib.rib_entries {
                    let &(peer_ip, peer_as) = peers
                        .get(&entry.peer_index)
                        .ok_or(MrtErrorKind::UnknownPeer(entry.peer_index))?;
                    out.push(RouteEvent {
                        kind: RouteEventKind::Rib,
                        prefix,
                        path: path(&entry.attributes)?,
                        peer_ip: Some(peer_ip),
                        peer_as: Some(peer_as),
                        timestamp: Some(timestamp),
                    });
                }
            }
            MrtMessage::TableDumpV2Message(
                TableDumpV2Message::RibGeneric(_) | TableDumpV2Message::GeoPeerTable(_),
            )
            | MrtMessage::LegacyBgp(_) => self.stats.other_records += 1,
            MrtMessage::Bgp4Mp(Bgp4MpEnum::StateChange(_)) => self.stats.state_changes += 1,
            MrtMessage::Bgp4Mp(Bgp4MpEnum::Message(m)) => {
                let BgpMessage::Update(update) = m.bgp_message else {
                    self.stats.other_records += 1;
                    return Ok(());
                };
                let peer_ip = Some(m.peer_ip);
                let peer_as = Some(Asn::new(u32::from(m.peer_asn)));
                let event = |kind, prefix, path| RouteEvent {
                    kind,
                    prefix,
                    path,
                    peer_ip,
                    peer_as,
                    timestamp: Some(timestamp),
                };
                let attrs = &update.attributes;
                let unreach = attrs
                    .get_unreachable_nlri()
                    .filter(|n| is_routed(n.safi))
                    .map(|n| n.prefixes.as_slice())
                    .unwrap_or_default();
                for p in update.withdrawn_prefixes.iter().chain(unreach) {
                    out.push(event(
                        RouteEventKind::Withdraw,
                        prefix(p)?,
                        AsPath::default(),
                    ));
                }
                let reach = attrs
                    .get_reachable_nlri()
                    .filter(|n| is_routed(n.safi))
                    .map(|n| n.prefixes.as_slice())
                    .unwrap_or_default();
                if !update.announced_prefixes.is_empty() || !reach.is_empty() {
                    let path = path(attrs)?;
                    for p in update.announced_prefixes.iter().chain(reach) {
                        out.push(event(RouteEventKind::Announce, prefix(p)?, path.clone()));
                    }
                }
                if out.is_empty() {
                    // An UPDATE of no unicast or multicast route (an
                    // End-of-RIB marker, VPN or flow specification NLRI).
                    self.stats.other_records += 1;
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Iterator for MrtReader<R> {
    type Item = Result<RouteEvent, MrtError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.pop() {
            return Some(Ok(e));
        }
        if self.done {
            return None;
        }
        match self.fill() {
            Ok(true) => self.pending.pop().map(Ok),
            Ok(false) => {
                self.done = true;
                None
            }
            Err((offset, kind)) => self.fail(offset, kind),
        }
    }
}

/// Whether an error concerns one record only (lenient mode skips it).
fn is_record_local(kind: &MrtErrorKind) -> bool {
    matches!(
        kind,
        MrtErrorKind::Corrupt(_)
            | MrtErrorKind::UnknownPeer(_)
            | MrtErrorKind::MissingPeerTable
            | MrtErrorKind::Model(_)
            | MrtErrorKind::PathTooLong
    )
}

/// Unicast and multicast routes (SAFI 1, 2, 3); not VPN, labelled, flow
/// specification or link-state NLRI.
fn is_routed(safi: Safi) -> bool {
    matches!(
        safi,
        Safi::Unicast | Safi::Multicast | Safi::UnicastMulticast
    )
}

/// Parses a framed record's body; a panic inside bgpkit-parser becomes
/// [`MrtErrorKind::Corrupt`] (see the module documentation).
fn parse_body(raw: RawMrtRecord) -> Result<MrtMessage, MrtErrorKind> {
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || raw.parse()));
    match parsed {
        Ok(Ok(record)) => Ok(record.message),
        Ok(Err(e)) => Err(body_error(e)),
        Err(_) => Err(MrtErrorKind::Corrupt(
            "the MRT parser failed on this record".into(),
        )),
    }
}

/// The kind of an error of framing a record (header and body length).
fn framing_error(e: ParserError) -> MrtErrorKind {
    match e {
        ParserError::EofError(e) => MrtErrorKind::Truncated(e.to_string()),
        ParserError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            MrtErrorKind::Truncated(e.to_string())
        }
        ParserError::IoError(e) => MrtErrorKind::Io(IoError::from_io(e, std::path::Path::new(""))),
        ParserError::OversizedRecord { length } => MrtErrorKind::TooLarge { length },
        e => MrtErrorKind::Corrupt(e.to_string()),
    }
}

/// The kind of an error of parsing a framed body.
fn body_error(e: ParserError) -> MrtErrorKind {
    MrtErrorKind::Corrupt(e.to_string())
}

fn table_dump_event(m: TableDumpMessage, timestamp: i64) -> Result<RouteEvent, MrtErrorKind> {
    Ok(RouteEvent {
        kind: RouteEventKind::Rib,
        prefix: prefix(&m.prefix)?,
        path: path(&m.attributes)?,
        peer_ip: Some(m.peer_ip),
        peer_as: Some(Asn::new(u32::from(m.peer_asn))),
        timestamp: Some(timestamp),
    })
}

/// A wire prefix, bits past its length cleared.
fn prefix(p: &NetworkPrefix) -> Result<Prefix, MrtErrorKind> {
    Ok(Prefix::new_relaxed(p.prefix.addr(), p.prefix.prefix_len())?)
}

/// The effective AS path (AS4_PATH merged, RFC 6793), as routeguard's
/// segments: empty segments dropped, adjacent AS_SEQUENCEs joined.
fn path(attrs: &Attributes) -> Result<AsPath, MrtErrorKind> {
    let Some(wire) = attrs.effective_as_path() else {
        return Ok(AsPath::default());
    };
    let mut segments: Vec<Segment> = Vec::with_capacity(wire.segments.len());
    let mut total = 0usize;
    for seg in &wire.segments {
        let (asns, make): (_, fn(Vec<Asn>) -> Segment) = match seg {
            AsPathSegment::AsSequence(v) => (v, Segment::Sequence),
            AsPathSegment::AsSet(v) => (v, Segment::Set),
            AsPathSegment::ConfedSequence(v) => (v, Segment::ConfedSequence),
            AsPathSegment::ConfedSet(v) => (v, Segment::ConfedSet),
        };
        if asns.is_empty() {
            continue;
        }
        total += asns.len();
        if total > MAX_AS_PATH_LEN {
            return Err(MrtErrorKind::PathTooLong);
        }
        let asns = asns.iter().map(|a| Asn::new(u32::from(*a)));
        match (segments.last_mut(), seg) {
            (Some(Segment::Sequence(prev)), AsPathSegment::AsSequence(_)) => prev.extend(asns),
            _ => segments.push(make(asns.collect())),
        }
    }
    Ok(AsPath { segments })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::mrt::MAX_RECORD_BODY;

    /// An MRT record: header (type, subtype, time) and body.
    fn record(typ: u16, sub: u16, time: u32, body: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend(time.to_be_bytes());
        r.extend(typ.to_be_bytes());
        r.extend(sub.to_be_bytes());
        r.extend((body.len() as u32).to_be_bytes());
        r.extend(body);
        r
    }

    /// A BGP UPDATE (marker, length, type 2) with these parts.
    fn update(withdrawn: &[u8], attrs: &[u8], nlri: &[u8]) -> Vec<u8> {
        let mut m = vec![0xff; 16];
        let len = 19 + 2 + withdrawn.len() + 2 + attrs.len() + nlri.len();
        m.extend((len as u16).to_be_bytes());
        m.push(2);
        m.extend((withdrawn.len() as u16).to_be_bytes());
        m.extend(withdrawn);
        m.extend((attrs.len() as u16).to_be_bytes());
        m.extend(attrs);
        m.extend(nlri);
        m
    }

    /// A BGP4MP_MESSAGE_AS4 body from peer 10.0.0.1 AS 64496 (IPv4).
    fn bgp4mp_as4(msg: &[u8]) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend(64496u32.to_be_bytes()); // peer AS
        b.extend(64511u32.to_be_bytes()); // local AS
        b.extend(0u16.to_be_bytes()); // interface
        b.extend(1u16.to_be_bytes()); // AFI IPv4
        b.extend([10, 0, 0, 1, 10, 0, 0, 2]);
        b.extend(msg);
        b
    }

    fn events(data: &[u8]) -> Vec<Result<RouteEvent, MrtError>> {
        MrtReader::new(data).collect()
    }

    /// AS_PATH of 4-byte ASNs: a sequence then a set.
    fn as4_path_attr() -> Vec<u8> {
        let mut p = vec![2, 2];
        p.extend(64496u32.to_be_bytes());
        p.extend(4_200_000_000u32.to_be_bytes());
        p.extend([1, 2]);
        p.extend(64501u32.to_be_bytes());
        p.extend(64502u32.to_be_bytes());
        let mut a = vec![0x40, 2, p.len() as u8];
        a.extend(p);
        a.extend([0x40, 1, 1, 0]); // ORIGIN IGP
        a.extend([0x40, 3, 4, 10, 0, 0, 1]); // NEXT_HOP
        a
    }

    #[test]
    fn bgp4mp_update_gives_withdrawals_then_announcements() {
        let msg = update(
            &[24, 198, 51, 100],
            &as4_path_attr(),
            &[24, 192, 0, 2, 16, 10, 1],
        );
        let data = record(16, 4, 1_470_931_200, &bgp4mp_as4(&msg));
        let got: Vec<RouteEvent> = events(&data).into_iter().map(Result::unwrap).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].kind, RouteEventKind::Withdraw);
        assert_eq!(got[0].prefix.to_string(), "198.51.100.0/24");
        assert!(got[0].path.is_empty());
        for e in &got[1..] {
            assert_eq!(e.kind, RouteEventKind::Announce);
            assert_eq!(e.path.to_string(), "64496 4200000000 {64501,64502}");
            assert_eq!(e.peer_as, Some(Asn::new(64496)));
            assert_eq!(e.peer_ip, Some("10.0.0.1".parse().unwrap()));
            assert_eq!(e.timestamp, Some(1_470_931_200));
        }
        assert_eq!(got[1].prefix.to_string(), "192.0.2.0/24");
        assert_eq!(got[2].prefix.to_string(), "10.1.0.0/16");
    }

    #[test]
    fn ipv6_mp_reach_and_unreach() {
        // MP_REACH_NLRI: AFI 2, SAFI 1, next hop 16 bytes, reserved, 2001:db8::/32.
        let mut reach = vec![0, 2, 1, 16];
        reach.extend([0x20, 0x01, 0x0d, 0xb8].iter().chain([0u8; 12].iter()));
        reach.push(0);
        reach.extend([32, 0x20, 0x01, 0x0d, 0xb8]);
        let mut attrs = as4_path_attr();
        attrs.truncate(attrs.len() - 7); // no NEXT_HOP for IPv6
        attrs.extend([0x80, 14, reach.len() as u8]);
        attrs.extend(&reach);
        // MP_UNREACH_NLRI: AFI 2, SAFI 1, 2001:db8:1::/48.
        let unreach = [0, 2, 1, 48, 0x20, 0x01, 0x0d, 0xb8, 0, 1];
        attrs.extend([0x80, 15, unreach.len() as u8]);
        attrs.extend(unreach);
        let data = record(17, 4, 7, &{
            let mut b = 123_456u32.to_be_bytes().to_vec(); // microseconds (ET)
            b.extend(bgp4mp_as4(&update(&[], &attrs, &[])));
            b
        });
        let got: Vec<RouteEvent> = events(&data).into_iter().map(Result::unwrap).collect();
        let kinds: Vec<_> = got.iter().map(|e| (e.kind, e.prefix.to_string())).collect();
        assert_eq!(
            kinds,
            vec![
                (RouteEventKind::Withdraw, "2001:db8:1::/48".to_string()),
                (RouteEventKind::Announce, "2001:db8::/32".to_string()),
            ]
        );
        assert_eq!(got[1].timestamp, Some(7));
    }

    #[test]
    fn other_records_and_state_changes_are_counted() {
        let mut state = Vec::new();
        state.extend(64496u32.to_be_bytes());
        state.extend(64511u32.to_be_bytes());
        state.extend([0, 0, 0, 1, 10, 0, 0, 1, 10, 0, 0, 2, 0, 6, 0, 1]);
        let keepalive = {
            let mut m = vec![0xff; 16];
            m.extend([0, 19, 4]);
            m
        };
        let mut data = record(16, 5, 1, &state);
        data.extend(record(16, 4, 2, &bgp4mp_as4(&keepalive)));
        data.extend(record(11, 0, 3, &[1, 2, 3])); // OSPFv2, not parsed
        let mut r = MrtReader::new(&data[..]);
        assert!(r.next().is_none());
        let s = r.stats();
        assert_eq!(
            (s.records, s.state_changes, s.other_records, s.events),
            (3, 1, 2, 0)
        );
        assert_eq!(s.bytes, data.len() as u64);
    }

    #[test]
    fn table_dump_v2_uses_the_peer_table() {
        // PEER_INDEX_TABLE: collector id, empty view name, 1 peer (AS4, IPv4).
        let mut pit = vec![1, 2, 3, 4, 0, 0, 0, 1];
        pit.push(0x02); // type: AS4, IPv4
        pit.extend([9, 9, 9, 9, 10, 0, 0, 9]);
        pit.extend(65551u32.to_be_bytes());
        // RIB_IPV4_UNICAST: seq, 192.0.2.0/24, 1 entry of peer 0.
        let mut rib = vec![0, 0, 0, 0, 24, 192, 0, 2, 0, 1];
        let attrs = as4_path_attr();
        rib.extend([0, 0]);
        rib.extend(5u32.to_be_bytes());
        rib.extend((attrs.len() as u16).to_be_bytes());
        rib.extend(&attrs);
        let rib_rec = record(13, 2, 99, &rib);
        // Without the table first: an error naming record 1.
        let e = events(&rib_rec).pop().unwrap().unwrap_err();
        assert_eq!((e.record, e.offset, e.code()), (1, 0, "missing-peer-table"));
        let mut data = record(13, 1, 99, &pit);
        let at = data.len() as u64;
        data.extend(&rib_rec);
        let got = events(&data);
        let e = got[0].as_ref().unwrap();
        assert_eq!(e.kind, RouteEventKind::Rib);
        assert_eq!(e.peer_as, Some(Asn::new(65551)));
        assert_eq!(e.peer_ip, Some("10.0.0.9".parse().unwrap()));
        assert_eq!(e.timestamp, Some(99));
        // An entry of an unknown peer.
        let mut bad = rib.clone();
        bad[10..12].copy_from_slice(&[0, 7]);
        let mut data2 = record(13, 1, 99, &pit);
        data2.extend(record(13, 2, 99, &bad));
        let e = events(&data2).pop().unwrap().unwrap_err();
        assert_eq!((e.record, e.offset, e.code()), (2, at, "unknown-peer"));
        // Lenient: skipped and counted.
        let mut r = MrtReader::with_options(
            &data2[..],
            &MrtOptions {
                mode: Mode::Lenient,
            },
        );
        assert!(r.next().is_none());
        assert_eq!(r.stats().bad_records, 1);
    }

    #[test]
    fn cut_and_corrupt_inputs_name_record_and_offset() {
        let msg = update(&[], &as4_path_attr(), &[24, 192, 0, 2]);
        let one = record(16, 4, 1, &bgp4mp_as4(&msg));
        let mut two = one.clone();
        two.extend(&one);
        let n = one.len() as u64;
        for cut in [
            n as usize + 1,
            n as usize + 11,
            n as usize + 12,
            two.len() - 1,
        ] {
            let got = events(&two[..cut]);
            assert!(got[0].is_ok());
            let e = got.last().unwrap().as_ref().unwrap_err();
            assert_eq!(
                (e.record, e.offset, e.code()),
                (2, n, "truncated"),
                "cut {cut}"
            );
            assert!(
                e.to_string()
                    .starts_with(&format!("MRT record 2 at byte {n}: ")),
                "{e}"
            );
        }
        // An unknown type, a body that does not parse, an oversized one.
        let mut bad = one.clone();
        bad.extend(record(99, 0, 1, &[0; 4]));
        let e = events(&bad).pop().unwrap().unwrap_err();
        assert_eq!((e.record, e.code()), (2, "corrupt-record"));
        let mut garbage = one.clone();
        garbage.extend(record(16, 4, 1, &[0xff; 30]));
        let e = events(&garbage).pop().unwrap().unwrap_err();
        assert_eq!((e.record, e.offset, e.code()), (2, n, "corrupt-record"));
        let mut r = MrtReader::with_options(
            &garbage[..],
            &MrtOptions {
                mode: Mode::Lenient,
            },
        );
        assert_eq!(r.by_ref().filter(Result::is_ok).count(), 1);
        assert_eq!(r.stats().bad_records, 1);
        let mut huge = vec![0, 0, 0, 1, 0, 16, 0, 4];
        huge.extend((MAX_RECORD_BODY + 1).to_be_bytes());
        let e = events(&huge).pop().unwrap().unwrap_err();
        assert_eq!(e.code(), "record-too-large");
        // Empty input: no event, no error.
        assert!(events(&[]).is_empty());
    }

    #[test]
    fn long_paths_are_joined_and_capped() {
        // Two AS_SEQUENCE segments (as a path over 255 ASes comes) join.
        let mut p = vec![2, 2];
        p.extend(1u32.to_be_bytes());
        p.extend(2u32.to_be_bytes());
        p.extend([2, 0, 2, 1]);
        p.extend(3u32.to_be_bytes());
        let mut a = vec![0x40, 2, p.len() as u8];
        a.extend(p);
        let data = record(16, 4, 1, &bgp4mp_as4(&update(&[], &a, &[8, 10])));
        let got = events(&data);
        let e = got[0].as_ref().unwrap();
        assert_eq!(
            e.path.segments,
            vec![Segment::Sequence(vec![
                Asn::new(1),
                Asn::new(2),
                Asn::new(3)
            ])]
        );
    }
}
