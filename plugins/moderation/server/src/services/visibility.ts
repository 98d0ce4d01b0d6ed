/**
 * The one place that knows which files the public may not see. Every process keeps a
 * copy of the hidden set (file ids and every URL of the original and its formats) and
 * reads it again from the database when it is older than cacheTtlMs, so a hide made by
 * any instance is enforced by all of them within that time. The instance that hides a
 * file refreshes at once.
 */
import type { Core } from '@strapi/strapi';
import { MODERATION_STATUSES, isPubliclyVisible } from '../domain';
import { UID } from '../content-types';
import { fromJson, table } from '../utils/db';
import { getService, pluginConfig } from '../utils/plugin';

export interface HiddenSet {
  ids: ReadonlySet<number>;
  /** Paths as served, e.g. /uploads/small_cover_ab12.jpg (also absolute URLs for external providers). */
  urls: ReadonlySet<string>;
}

const NOT_PUBLIC = MODERATION_STATUSES.filter((s) => !isPubliclyVisible(s));

/** Every URL a file is served under: the original and each format. */
export function fileUrls(file: { url?: string | null; formats?: unknown }): string[] {
  const urls: string[] = [];
  if (file.url) urls.push(file.url);
  const formats = fromJson<Record<string, { url?: string }>>(file.formats, {});
  for (const format of Object.values(formats ?? {})) if (format && typeof format.url === 'string') urls.push(format.url);
  return urls;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let current: HiddenSet = { ids: new Set(), urls: new Set() };
  let loadedAt = 0;
  let loading: Promise<HiddenSet> | null = null;
  // Told when a refresh yields a different set, wherever the change came from (this instance, another, the database).
  const listeners = new Set<() => void>();
  const sameSet = (a: HiddenSet, b: HiddenSet) =>
    a.ids.size === b.ids.size && a.urls.size === b.urls.size && [...a.ids].every((id) => b.ids.has(id)) && [...a.urls].every((u) => b.urls.has(u));

  async function load(): Promise<HiddenSet> {
    const state = table(strapi, UID.state);
    const file = table(strapi, UID.file);
    // Through strapi.db.transaction: inside a caller's transaction (an editor's write validating
    // its media) it reuses that transaction. A query on a second connection would wait for the
    // caller's, which SQLite's single connection never frees: a deadlock until the pool timeout.
    const rows = await strapi.db.transaction(({ trx }) =>
      trx(state.name)
      .join(file.name, `${file.name}.${file.col('id')}`, `${state.name}.${state.col('fileId')}`)
      .whereIn(`${state.name}.${state.col('status')}`, NOT_PUBLIC)
      .select(`${file.name}.${file.col('id')} as id`, `${file.name}.${file.col('url')} as url`, `${file.name}.${file.col('formats')} as formats`)
    );
    const ids = new Set<number>();
    const urls = new Set<string>();
    for (const row of rows) {
      ids.add(Number(row.id));
      for (const url of fileUrls(row)) urls.add(url);
    }
    return { ids, urls };
  }

  let started = 0;
  let applied = 0;
  /** Loads and applies a fresh copy; a slower, older load never overwrites a newer one. */
  async function refresh(): Promise<HiddenSet> {
    const seq = ++started;
    const startedAt = Date.now();
    const set = await load();
    if (seq > applied) {
      applied = seq;
      const changed = !sameSet(current, set);
      current = set;
      loadedAt = startedAt;
      if (changed) for (const listener of listeners) listener();
    }
    return current;
  }

  return {
    /** The hidden set, at most cacheTtlMs old. Concurrent callers share one query. */
    async hidden(): Promise<HiddenSet> {
      if (Date.now() - loadedAt < pluginConfig(strapi).cacheTtlMs) return current;
      // Inside a transaction, load on it and share nothing: a shared load begun outside it may be
      // waiting for a connection that this transaction holds (SQLite has one), and never end.
      if (strapi.db.inTransaction()) return refresh();
      loading ??= refresh().finally(() => {
        loading = null;
      });
      return loading;
    },

    /** Calls listener whenever a refresh finds the hidden set changed; returns the unsubscribe. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Reads the set again now. */
    async invalidate(): Promise<void> {
      await refresh();
    },

    /** After this instance hid, restored, blocked or deleted a file: refresh here, and tell the others when Redis is there. */
    async changed(): Promise<void> {
      await refresh();
      // Not awaited: the reply must not wait on Redis; the database refresh bounds staleness anyway.
      void getService(strapi, 'redis').announceHiddenSetChange();
    },

    async isHidden(fileId: number): Promise<boolean> {
      return (await this.hidden()).ids.has(fileId);
    },
  };
};
