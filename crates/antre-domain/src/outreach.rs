//! Outreach drives ("jemput bola", Eazy Passport, hajj drives with the religious-affairs
//! office): the kinds of drive, a member as the group leader lists them, the leader's list as
//! spreadsheets in Indonesia save it (CSV, UTF-8 with or without BOM, comma or semicolon,
//! Excel's quoting), and the comparison of a hajj drive with the religious-affairs office's
//! list. Everything here is checked the same way on the officer's device (offline) and on the
//! server.

use crate::error::DomainError;
use crate::fees::ApplicationKind;
use crate::nik::Nik;
use crate::person::{PersonName, Phone};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who the drive is for; hajj drives are held with the religious-affairs office (Kemenag).
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriveKind {
    /// A village, a community group, a vulnerable group.
    Community,
    School,
    Company,
    /// Hajj pilgrims, with the religious-affairs office: names of at least three words.
    Hajj,
}

impl DriveKind {
    pub const ALL: [DriveKind; 4] = [
        DriveKind::Community,
        DriveKind::School,
        DriveKind::Company,
        DriveKind::Hajj,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DriveKind::Community => "community",
            DriveKind::School => "school",
            DriveKind::Company => "company",
            DriveKind::Hajj => "hajj",
        }
    }

    pub fn parse(text: &str) -> Option<DriveKind> {
        DriveKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Hajj passports need a name of at least this many words.
pub const HAJJ_MIN_NAME_WORDS: usize = 3;

/// The most rows one list (a leader's list, the religious-affairs office's list) may have.
pub const MAX_LIST_ROWS: usize = 1000;

/// The fields of a member, as named in errors (`field`) and in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MemberField {
    Name,
    BirthDate,
    Nik,
    ApplicationKind,
    Phone,
    PortionNumber,
}

impl MemberField {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberField::Name => "name",
            MemberField::BirthDate => "birth_date",
            MemberField::Nik => "nik",
            MemberField::ApplicationKind => "application_kind",
            MemberField::Phone => "phone",
            MemberField::PortionNumber => "portion_number",
        }
    }
}

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: MemberField,
    pub error: DomainError,
}

/// A member as validated: the name as on the e-KTP, a NIK that agrees with the birth date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: PersonName,
    pub birth_date: NaiveDate,
    pub nik: Nik,
    pub application_kind: ApplicationKind,
    pub phone: Option<Phone>,
}

/// A birth date that can be a living person's: not after `today`, not before 1900.
pub fn check_birth_date(birth: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    if birth > today || birth.year() < 1900 {
        Err(DomainError::InvalidBirthDate)
    } else {
        Ok(birth)
    }
}

/// A NIK as typed or as a spreadsheet left it: Excel shows a 16-digit number stored as a number
/// as `3,27501E+15` (and keeps only 15 digits), which is worth its own explanation; a leading
/// apostrophe (Excel's "this is text" mark) is dropped.
pub fn parse_nik(input: &str, birth: Option<NaiveDate>) -> Result<Nik, DomainError> {
    let text = input.trim().trim_start_matches('\'');
    let looks_scientific = text.to_ascii_uppercase().contains("E+")
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'e' | 'E' | '+'));
    if looks_scientific {
        return Err(DomainError::NikSpreadsheetNumber);
    }
    if text.is_empty() {
        return Err(DomainError::ValueMissing);
    }
    match birth {
        Some(b) => Nik::parse_with_birth_date(text, b),
        None => Nik::parse(text),
    }
}

/// Validates a member of a drive of `kind`; every field at fault is reported, not only the first.
pub fn validate_member(
    kind: DriveKind,
    name: &str,
    birth_date: Result<NaiveDate, DomainError>,
    nik: &str,
    application_kind: Result<ApplicationKind, DomainError>,
    phone: Option<&str>,
    today: NaiveDate,
) -> Result<Member, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, error| errors.push(FieldError { field, error });
    let name = match PersonName::parse(name) {
        Ok(n) if kind == DriveKind::Hajj && n.word_count() < HAJJ_MIN_NAME_WORDS => {
            fail(MemberField::Name, DomainError::HajjNameTooShort);
            None
        }
        Ok(n) => Some(n),
        Err(_) if name.trim().is_empty() => {
            fail(MemberField::Name, DomainError::ValueMissing);
            None
        }
        Err(e) => {
            fail(MemberField::Name, e);
            None
        }
    };
    let birth = match birth_date.and_then(|b| check_birth_date(b, today)) {
        Ok(b) => Some(b),
        Err(e) => {
            fail(MemberField::BirthDate, e);
            None
        }
    };
    // Without a usable birth date the NIK is checked on its own.
    let nik = match parse_nik(nik, birth) {
        Ok(n) => Some(n),
        Err(e) => {
            fail(MemberField::Nik, e);
            None
        }
    };
    let application = match application_kind {
        Ok(a) => Some(a),
        Err(e) => {
            fail(MemberField::ApplicationKind, e);
            None
        }
    };
    let phone = match phone.map(str::trim).filter(|p| !p.is_empty()) {
        None => Some(None),
        Some(p) => match Phone::parse(p.trim_start_matches('\'')) {
            Ok(p) => Some(Some(p)),
            Err(e) => {
                fail(MemberField::Phone, e);
                None
            }
        },
    };
    match (name, birth, nik, application, phone) {
        (Some(name), Some(birth_date), Some(nik), Some(application_kind), Some(phone))
            if errors.is_empty() =>
        {
            Ok(Member {
                name,
                birth_date,
                nik,
                application_kind,
                phone,
            })
        }
        _ => Err(errors),
    }
}

/// The kind of application as leaders write it: Indonesian or English, any case.
/// "Penggantian" (replacement) is the renewal of a passport that ran out or is full.
pub fn parse_application_kind(text: &str) -> Result<ApplicationKind, DomainError> {
    let t = normalize_header(text);
    Ok(match t.as_str() {
        "" => return Err(DomainError::ValueMissing),
        "baru" | "new" | "paspor_baru" | "b" => ApplicationKind::New,
        "penggantian" | "ganti" | "perpanjangan" | "pengganti" | "replacement" | "renewal"
        | "renew" | "p" => ApplicationKind::Renewal,
        "hilang" | "lost" => ApplicationKind::Lost,
        "rusak" | "damaged" => ApplicationKind::Damaged,
        _ => return Err(DomainError::InvalidApplicationKind),
    })
}

const MONTHS: [(&[&str], u32); 12] = [
    (&["jan", "januari", "january"], 1),
    (&["feb", "februari", "pebruari", "february"], 2),
    (&["mar", "maret", "march"], 3),
    (&["apr", "april"], 4),
    (&["mei", "may"], 5),
    (&["jun", "juni", "june"], 6),
    (&["jul", "juli", "july"], 7),
    (&["agu", "agt", "agus", "agustus", "aug", "august"], 8),
    (&["sep", "sept", "september"], 9),
    (&["okt", "oktober", "oct", "october"], 10),
    (&["nov", "nopember", "november"], 11),
    (&["des", "desember", "dec", "december"], 12),
];

/// A date as spreadsheets in Indonesia write it: `17/05/1990`, `17-05-1990`, `17.05.1990`,
/// `1990-05-17`, `17 Mei 1990`, or Excel's day number for a date cell formatted as a number.
/// Day first; a month-first date is read only when it cannot be anything else (`5/17/1990`).
/// The NIK, which encodes the birth date, catches a date read the wrong way round.
pub fn parse_list_date(input: &str) -> Result<NaiveDate, DomainError> {
    let text = input.trim().trim_start_matches('\'');
    if text.is_empty() {
        return Err(DomainError::ValueMissing);
    }
    let invalid = DomainError::InvalidBirthDate;
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(d);
    }
    // Excel's serial day number (1 = 1900-01-01, with its phantom 29 February 1900).
    if text.chars().all(|c| c.is_ascii_digit()) && (1..=6).contains(&text.len()) {
        let n: i64 = text.parse().map_err(|_| invalid.clone())?;
        if (61..=80_000).contains(&n) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date");
            return base
                .checked_add_days(chrono::Days::new(n as u64))
                .ok_or(invalid);
        }
        return Err(invalid);
    }
    let parts: Vec<&str> = text
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts[..] else {
        return Err(invalid);
    };
    let number = |s: &str| s.parse::<u32>().ok();
    let year = number(c).filter(|_| c.len() == 4).ok_or(invalid.clone())? as i32;
    let day = number(a).ok_or(invalid.clone())?;
    let month = match number(b) {
        Some(m) => m,
        None => {
            let name = b.to_lowercase();
            MONTHS
                .iter()
                .find(|(names, _)| names.contains(&name.as_str()))
                .map(|(_, m)| *m)
                .ok_or(invalid.clone())?
        }
    };
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| {
            (month > 12 && day <= 12)
                .then(|| NaiveDate::from_ymd_opt(year, day, month))
                .flatten()
        })
        .ok_or(invalid)
}

/// A header as a key: lower case, anything but letters and digits as single underscores
/// ("Tanggal Lahir (dd/mm/yyyy)" -> "tanggal_lahir_dd_mm_yyyy").
pub fn normalize_header(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// The columns a list may have, each with the headers leaders use for it (normalized).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    BirthDate,
    Nik,
    ApplicationKind,
    Phone,
    PortionNumber,
}

impl Column {
    /// The canonical header, as named in the error for a missing column.
    pub fn header(self) -> &'static str {
        match self {
            Column::Name => "nama",
            Column::BirthDate => "tanggal_lahir",
            Column::Nik => "nik",
            Column::ApplicationKind => "jenis",
            Column::Phone => "telepon",
            Column::PortionNumber => "nomor_porsi",
        }
    }

    fn matches(self, header: &str) -> bool {
        let h = header;
        match self {
            Column::Name => {
                matches!(
                    h,
                    "nama" | "name" | "full_name" | "nama_pemohon" | "nama_jemaah"
                ) || h.starts_with("nama_lengkap")
                    || h.starts_with("nama_sesuai")
                    || h.starts_with("name_as")
            }
            Column::BirthDate => {
                h.starts_with("tanggal_lahir")
                    || h.starts_with("tgl_lahir")
                    || h.starts_with("birth_date")
                    || h.starts_with("date_of_birth")
            }
            Column::Nik => matches!(
                h,
                "nik"
                    | "no_nik"
                    | "nomor_nik"
                    | "nomor_induk_kependudukan"
                    | "nik_e_ktp"
                    | "nik_ktp"
            ),
            Column::ApplicationKind => {
                matches!(
                    h,
                    "jenis"
                        | "jenis_permohonan"
                        | "permohonan"
                        | "baru_penggantian"
                        | "application_kind"
                        | "application"
                        | "new_replacement"
                        | "kind"
                ) || h.starts_with("jenis_paspor")
                    || h.starts_with("jenis_permohonan")
            }
            Column::Phone => matches!(
                h,
                "telepon"
                    | "no_telepon"
                    | "nomor_telepon"
                    | "telp"
                    | "no_telp"
                    | "hp"
                    | "no_hp"
                    | "nomor_hp"
                    | "whatsapp"
                    | "no_wa"
                    | "phone"
                    | "phone_number"
                    | "mobile"
            ),
            Column::PortionNumber => matches!(
                h,
                "nomor_porsi"
                    | "no_porsi"
                    | "porsi"
                    | "portion_number"
                    | "portion"
                    | "no_porsi_haji"
            ),
        }
    }
}

/// A list read from a file: its columns found, and each non-blank row with the line it
/// starts on (the row number a spreadsheet shows: the header is row 1).
#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<(Column, usize)>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub number: u64,
    cells: Vec<String>,
}

impl Table {
    /// The cell of `column` in `row` ("" when the column or the cell is absent).
    pub fn cell<'a>(&self, row: &'a Row, column: Column) -> &'a str {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, i)| row.cells.get(*i))
            .map_or("", |s| s.as_str())
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.iter().any(|(c, _)| *c == column)
    }
}

/// The separator a spreadsheet used: Excel in an Indonesian (or any decimal-comma) locale
/// writes `;`, elsewhere `,`; some tools write tabs. Read off the header line, outside quotes;
/// a first line `sep=;` (Excel's own hint) decides.
fn delimiter_of(first_line: &str) -> u8 {
    if let Some(sep) = first_line.trim().strip_prefix("sep=") {
        if let Some(c) = sep.bytes().next() {
            return c;
        }
    }
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b';', b',', b'\t'][best]
}

/// Reads a list: strips a UTF-8 byte-order mark, refuses text that is not UTF-8 (a sheet saved
/// as "CSV" in a legacy code page, or as UTF-16 "Unicode text"), finds the separator, reads
/// Excel's quoting (`"a; b"`, `""` for a quote, line breaks inside quotes), skips blank rows,
/// trims cells, and finds the `required` and `optional` columns by their headers.
pub fn read_table(
    bytes: &[u8],
    required: &[Column],
    optional: &[Column],
) -> Result<Table, DomainError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| DomainError::CsvNotUtf8)?;
    if text.contains('\0') {
        return Err(DomainError::CsvNotUtf8);
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = delimiter_of(first_line);
    let body = if first_line.trim().starts_with("sep=") {
        text[first_line.len()..].trim_start_matches(['\r', '\n'])
    } else {
        text
    };
    // Rows are numbered from the file's first line, the hint included.
    let offset = text[..text.len() - body.len()].matches('\n').count() as u64;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| DomainError::CsvMalformed)?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        // The reader's own line count lags by one after a CRLF line end: count the line breaks
        // before the record's first character instead.
        let start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(body.len());
        let rest = &body[start..];
        let first = start + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        let line = body[..first].matches('\n').count() as u64 + 1 + offset;
        match header {
            None => header = Some(cells),
            Some(_) => {
                if rows.len() == MAX_LIST_ROWS {
                    return Err(DomainError::CsvTooManyRows { max: MAX_LIST_ROWS });
                }
                rows.push(Row {
                    number: line,
                    cells,
                })
            }
        }
    }
    let header = header.ok_or(DomainError::CsvEmpty)?;
    let keys: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let mut columns = Vec::new();
    for (column, needed) in required
        .iter()
        .map(|c| (*c, true))
        .chain(optional.iter().map(|c| (*c, false)))
    {
        match keys.iter().position(|k| column.matches(k)) {
            Some(i) => columns.push((column, i)),
            None if needed => {
                return Err(DomainError::CsvMissingColumn {
                    column: column.header().to_string(),
                })
            }
            None => {}
        }
    }
    if rows.is_empty() {
        return Err(DomainError::CsvEmpty);
    }
    Ok(Table { columns, rows })
}

/// One row of a leader's list, read and validated.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub number: u64,
    pub member: Result<Member, Vec<FieldError>>,
}

/// Reads a leader's list (name, birth date, NIK, new or replacement, phone optional) for a
/// drive of `kind`: every row validated, every fault reported with its row and field.
pub fn read_member_list(
    bytes: &[u8],
    kind: DriveKind,
    today: NaiveDate,
) -> Result<Vec<ListRow>, DomainError> {
    let table = read_table(
        bytes,
        &[Column::Name, Column::BirthDate, Column::Nik],
        &[Column::ApplicationKind, Column::Phone],
    )?;
    Ok(table
        .rows
        .iter()
        .map(|row| {
            let kind_text = table.cell(row, Column::ApplicationKind);
            // A list without the column is a list of new passports (the usual drive).
            let application = if table.has(Column::ApplicationKind) {
                parse_application_kind(kind_text)
            } else {
                Ok(ApplicationKind::New)
            };
            ListRow {
                number: row.number,
                member: validate_member(
                    kind,
                    table.cell(row, Column::Name),
                    parse_list_date(table.cell(row, Column::BirthDate)),
                    table.cell(row, Column::Nik),
                    application,
                    Some(table.cell(row, Column::Phone)),
                    today,
                ),
            }
        })
        .collect())
}

/// One pilgrim on the religious-affairs office's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilgrimRow {
    pub number: u64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub portion_number: String,
}

/// A pilgrim row as read, or its row number with every field at fault.
pub type PilgrimResult = Result<PilgrimRow, (u64, Vec<FieldError>)>;

/// Reads the religious-affairs office's list (name, birth date, portion number): rows with
/// faults are reported by row and field, like a leader's list.
pub fn read_pilgrim_list(bytes: &[u8]) -> Result<Vec<PilgrimResult>, DomainError> {
    let table = read_table(
        bytes,
        &[Column::Name, Column::BirthDate, Column::PortionNumber],
        &[],
    )?;
    Ok(table
        .rows
        .iter()
        .map(|row| {
            let mut errors = Vec::new();
            let name = table.cell(row, Column::Name);
            if PersonName::parse(name).is_err() {
                errors.push(FieldError {
                    field: MemberField::Name,
                    error: if name.is_empty() {
                        DomainError::ValueMissing
                    } else {
                        DomainError::InvalidName
                    },
                });
            }
            let birth = parse_list_date(table.cell(row, Column::BirthDate));
            if let Err(e) = &birth {
                errors.push(FieldError {
                    field: MemberField::BirthDate,
                    error: e.clone(),
                });
            }
            let portion = table
                .cell(row, Column::PortionNumber)
                .trim_start_matches('\'');
            if portion.is_empty() {
                errors.push(FieldError {
                    field: MemberField::PortionNumber,
                    error: DomainError::ValueMissing,
                });
            }
            match birth {
                Ok(birth_date) if errors.is_empty() => Ok(PilgrimRow {
                    number: row.number,
                    name: name.to_string(),
                    birth_date,
                    portion_number: portion.to_string(),
                }),
                _ => Err((row.number, errors)),
            }
        })
        .collect())
}

/// A name as compared across lists: letters and digits only, accents and punctuation dropped,
/// upper case, single spaces ("Abdul-Rahman  bin Ja'far" and "ABDUL RAHMAN BIN JAFAR" agree).
/// What is left different is a real difference in spelling, which suspends a hajj passport.
pub fn comparable_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut gap = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) || c == '\'' || c == '`' || c == '’'
        {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_uppercase());
        } else {
            gap = true;
        }
    }
    out
}

/// How alike two comparable names are, 0 to 1: shared words over all words (so a missing or
/// extra word, or one word spelled apart, still pairs two entries of one person).
fn likeness(a: &str, b: &str) -> f64 {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let shared = wa
        .iter()
        .filter(|w| {
            wb.iter()
                .any(|v| v == *w || (edit_distance(w, v) <= 1 && w.len() > 3))
        })
        .count();
    (2 * shared) as f64 / (wa.len() + wb.len()).max(1) as f64
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A member of the drive, for the comparison.
#[derive(Debug, Clone)]
pub struct DriveEntry<T> {
    pub id: T,
    pub name: String,
    pub birth_date: NaiveDate,
}

/// What differs between a hajj drive and the religious-affairs office's list.
#[derive(Debug, Clone, PartialEq)]
pub enum HajjMismatch<T> {
    /// One person, spelled differently (after `comparable_name`).
    NameDiffers { member: T, pilgrim: usize },
    /// One name, two birth dates.
    BirthDateDiffers { member: T, pilgrim: usize },
    /// A member the religious-affairs office does not list.
    NotOnPilgrimList { member: T },
    /// A pilgrim the drive does not have.
    NotInDrive { pilgrim: usize },
}

/// Pairs the drive's members with the pilgrims (indexes into `pilgrims`): first the same name
/// and birth date, then the same name with another birth date, then the same birth date with
/// a name alike enough (half its words); what stays unpaired is missing on one side. Each
/// person pairs at most once; the result is in a stable order (members, then pilgrims).
pub fn compare_hajj<T: Clone>(
    members: &[DriveEntry<T>],
    pilgrims: &[PilgrimRow],
) -> (usize, Vec<HajjMismatch<T>>) {
    let m_names: Vec<String> = members.iter().map(|m| comparable_name(&m.name)).collect();
    let p_names: Vec<String> = pilgrims.iter().map(|p| comparable_name(&p.name)).collect();
    let mut m_pair: Vec<Option<usize>> = vec![None; members.len()];
    let mut p_taken = vec![false; pilgrims.len()];
    let mut kinds: Vec<Option<u8>> = vec![None; members.len()];
    // Pass 0: exact. Pass 1: same name. Pass 2: same birth date, alike name.
    for pass in 0u8..3 {
        for (i, m) in members.iter().enumerate() {
            if m_pair[i].is_some() {
                continue;
            }
            let candidate = pilgrims
                .iter()
                .enumerate()
                .filter(|(j, _)| !p_taken[*j])
                .filter_map(|(j, p)| {
                    let same_name = m_names[i] == p_names[j];
                    let same_birth = m.birth_date == p.birth_date;
                    match pass {
                        0 if same_name && same_birth => Some((j, 1.0)),
                        1 if same_name => Some((j, 1.0)),
                        2 if same_birth => {
                            let l = likeness(&m_names[i], &p_names[j]);
                            (l >= 0.5).then_some((j, l))
                        }
                        _ => None,
                    }
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((j, _)) = candidate {
                m_pair[i] = Some(j);
                p_taken[j] = true;
                kinds[i] = Some(pass);
            }
        }
    }
    let mut matched = 0;
    let mut out = Vec::new();
    for (i, m) in members.iter().enumerate() {
        match (m_pair[i], kinds[i]) {
            (Some(_), Some(0)) => matched += 1,
            (Some(j), Some(1)) => out.push(HajjMismatch::BirthDateDiffers {
                member: m.id.clone(),
                pilgrim: j,
            }),
            (Some(j), _) => out.push(HajjMismatch::NameDiffers {
                member: m.id.clone(),
                pilgrim: j,
            }),
            (None, _) => out.push(HajjMismatch::NotOnPilgrimList {
                member: m.id.clone(),
            }),
        }
    }
    for (j, taken) in p_taken.iter().enumerate() {
        if !taken {
            out.push(HajjMismatch::NotInDrive { pilgrim: j });
        }
    }
    (matched, out)
}

/// Writes rows as a CSV file a spreadsheet in Indonesia opens as it is: UTF-8 with a BOM (so
/// Excel reads it as UTF-8), `delimiter` between cells (`;` for Excel in an Indonesian locale),
/// cells quoted where needed, CRLF line ends.
pub fn write_table(header: &[String], rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to memory cannot fail.
        let _ = writer.write_record(header);
        for row in rows {
            let _ = writer.write_record(row);
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(2026, 12, 4);

    #[test]
    fn a_semicolon_list_saved_by_excel_with_a_bom_and_quotes() {
        let file = "\u{feff}Nama;Tanggal Lahir;NIK;Jenis;No HP;Alamat\r\n\
            \"SITI AMINAH, S.PD.\";17/05/1990;'3275015705900001;Baru;0812-3456-7890;\"Jl. Melati 5; RT 01\"\r\n\
            Ahmad Saputra;1 Mei 1985;3275010105850002;penggantian;;\"Kampung \"\"Baru\"\",\r\nBlok C\"\r\n\
            ;;;;;\r\n\
            Budi Santoso;17/05/1990;3275011705900003;baru;;\r\n";
        let rows = read_member_list(file.as_bytes(), DriveKind::Community, TODAY()).unwrap();
        assert_eq!(rows.len(), 3, "the blank row is skipped");
        let siti = rows[0].member.as_ref().unwrap();
        assert_eq!(siti.name.as_str(), "SITI AMINAH, S.PD.");
        assert_eq!(rows[0].number, 2);
        assert_eq!(siti.birth_date, d(1990, 5, 17));
        assert_eq!(siti.phone.as_ref().unwrap().as_str(), "+6281234567890");
        let ahmad = rows[1].member.as_ref().unwrap();
        assert_eq!(ahmad.application_kind, ApplicationKind::Renewal);
        assert_eq!(ahmad.birth_date, d(1985, 5, 1));
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[2].number, 6, "a line break inside quotes is one row");
        assert!(ahmad.phone.is_none());
    }

    #[test]
    fn commas_tabs_and_excels_sep_hint() {
        for file in [
            "nama,tanggal_lahir,nik\nBudi Santoso,1990-05-17,3275011705900001\n",
            "nama\ttanggal_lahir\tnik\nBudi Santoso\t17.05.1990\t3275011705900001\n",
            "sep=,\nnama,tanggal_lahir,nik\nBudi Santoso,17-05-1990,3275011705900001\n",
        ] {
            let rows = read_member_list(file.as_bytes(), DriveKind::School, TODAY()).unwrap();
            let m = rows[0].member.as_ref().unwrap();
            assert_eq!(m.name.as_str(), "BUDI SANTOSO", "{file}");
            assert_eq!(m.application_kind, ApplicationKind::New);
        }
        let hinted = "sep=,\nnama,tanggal_lahir,nik\nBudi Santoso,17-05-1990,3275011705900001\n";
        let rows = read_member_list(hinted.as_bytes(), DriveKind::School, TODAY()).unwrap();
        assert_eq!(rows[0].number, 3, "rows count from the file's first line");
    }

    #[test]
    fn every_fault_of_a_row_is_named() {
        let file = "nama;tanggal_lahir;nik;jenis\n\
            Ali;31/02/1990;3,27501E+15;entah\n\
            Siti Rahma;17/05/1990;3275011805900001;baru\n";
        let rows = read_member_list(file.as_bytes(), DriveKind::Hajj, TODAY()).unwrap();
        let faults = rows[0].member.as_ref().unwrap_err();
        let fields: Vec<_> = faults.iter().map(|f| (f.field, f.error.clone())).collect();
        assert_eq!(
            fields,
            vec![
                (MemberField::Name, DomainError::HajjNameTooShort),
                (MemberField::BirthDate, DomainError::InvalidBirthDate),
                (MemberField::Nik, DomainError::NikSpreadsheetNumber),
                (
                    MemberField::ApplicationKind,
                    DomainError::InvalidApplicationKind
                ),
            ]
        );
        let second = rows[1].member.as_ref().unwrap_err();
        assert_eq!(
            second.iter().map(|f| f.error.clone()).collect::<Vec<_>>(),
            vec![
                DomainError::HajjNameTooShort,
                DomainError::NikBirthDateMismatch
            ]
        );
    }

    #[test]
    fn files_that_are_not_lists() {
        let cols = [Column::Name, Column::BirthDate, Column::Nik];
        assert_eq!(
            read_table(b"nama;nik\nBudi;1\n", &cols, &[]).unwrap_err(),
            DomainError::CsvMissingColumn {
                column: "tanggal_lahir".into()
            }
        );
        assert_eq!(
            read_table(b"", &cols, &[]).unwrap_err(),
            DomainError::CsvEmpty
        );
        assert_eq!(
            read_table(b"nama;tanggal_lahir;nik\n", &cols, &[]).unwrap_err(),
            DomainError::CsvEmpty
        );
        // "SÏTI" in Windows-1252, and UTF-16 with its BOM.
        assert_eq!(
            read_table(b"nama;tanggal_lahir;nik\nS\xCFTI;1;2\n", &cols, &[]).unwrap_err(),
            DomainError::CsvNotUtf8
        );
        assert_eq!(
            read_table(b"\xFF\xFEn\0a\0", &cols, &[]).unwrap_err(),
            DomainError::CsvNotUtf8
        );
        let many = format!(
            "nama;tanggal_lahir;nik\n{}",
            "Budi;1990-01-01;1\n".repeat(MAX_LIST_ROWS + 1)
        );
        assert_eq!(
            read_table(many.as_bytes(), &cols, &[]).unwrap_err(),
            DomainError::CsvTooManyRows { max: MAX_LIST_ROWS }
        );
    }

    #[test]
    fn dates_as_spreadsheets_write_them() {
        for (text, want) in [
            ("17/05/1990", d(1990, 5, 17)),
            ("5/17/1990", d(1990, 5, 17)),
            ("17 Agustus 1945", d(1945, 8, 17)),
            ("01-Des-2000", d(2000, 12, 1)),
            ("33010", d(1990, 5, 17)),
            ("1990-05-17", d(1990, 5, 17)),
        ] {
            assert_eq!(parse_list_date(text), Ok(want), "{text}");
        }
        for text in ["", "17/05/90", "32/01/1990", "kemarin", "1990/05"] {
            assert!(parse_list_date(text).is_err(), "{text}");
        }
    }

    #[test]
    fn export_reads_back_in_excel_style() {
        let header = vec!["Nama".to_string(), "Catatan".to_string()];
        let rows = vec![vec!["SITI; AMINAH".to_string(), "kata \"ibu\"".to_string()]];
        let bytes = write_table(&header, &rows, b';');
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "Nama;Catatan\r\n\"SITI; AMINAH\";\"kata \"\"ibu\"\"\"\r\n"
        );
    }

    #[test]
    fn hajj_lists_are_compared_person_by_person() {
        let member = |id: u32, name: &str, birth| DriveEntry {
            id,
            name: name.into(),
            birth_date: birth,
        };
        let pilgrim = |name: &str, birth, portion: &str| PilgrimRow {
            number: 0,
            name: name.into(),
            birth_date: birth,
            portion_number: portion.into(),
        };
        let members = vec![
            member(1, "SITI AMINAH BINTI ALI", d(1960, 1, 2)),
            member(2, "ABDUL-RAHMAN BIN JA'FAR", d(1955, 3, 4)),
            member(3, "MUHAMMAD YUSUF HASAN", d(1958, 7, 8)),
            member(4, "NUR HALIMAH SARI", d(1962, 9, 10)),
            member(5, "AHMAD DAHLAN HARAHAP", d(1950, 1, 1)),
        ];
        let pilgrims = vec![
            pilgrim("Siti Aminah binti Ali", d(1960, 1, 2), "3000123456"),
            pilgrim("Abdul Rahman bin Jafar", d(1955, 3, 4), "3000123457"),
            pilgrim("MUHAMMAD YUSUF HASAN", d(1958, 8, 7), "3000123458"),
            pilgrim("NUR HALIMAH SARIE", d(1962, 9, 10), "3000123459"),
            pilgrim("BAMBANG SUTRISNO WIJAYA", d(1957, 2, 2), "3000123460"),
        ];
        let (matched, mismatches) = compare_hajj(&members, &pilgrims);
        assert_eq!(matched, 2, "case, hyphens and apostrophes do not differ");
        assert_eq!(
            mismatches,
            vec![
                HajjMismatch::BirthDateDiffers {
                    member: 3,
                    pilgrim: 2
                },
                HajjMismatch::NameDiffers {
                    member: 4,
                    pilgrim: 3
                },
                HajjMismatch::NotOnPilgrimList { member: 5 },
                HajjMismatch::NotInDrive { pilgrim: 4 },
            ]
        );
    }

    #[test]
    fn comparable_names_drop_only_what_does_not_matter() {
        assert_eq!(
            comparable_name("  Abdul-Rahman  bin Ja'far "),
            "ABDUL RAHMAN BIN JAFAR"
        );
        assert_eq!(comparable_name("André"), "ANDRE");
        assert_ne!(
            comparable_name("SITI AMINAH"),
            comparable_name("SITI AMINA")
        );
    }

    #[test]
    fn pilgrim_lists_report_bad_rows() {
        let file = "Nama Jemaah,Tanggal Lahir,Nomor Porsi\nSiti Aminah Binti Ali,02/01/1960,'3000123456\n,1960-13-01,\n";
        let rows = read_pilgrim_list(file.as_bytes()).unwrap();
        assert_eq!(rows[0].as_ref().unwrap().portion_number, "3000123456");
        let (number, faults) = rows[1].as_ref().unwrap_err();
        assert_eq!(*number, 3);
        assert_eq!(faults.len(), 3);
    }
}
