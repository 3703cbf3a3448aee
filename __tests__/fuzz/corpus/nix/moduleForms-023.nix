{
  services.broken.port = 70000;
}
