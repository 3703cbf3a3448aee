{ inputs, ... }:
{
  perSystem = { pkgs, ... }: {
    process-compose.dev.settings.processes = {
      redis = {
        command = "${pkgs.redis}/bin/redis-server --port 6379";
        readiness_probe.exec.command = "${pkgs.redis}/bin/redis-cli -p 6379 ping";
      };
      api = {
        command = "bun run dev";
        environment.PORT = "3000";
        environment.DATABASE_URL = "postgres://localhost:5432/db";
      };
    };
  };
}
