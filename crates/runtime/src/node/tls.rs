//! The TLS half of `apiroutes:native/net` (js/builtins/tls.js): a connection of the
//! table in `net.rs` is upgraded in place, under the same id, by a rustls handshake
//! (ring provider, as the fetch stack uses), as a client (`tlsConnect`) or as a server
//! (`tlsAccept`). This is how `tls.connect({ socket })` (Postgres' `sslmode`) works: the
//! plain socket's pending read is paused, both halves are taken back and rejoined, and
//! the encrypted stream takes their place.
//!
//! Verification is webpki's against Mozilla's roots (`webpki-root-certs`, also
//! `tls.rootCertificates`) or the `ca` given. With `rejectUnauthorized: false` the
//! handshake goes on and the failure is reported as Node's `authorizationError` code
//! (`DEPTH_ZERO_SELF_SIGNED_CERT`, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`, ...). The peer
//! certificate comes back parsed into the fields of Node's `getPeerCertificate()` that
//! packages read (subject, issuer, subjectaltname, validity, fingerprints, raw).

use std::rc::Rc;
use std::sync::{Arc, Mutex as SyncMutex, OnceLock};

use rquickjs::module::Exports;
use rquickjs::{Array, Ctx, Function, Object, Promise, Result, Value};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::net::{node_error, Conn, Io, Table};

/// Registers `tlsConnect`, `tlsAccept` and `rootCertificates` on the net module.
pub(crate) fn export<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>, table: Rc<Table>) -> Result<()> {
    let t = table.clone();
    let connect_fn = move |ctx: Ctx<'js>, id: u32, options: Object<'js>| {
        tls_connect(ctx, t.clone(), id, options)
    };
    exports.export("tlsConnect", Function::new(ctx.clone(), connect_fn)?)?;
    let accept_fn = move |ctx: Ctx<'js>, id: u32, options: Object<'js>| {
        tls_accept(ctx, table.clone(), id, options)
    };
    exports.export("tlsAccept", Function::new(ctx.clone(), accept_fn)?)?;
    exports.export(
        "rootCertificates",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| -> Result<Array<'js>> {
            let list = Array::new(ctx.clone())?;
            for (i, cert) in webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().enumerate() {
                list.set(i, pem("CERTIFICATE", cert.as_ref()))?;
            }
            Ok(list)
        })?,
    )?;
    Ok(())
}

pub(crate) fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    static PROVIDER: OnceLock<Arc<rustls::crypto::CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

pub(crate) fn default_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut store = RootCertStore::empty();
            store.add_parsable_certificates(
                webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().cloned(),
            );
            Arc::new(store)
        })
        .clone()
}

/// PEM text of one DER object.
fn pem(label: &str, der: &[u8]) -> String {
    use base64_encode as b64;
    let body = b64(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn base64_encode(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Verifies as webpki does, remembers why a chain failed (Node's code), and lets the
/// handshake go on when the caller does not reject unauthorized peers.
#[derive(Debug)]
struct Recording {
    inner: Arc<WebPkiServerVerifier>,
    reject: bool,
    /// The `ca` certificates given: OpenSSL trusts a server certificate that is itself
    /// one of them (a self-signed server certificate), which webpki refuses when it is
    /// marked as a CA.
    pinned: Vec<CertificateDer<'static>>,
    failure: SyncMutex<Option<String>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Ok(verified) => Ok(verified),
            Err(mut error) => {
                let pinned = intermediates.is_empty()
                    && self
                        .pinned
                        .iter()
                        .any(|c| c.as_ref() == end_entity.as_ref());
                if pinned {
                    let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
                    match rustls::client::verify_server_name(&parsed, server_name) {
                        Ok(()) => return Ok(ServerCertVerified::assertion()),
                        Err(name_error) => error = name_error,
                    }
                }
                let code = node_code(&error, end_entity, intermediates);
                if let Ok(mut slot) = self.failure.lock() {
                    *slot = Some(code.to_string());
                }
                if self.reject {
                    Err(error)
                } else {
                    Ok(ServerCertVerified::assertion())
                }
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// OpenSSL's (Node's) code for a webpki verification failure.
fn node_code(
    error: &rustls::Error,
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
) -> &'static str {
    let self_signed =
        |c: &CertificateDer<'_>| Cert::parse(c).is_some_and(|c| c.issuer == c.subject);
    let chain = || {
        if intermediates.is_empty() && self_signed(end_entity) {
            "DEPTH_ZERO_SELF_SIGNED_CERT"
        } else if intermediates.iter().any(self_signed) {
            "SELF_SIGNED_CERT_IN_CHAIN"
        } else if intermediates.is_empty() {
            "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
        } else {
            "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
        }
    };
    match error {
        rustls::Error::InvalidCertificate(CertificateError::Expired)
        | rustls::Error::InvalidCertificate(CertificateError::ExpiredContext { .. }) => {
            "CERT_HAS_EXPIRED"
        }
        rustls::Error::InvalidCertificate(CertificateError::NotValidYet)
        | rustls::Error::InvalidCertificate(CertificateError::NotValidYetContext { .. }) => {
            "CERT_NOT_YET_VALID"
        }
        rustls::Error::InvalidCertificate(CertificateError::NotValidForName)
        | rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext { .. }) => {
            "ERR_TLS_CERT_ALTNAME_INVALID"
        }
        rustls::Error::InvalidCertificate(CertificateError::Revoked) => "CERT_REVOKED",
        // Unknown issuer, or (webpki) a CA certificate served as the end entity.
        _ => chain(),
    }
}

/// OpenSSL's message for a verification code, as Node's error message.
fn node_message(code: &str) -> &'static str {
    match code {
        "DEPTH_ZERO_SELF_SIGNED_CERT" => "self-signed certificate",
        "SELF_SIGNED_CERT_IN_CHAIN" => "self-signed certificate in certificate chain",
        "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" => "unable to get local issuer certificate",
        "CERT_HAS_EXPIRED" => "certificate has expired",
        "CERT_NOT_YET_VALID" => "certificate is not yet valid",
        "CERT_REVOKED" => "certificate revoked",
        "ERR_TLS_CERT_ALTNAME_INVALID" => "Hostname/IP does not match certificate's altnames",
        _ => "unable to verify the first certificate",
    }
}

/// Takes the stream of connection `id` back from its halves, pausing its reads.
async fn take_stream(conn: &Conn) -> Option<Box<dyn Io>> {
    conn.suspended.set(true);
    conn.pause_reads.notify_waiters();
    let reader = conn.reader.lock().await.take();
    let writer = conn.writer.lock().await.take();
    match (reader, writer) {
        (Some(reader), Some(writer)) => Some(reader.unsplit(writer)),
        _ => None,
    }
}

/// The error of a connection closed during its handshake.
fn hang_up(ctx: &Ctx<'_>) -> rquickjs::Error {
    node_error(ctx, "ECONNRESET", -104, "read", "socket hang up")
}

/// `handshake`'s outcome, or `None` when the connection is closed first.
async fn until_closed<F: std::future::Future>(conn: &Conn, handshake: F) -> Option<F::Output> {
    tokio::select! {
        result = handshake => Some(result),
        _ = conn.interrupt.notified() => None,
    }
}

/// Puts `stream` under the connection again and lets reads go on.
async fn put_stream(conn: &Conn, stream: Box<dyn Io>) {
    let (reader, writer) = Conn::halves(stream);
    *conn.reader.lock().await = Some(reader);
    *conn.writer.lock().await = Some(writer);
    conn.suspended.set(false);
}

fn strings(options: &Object<'_>, key: &str) -> Vec<String> {
    let list: Option<Array> = options.get(key).ok();
    list.map(|list| list.iter::<String>().filter_map(|s| s.ok()).collect())
        .unwrap_or_default()
}

/// `tlsConnect(id, { servername, rejectUnauthorized, ca: [pem], ALPNProtocols: [..] })`:
/// the client handshake; resolves `{ authorized, authorizationError, alpnProtocol,
/// protocol, cipher, peerCertificate }`.
fn tls_connect<'js>(
    ctx: Ctx<'js>,
    table: Rc<Table>,
    id: u32,
    options: Object<'js>,
) -> Result<Promise<'js>> {
    let conn = table.conn(&ctx, id)?;
    let servername: Option<String> = options.get("servername").ok().flatten();
    let reject: bool = options
        .get::<_, Option<bool>>("rejectUnauthorized")?
        .unwrap_or(true);
    let ca = strings(&options, "ca");
    let alpn = strings(&options, "ALPNProtocols");
    let pinned: Vec<CertificateDer<'static>> = ca
        .iter()
        .flat_map(|text| CertificateDer::pem_slice_iter(text.as_bytes()).flatten())
        .collect();
    let roots = if ca.is_empty() {
        default_roots()
    } else {
        let mut store = RootCertStore::empty();
        for cert in &pinned {
            let _ = store.add(cert.clone());
        }
        Arc::new(store)
    };
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let tls_error = |code: &str, message: &str| node_error(&task, code, 0, "", message);
        let inner = WebPkiServerVerifier::builder_with_provider(roots, provider())
            .build()
            .map_err(|error| tls_error("ERR_TLS_INVALID_CONTEXT", &error.to_string()))?;
        let verifier = Arc::new(Recording {
            inner,
            reject,
            pinned,
            failure: SyncMutex::new(None),
        });
        let mut config = rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|error| tls_error("ERR_TLS_INVALID_CONTEXT", &error.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone())
            .with_no_client_auth();
        config.alpn_protocols = alpn.into_iter().map(String::into_bytes).collect();
        let name = servername
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "localhost".into());
        let server_name = ServerName::try_from(name.clone()).map_err(|_| {
            tls_error(
                "ERR_INVALID_ARG_VALUE",
                &format!("Invalid servername: {name}"),
            )
        })?;
        let Some(stream) = take_stream(&conn).await else {
            return Err(hang_up(&task));
        };
        let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
        let handshake = until_closed(&conn, connector.connect(server_name, stream)).await;
        let failure = verifier.failure.lock().ok().and_then(|f| f.clone());
        let tls = match handshake {
            None => return Err(hang_up(&task)),
            Some(Err(error)) => {
                return Err(match (&failure, reject) {
                    (Some(code), true) => tls_error(code, node_message(code)),
                    _ => handshake_error(&task, &error),
                })
            }
            Some(Ok(tls)) => tls,
        };
        let out = Object::new(task.clone())?;
        {
            let (_, session) = tls.get_ref();
            describe_session(&task, &out, session)?;
            if let Some(cert) = session.peer_certificates().and_then(|c| c.first()) {
                out.set("peerCertificate", cert_object(&task, cert.as_ref())?)?;
            }
        }
        out.set("authorized", failure.is_none())?;
        if let Some(code) = failure {
            out.set("authorizationError", code)?;
        }
        put_stream(&conn, Box::new(tls)).await;
        Ok(out)
    })
}

/// The error of a failed handshake, as Node words what OpenSSL reports.
fn handshake_error(ctx: &Ctx<'_>, error: &std::io::Error) -> rquickjs::Error {
    match error.kind() {
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => node_error(
            ctx,
            "ECONNRESET",
            -104,
            "read",
            "Client network socket disconnected before secure TLS connection was established",
        ),
        _ => node_error(ctx, "ERR_SSL_HANDSHAKE_FAILURE", 0, "", &error.to_string()),
    }
}

/// The negotiated protocol, ALPN and cipher of a session, onto `out`.
fn describe_session<'js>(
    ctx: &Ctx<'js>,
    out: &Object<'js>,
    session: &rustls::CommonState,
) -> Result<()> {
    if let Some(alpn) = session.alpn_protocol() {
        out.set("alpnProtocol", String::from_utf8_lossy(alpn).into_owned())?;
    }
    if let Some(version) = session.protocol_version() {
        out.set(
            "protocol",
            match version {
                rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3",
                rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2",
                _ => "unknown",
            },
        )?;
    }
    if let Some(suite) = session.negotiated_cipher_suite() {
        let cipher = Object::new(ctx.clone())?;
        let name = suite.suite().as_str().unwrap_or("unknown").to_string();
        cipher.set("standardName", name.clone())?;
        cipher.set("name", name)?;
        cipher.set("version", out.get::<_, Value>("protocol")?)?;
        out.set("cipher", cipher)?;
    }
    Ok(())
}

/// `tlsAccept(id, { cert, key, ALPNProtocols })`: the server handshake on an accepted
/// connection; resolves `{ servername, alpnProtocol, protocol, cipher }`.
fn tls_accept<'js>(
    ctx: Ctx<'js>,
    table: Rc<Table>,
    id: u32,
    options: Object<'js>,
) -> Result<Promise<'js>> {
    let conn = table.conn(&ctx, id)?;
    let cert: String = options
        .get::<_, Option<String>>("cert")?
        .unwrap_or_default();
    let key: String = options.get::<_, Option<String>>("key")?.unwrap_or_default();
    let alpn = strings(&options, "ALPNProtocols");
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let context_error =
            |message: &str| node_error(&task, "ERR_OSSL_PEM_NO_START_LINE", 0, "", message);
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert.as_bytes())
            .flatten()
            .collect();
        let key = PrivateKeyDer::from_pem_slice(key.as_bytes())
            .map_err(|_| context_error("error:1E08010C:DECODER routines::unsupported"))?;
        let mut config = rustls::ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|error| context_error(&error.to_string()))?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(|error| context_error(&error.to_string()))?;
        config.alpn_protocols = alpn.into_iter().map(String::into_bytes).collect();
        let Some(stream) = take_stream(&conn).await else {
            return Err(hang_up(&task));
        };
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let handshake = until_closed(&conn, acceptor.accept(stream)).await;
        let tls = match handshake {
            None => return Err(hang_up(&task)),
            Some(Err(error)) => return Err(handshake_error(&task, &error)),
            Some(Ok(tls)) => tls,
        };
        let out = Object::new(task.clone())?;
        {
            let (_, session) = tls.get_ref();
            describe_session(&task, &out, session)?;
            if let Some(name) = session.server_name() {
                out.set("servername", name.to_string())?;
            }
        }
        put_stream(&conn, Box::new(tls)).await;
        Ok(out)
    })
}

/// The parts of an X.509 certificate that `getPeerCertificate()` reports.
struct Cert<'a> {
    issuer: &'a [u8],
    subject: &'a [u8],
    serial: &'a [u8],
    not_before: &'a [u8],
    not_after: &'a [u8],
    extensions: Option<&'a [u8]>,
}

/// One DER element: (tag, contents, rest).
fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *input.first()?;
    let first = *input.get(1)?;
    let (length, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let mut length = 0usize;
        for byte in input.get(2..2 + count)? {
            length = (length << 8) | usize::from(*byte);
        }
        (length, 2 + count)
    };
    let body = input.get(header..header + length)?;
    Some((tag, body, &input[header + length..]))
}

impl<'a> Cert<'a> {
    fn parse(der: &'a [u8]) -> Option<Self> {
        let (_, certificate, _) = tlv(der)?;
        let (_, tbs, _) = tlv(certificate)?;
        let mut rest = tbs;
        let (tag, _, after) = tlv(rest)?;
        if tag == 0xa0 {
            rest = after;
        }
        let (_, serial, rest) = tlv(rest)?;
        let (_, _, rest) = tlv(rest)?; // signature algorithm
        let (_, issuer, rest) = tlv(rest)?;
        let (_, validity, rest) = tlv(rest)?;
        let (_, subject, mut rest) = tlv(rest)?;
        let (_, not_before, after) = tlv(validity)?;
        let (_, not_after, _) = tlv(after)?;
        let mut extensions = None;
        while let Some((tag, body, after)) = tlv(rest) {
            if tag == 0xa3 {
                extensions = tlv(body).map(|(_, list, _)| list);
            }
            rest = after;
        }
        Some(Self {
            issuer,
            subject,
            serial,
            not_before,
            not_after,
            extensions,
        })
    }
}

/// A distinguished name as Node's object (`{ CN, O, ... }`).
fn name_object<'js>(ctx: &Ctx<'js>, name: &[u8]) -> Result<Object<'js>> {
    let out = Object::new(ctx.clone())?;
    let mut sets = name;
    while let Some((_, set, rest)) = tlv(sets) {
        sets = rest;
        let Some((_, pair, _)) = tlv(set) else {
            continue;
        };
        let Some((_, oid, value)) = tlv(pair) else {
            continue;
        };
        let Some((_, text, _)) = tlv(value) else {
            continue;
        };
        let key = match oid {
            [0x55, 0x04, 0x03] => "CN",
            [0x55, 0x04, 0x06] => "C",
            [0x55, 0x04, 0x07] => "L",
            [0x55, 0x04, 0x08] => "ST",
            [0x55, 0x04, 0x0a] => "O",
            [0x55, 0x04, 0x0b] => "OU",
            _ => continue,
        };
        out.set(key, String::from_utf8_lossy(text).into_owned())?;
    }
    Ok(out)
}

/// UTCTime/GeneralizedTime as OpenSSL prints it: `Jan  1 00:00:00 2030 GMT`.
fn openssl_time(time: &[u8]) -> String {
    let text = String::from_utf8_lossy(time);
    let (year, rest) = if text.len() >= 15 {
        (text[..4].to_string(), &text[4..])
    } else if text.len() >= 13 {
        let yy: u32 = text[..2].parse().unwrap_or(0);
        (
            format!("{}", if yy >= 50 { 1900 + yy } else { 2000 + yy }),
            &text[2..],
        )
    } else {
        return text.into_owned();
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month: usize = rest[..2].parse().unwrap_or(1);
    let day: u32 = rest[2..4].parse().unwrap_or(1);
    format!(
        "{} {day:>2} {}:{}:{} {year} GMT",
        MONTHS[month.clamp(1, 12) - 1],
        &rest[4..6],
        &rest[6..8],
        &rest[8..10]
    )
}

fn hex_colons(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// `subjectaltname` as Node prints it: `DNS:localhost, IP Address:127.0.0.1`.
fn subject_alt_names(extensions: &[u8]) -> Option<String> {
    let mut list = extensions;
    while let Some((_, extension, rest)) = tlv(list) {
        list = rest;
        let (_, oid, mut fields) = tlv(extension)?;
        if oid != [0x55, 0x1d, 0x11] {
            continue;
        }
        if let Some((0x01, _, after)) = tlv(fields) {
            fields = after; // critical flag
        }
        let (_, octets, _) = tlv(fields)?;
        let (_, mut names, _) = tlv(octets)?;
        let mut out = Vec::new();
        while let Some((tag, value, rest)) = tlv(names) {
            names = rest;
            match tag {
                0x82 => out.push(format!("DNS:{}", String::from_utf8_lossy(value))),
                0x87 if value.len() == 4 => {
                    let ip = std::net::Ipv4Addr::new(value[0], value[1], value[2], value[3]);
                    out.push(format!("IP Address:{ip}"));
                }
                0x87 if value.len() == 16 => {
                    let bytes: [u8; 16] = value.try_into().ok()?;
                    out.push(format!("IP Address:{}", std::net::Ipv6Addr::from(bytes)));
                }
                _ => {}
            }
        }
        return Some(out.join(", "));
    }
    None
}

/// The peer certificate as Node's `getPeerCertificate()` object (without `issuerCertificate`).
fn cert_object<'js>(ctx: &Ctx<'js>, der: &[u8]) -> Result<Object<'js>> {
    use sha2::Digest;
    let out = Object::new(ctx.clone())?;
    if let Some(cert) = Cert::parse(der) {
        out.set("subject", name_object(ctx, cert.subject)?)?;
        out.set("issuer", name_object(ctx, cert.issuer)?)?;
        out.set("valid_from", openssl_time(cert.not_before))?;
        out.set("valid_to", openssl_time(cert.not_after))?;
        let serial = cert.serial.strip_prefix(&[0]).unwrap_or(cert.serial);
        out.set(
            "serialNumber",
            serial
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>(),
        )?;
        if let Some(names) = cert.extensions.and_then(subject_alt_names) {
            out.set("subjectaltname", names)?;
        }
    }
    out.set("fingerprint", hex_colons(&sha1::Sha1::digest(der)))?;
    out.set("fingerprint256", hex_colons(&sha2::Sha256::digest(der)))?;
    out.set("fingerprint512", hex_colons(&sha2::Sha512::digest(der)))?;
    out.set("raw", super::to_uint8_array(ctx, der.to_vec())?)?;
    Ok(out)
}
