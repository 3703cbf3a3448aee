{ config, lib, pkgs, ... }:

let
  cfg = config.services.slingshot;
  inherit (lib) mkEnableOption mkIf mkOption optionalString types;
in
{
  options.services.slingshot = {
    enable = mkEnableOption "Slingshot";
    domain = mkOption {
      type = types.nullOr types.str;
      default = null;
    };
    port = mkOption {
      type = types.port;
      default = 3000;
    };
    tlsPort = mkOption {
      type = types.port;
      default = 443;
    };
    metrics.port = mkOption {
      type = types.port;
      default = 8765;
    };
  };

  config = mkIf cfg.enable {
    systemd.services.slingshot.script = ''
      export CACHE="''${STATE_DIRECTORY}/cache"
      exec ${pkgs.microcosm.slingshot}/bin/slingshot \
        --port ${toString cfg.port} \
        ${optionalString (cfg.domain != null) "--domain ${cfg.domain} --tls-port ${toString cfg.tlsPort}"} \
        --metrics-port ${toString cfg.metrics.port}
    '';
  };
}
