// The machine's ceiling: plain node:http answering 2 KB of JSON, no framework.
const http = require('node:http');

const body = JSON.stringify({ data: Array.from({ length: 20 }, (_, i) => ({ id: i, title: 'x'.repeat(80) })) }).slice(0, 2048);
const payload = Buffer.from(body.length < 2048 ? body + ' '.repeat(2048 - body.length) : body);
http
  .createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': payload.length });
    res.end(payload);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
