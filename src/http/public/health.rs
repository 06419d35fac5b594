//! `GET /health`: `200 {"status": "ok", ...}` when the database answers; 500 otherwise.

use axum::Json;
use axum::extract::State;
use serde_json::json;

use crate::http::{AppState, Error};

pub(super) async fn handle(
    State(state): State<AppState>,
) -> Result<Json<serde_json::Value>, Error> {
    state.db.ping().await?;
    Ok(Json(json!({
        "status": "ok",
        "database": state.db.engine().as_str(),
        "node": state.app.node(),
        "sockets": state.app.connected(),
        "version": env!("CARGO_PKG_VERSION"),
        "time": crate::web::almaty_now(),
    })))
}
