use metrics_exporter_prometheus::PrometheusBuilder;

fn install_metrics_server() -> Result<(), Box<dyn std::error::Error>> {
    log::info!("installing the spacedust metrics server...");
    let host = [0, 0, 0, 0];
    let port = 8765;
    PrometheusBuilder::new()
        .set_enable_unit_suffix(false)
        .with_http_listener((host, port))
        .install()?;
    log::info!("metrics server installed! listening on http://{}.{}.{}.{}:{port}", host[0], host[1], host[2], host[3]);
    Ok(())
}
