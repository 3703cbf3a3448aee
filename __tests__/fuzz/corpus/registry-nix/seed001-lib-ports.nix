# lib/ports.nix
{
  infrastructure = {
    ssh = 22;
    tailscale = 41641;
    nodeExporter = 9100;
    promtail = 9080;
  };

  databases = {
    redis = 6379;
    postgresql = 5432;
    temporal = 7233;
  };

  development = {
    api = 3000;
    web = 3001;
    temporalUI = 8233;
    storybook = 6006;
  };

  otel = {
    grpc = 4317;
    http = 4318;
    jaegerUI = 16686;
  };

  storage = {
    minio = 9000;
    minioConsole = 9001;
  };
}
