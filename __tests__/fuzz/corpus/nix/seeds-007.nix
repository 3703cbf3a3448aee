{
  # DO: Reference from ports.nix
  services.myService.port = ports.development.myService;
}
