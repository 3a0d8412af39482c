//! The RPKI-to-Router protocol, client side (feature `rtr`, host only):
//! RFC 8210 (version 1), RFC 6810 (version 0) and
//! draft-ietf-sidrops-8210bis (version 2, with ASPA).
//!
//! | module | what |
//! |---|---|
//! | [`pdu`] | the PDUs of RFC 8210 §5 decoded from and encoded to bytes, synchronously, with size caps; both ASPA PDU layouts |
//! | [`session`] | the I/O-free client state machine of RFC 8210 §6–§8: queries out, PDUs in, one [`Delta`](session::Delta) per End of Data |
//! | [`client`] | the blocking TCP client that drives a session: connect, timers, expiry, reconnect with backoff, one applied [`PayloadSet`](session::PayloadSet) per End of Data |
//!
//! The first two are free of I/O so that a `std::net::TcpStream` loop (the
//! [`client`], or a test with byte vectors) drives them: write
//! [`Session::take_output`](session::Session::take_output), hand every read
//! to [`Session::feed`](session::Session::feed), act on the events.

pub mod client;
pub mod pdu;
pub mod session;

#[cfg(test)]
mod tests;
