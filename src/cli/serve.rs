//! `synaq serve`: the server. On an empty database it imports the sample bank and prints a demo
//! author token, so a newcomer can use the API at once.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Args;

use crate::live::LiveState;

use super::{CliError, open};
use crate::app::{Application, Wiring};
use crate::config::Config;
use crate::http::{AppState, app};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SYNAQ_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The largest request body accepted, in bytes.
    #[arg(long, env = "SYNAQ_MAX_UPLOAD_BYTES", default_value_t = Config::DEFAULT_MAX_UPLOAD_BYTES)]
    pub max_upload_bytes: usize,
    /// Do not import the sample bank and demo campaign into an empty database.
    #[arg(long)]
    pub no_sample: bool,
    /// Redis for live state shared by several nodes (default: in-process, one node).
    #[arg(long, env = "REDIS_URL")]
    pub redis_url: Option<String>,
    /// The prefix of this deployment's Redis keys (nodes of one deployment share it).
    #[arg(long, env = "SYNAQ_REDIS_PREFIX", default_value = crate::live::redis::DEFAULT_PREFIX)]
    pub redis_prefix: String,
    /// This node's name among the nodes sharing Redis (default: host name and process id).
    #[arg(long, env = "SYNAQ_NODE")]
    pub node: Option<String>,
    /// Reverse proxies (addresses or CIDR blocks, comma-separated) whose forwarding headers are
    /// believed when a request's URL is rebuilt for the Safe Exam Browser check.
    #[arg(long, env = "SYNAQ_TRUSTED_PROXIES", default_value = "", value_parser = synaq_proctor::seb::TrustedProxies::parse)]
    pub trusted_proxies: synaq_proctor::seb::TrustedProxies,
}

pub async fn run(url: &str, args: ServeArgs) -> Result<(), CliError> {
    let db = open(url).await?;
    if !args.no_sample {
        crate::sample::bootstrap(&db)
            .await
            .map_err(|e| CliError::Other(e.into()))?;
    }
    let config = Arc::new(Config {
        addr: args.addr,
        max_upload_bytes: args.max_upload_bytes,
        trusted_proxies: args.trusted_proxies.clone(),
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| CliError::Other(anyhow::anyhow!("cannot listen on {}: {e}", config.addr)))?;
    let local = listener
        .local_addr()
        .map_err(|e| CliError::Other(e.into()))?;
    tracing::info!(addr = %local, database = %super::redact(url), "synaq listening");
    println!(
        "synaq listening on http://{local} (database: {})",
        super::redact(url)
    );
    let application = Application::build(Wiring {
        db: db.clone(),
        live: live_state(&args).await?,
        clock: Arc::new(crate::live::SystemClock),
    })
    .await
    .map_err(|e| CliError::Other(anyhow::anyhow!("cannot start the exam application: {e}")))?;
    let state = AppState::new(application.clone(), config);
    let gate_app = application.clone();
    serve_http(listener, state, async move {
        shutdown_signal().await;
        tracing::info!("shutting down: closing exam sockets (1001)");
        gate_app.gate().shut();
    })
    .await;
    // Every socket finishes its pending save (committed and acknowledged) before it closes.
    if !application.gate().drained(SOCKET_DRAIN).await {
        tracing::warn!("exam sockets still open after {SOCKET_DRAIN:?}; exiting anyway");
    }
    db.close().await;
    Ok(())
}

/// Serves the API until a shutdown signal, with the connection bounds of docs/limits.md.
async fn serve_http(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()>,
) {
    crate::http::listener::serve(
        listener,
        app(state),
        crate::http::listener::Timeouts::default(),
        shutdown,
    )
    .await;
}

/// The live-state backend: Redis when configured, else in-process.
async fn live_state(args: &ServeArgs) -> Result<Arc<dyn crate::live::LiveState>, CliError> {
    let node = args.node.clone().unwrap_or_else(|| {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "node".to_owned());
        format!("{host}-{}", std::process::id())
    });
    match &args.redis_url {
        None => Ok(Arc::new(crate::live::memory::MemoryState::new(node))),
        Some(url) => {
            let redis =
                crate::live::redis::RedisState::connect_with_prefix(url, node, &args.redis_prefix)
                    .await
                    .map_err(|e| CliError::Other(anyhow::anyhow!("cannot use Redis: {e}")))?;
            tracing::info!(node = redis.node(), "live state in Redis");
            Ok(Arc::new(redis))
        }
    }
}

/// How long a shutdown waits for the exam sockets to finish their saves and close.
const SOCKET_DRAIN: std::time::Duration = std::time::Duration::from_secs(10);

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
