//! Connecting a socket (bearer token, small buffers and size limits) and writing messages.

use futures_util::SinkExt;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::protocol::ClientMsg;

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The largest message or frame accepted from the server: the `state` frame carries the
/// whole paper in one language (a few tens of KiB); anything far past it is a fault.
const MAX_MESSAGE: usize = 1 << 20;
/// With thousands of sockets the default 128 KiB buffers would cost gigabytes.
const BUFFER: usize = 8 * 1024;

pub async fn send(ws: &mut Ws, msg: &ClientMsg) -> Result<(), tungstenite::Error> {
    let text = serde_json::to_string(msg).expect("client messages serialize");
    ws.send(Message::text(text)).await
}

/// Opens the socket with the candidate's bearer token and small buffers.
pub async fn connect(url: &str, token: &str) -> Result<Ws, tungstenite::Error> {
    let mut request = url.into_client_request()?;
    let bearer = HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|e| tungstenite::Error::HttpFormat(e.into()))?;
    request.headers_mut().insert("Authorization", bearer);
    let config = WebSocketConfig::default()
        .read_buffer_size(BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(MAX_MESSAGE)
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let (ws, _) = tokio_tungstenite::connect_async_with_config(request, Some(config), true).await?;
    Ok(ws)
}

/// The stats key of a failed connect, and whether trying again is pointless (a 4xx refusal).
pub fn connect_error(e: &tungstenite::Error) -> (String, bool) {
    match e {
        tungstenite::Error::Http(response) => {
            let status = response.status().as_u16();
            (
                format!("ws_connect_{status}"),
                (400..500).contains(&status) && status != 429,
            )
        }
        other => (format!("ws_connect_{}", error_kind(other)), false),
    }
}

pub fn error_kind(e: &tungstenite::Error) -> &'static str {
    use tungstenite::Error as E;
    match e {
        E::ConnectionClosed | E::AlreadyClosed => "closed",
        E::Io(_) => "io",
        E::Capacity(_) => "too_large",
        E::Protocol(_) => "protocol",
        E::Url(_) => "url",
        E::Http(_) | E::HttpFormat(_) => "http",
        _ => "other",
    }
}
