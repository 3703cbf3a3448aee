services.x.port = 1;
http_port = 1;
listenAddress = "";
environment.PORT = "1";
ExecStart = "";
