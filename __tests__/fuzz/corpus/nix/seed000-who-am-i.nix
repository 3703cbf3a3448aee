{ config, lib, pkgs, ... }:

with lib;

let
  cfg = config.services.who-am-i;
in
{
  options.services.who-am-i = {
    enable = mkEnableOption "Who-Am-I";
    bind = mkOption {
      type = types.str;
      default = "127.0.0.1:9997";
      description = "The host:port to bind to.";
    };
    metrics = mkOption {
      type = types.submodule {
        options.enable = mkEnableOption "metrics";
        options.port = mkOption {
          type = types.port;
          default = 8765;
        };
      };
      default = { };
    };
  };

  config = mkIf cfg.enable {
    systemd.services.who-am-i.serviceConfig.ExecStart = ''
      ${pkgs.microcosm.who-am-i}/bin/who-am-i \
        --bind ${escapeShellArg cfg.bind} \
        ${optionalString cfg.metrics.enable "--bind-metrics 0.0.0.0:${toString cfg.metrics.port}"}
    '';
  };
}
