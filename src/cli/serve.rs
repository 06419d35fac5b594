//! `synaq serve`: the server. On an empty database it imports the sample bank and prints a demo
//! author token, so a newcomer can use the API at once.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Args;

use super::{CliError, open};
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
    /// Do not import the sample bank into an empty database.
    #[arg(long)]
    pub no_sample: bool,
}

impl Default for ServeArgs {
    fn default() -> ServeArgs {
        ServeArgs {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_upload_bytes: Config::DEFAULT_MAX_UPLOAD_BYTES,
            no_sample: false,
        }
    }
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
        database_url: url.to_owned(),
        max_upload_bytes: args.max_upload_bytes,
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
    let state = AppState {
        db: db.clone(),
        config,
    };
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| CliError::Other(e.into()))?;
    db.close().await;
    Ok(())
}

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
