//! Shared utilities, a leaf every stage may use: the crate's one base64
//! (RFC 4648 §4 and §5) and one hex (RFC 4648 §8) codec, for SKIs and
//! router keys (RFC 8416 §3.3.2, §3.4.2) and hex digits wherever the
//! grammars have them (IPv6 addresses, JSON `\u` escapes); and one
//! galloping search for sorted indexes walked in order; and one two-way
//! fork-join for independent halves of a job.

pub(crate) mod base64;
pub(crate) mod hex;
pub(crate) mod par;
pub(crate) mod search;
