{ lib, ... }:
{
  options.services.app = {
    listenAddress = lib.mkOption { type = lib.types.str; default = "127.0.0.1:9100"; };
    api = lib.mkOption { type = lib.types.str; default = "0.0.0.0:6789"; };
    cdn_endpoint = lib.mkOption { type = lib.types.str; default = "127.0.0.1:8081"; };
    proxyAddr = lib.mkOption { type = lib.types.str; default = "http://127.0.0.1:8200"; };
  };
}
