/**
 * A local webhook receiver on 127.0.0.1: records every delivery's event, event id and body.
 * `failFirst` answers 503 to that many requests before answering 200, as a receiver that
 * is down for a while; those refused requests are counted in `refused`, not recorded.
 * `delayMs` waits that long before recording and answering 200, as a slow receiver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  event: string;
  eventId: string | null;
  // any: a webhook body is whatever JSON the sender posted
  body: any;
  at: number;
}

export async function startReceiver(options: { failFirst?: number; delayMs?: number; port?: number } = {}) {
  const deliveries: Delivery[] = [];
  let refused = 0;
  let toFail = options.failFirst ?? 0;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (toFail > 0) {
        toFail--;
        refused++;
        res.writeHead(503).end('down');
        return;
      }
      // any: a webhook body is whatever JSON the sender posted
      let body: any = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const header = req.headers['x-nashra-event-id'];
      const record = () => {
        deliveries.push({ event: String(req.headers['x-strapi-event'] ?? body?.event), eventId: typeof header === 'string' ? header : null, body, at: Date.now() });
        res.writeHead(200).end('ok');
      };
      // A slow receiver: the sender is still waiting for the answer while it has already been recorded here.
      if (options.delayMs) setTimeout(record, options.delayMs);
      else record();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    deliveries,
    refused: () => refused,
    of: (event: string) => deliveries.filter((d) => d.event === event),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
