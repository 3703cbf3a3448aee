let
  base = 6000;
in {
  microcosm.constellation = { http = 6789; metrics = 8765; };
  web.vite = [ 5173 5174 ];
}
