//! Which addresses a feed may be fetched from: public unicast addresses only, so that a
//! subscription (or a redirect, or a DNS answer) can never make the server call into its own
//! network — a database, a cloud metadata endpoint, an admin interface on loopback.
//!
//! Loopback can be let through for tests and local development; no other non-public range
//! ever is.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A refused address, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The host name (or address) asked for.
    pub host: String,
    /// The address it resolved to.
    pub addr: IpAddr,
    /// What kind of address it is ("private", "link-local", …).
    pub reason: &'static str,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host != self.addr.to_string() {
            write!(f, "{} is at ", self.host)?;
        }
        write!(f, "{}, a {} address: feeds are fetched from public addresses only", self.addr, self.reason)
    }
}

impl std::error::Error for Refused {}

/// Which addresses may be connected to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// Admit loopback addresses (127.0.0.0/8, ::1): for tests and local development only.
    pub allow_loopback: bool,
}

impl AddressPolicy {
    /// `Ok` when `addr` may be connected to; `host` names it in the refusal.
    pub fn check(&self, host: &str, addr: IpAddr) -> Result<(), Refused> {
        match non_public_reason(addr) {
            None => Ok(()),
            Some(LOOPBACK) if self.allow_loopback => Ok(()),
            Some(reason) => Err(Refused { host: host.to_owned(), addr, reason }),
        }
    }
}

const LOOPBACK: &str = "loopback";

/// IPv4 ranges that are not public unicast, most specific first where they nest.
const V4_RANGES: &[([u8; 4], u32, &str)] = &[
    ([0, 0, 0, 0], 8, "unspecified"),
    ([127, 0, 0, 0], 8, LOOPBACK),
    ([10, 0, 0, 0], 8, "private"),
    ([172, 16, 0, 0], 12, "private"),
    ([192, 168, 0, 0], 16, "private"),
    ([100, 64, 0, 0], 10, "shared (carrier-grade NAT)"),
    ([169, 254, 0, 0], 16, "link-local"),
    ([192, 0, 0, 0], 24, "IETF protocol"),
    ([192, 0, 2, 0], 24, "documentation"),
    ([198, 51, 100, 0], 24, "documentation"),
    ([203, 0, 113, 0], 24, "documentation"),
    ([192, 88, 99, 0], 24, "6to4 relay"),
    ([198, 18, 0, 0], 15, "benchmarking"),
    ([224, 0, 0, 0], 4, "multicast"),
    // Includes the broadcast address 255.255.255.255.
    ([240, 0, 0, 0], 4, "reserved"),
];

/// IPv6 ranges that are not public unicast; `::`, `::1`, IPv4-mapped, NAT64 and 6to4
/// addresses are handled before this table.
const V6_RANGES: &[(u128, u32, &str)] = &[
    (0x0000_0000_0000_0000_0000_0000_0000_0000, 96, "IPv4-compatible (deprecated)"),
    (0x0064_ff9b_0001_0000_0000_0000_0000_0000, 48, "local-use NAT64"),
    (0x0100_0000_0000_0000_0000_0000_0000_0000, 64, "discard-only"),
    (0x2001_0db8_0000_0000_0000_0000_0000_0000, 32, "documentation"),
    (0x2001_0000_0000_0000_0000_0000_0000_0000, 23, "IETF protocol"),
    (0x3fff_0000_0000_0000_0000_0000_0000_0000, 20, "documentation"),
    (0xfc00_0000_0000_0000_0000_0000_0000_0000, 7, "unique-local"),
    (0xfe80_0000_0000_0000_0000_0000_0000_0000, 10, "link-local"),
    (0xfec0_0000_0000_0000_0000_0000_0000_0000, 10, "site-local (deprecated)"),
    (0xff00_0000_0000_0000_0000_0000_0000_0000, 8, "multicast"),
];

const NAT64: u128 = 0x0064_ff9b_0000_0000_0000_0000_0000_0000;
const SIX_TO_FOUR: u128 = 0x2002_0000_0000_0000_0000_0000_0000_0000;

fn in_v4(addr: u32, base: [u8; 4], bits: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
    addr & mask == u32::from_be_bytes(base) & mask
}

fn in_v6(addr: u128, base: u128, bits: u32) -> bool {
    let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
    addr & mask == base & mask
}

fn v4_reason(addr: Ipv4Addr) -> Option<&'static str> {
    let bits = u32::from(addr);
    V4_RANGES.iter().find(|(base, len, _)| in_v4(bits, *base, *len)).map(|(_, _, reason)| *reason)
}

fn v6_reason(addr: Ipv6Addr) -> Option<&'static str> {
    if addr.is_unspecified() {
        return Some("unspecified");
    }
    if addr.is_loopback() {
        return Some(LOOPBACK);
    }
    // An IPv4-mapped address reaches the IPv4 address inside it: judge that one.
    if let Some(v4) = addr.to_ipv4_mapped() {
        return v4_reason(v4);
    }
    let bits = u128::from(addr);
    // NAT64 and 6to4 reach a translated IPv4 address; a non-public one inside is refused
    // outright (never admitted as loopback, which it would not be on this machine).
    if in_v6(bits, NAT64, 96) {
        let inner = Ipv4Addr::from((bits & 0xffff_ffff) as u32);
        return v4_reason(inner).map(|_| "NAT64 of a non-public IPv4");
    }
    if in_v6(bits, SIX_TO_FOUR, 16) {
        let inner = Ipv4Addr::from(((bits >> 80) & 0xffff_ffff) as u32);
        return v4_reason(inner).map(|_| "6to4 of a non-public IPv4");
    }
    V6_RANGES.iter().find(|(base, len, _)| in_v6(bits, *base, *len)).map(|(_, _, reason)| *reason)
}

/// What kind of non-public address `addr` is, or `None` for a public unicast address.
pub fn non_public_reason(addr: IpAddr) -> Option<&'static str> {
    match addr {
        IpAddr::V4(v4) => v4_reason(v4),
        IpAddr::V6(v6) => v6_reason(v6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of address, and whether each policy lets it through.
    #[test]
    fn address_table() {
        // (address, public?, admitted when loopback is allowed?)
        let table: &[(&str, Option<&str>, bool)] = &[
            ("93.184.215.14", None, true),
            ("8.8.8.8", None, true),
            ("2606:4700:4700::1111", None, true),
            ("2a00:1450:4001:82a::200e", None, true),
            ("127.0.0.1", Some("loopback"), true),
            ("127.255.0.9", Some("loopback"), true),
            ("::1", Some("loopback"), true),
            ("::ffff:127.0.0.1", Some("loopback"), true),
            ("0.0.0.0", Some("unspecified"), false),
            ("::", Some("unspecified"), false),
            ("10.0.0.1", Some("private"), false),
            ("172.16.5.4", Some("private"), false),
            ("172.31.255.255", Some("private"), false),
            ("172.32.0.1", None, true),
            ("192.168.1.1", Some("private"), false),
            ("100.64.0.1", Some("shared (carrier-grade NAT)"), false),
            ("100.128.0.1", None, true),
            ("169.254.169.254", Some("link-local"), false),
            ("192.0.0.8", Some("IETF protocol"), false),
            ("192.0.2.10", Some("documentation"), false),
            ("198.51.100.7", Some("documentation"), false),
            ("203.0.113.200", Some("documentation"), false),
            ("198.18.0.1", Some("benchmarking"), false),
            ("224.0.0.251", Some("multicast"), false),
            ("239.255.255.250", Some("multicast"), false),
            ("255.255.255.255", Some("reserved"), false),
            ("::ffff:10.0.0.1", Some("private"), false),
            ("::ffff:169.254.169.254", Some("link-local"), false),
            ("::ffff:8.8.8.8", None, true),
            ("::10.0.0.1", Some("IPv4-compatible (deprecated)"), false),
            ("64:ff9b::a00:1", Some("NAT64 of a non-public IPv4"), false),
            ("64:ff9b::808:808", None, true),
            ("64:ff9b:1::1", Some("local-use NAT64"), false),
            ("2002:a00:1::1", Some("6to4 of a non-public IPv4"), false),
            ("2002:7f00:1::1", Some("6to4 of a non-public IPv4"), false),
            ("2002:808:808::1", None, true),
            ("fc00::1", Some("unique-local"), false),
            ("fd12:3456:789a::1", Some("unique-local"), false),
            ("fe80::1", Some("link-local"), false),
            ("fec0::1", Some("site-local (deprecated)"), false),
            ("ff02::1", Some("multicast"), false),
            ("2001:db8::1", Some("documentation"), false),
            ("3fff::1", Some("documentation"), false),
            ("2001::1", Some("IETF protocol"), false),
            ("100::1", Some("discard-only"), false),
        ];
        let strict = AddressPolicy::default();
        let loose = AddressPolicy { allow_loopback: true };
        for (text, reason, loose_admits) in table {
            let addr: IpAddr = text.parse().expect(text);
            assert_eq!(non_public_reason(addr), *reason, "{text}");
            assert_eq!(strict.check("h", addr).is_ok(), reason.is_none(), "{text} strict");
            assert_eq!(loose.check("h", addr).is_ok(), *loose_admits, "{text} with loopback allowed");
        }
    }

    #[test]
    fn refusals_say_what_and_why() {
        let literal = AddressPolicy::default().check("10.0.0.1", "10.0.0.1".parse().expect("address"));
        assert_eq!(
            literal.expect_err("refused").to_string(),
            "10.0.0.1, a private address: feeds are fetched from public addresses only"
        );
        let err = AddressPolicy::default()
            .check("metadata.internal", "169.254.169.254".parse().expect("address"))
            .expect_err("refused");
        let message = err.to_string();
        assert!(message.contains("metadata.internal"), "{message}");
        assert!(message.contains("169.254.169.254"), "{message}");
        assert!(message.contains("link-local"), "{message}");
    }
}
