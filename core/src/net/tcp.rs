//! Opening a TCP connection to `host:port` (RFC 8210 §9 and the whois
//! protocol both run over plain TCP): every resolved address is tried in
//! order, each within the connect timeout, and the first that answers is
//! used (host failover for names with several addresses).

use std::io;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Why no connection was made.
#[derive(Debug)]
pub(crate) enum ConnectFailure {
    /// Every address timed out (the last error was a timeout).
    Timeout,
    /// The name did not resolve, resolved to nothing, or the last address
    /// refused: the message says which.
    Failed(String),
}

/// Connects to `addr` (`host:port`), trying each resolved address in turn.
pub(crate) fn connect(
    addr: &str,
    timeout: Duration,
) -> Result<(TcpStream, SocketAddr), ConnectFailure> {
    let addrs: Vec<SocketAddr> = addr
        .to_socket_addrs()
        .map_err(|e| ConnectFailure::Failed(e.to_string()))?
        .collect();
    let mut last = None;
    for a in &addrs {
        match TcpStream::connect_timeout(a, timeout.max(Duration::from_millis(1))) {
            Ok(s) => return Ok((s, *a)),
            Err(e) => last = Some(e),
        }
    }
    match last {
        Some(e) if e.kind() == io::ErrorKind::TimedOut => Err(ConnectFailure::Timeout),
        Some(e) => Err(ConnectFailure::Failed(e.to_string())),
        None => Err(ConnectFailure::Failed("no address".into())),
    }
}
