const socket = dgram.createSocket('udp4');
socket.bind(41234);
const { port = 3008 } = options;
server.listen(port);
