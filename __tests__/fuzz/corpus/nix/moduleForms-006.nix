{
  services.prometheus = {
    enable = true;
    port = 9090;
    exporters.node = {
      enable = true;
      listenAddress = "127.0.0.1";
      port = 9100;
    };
  };
  services.blacksky.pds = { enable = true; port = 3000; };
}
