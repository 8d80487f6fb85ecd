//! Reading records files into a table of text cells: workbooks (.xlsx, .xls,
//! .ods), CSV as spreadsheets export it (any delimiter, UTF-8 with or without
//! BOM, UTF-16, Windows-1252), TOML (`[[participant]]`) and JSON (an array of
//! objects). In a sheet or CSV file, title rows above the header row are
//! skipped, and so are blank rows.
//!
//! This stage knows nothing about what the columns mean; `check` does.

use std::path::{Path, PathBuf};

use crate::problem::{Place, Problem, Problems, RowWord};

pub mod decode;
mod delimited;
mod sheet;
pub mod shown;

pub use delimited::delimiter_name;

/// The largest records file intyg reads: a million participants fit in a
/// fifth of it.
pub const MAX_FILE_BYTES: u64 = 512 << 20;
/// The most characters in one cell, as in Excel.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most columns, as in Excel.
pub const MAX_COLUMNS: usize = 16_384;
/// The longest line of a CSV file, far above any real record: a file with
/// no line breaks is refused before it is split into cells.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// What `[columns] unused` maps a column to: no header means it.
pub const UNUSED: &str = "\u{1}unused";

/// A records file read into rows of text cells aligned with the headers.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Column headers, as written.
    pub headers: Vec<String>,
    /// The data rows (blank rows left out).
    pub rows: Vec<Row>,
    /// What a row number counts: "row" for spreadsheets, "entry" for TOML/JSON.
    pub row_word: RowWord,
    /// Spreadsheet column letters are shown for CSV files.
    pub has_letters: bool,
    /// The encoding a text file was read as (`None` for a workbook).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Whether a byte order mark named the encoding.
    pub bom: bool,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// The header row's number (1 unless title rows are above it).
    pub header_row: usize,
    /// How many rows with text above the header row were taken as titles.
    pub title_rows: usize,
    /// The delimiter of a CSV file.
    pub delimiter: Option<u8>,
    /// What a column means when `[columns]` in intyg.toml maps its header
    /// (by column), as a header intyg knows; empty when nothing is mapped.
    /// An empty string marks a column whose own header `[columns]` gave to
    /// another column.
    pub mapped: Vec<Option<String>>,
    /// Data rows the workbook hides or filters out, as it numbers them.
    pub hidden_rows: Vec<usize>,
    /// Columns the workbook hides (A = 0).
    pub hidden_columns: Vec<usize>,
    /// What intyg decided in reading the file that the columns alone do
    /// not show, for "how intyg read the file" (names read surname first,
    /// hidden rows left out).
    pub notes: Vec<String>,
}

/// How to read a records file beyond what its name says.
#[derive(Clone, Copy)]
pub struct ReadOptions<'a> {
    /// The sheet of a workbook to read [default: the first].
    pub sheet: Option<&'a str>,
    /// The header row as the spreadsheet numbers it [default: found].
    pub header_row: Option<usize>,
    /// Whether a header names a column intyg knows: the header row is the
    /// first row with such a header (title rows above it are skipped).
    pub is_header: &'a dyn Fn(&str) -> bool,
}

impl Default for ReadOptions<'_> {
    fn default() -> Self {
        ReadOptions { sheet: None, header_row: None, is_header: &|_| false }
    }
}

/// One record.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row number as a spreadsheet shows it (header = 1), or the entry
    /// number (first = 1) in TOML/JSON.
    pub number: usize,
    /// One cell per header; lists are joined with `|`.
    pub cells: Vec<String>,
}

impl Row {
    /// Whether every cell is empty: a blank row, which is skipped.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

impl Table {
    /// An empty table of `path` (of `sheet`, in a workbook), rows numbered
    /// as a spreadsheet numbers them, for [`with_header`] to fill.
    fn sheet(path: &Path, sheet: Option<String>) -> Table {
        Table {
            path: path.to_path_buf(),
            headers: Vec::new(),
            rows: Vec::new(),
            row_word: RowWord::Row,
            has_letters: true,
            encoding: None,
            bom: false,
            sheet,
            mapped: Vec::new(),
            header_row: 1,
            title_rows: 0,
            delimiter: None,
            hidden_rows: Vec::new(),
            hidden_columns: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// How the file was read, for a person: the sheet of a workbook, or
    /// the encoding of a text file as the program that saved it names it.
    pub fn read_as(&self) -> String {
        match (&self.sheet, self.encoding) {
            (Some(sheet), _) => tr!("sheet \"{sheet}\"", "bladet \"{sheet}\""),
            (None, Some(e)) => decode::describe(e, self.bom),
            (None, None) => String::new(),
        }
    }

    /// Whether `[columns] unused` leaves column `c` out: it is not shown,
    /// checked or passed on.
    pub fn unused(&self, c: usize) -> bool {
        self.mapped.get(c).and_then(Option::as_deref) == Some(UNUSED)
    }

    /// The header that says what column `c` means: the one `[columns]`
    /// maps it to, or its own.
    pub fn meaning(&self, c: usize) -> &str {
        self.mapped.get(c).and_then(Option::as_deref).unwrap_or(&self.headers[c])
    }

    /// Where a cell is, for a problem.
    pub fn place(&self, row: usize, col: Option<usize>) -> Place {
        let place = Place { sheet: self.sheet.clone(), ..Place::row(&self.path, row, self.row_word) };
        match col {
            Some(c) if self.has_letters => place.column(format!("{} ({})", self.headers[c], column_letter(c))),
            Some(c) => place.column(self.headers[c].clone()),
            None => place,
        }
    }
}

/// `0 → A`, `25 → Z`, `26 → AA`, as spreadsheets name columns.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a records file by its extension (or its content, for other names).
pub fn read(path: &Path) -> Result<Table, Problems> {
    read_with(path, &ReadOptions::default())
}

/// Reads a records file as [`read`] does, with `options` for sheets and
/// header rows.
pub fn read_with(path: &Path, options: &ReadOptions) -> Result<Table, Problems> {
    let fail = |message: String, hint: String| Problems(vec![Problem::error(Place::file(path), message).hint(hint)]);
    let bytes = match crate::files::read_at_most(path, MAX_FILE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => {
            let mb = MAX_FILE_BYTES >> 20;
            return Err(fail(
                tr!("the records file is larger than {mb} MB", "listan är större än {mb} MB"),
                tr!(
                    "check that this is the records file; split a larger batch into several files",
                    "kontrollera att det är rätt lista; dela en större omgång på flera filer"
                ),
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(fail(
                tr!("records file not found", "listan finns inte"),
                tr!(
                    "set `records = \"…\"` in intyg.toml, or name the file with --records FILE",
                    "ange `records = \"…\"` i intyg.toml, eller namnge filen med --records FIL"
                ),
            ));
        }
        Err(e) => {
            return Err(fail(
                tr!("cannot read the records file: {e}", "listan kan inte läsas: {e}"),
                tr!("check the file's permissions", "kontrollera filens behörigheter"),
            ));
        }
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if ext == "numbers" {
        return Err(fail(
            tr!("intyg cannot read Numbers files", "intyg kan inte läsa Numbers-filer"),
            tr!(
                "export the sheet from Numbers as .xlsx or CSV and point intyg at that file",
                "exportera bladet från Numbers som .xlsx eller CSV och peka intyg på den filen"
            ),
        ));
    }
    // A workbook by its name or by its first bytes: a zip (.xlsx, .ods) or
    // an Office 97–2003 file (.xls) saved under another name.
    if matches!(ext.as_str(), "xlsx" | "xls" | "xlsm" | "xlsb" | "ods")
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    {
        let table = sheet::read(path, &bytes, options)?;
        return if table.rows.is_empty() { Err(no_records(path)) } else { Ok(table) };
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail(
            tr!("the records file is empty", "listan är tom"),
            tr!("export the sheet again, with its header row", "exportera bladet igen, med rubrikraden"),
        ));
    }
    let decoded = decode::decode(&bytes).map_err(|e| not_text(path, e))?;
    let text = decoded.text;
    let table = match ext.as_str() {
        "toml" => from_toml(path, &text),
        "json" => from_json(path, &text),
        "csv" | "tsv" | "txt" | "tab" => delimited::read(path, &text, options),
        _ => {
            let t = text.trim_start();
            if t.starts_with('[') && !t.starts_with("[[") || t.starts_with('{') {
                from_json(path, &text)
            } else if t.starts_with("[[") {
                from_toml(path, &text)
            } else if t.lines().next().is_some_and(|l| l.contains([';', ',', '\t'])) {
                delimited::read(path, &text, options)
            } else {
                return Err(fail(
                    tr!("the records file is not CSV, TOML or JSON", "listan är varken CSV, TOML eller JSON"),
                    tr!(
                        "give the file a .csv, .toml or .json name and that content",
                        "ge filen ändelsen .csv, .toml eller .json och motsvarande innehåll"
                    ),
                ));
            }
        }
    }?;
    let mut table = table;
    table.encoding = Some(decoded.encoding);
    table.bom = decoded.bom;
    if table.rows.is_empty() {
        return Err(no_records(path));
    }
    Ok(table)
}

/// The one problem of a file that cannot be read as text.
fn not_text(path: &Path, e: decode::NotText) -> Problems {
    let list = |lines: &[usize]| (RowWord::Row.count(lines.len()), crate::problem::numbers(lines));
    let problem = match e {
        decode::NotText::Mixed(lines) => {
            let (rows, list) = list(&lines);
            Problem::error(
                Place::file(path),
                tr!(
                    "the file is UTF-8, but {rows} {list} hold characters in another encoding (pasted from a file saved as plain CSV?)",
                    "filen är UTF-8, men {rows} {list} har tecken i en annan kodning (inklistrade från en fil sparad som vanlig CSV?)"
                ),
            )
            .hint(tr!(
                "open the file in Excel or LibreOffice, correct the names on those rows and save as \"CSV UTF-8\"",
                "öppna filen i Excel eller LibreOffice, rätta namnen på de raderna och spara som \"CSV UTF-8\""
            ))
        }
        decode::NotText::Undecidable(lines, other) => {
            let (rows, list) = list(&lines);
            let message = match other {
                Some(other) => tr!(
                    "intyg cannot tell which encoding the file was saved in: {rows} {list} read as letters both in Windows-1252 and in {other}",
                    "intyg kan inte avgöra vilken kodning filen sparades i: {rows} {list} blir bokstäver både i Windows-1252 och i {other}"
                ),
                None => tr!(
                    "intyg cannot tell which encoding the file was saved in: {rows} {list} read as symbols in every encoding it knows",
                    "intyg kan inte avgöra vilken kodning filen sparades i: {rows} {list} blir tecken som inte är bokstäver i alla kodningar intyg känner till"
                ),
            };
            Problem::error(Place::file(path), message).hint(tr!(
                "open the file in Excel or LibreOffice and save it as \"CSV UTF-8\"",
                "öppna filen i Excel eller LibreOffice och spara den som \"CSV UTF-8\""
            ))
        }
        decode::NotText::Binary(en, sv) => {
            let what = if crate::locale::messages() == crate::locale::Lang::SV { sv } else { en };
            Problem::error(
                Place::file(path),
                tr!("the records file is {what}, not a spreadsheet", "listan är {what}, inte ett kalkylblad"),
            )
            .hint(tr!(
                "point intyg at the participants' sheet: in Excel or LibreOffice, save it as \"CSV UTF-8\" or .xlsx",
                "peka intyg på deltagarnas blad: spara det i Excel eller LibreOffice som \"CSV UTF-8\" eller .xlsx"
            ))
        }
    };
    Problems(vec![problem])
}

/// The first line longer than [`MAX_LINE_BYTES`], as a problem: a file
/// with no line breaks, or not text at all.
pub(crate) fn overlong_line(path: &Path, text: &str) -> Option<Problem> {
    let (i, line) = text.split('\n').enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES)?;
    let lang = crate::locale::messages();
    let mb = crate::locale::fixed(line.len() as f64 / f64::from(1 << 20), 1, lang);
    let max = MAX_LINE_BYTES >> 20;
    Some(
        Problem::error(
            Place::row(path, i + 1, RowWord::Line),
            tr!(
                "the line is {mb} MB long; a record's line holds at most {max} MB",
                "raden är {mb} MB lång; en posts rad rymmer högst {max} MB"
            ),
        )
        .hint(tr!(
            "export the sheet again as CSV, with one record a line",
            "exportera bladet igen som CSV, med en post per rad"
        )),
    )
}

/// Problems with cells past intyg's limits: more columns than
/// [`MAX_COLUMNS`], a cell longer than [`MAX_CELL_CHARS`]. `place` says
/// where a cell is, by its index.
fn cells_past_limits(cells: &[String], place: impl Fn(Option<usize>) -> Place, problems: &mut Problems) {
    let count = |n: usize| crate::locale::number(n as f64, 0, crate::locale::messages());
    if cells.len() > MAX_COLUMNS {
        let (n, max) = (count(cells.len()), count(MAX_COLUMNS));
        problems.push(
            Problem::error(
                place(None),
                tr!("{n} columns; intyg reads at most {max}", "{n} kolumner; intyg läser högst {max}"),
            )
            .hint(tr!(
                "check that this is the records file, and that it was exported with the right delimiter",
                "kontrollera att det är rätt lista, och att den exporterades med rätt avgränsare"
            )),
        );
        return;
    }
    for (c, cell) in cells.iter().enumerate() {
        // Bytes first: a cell within the limit in bytes is within it in characters.
        if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
            let (n, max) = (count(cell.chars().count()), count(MAX_CELL_CHARS));
            problems.push(
                Problem::error(
                    place(Some(c)),
                    tr!(
                        "the cell has {n} characters; a cell holds at most {max}",
                        "cellen har {n} tecken; en cell rymmer högst {max}"
                    ),
                )
                .hint(tr!(
                    "shorten the text (in CSV, a quote left open swallows the cells after it)",
                    "korta texten (i CSV slukar ett citattecken som inte stängs cellerna efter det)"
                )),
            );
        }
    }
}

fn no_records(path: &Path) -> Problems {
    Problems(vec![
        Problem::error(
            Place::file(path),
            tr!("the records file has a header but no records", "listan har en rubrikrad men inga rader"),
        )
        .hint(tr!(
            "add one row per participant below the header row",
            "lägg till en rad per deltagare under rubrikraden"
        )),
    ])
}

/// The index in `raw` of the header row: the row `options` names; else, of
/// the first 30 rows with text, the one naming the most columns intyg
/// knows (the first of equals), since title rows above a header hold a line
/// or two of text; else the first row with text. `None` when there is no
/// such row.
pub(crate) fn header_index(raw: &[Row], options: &ReadOptions) -> Option<usize> {
    if let Some(n) = options.header_row {
        return raw.iter().position(|r| r.number == n).filter(|&i| !raw[i].is_blank());
    }
    let filled: Vec<usize> = (0..raw.len()).filter(|&i| !raw[i].is_blank()).take(30).collect();
    let known = |i: usize| raw[i].cells.iter().filter(|c| (options.is_header)(c)).count();
    // Reversed, so that of equals the first wins (max_by_key keeps the last).
    match filled.iter().map(|&i| (known(i), i)).rev().max_by_key(|(n, _)| *n) {
        Some((n, i)) if n > 0 => Some(i),
        _ => filled.first().copied(),
    }
}

/// Makes `raw` rows of a sheet or CSV file into `table`'s headers and rows:
/// finds the header row (or takes the one `options` names), skips the title
/// rows above it and blank rows anywhere, drops empty columns at the right,
/// refuses rows that do not line up with the header (see
/// [`delimited::misaligned`], which reads `table.delimiter`), and gives
/// every other row one cell per column. `None` when there is no row at all.
fn with_header(mut table: Table, raw: Vec<Row>, options: &ReadOptions, problems: &mut Problems) -> Option<Table> {
    let Some(header_at) = header_index(&raw, options) else {
        if let Some(n) = options.header_row {
            problems.push(
                Problem::error(
                    table.place(n, None),
                    tr!("--header-row {n}: the row is empty", "--header-row {n}: raden är tom"),
                )
                .hint(tr!(
                    "give the row number the spreadsheet shows beside the header row",
                    "ange det radnummer som kalkylbladet visar bredvid rubrikraden"
                )),
            );
        }
        return None;
    };
    table.title_rows = raw[..header_at].iter().filter(|r| !r.is_blank()).count();
    let mut rows = raw.into_iter().skip(header_at);
    let header = rows.next()?;
    table.header_row = header.number;
    let mut headers = header.cells;
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    // Not table.place: the headers it names columns by are not set yet.
    let at_header = |c: Option<usize>| match c {
        Some(c) => table.place(header.number, None).column(column_letter(c)),
        None => table.place(header.number, None),
    };
    cells_past_limits(&headers, at_header, problems);
    if headers.len() > MAX_COLUMNS {
        return None;
    }
    table.headers = headers;
    let width = table.headers.len();
    for row in rows.filter(|r| !r.is_blank()) {
        cells_past_limits(&row.cells[..row.cells.len().min(width)], |c| table.place(row.number, c), problems);
        table.rows.push(row);
    }
    delimited::misaligned(&table, problems);
    for row in &mut table.rows {
        row.cells.truncate(width);
        row.cells.resize(width, String::new());
    }
    Some(table)
}

/// A scalar from TOML or JSON as cell text.
enum Scalar {
    Text(String),
    Nested,
}

fn from_objects<'a, V: 'a>(
    path: &Path,
    entries: impl Iterator<Item = Vec<(String, &'a V)>>,
    scalar: impl Fn(&V) -> Scalar,
) -> Result<Table, Problems> {
    let mut headers: Vec<String> = Vec::new();
    let mut raw: Vec<(usize, Vec<(usize, String)>)> = Vec::new();
    let mut problems = Problems::default();
    for (i, entry) in entries.enumerate() {
        let mut cells = Vec::new();
        for (key, value) in entry {
            let col = match headers.iter().position(|h| *h == key) {
                Some(c) => c,
                None => {
                    headers.push(key.clone());
                    headers.len() - 1
                }
            };
            match scalar(value) {
                Scalar::Text(t) => cells.push((col, t)),
                Scalar::Nested => problems.push(
                    Problem::error(
                        Place::row(path, i + 1, RowWord::Entry).column(key),
                        tr!("a nested table cannot be a field", "en nästlad tabell kan inte vara ett fält"),
                    )
                    .hint(tr!(
                        "write the value as text, a number, true/false or a list",
                        "skriv värdet som text, ett tal, true/false eller en lista"
                    )),
                ),
            }
        }
        raw.push((i + 1, cells));
    }
    if headers.len() > MAX_COLUMNS {
        cells_past_limits(&headers, |_| Place::file(path), &mut problems);
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let rows: Vec<Row> = raw
        .into_iter()
        .map(|(number, set)| {
            let mut cells = vec![String::new(); headers.len()];
            for (c, t) in set {
                cells[c] = t;
            }
            let place = |c: Option<usize>| match c {
                Some(c) => Place::row(path, number, RowWord::Entry).column(headers[c].clone()),
                None => Place::row(path, number, RowWord::Entry),
            };
            cells_past_limits(&cells, place, &mut problems);
            Row { number, cells }
        })
        .collect();
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Table {
        path: path.to_path_buf(),
        headers,
        rows,
        row_word: RowWord::Entry,
        has_letters: false,
        encoding: None,
        bom: false,
        sheet: None,
        mapped: Vec::new(),
        header_row: 1,
        title_rows: 0,
        delimiter: None,
        hidden_rows: Vec::new(),
        hidden_columns: Vec::new(),
        notes: Vec::new(),
    })
}

/// The entries of a TOML or JSON list as key–value pairs, each of which
/// `fields` makes from one item; an item that is no table is a problem
/// (`not_one` says what it is not), every such item reported.
fn entries<'a, V>(
    path: &Path,
    list: &'a [V],
    fields: impl Fn(&'a V) -> Option<Vec<(String, &'a V)>>,
    not_one: String,
) -> Result<Vec<Vec<(String, &'a V)>>, Problems> {
    let mut problems = Problems::default();
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        match fields(item) {
            Some(pairs) => out.push(pairs),
            None => problems.push(Problem::error(Place::row(path, i + 1, RowWord::Entry), not_one.clone())),
        }
    }
    if problems.has_errors() { Err(problems) } else { Ok(out) }
}

fn from_toml(path: &Path, text: &str) -> Result<Table, Problems> {
    let value: toml::Table = toml::from_str(text).map_err(|e| {
        let place = match e.span() {
            Some(s) => {
                let (l, c) = crate::problem::line_col(text, s.start);
                Place::line(path, l, c)
            }
            None => Place::file(path),
        };
        let why = e.message().trim();
        Problems(vec![Problem::error(place, tr!("not valid TOML: {why}", "inte giltig TOML: {why}"))])
    })?;
    let key =
        ["participant", "participants", "deltagare", "record", "records"].into_iter().find(|k| value.contains_key(*k));
    let Some(list) = key.and_then(|k| value[k].as_array()) else {
        return Err(Problems(vec![
            Problem::error(
                Place::file(path),
                tr!(
                    "no [[participant]] tables in this TOML file",
                    "inga [[participant]]-tabeller i den här TOML-filen"
                ),
            )
            .hint(tr!(
                "write one [[participant]] table per person, with keys such as name, email and day_1",
                "skriv en [[participant]]-tabell per person, med nycklar som name, email och day_1"
            )),
        ]));
    };
    let entries = entries(
        path,
        list,
        |item| Some(item.as_table()?.iter().map(|(k, v)| (k.clone(), v)).collect()),
        tr!("not a table", "inte en tabell"),
    )?;
    from_objects(path, entries.into_iter(), |v: &toml::Value| match v {
        toml::Value::String(s) => Scalar::Text(s.trim().to_owned()),
        toml::Value::Integer(n) => Scalar::Text(n.to_string()),
        toml::Value::Float(f) => Scalar::Text(f.to_string()),
        toml::Value::Boolean(b) => Scalar::Text(if *b { "ja" } else { "nej" }.into()),
        toml::Value::Datetime(d) => Scalar::Text(d.to_string()),
        toml::Value::Array(items) => Scalar::Text(
            items
                .iter()
                .map(|i| match i {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("|"),
        ),
        toml::Value::Table(_) => Scalar::Nested,
    })
}

fn from_json(path: &Path, text: &str) -> Result<Table, Problems> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Problems(vec![Problem::error(
            Place::line(path, e.line(), e.column()),
            tr!("not valid JSON: {e}", "inte giltig JSON: {e}"),
        )])
    })?;
    let list = match &value {
        serde_json::Value::Array(a) => Some(a),
        serde_json::Value::Object(o) => ["participants", "participant", "deltagare", "records"]
            .into_iter()
            .find_map(|k| o.get(k).and_then(|v| v.as_array())),
        _ => None,
    };
    let Some(list) = list else {
        return Err(Problems(vec![
            Problem::error(
                Place::file(path),
                tr!(
                    "expected an array of objects, one per participant",
                    "väntade en lista med objekt, ett per deltagare"
                ),
            )
            .hint(tr!(
                "write [{{\"name\": \"…\", \"email\": \"…\"}}, …]",
                "skriv [{{\"name\": \"…\", \"email\": \"…\"}}, …]"
            )),
        ]));
    };
    let entries = entries(
        path,
        list,
        |item| Some(item.as_object()?.iter().map(|(k, v)| (k.clone(), v)).collect()),
        tr!("not an object", "inte ett objekt"),
    )?;
    from_objects(path, entries.into_iter(), |v: &serde_json::Value| match v {
        serde_json::Value::Null => Scalar::Text(String::new()),
        serde_json::Value::String(s) => Scalar::Text(s.trim().to_owned()),
        serde_json::Value::Number(n) => Scalar::Text(n.to_string()),
        serde_json::Value::Bool(b) => Scalar::Text(if *b { "ja" } else { "nej" }.into()),
        serde_json::Value::Array(items) => Scalar::Text(
            items
                .iter()
                .map(|i| match i {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("|"),
        ),
        serde_json::Value::Object(_) => Scalar::Nested,
    })
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_as_the_sheet_and_blank_rows_skipped() {
        let dir = std::env::temp_dir().join(format!("intyg-rec-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("d.csv");
        std::fs::write(&p, "Namn;Dag 1\r\nÅsa;x\r\n;\r\n\"Per \"\"Pelle\"\" Ek\";\r\n").unwrap();
        let t = read(&p).unwrap();
        assert_eq!(t.headers, ["Namn", "Dag 1"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].number, 4);
        assert_eq!(t.rows[1].cells[0], "Per \"Pelle\" Ek");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
