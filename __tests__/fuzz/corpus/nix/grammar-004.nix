{ config, ... }:
{
  services.a.port = 1;
  services.b = { port = 2 };
  services.d = { port = ; };
}
