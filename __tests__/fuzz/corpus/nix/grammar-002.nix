{
  lib,
  pkgs,
}:
{ }
