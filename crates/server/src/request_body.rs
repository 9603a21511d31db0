//! Reading a request body the way Next's API body parser does (SPEC sections 3 and 4):
//! the size limit is enforced while reading, the charset picks the decoder, and the
//! content type decides between JSON, urlencoded and text.

use std::sync::Arc;

use apiroutes_nextspec::{body as body_rules, content_type, querystring};
use http_body::Body as _;

use crate::body_budget::{BodyBudget, Refusal, Reservation};
use apiroutes_runtime::ParsedBody;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use hyper::body::Incoming;

/// Why the body parser refused a request; each maps to Next's `sendError` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyRejection {
    /// 413 with "Body exceeded {limit} limit".
    TooLarge(String),
    /// 400 "Invalid body": unsupported charset or a failed read.
    Invalid,
    /// The body was cut short (the connection closed mid-body, a malformed chunk): the
    /// handler is not run; the answer (400, connection closed) rarely has anyone to read it.
    Aborted,
    /// 408: the body had not arrived by the request timeout (Node's `requestTimeout`);
    /// the connection is closed.
    Timeout,
    /// The body does not fit in the process's body memory budget (`--max-body-memory`):
    /// 413 when it is larger than the whole budget, 503 when the budget is only full now.
    Budget(Refusal),
}

impl BodyRejection {
    pub fn status(&self) -> u16 {
        match self {
            BodyRejection::TooLarge(_) => 413,
            BodyRejection::Invalid | BodyRejection::Aborted => 400,
            BodyRejection::Timeout => 408,
            BodyRejection::Budget(Refusal::TooLarge) => 413,
            BodyRejection::Budget(Refusal::Full) => 503,
        }
    }

    pub fn message(&self) -> String {
        match self {
            BodyRejection::TooLarge(limit) => format!("Body exceeded {limit} limit"),
            BodyRejection::Invalid | BodyRejection::Aborted => "Invalid body".to_string(),
            BodyRejection::Timeout => "Request Timeout".to_string(),
            BodyRejection::Budget(Refusal::TooLarge) => "Payload Too Large".to_string(),
            BodyRejection::Budget(Refusal::Full) => "Service Unavailable".to_string(),
        }
    }
}

/// How the body will be interpreted, from the Content-Type header.
struct BodyType {
    media_type: String,
    charset: Option<String>,
}

fn body_type(header: Option<&str>) -> BodyType {
    // A missing or unparseable Content-Type is treated as text/plain.
    match header.map(content_type::parse) {
        Some(Ok(parsed)) => BodyType {
            charset: parsed
                .parameters
                .iter()
                .find(|(name, _)| name == "charset")
                .map(|(_, value)| value.clone()),
            media_type: parsed.media_type,
        },
        _ => BodyType {
            media_type: "text/plain".into(),
            charset: None,
        },
    }
}

/// Reads the whole body, refusing it once it passes `limit` bytes, when it has not
/// arrived by `deadline`, or when `budget` cannot hold it (the declared `Content-Length`
/// is reserved before anything is read; a chunked body grows its reservation as it
/// arrives). The bytes stay reserved until the [`Reservation`] is dropped.
pub async fn read_limited(
    body: Incoming,
    limit: u64,
    limit_text: &str,
    deadline: Option<tokio::time::Instant>,
    budget: &Arc<BodyBudget>,
) -> Result<(Bytes, Reservation), BodyRejection> {
    // A declared length past the route's limit is answered by that limit, as before.
    let declared = body.size_hint().exact().unwrap_or(0).min(limit);
    let reservation = budget.reserve(declared).map_err(BodyRejection::Budget)?;
    let read = read_all(body, limit, limit_text, reservation);
    match deadline {
        Some(deadline) => tokio::time::timeout_at(deadline, read)
            .await
            .unwrap_or(Err(BodyRejection::Timeout)),
        None => read.await,
    }
}

async fn read_all(
    body: Incoming,
    limit: u64,
    limit_text: &str,
    mut reservation: Reservation,
) -> Result<(Bytes, Reservation), BodyRejection> {
    let mut body = body;
    let mut collected = BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| BodyRejection::Aborted)?;
        if let Ok(data) = frame.into_data() {
            let length = (collected.len() + data.len()) as u64;
            if length > limit {
                return Err(BodyRejection::TooLarge(limit_text.to_string()));
            }
            reservation.grow_to(length).map_err(BodyRejection::Budget)?;
            collected.extend_from_slice(&data);
        }
    }
    Ok((collected.freeze(), reservation))
}

/// Checks the charset before reading (raw-body refuses an unknown encoding up front).
pub fn check_charset(content_type_header: Option<&str>) -> Result<(), BodyRejection> {
    let kind = body_type(content_type_header);
    match kind.charset {
        Some(charset) if body_rules::decode_text(b"", Some(&charset)).is_err() => {
            Err(BodyRejection::Invalid)
        }
        _ => Ok(()),
    }
}

/// Turns the raw bytes into what `req.body` will be.
pub fn parse(content_type_header: Option<&str>, bytes: &[u8]) -> Result<ParsedBody, BodyRejection> {
    let kind = body_type(content_type_header);
    let text = body_rules::decode_text(bytes, kind.charset.as_deref())
        .map_err(|_| BodyRejection::Invalid)?;
    Ok(match kind.media_type.as_str() {
        "application/json" | "application/ld+json" => {
            if text.is_empty() {
                ParsedBody::EmptyObject
            } else {
                ParsedBody::Json(text)
            }
        }
        "application/x-www-form-urlencoded" => ParsedBody::Form(querystring::parse_node(&text)),
        _ => ParsedBody::Text(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_variants() {
        assert!(matches!(
            parse(Some("application/json"), b""),
            Ok(ParsedBody::EmptyObject)
        ));
        assert!(
            matches!(parse(Some("application/ld+json"), b"[1]"), Ok(ParsedBody::Json(t)) if t == "[1]")
        );
        assert!(matches!(
            parse(Some("application/vnd.api+json"), b"{}"),
            Ok(ParsedBody::Text(_))
        ));
    }

    #[test]
    fn missing_or_broken_type_is_text() {
        assert!(matches!(parse(None, b"hi"), Ok(ParsedBody::Text(t)) if t == "hi"));
        assert!(
            matches!(parse(Some("application/json;;;="), b"{}"), Ok(ParsedBody::Text(t)) if t == "{}")
        );
    }

    #[test]
    fn urlencoded_pairs() {
        let Ok(ParsedBody::Form(pairs)) =
            parse(Some("application/x-www-form-urlencoded"), b"a=1&a=2&b=x+y")
        else {
            panic!("expected form pairs")
        };
        assert_eq!(
            pairs,
            vec![
                ("a".into(), "1".into()),
                ("a".into(), "2".into()),
                ("b".into(), "x y".into())
            ]
        );
    }

    #[test]
    fn unknown_charset_is_invalid() {
        assert_eq!(
            check_charset(Some("text/plain; charset=klingon")),
            Err(BodyRejection::Invalid)
        );
        assert_eq!(check_charset(Some("text/plain; charset=latin1")), Ok(()));
    }
}
