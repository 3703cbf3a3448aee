{ config, lib, ... }:
let
  apiPort = 8080;
in
{
  services.signoz.port = 8080;
  services.web = {
    enable = true;
    port = lib.mkForce 3001;
    metricsPort = lib.mkDefault 9464;
  };
  services.grafana = lib.mkIf true {
    settings.server.http_port = 3000;
    settings.server.http_addr = "0.0.0.0";
  };
  services.home = lib.mkMerge [ { port = apiPort; } { bind = "[::]:8443"; } ];
  services.dnsmasq.settings.udpPort = 5353;
}
