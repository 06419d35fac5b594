//! Accepting connections with bounds that `axum::serve` does not set: a client must finish
//! its request header within [`Timeouts::header_read`], and a kept-alive connection that sends
//! no next request is closed after the same time (hyper starts the header timer as soon as it
//! waits for a request head). So a connection that trickles a header byte by byte (slowloris)
//! or just sits idle holds a socket for at most that long. Upgraded connections (the exam
//! socket) leave hyper and are bounded by their own heartbeat. HTTP/1.1 only: browsers speak
//! HTTP/2 only over TLS, which a proxy in front terminates.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// Connection time bounds (docs/limits.md).
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// How long a client may take to send a whole request header, and how long a kept-alive
    /// connection may wait for its next request.
    pub header_read: Duration,
}

impl Timeouts {
    /// 10 s: a real browser sends its header in one packet; 10 s covers a bad mobile link.
    pub const DEFAULT_HEADER_READ: Duration = Duration::from_secs(10);
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts {
            header_read: Timeouts::DEFAULT_HEADER_READ,
        }
    }
}

/// Serves `app` on `listener` (HTTP/1.1, with upgrades for the exam socket) until `shutdown`
/// completes, then lets open requests finish. Each request carries the peer's
/// `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read);
    // Every connection task holds a receiver; `closed()` below waits for the last one.
    let (stop, stopped) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = app.clone().map_request(
            move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            },
        );
        let connection = builder
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            .with_upgrades();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => ended,
                _ = stopped.changed() => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = ended {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    drop(stopped);
    let _ = stop.send(());
    stop.closed().await;
}
