//! The CFTC contract market code.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A CFTC contract market code such as `239742`, `23977A`, `001602` or `12460+`.
///
/// Always 6 characters, ASCII letters, digits or `+`. It is text, not a
/// number: leading zeros and letters are kept. Stored inline, so it is
/// `Copy` and cheap to compare and hash.
///
/// ```
/// use cftc_cot::ContractMarketCode;
/// let code: ContractMarketCode = "001602".parse()?;
/// assert_eq!(code.as_str(), "001602");
/// assert!("1602".parse::<ContractMarketCode>().is_err());
/// # Ok::<(), cftc_cot::records::InvalidCode>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContractMarketCode([u8; 6]);

/// The error for a string that is not a contract market code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a 6-character CFTC contract market code: {0:?}")]
pub struct InvalidCode(pub String);

impl ContractMarketCode {
    /// Reads a code from raw bytes, after trimming ASCII spaces.
    pub fn from_bytes(raw: &[u8]) -> Option<Self> {
        let raw = raw.trim_ascii();
        let bytes: [u8; 6] = raw.try_into().ok()?;
        if bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+')
        {
            Some(ContractMarketCode(bytes))
        } else {
            None
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored (checked in `from_bytes`).
        std::str::from_utf8(&self.0).unwrap_or("??????")
    }

    /// The code's 6 bytes.
    pub fn as_bytes(&self) -> &[u8; 6] {
        &self.0
    }
}

impl FromStr for ContractMarketCode {
    type Err = InvalidCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContractMarketCode::from_bytes(s.as_bytes()).ok_or_else(|| InvalidCode(s.to_owned()))
    }
}

impl fmt::Display for ContractMarketCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ContractMarketCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContractMarketCode({})", self.as_str())
    }
}

impl Serialize for ContractMarketCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ContractMarketCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<&str> for ContractMarketCode {
    type Error = InvalidCode;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_zeros_letters_and_plus() {
        for s in ["001602", "23977A", "12460+", "C13801", "0063CC"] {
            let c: ContractMarketCode = s.parse().unwrap();
            assert_eq!(c.to_string(), s);
        }
        assert_eq!(
            ContractMarketCode::from_bytes(b"001602 ").map(|c| c.to_string()),
            Some("001602".to_string())
        );
    }

    #[test]
    fn rejects_wrong_length_and_symbols() {
        for s in ["", "1602", "0016020", "00160-", "0016 2", "00160\u{e9}"] {
            assert!(s.parse::<ContractMarketCode>().is_err(), "{s:?}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let c: ContractMarketCode = "23977A".parse().unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"23977A\"");
        let back: ContractMarketCode = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        assert!(serde_json::from_str::<ContractMarketCode>("\"1\"").is_err());
    }
}
