# lib/ports.nix
{
  # ... existing ports ...

  newCategory = {
    newService = 8080;
  };
}
