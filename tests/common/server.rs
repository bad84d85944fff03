//! A small HTTP/1.1 server on 127.0.0.1 for the downloader's tests: it
//! serves what each test routes to it, records every request, and stops by
//! itself (when dropped, or after two minutes). Nothing leaves the machine.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the test server answers for a path.
#[derive(Clone)]
pub enum Route {
    /// 200 with an ETag, or 304 when the client sends it back.
    Zip { bytes: Arc<Vec<u8>>, etag: String },
    /// A bare status.
    Status(u16),
    /// `n` answers of a status, then the route.
    FailThen(u32, u16, Box<Route>),
    /// Announces the whole body, sends `at` bytes and closes.
    Truncate(Arc<Vec<u8>>, usize),
    /// Sends 100 bytes, then stalls for the delay.
    Slow(Arc<Vec<u8>>, Duration),
    /// 200 with any body (an HTML page).
    Raw(&'static str),
    /// Announces the whole body and sends one byte per interval.
    Drip(Arc<Vec<u8>>, Duration),
    /// `n` answers of 429 with `Retry-After: secs`, then the route.
    TooMany(u32, u64, Box<Route>),
    /// 302 to this location.
    Redirect(String),
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    /// (path, If-None-Match) of every request.
    log: Vec<(String, Option<String>)>,
}

/// A small HTTP/1.1 server on 127.0.0.1: one thread per connection,
/// `Connection: close`, stops when dropped or after two minutes.
pub struct Server {
    pub base: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}/history/", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !st.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((conn, _)) => {
                        let s = s.clone();
                        std::thread::spawn(move || handle(conn, &s));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, state, stop }
    }

    pub fn route(&self, name: &str, route: Route) {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(format!("/history/{name}"), route);
    }

    pub fn requests(&self) -> Vec<(String, Option<String>)> {
        self.state.lock().unwrap().log.clone()
    }

    pub fn requests_for(&self, name: &str) -> usize {
        let path = format!("/history/{name}");
        self.requests().iter().filter(|(p, _)| *p == path).count()
    }

    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Reads a request's path and headers; `header(name)` finds one (any case).
pub fn read_request(conn: &TcpStream) -> Option<(String, impl Fn(&str) -> Option<String> + use<>)> {
    conn.set_read_timeout(Some(Duration::from_secs(5))).ok();
    conn.set_nonblocking(false).ok();
    let mut reader = BufReader::new(conn.try_clone().ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let header = move |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    Some((path, header))
}

fn handle(conn: TcpStream, state: &Mutex<State>) {
    let Some((path, header)) = read_request(&conn) else {
        return;
    };
    let if_none_match = header("if-none-match");
    let route = {
        let mut st = state.lock().unwrap();
        st.log.push((path.clone(), if_none_match.clone()));
        let route = st.routes.get(&path).cloned();
        // Count down a FailThen or TooMany.
        if let Some(Route::FailThen(n, code, then)) = &route {
            let next = if *n > 1 {
                Route::FailThen(n - 1, *code, then.clone())
            } else {
                (**then).clone()
            };
            st.routes.insert(path.clone(), next);
        }
        if let Some(Route::TooMany(n, secs, then)) = &route {
            let next = if *n > 1 {
                Route::TooMany(n - 1, *secs, then.clone())
            } else {
                (**then).clone()
            };
            st.routes.insert(path.clone(), next);
        }
        route.unwrap_or(Route::Status(404))
    };
    let mut out = conn;
    let head = |status: &str, len: usize, extra: &str| {
        format!("HTTP/1.1 {status}\r\nContent-Length: {len}\r\nConnection: close\r\n{extra}\r\n")
    };
    let _ = match route {
        Route::Zip { bytes, etag } => {
            if if_none_match.as_deref() == Some(etag.as_str()) {
                out.write_all(head("304 Not Modified", 0, &format!("ETag: {etag}\r\n")).as_bytes())
            } else {
                out.write_all(
                    head(
                        "200 OK",
                        bytes.len(),
                        &format!("ETag: {etag}\r\nContent-Type: application/zip\r\n"),
                    )
                    .as_bytes(),
                )
                .and_then(|_| out.write_all(&bytes))
            }
        }
        Route::Status(code) | Route::FailThen(_, code, _) => out
            .write_all(head(&format!("{code} Status"), 5, "").as_bytes())
            .and_then(|_| out.write_all(b"error")),
        Route::Truncate(bytes, at) => out
            .write_all(head("200 OK", bytes.len(), "").as_bytes())
            .and_then(|_| out.write_all(&bytes[..at])),
        Route::Slow(bytes, delay) => out
            .write_all(head("200 OK", bytes.len(), "").as_bytes())
            .and_then(|_| out.write_all(&bytes[..100]))
            .and_then(|_| out.flush())
            .map(|_| std::thread::sleep(delay))
            .and_then(|_| out.write_all(&bytes[100..])),
        Route::Drip(bytes, every) => {
            let mut result = out.write_all(head("200 OK", bytes.len(), "").as_bytes());
            for b in bytes.iter() {
                if result.is_err() {
                    break;
                }
                std::thread::sleep(every);
                result = out.write_all(&[*b]).and_then(|_| out.flush());
            }
            result
        }
        Route::TooMany(_, secs, _) => out
            .write_all(
                head(
                    "429 Too Many Requests",
                    4,
                    &format!("Retry-After: {secs}\r\n"),
                )
                .as_bytes(),
            )
            .and_then(|_| out.write_all(b"slow")),
        Route::Redirect(location) => {
            out.write_all(head("302 Found", 0, &format!("Location: {location}\r\n")).as_bytes())
        }
        Route::Raw(body) => out
            .write_all(head("200 OK", body.len(), "Content-Type: text/html\r\n").as_bytes())
            .and_then(|_| out.write_all(body.as_bytes())),
    };
    let _ = out.flush();
}
