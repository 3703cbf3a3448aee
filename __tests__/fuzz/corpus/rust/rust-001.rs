fn install_metrics_server() -> Result<()> {
    let host = [0, 0, 0, 0];
    let port = 8765;
    info!("metrics listening at http://0.0.0.0:8765");
    PrometheusBuilder::new()
        .with_http_listener((host, port))
        .install()?;
    Ok(())
}
