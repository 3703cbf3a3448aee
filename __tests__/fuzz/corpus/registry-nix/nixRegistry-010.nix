{
  api = 3000;
  web = ;
  db = 5432;
}
