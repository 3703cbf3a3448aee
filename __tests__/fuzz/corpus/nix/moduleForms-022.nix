{ lib, ... }:
{
  networking.firewall.allowedTCPPorts = [ 22 80 443 ];
  networking.firewall.allowedUDPPorts = [ 41641 ];
  services.prometheus.scrapeConfigs = [
    { job_name = "node"; static_configs = [ { targets = [ "localhost:9100" "0.0.0.0:9101" ]; } ]; }
  ];
  services.grafana.settings.database.port = 5432;
  services.grafana.settings.analytics.redisPort = 6379;
  services.grafana.settings.smtp.host = "0.0.0.0:25";
  # services.old.port = 1234;
  /* services.older.port = 1235; */
  options.services.cache.size = lib.mkOption { type = lib.types.int; default = 100; };
  options.services.cache.timeout = lib.mkOption { default = 8080; example = 9090; };
}
