# flake/process-compose.nix
{ inputs, ... }:
{
  imports = [ inputs.process-compose-flake.flakeModule ];

  perSystem = { pkgs, ... }:
  let
    ports = import ../lib/ports.nix;
  in
  {
    process-compose.dev = {
      settings.processes = {
        api = {
          command = "${pkgs.bun}/bin/bun run dev";
          environment.PORT = toString ports.development.api;
          ready_log_line = "listening on";
        };

        redis = {
          command = "${pkgs.redis}/bin/redis-server --port ${toString ports.databases.redis}";
          is_daemon = true;
          readiness_probe = {
            exec.command = "${pkgs.redis}/bin/redis-cli -p ${toString ports.databases.redis} ping";
          };
        };

        postgres = {
          command = "${pkgs.postgresql_18}/bin/postgres -D $PGDATA -p ${toString ports.databases.postgresql}";
          environment.PGDATA = "/tmp/pgdata-dev";
        };
      };
    };
  };
}
