{ lib, ... }:
rec {
  pocket-id = 8080; # the identity provider
  "who-am-i" = 9997;
  /* block comment = 1; */
  databases.redis = 6379;
  "monitoring".grafana = 3002;
  dns = { port = 53; protocol = "udp"; description = "resolver"; };
}
