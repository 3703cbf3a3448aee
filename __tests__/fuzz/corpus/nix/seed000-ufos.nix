{ config, lib, pkgs, ... }:

with lib;

let
  cfg = config.services.ufos;
in
{
  options.services.ufos = {
    enable = mkEnableOption "UFOs";
    # bind = mkOption {
    #   type = types.str;
    #   default = "0.0.0.0:9999";
    # }; # Not supported yet
    metrics = {
      enable = mkEnableOption "metrics";
      port = mkOption {
        type = types.port;
        default = 8765;
      };
    };
    cacheSize = mkOption {
      type = types.int;
      default = 100;
    };
  };

  config = mkIf cfg.enable {
    systemd.services.ufos = {
      environment.RUST_LOG = "info";
      serviceConfig.ExecStart = concatStringsSep " " [
        "${pkgs.microcosm.ufos}/bin/ufos"
        "--bind 0.0.0.0:9999"
        "--cache-size ${toString cfg.cacheSize}"
      ];
    };
  };
}
