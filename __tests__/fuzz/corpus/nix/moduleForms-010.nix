{ config, lib, pkgs, ... }:
with lib;
{
  options.blacksky.firehose = {
    enable = mkEnableOption "firehose";
    port = mkOption { type = types.port; default = 8003; };
    endpoint = mkOption { type = types.str; default = "127.0.0.1:7000"; };
    relay = mkOption { type = types.str; default = "127.0.0.1:7001"; };
  };
  config = mkIf config.blacksky.firehose.enable {
    systemd.services.blacksky-firehose.serviceConfig.ExecStart = "${pkgs.firehose}/bin/rsky-firehose --port ${toString config.blacksky.firehose.port} --listen ${config.blacksky.firehose.endpoint} --relay ${config.blacksky.firehose.relay}";
  };
}
