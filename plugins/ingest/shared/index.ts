/** What the admin page and the server agree on: RBAC actions, statuses and the shapes of the admin API. */
export const PLUGIN_ID = 'ingest';

export const ACTIONS = [
  { uid: 'read', displayName: 'See feed sources, their status and items' },
  { uid: 'run', displayName: 'Fetch a source now' },
] as const;
export type ActionUid = (typeof ACTIONS)[number]['uid'];
export const actionId = (uid: ActionUid) => `plugin::${PLUGIN_ID}.${uid}` as const;

/** The outcome of one fetch of a source. */
export type RunStatus = 'ok' | 'not-modified' | 'partial' | 'rate-limited' | 'error' | 'blocked' | 'skipped';

export interface RunResult {
  status: RunStatus;
  httpStatus: number | null;
  fetched: number;
  created: number;
  updated: number;
  duplicates: number;
  warnings: string[];
  errors: string[];
}

export interface RunItem {
  title: string;
  articleDocumentId: string | null;
  locale: string;
  outcome: 'created' | 'updated' | 'duplicate' | 'kept-edited' | 'failed';
  originalUrl: string | null;
}

export interface SourceStatus {
  documentId: string;
  name: string;
  feedUrl: string | null;
  active: boolean;
  autoPublish: boolean;
  pollMinutes: number;
  lastFetchAt: string | null;
  httpStatus: number | null;
  status: RunStatus | null;
  seen: number;
  created: number;
  duplicates: number;
  nextPollAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  running: boolean;
  lastRun: RunItem[];
}

export interface ItemRow {
  id: number;
  title: string;
  articleDocumentId: string | null;
  locale: string;
  originalUrl: string | null;
  createdAt: string;
}
