/**
 * Moderation webhooks that survive a crash. An event is a row written in the transaction
 * of the change it reports (writeEvent); after commit, and every few seconds on every
 * instance, due rows are claimed one at a time (a lease taken by an atomic conditional
 * update, so two instances never deliver one row at once, and a lease left by a killed
 * process simply runs out) and posted to every enabled webhook of Strapi's store that
 * subscribes to the event, until each answers 2xx; to each receiver, one file's events in
 * the order they happened (a later one waits until the receiver has the earlier ones, so
 * a receiver that is down delays only itself). A lease held by a process of this host
 * that is gone (kill -9, a restarted container) is taken over at once. A receiver is recorded as served right
 * after its 2xx: a repeat happens only when the process dies between the two, and then
 * carries the same event id (body `eventId`, header `X-Nashra-Event-Id`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { affected, baseRow, fromJson, table, toDate } from '../utils/db';
import { getService } from '../utils/plugin';
import type { ModerationEvent, WebhookStore } from '../services/events';
import { codeOf, messageOf } from '../utils/errors';
import type { Knex, Row } from '../utils/types';

export const EVENT_ID_HEADER = 'X-Nashra-Event-Id';
const POLL_MS = 1000;
const LEASE_MS = 30_000;
const TIMEOUT_MS = 10_000;
const BATCH = 20;
const KEEP_DELIVERED_MS = 7 * 86_400_000;

/** Back-off after the n-th failed attempt (n >= 1): 1 s, 2 s, 4 s ... up to 10 minutes, with some jitter so instances do not retry in step. */
export function retryDelay(attempts: number, random = Math.random): number {
  const base = Math.min(600_000, 1000 * 2 ** Math.min(attempts - 1, 20));
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Writes the event inside the caller's transaction; its payload is read there too, so it describes the committed change. */
export async function writeEvent(strapi: Core.Strapi, trx: Knex, event: ModerationEvent, fileId: number, now: Date) {
  const o = table(strapi, UID.outbox);
  const payload = await getService(strapi, 'events').payload(fileId, event, trx);
  await trx(o.name).insert({
    ...baseRow(o, now),
    [o.col('eventId')]: randomUUID(),
    [o.col('event')]: event,
    [o.col('fileId')]: fileId,
    [o.col('payload')]: JSON.stringify(payload),
    [o.col('attempts')]: 0,
    [o.col('nextAttemptAt')]: now.getTime(),
    [o.col('deliveredTo')]: JSON.stringify([]),
  });
}

/**
 * A lease whose owner is known dead: a process on this host that no longer runs, or an
 * earlier life of this very process id (a restarted container). Its rows are taken over
 * at once instead of when the lease runs out; owners on other hosts are waited for.
 */
export function deadOwner(owner: string, me: string, alive: (pid: number) => boolean): boolean {
  const [host, pid] = owner.split(':');
  const [myHost, myPid] = me.split(':');
  if (host !== myHost || owner === me || !/^[0-9]+$/.test(pid ?? '')) return false;
  return pid === myPid || !alive(Number(pid));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

interface Webhook {
  id: number | string;
  url: string;
  headers?: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

const subscribes = (w: Webhook, event: string) => w.isEnabled === true && Array.isArray(w.events) && w.events.includes(event);

/** `owner` names this dispatcher in leases (host:pid:random); tests give two dispatchers of one process distinct hosts. */
export default ({ strapi }: { strapi: Core.Strapi }, options: { owner?: string } = {}) => {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const o = () => table(strapi, UID.outbox);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let ticks = 0;

  /** Takes the row if its lease is free, ran out, or is held by `from` (a dead owner): one atomic conditional update. */
  async function claim(id: number, now: number, from: string | null): Promise<boolean> {
    const t = o();
    const won = await strapi.db
      .connection(t.name)
      .where(t.col('id'), id)
      .whereNull(t.col('deliveredAt'))
      .andWhere((q) => {
        q.whereNull(t.col('leaseUntil')).orWhere(t.col('leaseUntil'), '<', now);
        if (from) q.orWhere(t.col('leaseOwner'), from);
      })
      .update({ [t.col('leaseOwner')]: owner, [t.col('leaseUntil')]: now + LEASE_MS });
    return affected(won) === 1;
  }

  /** Keeps the lease while this process is still working on the row (each post may take the whole timeout). */
  async function renew(id: number) {
    const t = o();
    await strapi.db.connection(t.name).where(t.col('id'), id).andWhere(t.col('leaseOwner'), owner).update({ [t.col('leaseUntil')]: Date.now() + LEASE_MS });
  }

  async function post(webhook: Webhook, body: string, event: string, eventId: string): Promise<string | null> {
    const defaults = (strapi.config.get('server.webhooks.defaultHeaders', {}) as Record<string, string>) ?? {};
    // Strapi 5 gives the app a fetch that honours its proxy settings; older ones do not.
    const send = (strapi as Core.Strapi & { fetch?: typeof fetch }).fetch ?? fetch;
    try {
      const res = await send(webhook.url, {
        method: 'POST',
        body,
        // Strapi's webhook runner sends the same headers, in this order; the event id is ours.
        headers: { ...defaults, ...(webhook.headers ?? {}), 'X-Strapi-Event': event, [EVENT_ID_HEADER]: eventId, 'Content-Type': 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (error) {
      return messageOf(error);
    }
  }

  async function deliver(row: Row, webhooks: Webhook[]) {
    const t = o();
    const id = Number(row[t.col('id')]);
    const event = String(row[t.col('event')]);
    const eventId = String(row[t.col('eventId')]);
    const done = new Set<string>(fromJson<Array<string | number>>(row[t.col('deliveredTo')], []).map(String));
    const createdAt = toDate(row[t.col('createdAt')]) ?? new Date();
    const body = JSON.stringify({ event, createdAt, eventId, ...fromJson<Record<string, unknown>>(row[t.col('payload')], {}) });
    const failures: string[] = [];
    let waiting = false;
    const earlier = (
      await strapi.db
        .connection(t.name)
        .where(t.col('fileId'), Number(row[t.col('fileId')]))
        .andWhere(t.col('id'), '<', id)
        .whereNull(t.col('deliveredAt'))
        .select(`${t.col('event')} as event`, `${t.col('deliveredTo')} as deliveredTo`)
    ).map((e: Row) => ({ event: String(e.event), done: new Set(fromJson<Array<string | number>>(e.deliveredTo, []).map(String)) }));
    for (const webhook of webhooks.filter((w) => subscribes(w, event))) {
      if (done.has(String(webhook.id))) continue;
      // A restore must not reach a receiver before the hide it answers.
      if (earlier.some((e) => subscribes(webhook, e.event) && !e.done.has(String(webhook.id)))) {
        waiting = true;
        continue;
      }
      await renew(id);
      const error = await post(webhook, body, event, eventId);
      if (error) {
        failures.push(`webhook ${webhook.id}: ${error}`);
        continue;
      }
      done.add(String(webhook.id));
      await strapi.db.connection(t.name).where(t.col('id'), id).update({ [t.col('deliveredTo')]: JSON.stringify([...done]) });
    }
    const now = Date.now();
    if (failures.length === 0 && waiting) {
      // Not a failure: due again at the next pass, once the earlier event has gone out.
      await strapi.db.connection(t.name).where(t.col('id'), id).update({ [t.col('leaseOwner')]: null, [t.col('leaseUntil')]: null });
      return false;
    }
    if (failures.length === 0) {
      await strapi.db.connection(t.name).where(t.col('id'), id).update({ [t.col('deliveredAt')]: new Date(now), [t.col('leaseOwner')]: null, [t.col('leaseUntil')]: null, [t.col('lastError')]: null });
      return true;
    }
    const attempts = Number(row[t.col('attempts')] ?? 0) + 1;
    await strapi.db
      .connection(t.name)
      .where(t.col('id'), id)
      .update({ [t.col('attempts')]: attempts, [t.col('nextAttemptAt')]: now + retryDelay(attempts), [t.col('leaseOwner')]: null, [t.col('leaseUntil')]: null, [t.col('lastError')]: failures.join('; ').slice(0, 2000) });
    strapi.log.warn(`moderation: ${event} ${eventId} not delivered (attempt ${attempts}), retrying: ${failures.join('; ')}`);
    return false;
  }

  async function deliverDue() {
    const t = o();
    const now = Date.now();
    const due = (
      await strapi.db
        .connection(t.name)
        .whereNull(t.col('deliveredAt'))
        .andWhere(t.col('nextAttemptAt'), '<=', now)
        .andWhere((q) => q.whereNull(t.col('leaseUntil')).orWhere(t.col('leaseUntil'), '<', now).orWhereNot(t.col('leaseOwner'), owner))
        .orderBy(t.col('id'), 'asc')
        .limit(BATCH * 5)
        .select(`${t.col('id')} as id`, `${t.col('leaseOwner')} as leaseOwner`, `${t.col('leaseUntil')} as leaseUntil`)
    )
      .map((row: Row) => {
        const leased = row.leaseUntil !== null && Number(row.leaseUntil) >= now;
        const from = leased && row.leaseOwner && deadOwner(String(row.leaseOwner), owner, processAlive) ? String(row.leaseOwner) : null;
        return { id: Number(row.id), free: !leased, from };
      })
      .filter((row: { free: boolean; from: string | null }) => row.free || row.from !== null)
      .slice(0, BATCH);
    if (due.length === 0) return false;
    const webhooks: Webhook[] = (await (strapi.get('webhookStore') as WebhookStore).findWebhooks()) ?? [];
    let progress = false;
    for (const { id, from } of due) {
      if (stopped) return false;
      if (!(await claim(id, Date.now(), from))) continue;
      const row = await strapi.db.connection(t.name).where(t.col('id'), id).first();
      if (row && row[t.col('leaseOwner')] === owner && (await deliver(row, webhooks))) progress = true;
    }
    // A delivery may have released a file's next event: look again at once.
    return progress;
  }

  async function sweep() {
    const t = o();
    await strapi.db.connection(t.name).whereNotNull(t.col('deliveredAt')).andWhere(t.col('deliveredAt'), '<', new Date(Date.now() - KEEP_DELIVERED_MS)).delete();
  }

  /** One pass at a time per process; a kick during a pass asks for another pass right after it. */
  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          if (await deliverDue()) again = true;
        } while (again && !stopped);
        if (++ticks % 3600 === 0) await sweep();
      } catch (error) {
        // The database may be busy or going away; the next tick tries again.
        if (!stopped) strapi.log.warn(`moderation: outbox pass failed: ${messageOf(error)}`);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(() => void tick(), POLL_MS);
      timer.unref();
      void tick();
    },
    kick() {
      void tick();
    },
    /** Runs a pass now and waits for it (tests, and the admin's "deliver now"). */
    flush: () => tick(),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
};
