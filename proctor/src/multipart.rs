//! Multipart native callbacks (docs/proctoring.md, "Multipart evidence"), pure: splitting an
//! already VERIFIED `multipart/form-data` body into its parts under [`MultipartLimits`]. The
//! signature covers the raw body bytes exactly as for a JSON callback; nothing here runs
//! before it was checked.
//!
//! The scheme: the first part is named `events` and holds the native JSON batch; every further
//! part is a snapshot named by the batch, an evidence entry `part:<name>` referring to the
//! part of that name. A part no event refers to, or a reference to no part, is refused.

use thiserror::Error;

/// Bounds on a multipart callback, checked while splitting (nothing is copied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MultipartLimits {
    /// Parts in all, the `events` part included: a batch's snapshots.
    pub max_parts: usize,
    /// Bytes of one part's content (a snapshot: `EvidenceLimits::default().max_bytes`).
    pub max_part_bytes: usize,
    /// Bytes of one part's header block.
    pub max_header_bytes: usize,
}

impl Default for MultipartLimits {
    /// 17 parts (the batch and 16 snapshots), 4 MiB a part, 8 KiB of headers a part; the whole
    /// body is bounded by `verify::MAX_BODY_BYTES` (6 MiB) before it is read.
    fn default() -> Self {
        MultipartLimits {
            max_parts: 17,
            max_part_bytes: 4 * 1024 * 1024,
            max_header_bytes: 8 * 1024,
        }
    }
}

/// One part: its form name, its declared content type, and its bytes (a slice of the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    pub content_type: Option<String>,
    pub data: &'a [u8],
}

/// Why a multipart body was refused; `part` names the part at fault (`part:<name>` as the
/// batch refers to it, or `parts[i]` before its name was read) or `body` for the whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{part}: {reason}")]
pub struct MultipartError {
    pub part: String,
    pub reason: String,
    /// 413 for a part over its byte limit, else 422.
    pub too_large: bool,
}

impl MultipartError {
    fn new(part: impl Into<String>, reason: impl Into<String>) -> MultipartError {
        MultipartError {
            part: part.into(),
            reason: reason.into(),
            too_large: false,
        }
    }

    /// The HTTP status the server answers with.
    pub fn status_hint(&self) -> u16 {
        if self.too_large { 413 } else { 422 }
    }
}

/// The boundary of a `multipart/form-data` content type, or None for any other type.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        (1..=70).contains(&value.len()).then(|| value.to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The parts of `body` (RFC 7578), in order, each under `limits`; names unique.
pub fn split<'a>(
    body: &'a [u8],
    boundary: &str,
    limits: &MultipartLimits,
) -> Result<Vec<Part<'a>>, MultipartError> {
    let dash = format!("--{boundary}");
    let delimiter = format!("\r\n--{boundary}");
    // A preamble before the first boundary is allowed and ignored.
    let mut at = if body.starts_with(dash.as_bytes()) {
        dash.len()
    } else {
        find(body, delimiter.as_bytes())
            .map(|i| i + delimiter.len())
            .ok_or_else(|| MultipartError::new("body", "no multipart boundary found"))?
    };
    let mut parts: Vec<Part<'a>> = Vec::new();
    loop {
        let rest = &body[at..];
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let index = parts.len();
        let label = format!("parts[{index}]");
        if index == limits.max_parts {
            return Err(MultipartError::new(
                label,
                format!("more than {} parts", limits.max_parts),
            ));
        }
        // Transport padding after a boundary, then CRLF.
        let rest = skip_padding(rest);
        let rest = rest
            .strip_prefix(b"\r\n")
            .ok_or_else(|| MultipartError::new(&label, "a boundary is not followed by CRLF"))?;
        let header_end = find(rest, b"\r\n\r\n")
            .filter(|end| *end <= limits.max_header_bytes)
            .ok_or_else(|| {
                MultipartError::new(
                    &label,
                    format!("headers missing or over {} bytes", limits.max_header_bytes),
                )
            })?;
        let headers = std::str::from_utf8(&rest[..header_end])
            .map_err(|_| MultipartError::new(&label, "headers are not UTF-8"))?;
        let (name, content_type) =
            part_headers(headers).map_err(|r| MultipartError::new(&label, r))?;
        let label = format!("part:{name}");
        if parts.iter().any(|p| p.name == name) {
            return Err(MultipartError::new(label, "a second part of this name"));
        }
        let content = &rest[header_end + 4..];
        let end = find(content, delimiter.as_bytes())
            .ok_or_else(|| MultipartError::new(&label, "the part is not closed by a boundary"))?;
        if end > limits.max_part_bytes {
            return Err(MultipartError {
                part: label,
                reason: format!(
                    "{end} bytes, over the {}-byte limit of a part",
                    limits.max_part_bytes
                ),
                too_large: true,
            });
        }
        parts.push(Part {
            name,
            content_type,
            data: &content[..end],
        });
        // Offset of the byte after this part's closing delimiter.
        at = body.len() - content.len() + end + delimiter.len();
    }
}

/// `bytes` past any leading spaces and tabs (RFC 2046's transport padding).
fn skip_padding(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    &bytes[skip..]
}

/// The form name (from `Content-Disposition: form-data; name="..."`) and the content type.
fn part_headers(headers: &str) -> Result<(String, Option<String>), String> {
    let (mut name, mut content_type) = (None, None);
    for line in headers.split("\r\n") {
        let Some((field, value)) = line.split_once(':') else {
            return Err(format!("malformed header line {line:?}"));
        };
        let value = value.trim();
        if field.trim().eq_ignore_ascii_case("content-disposition") {
            let mut params = value.split(';');
            if !params
                .next()
                .is_some_and(|d| d.trim().eq_ignore_ascii_case("form-data"))
            {
                return Err("Content-Disposition is not form-data".to_owned());
            }
            for p in params {
                if let Some((k, v)) = p.trim().split_once('=')
                    && k.trim().eq_ignore_ascii_case("name")
                {
                    let v = v.trim();
                    name = Some(
                        v.strip_prefix('"')
                            .and_then(|v| v.strip_suffix('"'))
                            .unwrap_or(v)
                            .to_owned(),
                    );
                }
            }
        } else if field.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.to_ascii_lowercase());
        }
    }
    let name = name.ok_or("no Content-Disposition name")?;
    let ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !ok {
        return Err(format!(
            "part name {name:?}: 1-64 characters of a-z, A-Z, 0-9, '-', '_', '.'"
        ));
    }
    Ok((name, content_type))
}

/// A multipart body as the native scheme reads it: the `events` JSON and the snapshots by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeMultipart<'a> {
    pub events: &'a [u8],
    pub snapshots: Vec<Part<'a>>,
}

/// Splits a verified native multipart body: the first part must be `events`.
pub fn native<'a>(
    body: &'a [u8],
    boundary: &str,
    limits: &MultipartLimits,
) -> Result<NativeMultipart<'a>, MultipartError> {
    let mut parts = split(body, boundary, limits)?;
    if parts.first().is_none_or(|p| p.name != "events") {
        return Err(MultipartError::new(
            "parts[0]",
            "the first part must be named `events` (the JSON batch)",
        ));
    }
    let events = parts.remove(0).data;
    Ok(NativeMultipart {
        events,
        snapshots: parts,
    })
}

/// A multipart body of `parts` (name, content type, bytes) with `boundary`: what a vendor (and
/// the simulator) sends.
pub fn build(boundary: &str, parts: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, content_type, data) in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        out.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

#[cfg(test)]
#[path = "multipart_tests.rs"]
mod tests;
