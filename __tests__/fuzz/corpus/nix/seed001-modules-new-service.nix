let
  ports = import ../lib/ports.nix;
in
{
  services.newService.port = ports.newCategory.newService;
}
