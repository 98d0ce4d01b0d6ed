/** A local webhook receiver on 127.0.0.1: records every delivery's event and body. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  event: string;
  body: any;
}

export async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      let body: any = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      deliveries.push({ event: String(req.headers['x-strapi-event'] ?? body?.event), body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    of: (event: string) => deliveries.filter((d) => d.event === event),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
