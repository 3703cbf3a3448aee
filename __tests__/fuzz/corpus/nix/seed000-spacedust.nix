{ config, lib, pkgs, ... }:

with lib;

let
  cfg = config.services.spacedust;
in
{
  options.services.spacedust = {
    enable = mkEnableOption "Spacedust";
    jetstream = mkOption { type = types.str; };
    metrics.port = mkOption {
      type = types.port;
      default = 8765;
    };
  };

  config = mkIf cfg.enable {
    systemd.services.spacedust = {
      serviceConfig = {
        # The binary takes no --bind yet: the main port is fixed here.
        ExecStart = "${pkgs.microcosm.spacedust}/bin/spacedust --jetstream ${escapeShellArg cfg.jetstream} --bind 0.0.0.0:9998 --metrics-port ${toString cfg.metrics.port}";
        Restart = "always";
      };
    };
  };
}
