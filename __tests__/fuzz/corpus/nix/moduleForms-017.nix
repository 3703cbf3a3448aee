{ config, lib, pkgs, ... }:
let
  cfg = config.services.relay;
  helpers = import ../lib/helpers.nix { inherit lib; };
in
{
  options.services.relay.enable = lib.mkEnableOption "relay";
  config = lib.mkIf cfg.enable (lib.mkMerge [
    { systemd.services."relay-${cfg.instance}".serviceConfig.ExecStart = "relay --port 2470"; }
    (helpers.mkSystemdService cfg { serviceConfig.ExecStart = "relay-admin --listen :2471"; })
  ]);
}
