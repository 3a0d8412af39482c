//! Host-only network clients (feature `net`): all socket I/O of routeguard
//! lives here, on `std::net` sockets with explicit timeouts and size caps.
//!
//! | module | protocol |
//! |---|---|
//! | [`whois`] | IRRd's whois protocol (`!` queries and RIPE-style flags) |

pub mod whois;
