const App = () => <div>hello</div>;
server.listen(3009);
