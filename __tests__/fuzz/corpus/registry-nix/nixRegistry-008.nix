rec {
  api = 70000;
  web = "3001";
  minio = 9000;
  minioConsole = minio + 1;
  zero = 0;
  neg = -1;
  a.b.c.d = 1;
  note = "free text is documentation";
}
