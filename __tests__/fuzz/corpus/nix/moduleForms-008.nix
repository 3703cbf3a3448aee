{ config, lib, ... }:
let cfg = config.services.blacksky.pds; in
{
  options.services.blacksky.pds = {
    enable = lib.mkEnableOption "pds";
    port = lib.mkOption { type = lib.types.port; default = 3000; };
    metrics.enable = lib.mkEnableOption "metrics";
    metrics.port = lib.mkOption { type = lib.types.nullOr lib.types.port; default = 9464; };
    cacheSize = lib.mkOption { type = lib.types.int; default = 100; };
  };
}
