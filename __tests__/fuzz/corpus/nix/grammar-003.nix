{
  pkgs ? import <nixpkgs> { },
}:
pkgs
