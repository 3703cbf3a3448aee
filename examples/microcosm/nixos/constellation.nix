{ config, lib, pkgs, ... }:
let
  cfg = config.services.constellation;
in
{
  options.services.constellation = {
    enable = lib.mkEnableOption "constellation, the backlink index";
    bind = lib.mkOption {
      type = lib.types.str;
      default = "0.0.0.0:6789";
      description = "Address the web API listens on.";
    };
  };

  config = lib.mkIf cfg.enable {
    systemd.services.constellation.serviceConfig.ExecStart = "${pkgs.constellation}/bin/constellation --bind ${cfg.bind}";
  };
}
