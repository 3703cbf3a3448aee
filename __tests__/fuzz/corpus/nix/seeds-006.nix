{
  # DON'T: Hardcode ports inline
  services.myService.port = 3000;
}
