//! The text member of a CFTC zip archive, streamed by an owned reader.
//!
//! CFTC publishes every yearly and multi-year file as a zip holding one text
//! member (`annual.txt`, `Annual.TXT`, `FinFutYY.txt`, `FUT86_16.txt`, ...).
//! The `zip` crate's member reader borrows its archive, which would force
//! every caller to keep the archive alive beside the record iterator. Here
//! the archive's central directory is read with `zip`, then the member's bytes
//! are inflated from the underlying reader directly, so [`ZipMember`] owns
//! everything and can sit inside a [`Reader`](crate::read::Reader).
//!
//! Every byte is counted and checksummed as it streams: a member that
//! inflates past its declared size (a zip bomb), past the caller's cap, that
//! ends early, or whose CRC-32 is wrong fails with a typed error, and nothing
//! is ever buffered whole.

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom, Take};

use flate2::read::DeflateDecoder;
use zip::{CompressionMethod, ZipArchive};

use crate::error::{Error, ErrorKind, Location, Result, ZipProblem};

/// The default cap on a member's inflated size: 4 GiB, about 25 times the
/// largest archive CFTC publishes (`FUT86_16.txt`, ~170 MB).
pub const DEFAULT_MEMBER_LIMIT: u64 = 4 << 30;

/// What went wrong while streaming a member; carried inside an `io::Error`
/// through the CSV reader and turned back into an [`Error`] by the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MemberFault {
    /// More bytes than the archive declares or the cap allows.
    TooLarge { declared: u64, limit: u64 },
    /// Fewer bytes than declared.
    Truncated { declared: u64, read: u64 },
    /// The CRC-32 of the inflated bytes is not the declared one.
    Crc { declared: u32, computed: u32 },
}

impl fmt::Display for MemberFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberFault::TooLarge { declared, limit } => {
                write!(
                    f,
                    "member inflates past {limit} bytes (declared {declared})"
                )
            }
            MemberFault::Truncated { declared, read } => {
                write!(f, "member ends after {read} of {declared} declared bytes")
            }
            MemberFault::Crc { declared, computed } => write!(
                f,
                "member CRC-32 is {computed:08x}, the archive declares {declared:08x}"
            ),
        }
    }
}

impl std::error::Error for MemberFault {}

enum Body<R> {
    Stored(Take<R>),
    Deflated(Box<DeflateDecoder<Take<R>>>),
}

/// The single text member of a zip archive, as a stream of its inflated bytes.
///
/// Made by [`ReaderBuilder::from_zip`](crate::read::ReaderBuilder::from_zip)
/// and [`ReaderBuilder::from_path`](crate::read::ReaderBuilder::from_path);
/// it can also be used on its own to get at the raw text.
pub struct ZipMember<R> {
    body: Body<R>,
    name: String,
    declared_size: u64,
    declared_crc: u32,
    limit: u64,
    hasher: crc32fast::Hasher,
    read: u64,
}

impl<R> fmt::Debug for ZipMember<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZipMember")
            .field("name", &self.name)
            .field("declared_size", &self.declared_size)
            .field("read", &self.read)
            .finish_non_exhaustive()
    }
}

impl<R: Read + Seek> ZipMember<R> {
    /// Opens the one data member of the archive in `reader`: a `.txt`, or
    /// an `.xls`/`.xlsx` workbook (names matched case-insensitively). `source` names the archive in errors; `limit`
    /// caps the inflated size.
    pub fn open(reader: R, source: &str, limit: u64) -> Result<Self> {
        let at = |member: Option<String>| Box::new(Location::input(source, member));
        let zip_error = |member: Option<String>, e: zip::result::ZipError| {
            Error::from(ErrorKind::Zip {
                location: at(member),
                problem: ZipProblem::Damaged(Box::new(e)),
            })
        };
        let mut archive = ZipArchive::new(reader).map_err(|e| zip_error(None, e))?;

        let mut names = Vec::new();
        let mut texts = Vec::new();
        for index in 0..archive.len() {
            let entry = archive
                .by_index_data(index)
                .map_err(|e| zip_error(None, e))?;
            if entry.is_dir() {
                continue;
            }
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            // Data members: CFTC's text, or its Excel twin. macOS leaves
            // `__MACOSX/._name` copies that are not data.
            let lower = name.to_ascii_lowercase();
            let hidden = lower.starts_with("__macosx/")
                || lower
                    .rsplit('/')
                    .next()
                    .is_some_and(|f| f.starts_with("._"));
            if !hidden && [".txt", ".xls", ".xlsx"].iter().any(|e| lower.ends_with(e)) {
                texts.push((index, name.clone()));
            }
            names.push(name);
        }
        let (index, name) = match texts.as_slice() {
            [(index, name)] => (*index, name.clone()),
            _ => {
                return Err(Error::from(ErrorKind::ZipMembers {
                    location: at(None),
                    found: names,
                }));
            }
        };
        if !is_safe_member_name(&name) {
            return Err(Error::from(ErrorKind::Zip {
                location: at(Some(name)),
                problem: ZipProblem::UnsafeName,
            }));
        }

        let (method, declared_size, declared_crc, compressed, encrypted) = {
            let entry = archive
                .by_index_data(index)
                .map_err(|e| zip_error(Some(name.clone()), e))?;
            (
                entry.compression(),
                entry.size(),
                entry.crc32(),
                entry.compressed_size(),
                entry.encrypted(),
            )
        };
        if encrypted {
            return Err(Error::from(ErrorKind::Zip {
                location: at(Some(name)),
                problem: ZipProblem::Encrypted,
            }));
        }
        if declared_size > limit {
            return Err(Error::from(ErrorKind::ZipTooLarge {
                location: at(Some(name)),
                declared: declared_size,
                limit,
            }));
        }
        let start = archive
            .by_index_raw(index)
            .map_err(|e| zip_error(Some(name.clone()), e))?
            .data_start()
            .ok_or_else(|| {
                Error::from(ErrorKind::Zip {
                    location: at(Some(name.clone())),
                    problem: ZipProblem::DataOffsetUnknown,
                })
            })?;
        let mut inner = archive.into_inner();
        inner.seek(SeekFrom::Start(start)).map_err(|source| {
            Error::from(ErrorKind::Io {
                location: at(Some(name.clone())),
                source,
            })
        })?;
        let raw = inner.take(compressed);
        let body = match method {
            CompressionMethod::Stored => Body::Stored(raw),
            CompressionMethod::Deflated => Body::Deflated(Box::new(DeflateDecoder::new(raw))),
            other => {
                return Err(Error::from(ErrorKind::Zip {
                    location: at(Some(name)),
                    problem: ZipProblem::Compression(other.to_string()),
                }));
            }
        };
        Ok(ZipMember {
            body,
            name,
            declared_size,
            declared_crc,
            limit: limit.min(declared_size),
            hasher: crc32fast::Hasher::new(),
            read: 0,
        })
    }
}

impl<R> ZipMember<R> {
    /// The member's name as stored in the archive.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The inflated size the archive declares for the member.
    pub fn declared_size(&self) -> u64 {
        self.declared_size
    }
}

/// No absolute paths, drive letters or `..` components.
fn is_safe_member_name(name: &str) -> bool {
    !name.starts_with(['/', '\\'])
        && !name.contains(':')
        && !name.split(['/', '\\']).any(|part| part == "..")
}

impl<R: Read> Read for ZipMember<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match &mut self.body {
            Body::Stored(r) => r.read(buf)?,
            Body::Deflated(r) => r.read(buf)?,
        };
        let got = buf.get(..n).unwrap_or_default();
        self.read += n as u64;
        if self.read > self.limit {
            return Err(io::Error::other(MemberFault::TooLarge {
                declared: self.declared_size,
                limit: self.limit,
            }));
        }
        self.hasher.update(got);
        if n == 0 && !buf.is_empty() {
            if self.read != self.declared_size {
                return Err(io::Error::other(MemberFault::Truncated {
                    declared: self.declared_size,
                    read: self.read,
                }));
            }
            let computed = self.hasher.clone().finalize();
            if computed != self.declared_crc {
                return Err(io::Error::other(MemberFault::Crc {
                    declared: self.declared_crc,
                    computed,
                }));
            }
        }
        Ok(n)
    }
}

/// Turns an I/O error met while reading a member back into a typed error.
pub(crate) fn member_error(location: Location, error: io::Error) -> Error {
    let fault = error
        .get_ref()
        .and_then(|e| e.downcast_ref::<MemberFault>())
        .cloned();
    match fault {
        Some(MemberFault::TooLarge { declared, limit }) => Error::from(ErrorKind::ZipTooLarge {
            location: Box::new(location),
            declared,
            limit,
        }),
        Some(MemberFault::Truncated { declared, read }) => Error::from(ErrorKind::Zip {
            location: Box::new(location),
            problem: ZipProblem::Truncated { declared, read },
        }),
        Some(MemberFault::Crc { declared, computed }) => Error::from(ErrorKind::Zip {
            location: Box::new(location),
            problem: ZipProblem::Crc { declared, computed },
        }),
        None if location.member.is_some() => Error::from(ErrorKind::Zip {
            location: Box::new(location),
            problem: ZipProblem::Damaged(Box::new(error)),
        }),
        None => Error::from(ErrorKind::Io {
            location: Box::new(location),
            source: error,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    fn zip_of(members: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in members {
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(body).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn read_all(bytes: Vec<u8>, limit: u64) -> Result<(String, Vec<u8>)> {
        let mut m = ZipMember::open(Cursor::new(bytes), "t.zip", limit)?;
        let mut out = Vec::new();
        m.read_to_end(&mut out)
            .map_err(|e| member_error(Location::input("t.zip", Some(m.name().into())), e))?;
        Ok((m.name().to_owned(), out))
    }

    #[test]
    fn reads_the_one_text_member_in_any_case() {
        let body = b"a,b\r\n1,2\r\n".repeat(1000);
        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            let zip = zip_of(&[("Annual.TXT", &body), ("readme.pdf", b"x")], method);
            let (name, out) = read_all(zip, DEFAULT_MEMBER_LIMIT).unwrap();
            assert_eq!(name, "Annual.TXT");
            assert_eq!(out, body);
        }
    }

    #[test]
    fn refuses_zero_or_two_text_members() {
        let none = zip_of(&[("a.csv", b"x")], CompressionMethod::Deflated);
        assert!(matches!(
            read_all(none, 1 << 20).map_err(crate::Error::into_kind),
            Err(ErrorKind::ZipMembers { .. })
        ));
        let two = zip_of(
            &[("a.txt", b"x"), ("b.TXT", b"y")],
            CompressionMethod::Deflated,
        );
        match read_all(two, 1 << 20).map_err(crate::Error::into_kind) {
            Err(ErrorKind::ZipMembers { found, .. }) => assert_eq!(found, ["a.txt", "b.TXT"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn caps_the_inflated_size() {
        let body = vec![b'1'; 100_000];
        let zip = zip_of(&[("a.txt", &body)], CompressionMethod::Deflated);
        assert!(matches!(
            read_all(zip, 10_000).map_err(crate::Error::into_kind),
            Err(ErrorKind::ZipTooLarge {
                declared: 100_000,
                limit: 10_000,
                ..
            })
        ));
    }

    #[test]
    fn detects_a_wrong_crc() {
        let body = b"hello, world\n".repeat(50);
        let mut zip = zip_of(&[("a.txt", &body)], CompressionMethod::Stored);
        // Flip one byte of the stored body (it follows the 30-byte local
        // header and the 5-byte name).
        if let Some(b) = zip.get_mut(40) {
            *b ^= 1;
        }
        match read_all(zip, 1 << 20).map_err(crate::Error::into_kind) {
            Err(ErrorKind::Zip { problem, .. }) => {
                assert!(problem.to_string().contains("CRC"), "{problem}")
            }
            other => panic!("{other:?}"),
        }
    }
}
