// The demo's own feeds: npm run demo serves scripts/demo/feeds/* on a local port, and the demo's
// sources point at them, so a new user sees the ingestion poller turn them into articles. Each
// feed is sent in the charset its manifest declares (yawmiyat24 in windows-1256), with an ETag,
// and dated relative to now ({{RFC822:n}} / {{ISO:n}} = n hours ago).
// CommonJS so that demo.mjs and the tests (Jest) load the same file.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const DIR = path.join(__dirname, 'feeds');

async function startDemoFeeds(port, host = '127.0.0.1') {
  // Loaded here, after npm ci: demo.mjs itself runs before the dependencies are installed.
  const iconv = require('iconv-lite');
  const sharp = require('sharp');
  const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8'));
  let base = `http://${host}:${port}`;
  const started = Date.now();
  const picture = await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 24, g: 94, b: 140 } } }).jpeg().toBuffer();
  const render = (text) =>
    text
      .replaceAll('{{BASE}}', base)
      // Anchored to the server's start: the same feed (and ETag) all session long.
      .replace(/\{\{RFC822:(\d+)\}\}/g, (_, h) => new Date(started - Number(h) * 3600_000).toUTCString())
      .replace(/\{\{ISO:(\d+)\}\}/g, (_, h) => new Date(started - Number(h) * 3600_000).toISOString());
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/img/')) return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
    const m = /^\/feeds\/([a-z0-9]+)\.xml$/.exec(url.pathname);
    const entry = m && manifest[m[1]];
    if (!entry) return void res.writeHead(404).end();
    const body = iconv.encode(render(fs.readFileSync(path.join(DIR, entry.file), 'utf8')), entry.encoding);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': entry.contentType, etag }).end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  base = `http://${host}:${server.address().port}`;
  return { base, feeds: Object.keys(manifest), close: () => new Promise((r) => server.close(() => r())) };
}

module.exports = { startDemoFeeds };
