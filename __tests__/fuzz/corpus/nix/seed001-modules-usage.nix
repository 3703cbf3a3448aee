{ lib, ... }:
let
  ports = import ../../../lib/ports.nix;
in
{
  services.prometheus.exporters.node = {
    enable = true;
    port = ports.infrastructure.nodeExporter;
  };

  services.postgresql = {
    enable = true;
    port = ports.databases.postgresql;
  };

  networking.firewall.allowedTCPPorts = [
    ports.infrastructure.ssh
    ports.databases.postgresql
  ];

  networking.firewall.allowedUDPPorts = [
    ports.infrastructure.tailscale
  ];
}
