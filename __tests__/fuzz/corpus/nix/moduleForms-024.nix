{ config, ... }:
{
  services.a.port = 1111;
  services.b = { port = 2222 };
  services.c.port = 3333;
  services.d = { port = ; x = 1; };
  services.e.port = 5555;
}
