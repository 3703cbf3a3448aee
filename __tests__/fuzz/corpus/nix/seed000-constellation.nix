# Constellation: global backlink index. Main port through `bind`, metrics through `metrics.port`.
{ config, lib, pkgs, ... }:

with lib;

let
  cfg = config.services.constellation;
in
{
  options.services.constellation = {
    enable = mkEnableOption "Constellation";

    package = mkOption {
      type = types.package;
      default = pkgs.microcosm.constellation;
    };

    bind = mkOption {
      type = types.str;
      default = "0.0.0.0:6789";
      description = "Constellation server's listen address.";
    };

    metrics = mkOption {
      type = types.submodule {
        options = {
          enable = mkEnableOption "Prometheus metrics endpoint";
          port = mkOption {
            type = types.port;
            default = 8765;
            description = "Metrics endpoint port";
          };
        };
      };
      default = { };
    };
  };

  config = mkIf cfg.enable {
    systemd.services.constellation = {
      wantedBy = [ "multi-user.target" ];
      serviceConfig.ExecStart =
        let
          args = flatten [
            [
              "--bind"
              (escapeShellArg cfg.bind)
            ]
            (optional cfg.metrics.enable [
              "--metrics-port"
              (escapeShellArg (toString cfg.metrics.port))
            ])
          ];
        in
        "${cfg.package}/bin/main ${concatStringsSep " " args}";
    };

    networking.firewall.allowedTCPPorts = [ 6789 cfg.metrics.port ];
  };
}
