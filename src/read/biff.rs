//! How far the cells of an `.xls` workbook reach, before calamine reads it.
//!
//! calamine builds a sheet as one dense block from its first to its last
//! cell, and a BIFF cell record can name any row and column up to 65,535:
//! one forged record makes it ask for billions of cells and the process
//! aborts. This walks the workbook's cell records itself — the compound
//! file's sector chains, then the BIFF records of the `Workbook` stream —
//! and returns the extent of every cell, so the caller can refuse a
//! workbook whose block would be too large. Everything is bounds-checked:
//! a chain longer than the file or looping, a record past its stream, a
//! sector outside the file all end in `None`.

/// End of a sector chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// The most sector ids a chain may visit: no chain is longer than the file.
fn chain_cap(file_len: usize, sector: usize) -> usize {
    file_len / sector.max(1) + 1
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The extent of the cells: (first row, last row, first column, last
/// column), or `None` when the workbook has no cell.
pub(crate) type Extent = Option<(u32, u32, u32, u32)>;

/// What a walk over the `Workbook` stream found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Walk {
    /// The extent of every cell record.
    pub extent: Extent,
    /// Whether the records tile the stream: each one's length lands on the
    /// next, and the last ends where the stream does.
    pub complete: bool,
    /// Per sheet, in stream order: what its DIMENSIONS record declares and
    /// what its cell records reach.
    pub sheets: Vec<SheetExtent>,
    /// The most cells calamine would set aside for one sheet on the word
    /// of a DIMENSIONS record ([`reservation`]); `u64::MAX` for one whose
    /// first row lies past its last (calamine's subtraction would wrap).
    pub reserved: u64,
    /// The largest buffer, in bytes, that calamine's compound-file reader
    /// would set aside on the word of the header and directory, with what
    /// declared it ([`Cfb::declared_sizes`]).
    pub declared: (u64, &'static str),
}

/// The rows and columns of one sheet: declared (its DIMENSIONS record:
/// last row + 1, last column + 1) and reached by its cell records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SheetExtent {
    pub declared_rows: u32,
    pub declared_columns: u32,
    pub rows: u32,
    pub columns: u32,
}

impl Walk {
    /// Why the workbook is damaged, if it is: a record whose length runs
    /// past the stream, or a sheet whose cells stop before the rows it
    /// declares (a damaged record length throws the reader off, and what
    /// follows it is lost). `(declared, found)` rows of the worst sheet.
    pub fn damage(&self) -> Option<(u32, u32)> {
        let short = self
            .sheets
            .iter()
            .filter(|s| s.rows < s.declared_rows)
            .max_by_key(|s| s.declared_rows - s.rows)
            .map(|s| (s.declared_rows, s.rows));
        match short {
            Some(s) => Some(s),
            None if !self.complete => {
                let declared = self.sheets.iter().map(|s| s.declared_rows).max();
                let found = self.sheets.iter().map(|s| s.rows).max();
                Some((declared.unwrap_or(0), found.unwrap_or(0)))
            }
            None => None,
        }
    }

    /// A sheet with cells outside the rows and columns it declares: a
    /// damaged cell position (a flipped bit in a row or column) that would
    /// make the decoder build a block far larger than the sheet, gigabytes
    /// for a workbook of megabytes.
    pub fn outside(&self) -> Option<SheetExtent> {
        self.sheets
            .iter()
            .find(|s| {
                s.declared_rows > 0 && (s.rows > s.declared_rows || s.columns > s.declared_columns)
            })
            .copied()
    }
}

/// Walks an OLE2 compound file's `Workbook` (or `Book`) stream: the extent
/// of its cell records and whether its records hold together, with the
/// stream itself (for the decoder, so that it is read out of the file
/// once); `Err` when the file cannot be walked at all.
pub(crate) fn walk(file: &[u8]) -> Result<(Walk, Vec<u8>), &'static str> {
    let cfb = Cfb::parse(file).ok_or("not a readable compound file")?;
    let sizes = cfb.declared_sizes();
    let stream = cfb.workbook().ok_or("no readable Workbook stream")?;
    let mut walk = biff_walk(&stream);
    walk.reserved = reserved(&stream);
    walk.declared = sizes;
    Ok((walk, stream))
}

/// The records from `at` as calamine iterates them: each record's own
/// data, the `CONTINUE` records (0x003C) right after it passed over,
/// until the stream ends or a length runs past it.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> + '_ {
    let mut at = Some(at);
    std::iter::from_fn(move || {
        let here = at.take()?;
        let kind = u16_at(stream, here)?;
        let len = u16_at(stream, here + 2)? as usize;
        let data = stream.get(here + 4..here + 4 + len)?;
        let mut next = here + 4 + len;
        while stream.len() > next + 4 && u16_at(stream, next) == Some(0x003C) {
            let more = u16_at(stream, next + 2).map_or(usize::MAX, usize::from);
            if stream.len() < next + 4 + more.min(stream.len()) || more == usize::MAX {
                return Some((kind, data));
            }
            next += 4 + more;
        }
        at = Some(next);
        Some((kind, data))
    })
}

/// The cells calamine (0.32, `parse_dimensions`) sets aside for a sheet
/// from one DIMENSIONS record's data, before reading a cell: rows times
/// columns as the record says, trusted. `u64::MAX` when its arithmetic
/// would wrap (a first row past the last), which in a release build asks
/// for an impossible block and aborts the process.
fn reservation(data: &[u8]) -> u64 {
    let (first_row, rows_end, mut first_col, cols_end) = match data.len() {
        10 => (
            u16_at(data, 0).map(u32::from),
            u16_at(data, 2).map(u32::from),
            u16_at(data, 4).map_or(0, u32::from),
            u16_at(data, 6).map_or(0, u32::from),
        ),
        14 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8).map_or(0, u32::from),
            u16_at(data, 10).map_or(0, u32::from),
        ),
        _ => return 0,
    };
    let (Some(first_row), Some(rows_end)) = (first_row, rows_end) else {
        return 0;
    };
    if first_col > 0xFF || cols_end < first_col {
        first_col = 0;
    }
    let (last_row, last_col) = if rows_end >= 1 && cols_end >= 1 {
        (rows_end - 1, cols_end - 1)
    } else {
        (first_row, first_col)
    };
    match (
        last_row.checked_sub(first_row),
        last_col.checked_sub(first_col),
    ) {
        (Some(r), Some(c)) => (u64::from(r) + 1).saturating_mul(u64::from(c) + 1),
        _ => u64::MAX,
    }
}

/// The largest [`reservation`] of any DIMENSIONS record calamine would
/// meet: in every sheet its BOUNDSHEET records (0x0085) point to, read
/// from there to the sheet's EOF record, as calamine reads it (not as
/// the records tile the stream: a damaged BOUNDSHEET offset lands
/// elsewhere).
fn reserved(stream: &[u8]) -> u64 {
    let starts: Vec<usize> = records(stream, 0)
        .filter(|(kind, _)| *kind == 0x0085)
        .filter_map(|(_, data)| u32_at(data, 0))
        .map(|at| at as usize)
        .collect();
    starts
        .into_iter()
        .flat_map(|start| {
            records(stream, start)
                .take_while(|(kind, _)| *kind != 0x000A)
                .filter(|(kind, _)| *kind == 0x0200)
                .map(|(_, data)| reservation(data))
        })
        .max()
        .unwrap_or(0)
}

struct Cfb<'a> {
    file: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn parse(file: &'a [u8]) -> Option<Self> {
        if file.get(..8)? != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            return None;
        }
        let shift = u16_at(file, 0x1E)?;
        if shift != 9 && shift != 12 {
            return None;
        }
        let sector = 1usize << shift;
        let fat_sectors = u32_at(file, 0x2C)? as usize;
        let mut difat: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(file, 0x4C + 4 * i))
            .take(fat_sectors.min(109))
            .collect();
        // Further FAT sector ids in the DIFAT chain.
        let mut next = u32_at(file, 0x44)?;
        let per = sector / 4 - 1;
        let mut visited = 0;
        while difat.len() < fat_sectors && next < END_OF_CHAIN {
            visited += 1;
            if visited > chain_cap(file.len(), sector) {
                return None;
            }
            let at = (next as usize + 1).checked_mul(sector)?;
            let block = file.get(at..at + sector)?;
            for i in 0..per {
                if difat.len() < fat_sectors {
                    difat.push(u32_at(block, 4 * i)?);
                }
            }
            next = u32_at(block, 4 * per)?;
        }
        let mut fat = Vec::with_capacity(difat.len() * sector / 4);
        for id in difat {
            let at = (id as usize + 1).checked_mul(sector)?;
            let block = file.get(at..at + sector)?;
            fat.extend((0..sector / 4).filter_map(|i| u32_at(block, 4 * i)));
        }
        Some(Cfb { file, sector, fat })
    }

    /// The bytes of the chain starting at `start`, in sectors of `size`
    /// bytes found by `offset`, following `table`.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        size: usize,
        data: &[u8],
        offset: impl Fn(usize) -> Option<usize>,
    ) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        let mut visited = 0;
        while id < END_OF_CHAIN {
            visited += 1;
            if visited > chain_cap(data.len(), size) {
                return None;
            }
            let at = offset(id as usize)?;
            out.extend_from_slice(data.get(at..at + size)?);
            id = *table.get(id as usize)?;
        }
        Some(out)
    }

    /// The largest buffer calamine (0.32, `cfb.rs`) allocates up front on
    /// the word of a length in the header or a directory entry: the FAT
    /// and DIFAT lists (4 bytes per declared sector), the directory and
    /// mini FAT chains (a sector per declared sector), and each stream's
    /// declared length (`u32`, or `u64` with 4,096-byte sectors). The
    /// DIFAT count is read where calamine reads it (offset 62).
    fn declared_sizes(&self) -> (u64, &'static str) {
        let sector = self.sector as u64;
        let at32 = |at: usize| u32_at(self.file, at).map_or(0, u64::from);
        let mut sizes = vec![
            (at32(0x2C).saturating_mul(4), "FAT length"),
            (at32(62).saturating_mul(4), "DIFAT length"),
            (at32(0x28).saturating_mul(sector), "directory length"),
            (at32(0x40).saturating_mul(sector), "mini FAT length"),
        ];
        if let Some(directory) = u32_at(self.file, 0x30).and_then(|s| self.regular(s)) {
            for entry in directory.chunks_exact(128) {
                let len = if self.sector == 512 {
                    u32_at(entry, 0x78).map_or(0, u64::from)
                } else {
                    entry
                        .get(0x78..0x80)
                        .and_then(|b| b.try_into().ok())
                        .map_or(0, u64::from_le_bytes)
                };
                sizes.push((len, "stream length"));
            }
        }
        sizes.into_iter().max_by_key(|(n, _)| *n).unwrap_or((0, ""))
    }

    fn regular(&self, start: u32) -> Option<Vec<u8>> {
        let s = self.sector;
        self.chain(start, &self.fat, s, self.file, |id| (id + 1).checked_mul(s))
    }

    fn workbook(&self) -> Option<Vec<u8>> {
        let directory = self.regular(u32_at(self.file, 0x30)?)?;
        let entries = directory.len() / 128;
        let entry = |i: usize| directory.get(i * 128..i * 128 + 128);
        let name_of = |e: &[u8]| -> String {
            let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = (0..len / 2)
                .filter_map(|i| u16_at(e, 2 * i))
                .take_while(|u| *u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        let root = entry(0)?;
        let found = (0..entries).filter_map(entry).find(|e| {
            e.get(0x42) == Some(&2) && matches!(name_of(e).as_str(), "Workbook" | "Book")
        })?;
        let start = u32_at(found, 0x74)?;
        let size = u32_at(found, 0x78)? as usize;
        let cutoff = u32_at(self.file, 0x38)? as usize;
        let mut bytes = if size >= cutoff {
            self.regular(start)?
        } else {
            // A small stream lives in the mini stream, in 64-byte sectors.
            let mini_stream = self.regular(u32_at(root, 0x74)?)?;
            let mini_fat_bytes = self.regular(u32_at(self.file, 0x3C)?)?;
            let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
                .filter_map(|i| u32_at(&mini_fat_bytes, 4 * i))
                .collect();
            self.chain(start, &mini_fat, 64, &mini_stream, |id| id.checked_mul(64))?
        };
        bytes.truncate(size);
        Some(bytes)
    }
}

/// The extent of the cell records of a BIFF stream, and how well its
/// records hold together.
fn biff_walk(stream: &[u8]) -> Walk {
    let mut extent: Extent = None;
    let mut grow = |row: u16, first: u16, last: u16| {
        let (row, first, last) = (u32::from(row), u32::from(first), u32::from(last));
        extent = Some(match extent {
            None => (row, row, first, last),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(first), c1.max(last)),
        });
    };
    // Per sheet substream (from its BOF): declared rows, rows reached.
    let mut sheets: Vec<SheetExtent> = Vec::new();
    let mut in_sheet = false;
    let mut at = 0;
    let mut complete = false;
    loop {
        let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) else {
            // The end: exact, or the zero padding of the last sector.
            complete = stream
                .get(at..)
                .is_some_and(|rest| rest.iter().all(|b| *b == 0));
            break;
        };
        let len = len as usize;
        let Some(data) = stream.get(at + 4..at + 4 + len) else {
            break;
        };
        let reach = |row: u16, last_column: u16, sheets: &mut Vec<SheetExtent>| {
            if let Some(sheet) = sheets.last_mut().filter(|_| in_sheet) {
                sheet.rows = sheet.rows.max(u32::from(row) + 1);
                sheet.columns = sheet.columns.max(u32::from(last_column) + 1);
            }
        };
        match kind {
            // BOF (BIFF2-8): a substream begins; a sheet unless it is the
            // workbook globals (BIFF5/8 type 0x0005).
            0x0809 | 0x0409 | 0x0209 | 0x0009 => {
                let globals = kind == 0x0809 && u16_at(data, 2) == Some(0x0005);
                in_sheet = !globals;
                if in_sheet {
                    sheets.push(SheetExtent::default());
                }
            }
            // DIMENSIONS: BIFF8 rows as u32, earlier as u16 (last row + 1).
            0x0200 | 0x0000 if in_sheet => {
                let (rows, columns) = if len >= 14 {
                    (u32_at(data, 4), u16_at(data, 10))
                } else {
                    (u16_at(data, 2).map(u32::from), u16_at(data, 6))
                };
                if let (Some(sheet), Some(rows), Some(columns)) = (sheets.last_mut(), rows, columns)
                {
                    sheet.declared_rows = sheet.declared_rows.max(rows);
                    sheet.declared_columns = sheet.declared_columns.max(u32::from(columns));
                }
            }
            // FORMULA, BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST: row, column.
            0x0006 | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    grow(row, col, col);
                    reach(row, col, &mut sheets);
                }
            }
            // MULRK, MULBLANK: row, first column, ..., last column.
            0x00BD | 0x00BE => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    len.checked_sub(2).and_then(|i| u16_at(data, i)),
                ) {
                    grow(row, first.min(last), first.max(last));
                    reach(row, first.max(last), &mut sheets);
                }
            }
            _ => {}
        }
        at += 4 + len;
    }
    Walk {
        extent,
        complete,
        sheets,
        reserved: 0,
        declared: (0, ""),
    }
}
