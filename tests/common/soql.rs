//! A stand-in for CFTC's public-reporting API on 127.0.0.1: datasets of
//! JSON rows built by the tests from the real text files, answered to the
//! SoQL the client sends (`$where` with `in`, `>=`, `<=` and `upper(..)
//! like`, `$order` by date and id, `$limit`, `$offset`), with 429s and
//! slow bodies on demand. Independent of the crate: it parses SoQL itself
//! and takes the API's field names from FORMAT.md.

use std::collections::HashMap;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

pub type Row = Map<String, Value>;

#[derive(Default)]
pub struct State {
    pub datasets: HashMap<String, Vec<Row>>,
    /// (path and query, X-App-Token) of every request.
    pub log: Vec<(String, Option<String>)>,
    /// Bytes of the bodies sent.
    pub bytes_sent: u64,
    /// A directory served under `/history/` (a mirror of CFTC's archives).
    pub files: Option<std::path::PathBuf>,
}

pub struct Api {
    pub base: String,
    pub state: Arc<Mutex<State>>,
    /// Answer this many requests with 429 and `Retry-After: 1`.
    pub too_many: Arc<AtomicU32>,
    /// Stall this long after the first 100 bytes of each body.
    pub stall: Arc<Mutex<Option<Duration>>>,
    /// Answer 500 to everything.
    pub down: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Api {
    pub fn start() -> Api {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}/resource/", listener.local_addr().unwrap());
        let api = Api {
            base,
            state: Arc::default(),
            too_many: Arc::default(),
            stall: Arc::default(),
            down: Arc::default(),
            stop: Arc::default(),
        };
        let (state, too_many, stall, down, stop) = (
            api.state.clone(),
            api.too_many.clone(),
            api.stall.clone(),
            api.down.clone(),
            api.stop.clone(),
        );
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(300);
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((conn, _)) => {
                        let (s, t, w, d) =
                            (state.clone(), too_many.clone(), stall.clone(), down.clone());
                        std::thread::spawn(move || handle(conn, &s, &t, &w, &d));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        api
    }

    pub fn set(&self, dataset: &str, rows: Vec<Row>) {
        self.state
            .lock()
            .unwrap()
            .datasets
            .insert(dataset.into(), rows);
    }

    pub fn requests(&self) -> Vec<(String, Option<String>)> {
        self.state.lock().unwrap().log.clone()
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// A SoQL string literal at the start of `s`: its value and the rest.
fn literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start().strip_prefix('\'')?;
    let mut value = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().map(|(_, c)| *c) == Some('\'') {
                chars.next();
                value.push('\'');
            } else {
                return Some((value, &s[i + 1..]));
            }
        } else {
            value.push(c);
        }
    }
    None
}

type Predicate = Box<dyn Fn(&Row) -> bool>;

fn field<'a>(row: &'a Row, name: &str) -> &'a str {
    row.get(name).and_then(Value::as_str).unwrap_or("")
}

/// Parses the `$where` clauses the client writes; `Err` for anything else.
fn predicate(clause: &str) -> Result<Predicate, String> {
    let mut preds: Vec<Predicate> = Vec::new();
    let mut rest = clause.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("cftc_contract_market_code in (") {
            let mut codes = Vec::new();
            let mut r = r;
            loop {
                let (v, after) = literal(r).ok_or("bad code list")?;
                codes.push(v);
                let after = after.trim_start();
                if let Some(a) = after.strip_prefix(',') {
                    r = a;
                } else {
                    rest = after.strip_prefix(')').ok_or("unclosed list")?;
                    break;
                }
            }
            preds.push(Box::new(move |row| {
                codes
                    .iter()
                    .any(|c| c == field(row, "cftc_contract_market_code"))
            }));
        } else if let Some(r) = rest.strip_prefix("report_date_as_yyyy_mm_dd >= ") {
            let (v, after) = literal(r).ok_or("bad date")?;
            rest = after;
            preds.push(Box::new(move |row| {
                field(row, "report_date_as_yyyy_mm_dd") >= v.as_str()
            }));
        } else if let Some(r) = rest.strip_prefix("report_date_as_yyyy_mm_dd <= ") {
            let (v, after) = literal(r).ok_or("bad date")?;
            rest = after;
            preds.push(Box::new(move |row| {
                field(row, "report_date_as_yyyy_mm_dd") <= v.as_str()
            }));
        } else if let Some(r) = rest.strip_prefix("upper(market_and_exchange_names) like ") {
            let (v, after) = literal(r).ok_or("bad pattern")?;
            rest = after;
            let inner = v.trim_matches('%').to_string();
            preds.push(Box::new(move |row| {
                field(row, "market_and_exchange_names")
                    .to_uppercase()
                    .contains(&inner)
            }));
        } else {
            return Err(format!("unknown clause at {rest:?}"));
        }
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("AND ") {
            rest = r;
        } else if !rest.is_empty() {
            return Err(format!("expected AND at {rest:?}"));
        }
    }
    Ok(Box::new(move |row| preds.iter().all(|p| p(row))))
}

fn answer(state: &Mutex<State>, path: &str) -> (u16, Vec<u8>) {
    if let Some(name) = path.strip_prefix("/history/") {
        let dir = state.lock().unwrap().files.clone();
        return match dir.and_then(|d| std::fs::read(d.join(name)).ok()) {
            Some(bytes) if !name.contains("..") => (200, bytes),
            _ => (404, b"not found".to_vec()),
        };
    }
    let (resource, query) = path.split_once('?').unwrap_or((path, ""));
    let Some(id) = resource
        .strip_prefix("/resource/")
        .and_then(|r| r.strip_suffix(".json"))
    else {
        return (404, b"{\"error\":true}".to_vec());
    };
    let params: HashMap<String, String> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode_component(k), decode_component(v)))
        .collect();
    let st = state.lock().unwrap();
    let Some(rows) = st.datasets.get(id) else {
        return (
            404,
            b"{\"error\":true,\"message\":\"no such dataset\"}".to_vec(),
        );
    };
    let keep = match params.get("$where").map(|w| predicate(w)) {
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            return (
                400,
                format!("{{\"error\":true,\"message\":{e:?}}}").into_bytes(),
            );
        }
        None => Box::new(|_: &Row| true),
    };
    if params.get("$order").map(String::as_str) != Some("report_date_as_yyyy_mm_dd ASC,id ASC") {
        return (
            400,
            b"{\"error\":true,\"message\":\"unstable order\"}".to_vec(),
        );
    }
    let mut selected: Vec<&Row> = rows.iter().filter(|r| keep(r)).collect();
    selected.sort_by(|a, b| {
        (field(a, "report_date_as_yyyy_mm_dd"), field(a, "id"))
            .cmp(&(field(b, "report_date_as_yyyy_mm_dd"), field(b, "id")))
    });
    let limit: usize = params
        .get("$limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let offset: usize = params
        .get("$offset")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let page: Vec<&Row> = selected.into_iter().skip(offset).take(limit).collect();
    (200, serde_json::to_vec(&page).unwrap())
}

fn handle(
    conn: TcpStream,
    state: &Mutex<State>,
    too_many: &AtomicU32,
    stall: &Mutex<Option<Duration>>,
    down: &AtomicBool,
) {
    let Some((path, header)) = super::server::read_request(&conn) else {
        return;
    };
    let token = header("x-app-token");
    state.lock().unwrap().log.push((path.clone(), token));
    let mut out = conn;
    if down.load(Ordering::Relaxed) {
        let _ = out
            .write_all(b"HTTP/1.1 500 Down\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndown");
        return;
    }
    if too_many.load(Ordering::Relaxed) > 0 {
        too_many.fetch_sub(1, Ordering::Relaxed);
        let _ = out.write_all(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow");
        return;
    }
    let (status, body) = answer(state, &path);
    state.lock().unwrap().bytes_sent += body.len() as u64;
    let head = format!(
        "HTTP/1.1 {status} S\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let stall = *stall.lock().unwrap();
    let _ = out.write_all(head.as_bytes()).and_then(|_| match stall {
        Some(d) if body.len() > 100 => {
            out.write_all(&body[..100])?;
            out.flush()?;
            std::thread::sleep(d);
            out.write_all(&body[100..])
        }
        _ => out.write_all(&body),
    });
    let _ = out.flush();
}

/// The API's field names by text column (1-based), from FORMAT.md's tables
/// of sections 1.1 (legacy) and 2.1 (TFF).
pub fn format_md_fields(data: &Path, legacy: bool) -> HashMap<usize, String> {
    let text = std::fs::read_to_string(data.join("FORMAT.md")).unwrap();
    let (start, end) = if legacy {
        ("### 1.1", "### 1.2")
    } else {
        ("### 2.1", "### 2.2")
    };
    let section = &text[text.find(start).unwrap()..text.find(end).unwrap()];
    let mut out = HashMap::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() >= 5
            && let Ok(n) = cells[1].parse::<usize>()
            && cells[3].starts_with('`')
        {
            out.insert(n, cells[3].trim_matches('`').to_string());
        }
    }
    out
}

/// The rows of a CFTC text file as the API would send them: values as
/// strings without padding, `.` left out, the date as a timestamp, the
/// region as a city, the `id`, and two of the API's extra fields.
pub fn api_rows(data: &Path, file: &Path, legacy: bool) -> Vec<Row> {
    let names = format_md_fields(data, legacy);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_path(file)
        .unwrap();
    let width = reader.byte_headers().unwrap().len();
    let mut out = Vec::new();
    for rec in reader.byte_records() {
        let rec = rec.unwrap();
        // A damaged row (the modified 2020 TFF file has some) is left out,
        // as a lenient reader of the file leaves it out.
        if rec.len() != width {
            continue;
        }
        let get = |i: usize| {
            String::from_utf8_lossy(rec.get(i).unwrap_or_default())
                .trim()
                .to_string()
        };
        let mut row = Row::new();
        let s = |v: String| Value::String(v);
        let date = get(2);
        let scope = if legacy {
            "FutOnly".to_string()
        } else {
            get(86)
        };
        let code = get(3);
        let yymmdd = get(1);
        row.insert(
            "id".into(),
            s(format!(
                "{yymmdd}{code}{}",
                if scope == "FutOnly" { 'F' } else { 'C' }
            )),
        );
        row.insert("market_and_exchange_names".into(), s(get(0)));
        row.insert(
            "report_date_as_yyyy_mm_dd".into(),
            s(format!("{date}T00:00:00.000")),
        );
        row.insert(
            "contract_market_name".into(),
            s(get(0)
                .rsplit_once(" - ")
                .map_or(get(0), |(a, _)| a.trim().to_string())),
        );
        row.insert("cftc_contract_market_code".into(), s(code));
        // The API keeps CFTC's padding of these two.
        row.insert(
            "cftc_market_code".into(),
            s(String::from_utf8_lossy(rec.get(4).unwrap()).to_string()),
        );
        row.insert(
            "cftc_commodity_code".into(),
            s(String::from_utf8_lossy(rec.get(6).unwrap()).to_string()),
        );
        let region = match get(5).as_str() {
            "00" => "CHI".to_string(),
            "01" => "NYC".to_string(),
            other => other.to_string(),
        };
        row.insert("cftc_region_code".into(), s(region));
        for (n, name) in &names {
            let v = get(n - 1);
            if v != "." && !v.is_empty() {
                row.insert(name.clone(), s(v));
            }
        }
        let units = if legacy { 125 } else { 81 };
        row.insert("contract_units".into(), s(get(units)));
        if !legacy {
            row.insert("cftc_subgroup_code".into(), s(get(85)));
        }
        row.insert("futonly_or_combined".into(), s(scope));
        out.push(row);
    }
    out
}
