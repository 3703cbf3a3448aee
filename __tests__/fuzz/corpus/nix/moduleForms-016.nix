{ config, lib, pkgs, ... }:
let cfg = config.services.api; in
{
  options.services.api.port = lib.mkOption { type = lib.types.port; default = 8080; };
  config.systemd.services.api = {
    environment.PORT = toString cfg.port;
    serviceConfig.ExecStart = "${pkgs.api}/bin/api --port ${toString cfg.port}";
  };
}
