{ config, lib, ... }:
let
  ports = import ../lib/ports.nix;
in
{
  services.postgresql.port = ports.databases.postgresql;
  services.redis.servers.cache.port = (import ./ports.nix).databases.redis;
  services.api.port = lib.my.ports.api;
  services.minio.listenAddress = ":${toString config.ports.storage.minio}";
  systemd.services.api.environment.PORT = toString ports.development.api;
}
