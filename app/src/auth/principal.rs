//! Who is asking and from where: the signed-in person and the client's address, as plain types
//! every layer may hold (the middleware fills them in; services and the audit log read them).
//!
//! The client's address is the TCP peer, unless the peer is one of the trusted proxies
//! (`CASEBOOK_TRUSTED_PROXIES`): then it is the nearest untrusted address in `X-Forwarded-For`
//! (or `Forwarded: for=`), read from the right, so a client cannot forge its way past the proxy.
use super::permissions::{allows, Permission};
use crate::{
    error::AppError,
    orgs::model::OrgId,
    users::model::{Role, UserId},
};
use http::{header, HeaderMap};
use std::net::IpAddr;

/// The signed-in person, re-read from the database on every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: UserId,
    pub org: OrgId,
    pub role: Role,
    pub email: String,
    pub name: String,
    pub session_id: String,
}

/// Where a request came from, for the audit log and rate limits.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The signed-in person if their role has `permission`: `Unauthenticated` when nobody is signed
/// in, `Forbidden` when the role lacks it. Every server function and endpoint checks through here.
pub fn require(user: Option<&CurrentUser>, permission: Permission) -> Result<&CurrentUser, AppError> {
    let user = user.ok_or(AppError::Unauthenticated)?;
    if allows(user.role, permission) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

impl ClientInfo {
    /// The rate-limit key of this client's address for `scope`, e.g. `login:ip:203.0.113.9`.
    pub fn key(&self, scope: &str) -> String {
        format!("{scope}:ip:{}", self.ip.as_deref().unwrap_or("-"))
    }
}

/// What the auth middleware found, stored in the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct RequestAuth {
    pub user: Option<CurrentUser>,
    pub client: ClientInfo,
}

/// An address block such as `10.0.0.0/8` or `fd00::/8` (a bare address is a /32 or /128).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parses `addr[/prefix]`; the message names what is wrong.
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (addr, prefix) = text.split_once('/').map_or((text, None), |(a, p)| (a, Some(p)));
        let net: IpAddr = addr.parse().map_err(|_| format!("{text:?} is not an IP address or CIDR block"))?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => {
                p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("{text:?} has a bad prefix length"))?
            }
        };
        Ok(Cidr { net, prefix })
    }

    /// A comma-separated list of blocks.
    pub fn parse_list(text: &str) -> Result<Vec<Cidr>, String> {
        text.split(',').filter(|s| !s.trim().is_empty()).map(Cidr::parse).collect()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.net, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                masked(u32::from(net).into(), self.prefix, 32) == masked(u32::from(ip).into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                masked(u128::from(net), self.prefix, 128) == masked(u128::from(ip), self.prefix, 128)
            }
            _ => false,
        }
    }
}

fn masked(bits: u128, prefix: u8, width: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        bits >> (width - prefix)
    }
}

/// IPv4 addresses mapped into IPv6 (`::ffff:1.2.3.4`) compare as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address: `peer`, or, when `peer` is a trusted proxy, the nearest address in
/// the forwarding headers that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let trusted_ip = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !trusted_ip(peer) {
        return canonical(peer);
    }
    let mut chain = forwarded_chain(headers);
    // Right to left: each hop was added by the proxy before it; stop at the first we don't trust.
    while let Some(ip) = chain.pop() {
        if !trusted_ip(ip) {
            return canonical(ip);
        }
    }
    canonical(peer)
}

/// The addresses in `Forwarded: for=` (RFC 7239) if present, else in `X-Forwarded-For`, in
/// order. An unreadable entry ends the list there: nothing left of it can be trusted.
fn forwarded_chain(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name| headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>();
    let forwarded = values(header::FORWARDED);
    let entries: Vec<String> = if !forwarded.is_empty() {
        forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(|hop| {
                hop.split(';').find_map(|kv| {
                    let (k, v) = kv.trim().split_once('=')?;
                    k.eq_ignore_ascii_case("for").then(|| v.trim().trim_matches('"').to_owned())
                })
            })
            .collect()
    } else {
        values(header::HeaderName::from_static("x-forwarded-for"))
            .iter()
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_owned())
            .collect()
    };
    let mut chain = vec![];
    for e in entries.iter().take(32) {
        match parse_hop(e) {
            Some(ip) => chain.push(ip),
            // Keep only what follows the unreadable entry (the hops nearer to us).
            None => chain.clear(),
        }
    }
    chain
}

/// `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:80` or `2001:db8::1`.
fn parse_hop(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    text.rsplit_once(':').and_then(|(ip, port)| port.parse::<u16>().ok().and(ip.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn with(name: &'static str, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.append(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn blocks_parse_and_match() {
        let b = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(b.contains(ip("10.200.3.4")) && !b.contains(ip("11.0.0.1")));
        assert!(b.contains(ip("::ffff:10.1.1.1")));
        assert!(Cidr::parse("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(Cidr::parse("127.0.0.1").unwrap().contains(ip("127.0.0.1")));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Cidr::parse("10.0.0.0/33").is_err());
        assert!(Cidr::parse("proxy.local").is_err());
        assert_eq!(Cidr::parse_list(" 10.0.0.0/8, 192.168.0.0/16 ,").unwrap().len(), 2);
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_proxy() {
        let trusted = Cidr::parse_list("10.0.0.0/8").unwrap();
        let h = with("x-forwarded-for", "203.0.113.9");
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("203.0.113.9"));
        // The same header from anyone else is ignored.
        assert_eq!(client_ip(ip("198.51.100.7"), &h, &trusted), ip("198.51.100.7"));
        // Without any trusted proxy configured, the peer is the client.
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &[]), ip("10.0.0.2"));
    }

    #[test]
    fn a_forged_left_part_of_the_chain_is_skipped() {
        let trusted = Cidr::parse_list("10.0.0.0/8").unwrap();
        // The client sent "1.1.1.1"; the proxy appended the real address, then another proxy.
        let h = with("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.7");
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("203.0.113.9"));
        let h = with("x-forwarded-for", "garbage, 10.0.0.7");
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("10.0.0.2"));
    }

    #[test]
    fn the_forwarded_header_is_read_with_ports_and_ipv6() {
        let trusted = Cidr::parse_list("10.0.0.0/8").unwrap();
        let h = with("forwarded", "for=192.0.2.60;proto=https, for=\"[2001:db8::1]:4711\"");
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("2001:db8::1"));
        let h = with("forwarded", "for=192.0.2.60:8080");
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("192.0.2.60"));
    }
}
