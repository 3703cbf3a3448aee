{ pkgs, ... }:
{
  systemd.sockets.echo.listenStreams = [ "0.0.0.0:7777" ];
  systemd.sockets.dns.listenDatagrams = [ "53" ];
  systemd.services.api = {
    environment.PORT = "3000";
    environment.DB_PORT = "5432";
    environment.API_METRICS_PORT = toString 9465;
    serviceConfig.Environment = [ "HTTP_PORT=4000" "REDIS_PORT=6379" ];
    script = ''
      export URL="''${BASE}:9000"
      exec ${pkgs.api}/bin/api --port 7000 --metrics-port ''${METRICS_PORT}
    '';
  };
}
