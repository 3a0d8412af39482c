//! Host-only network clients (feature `net`): all socket I/O of routeguard
//! lives here, on `std::net` sockets with explicit timeouts and size caps.
//!
//! | module | protocol |
//! |---|---|
//! | [`whois`] | IRRd's whois protocol (`!` queries and RIPE-style flags) |
//! | `rtr` | feature `rtr`: the RPKI-to-Router protocol (RFC 8210, draft-ietf-sidrops-8210bis): PDU codec, client session state machine, and the blocking TCP client (timers, expiry, reconnect with backoff) |

#[cfg(feature = "rtr")]
pub mod rtr;
mod tcp;
pub mod whois;
