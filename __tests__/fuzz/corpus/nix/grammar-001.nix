{
  script = ''
    echo ''${HOME} '''quoted''' $x
  '';
  ports = [ 80 443 8080 ];
}
