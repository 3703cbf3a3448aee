typescript
app.listen(3000);
