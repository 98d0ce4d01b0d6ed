/**
 * The plugin's configuration. The plugin reads no environment: the app reads MODERATION_*
 * with its one env reader (src/lib/env.ts) and passes the values in config/plugins.ts, with
 * which entries the review desk lists as using a file (`usedIn`). Strapi merges that over
 * `default` and calls `validator` at boot, so a bad value stops the boot with a message
 * naming the key ("Error regarding moderation config: usedIn[0].titleField: ...").
 */
import { z } from 'zod';
import { validateRules, type RuleAndRateSettings } from '../domain/settings';

/** A content type whose media fields the review desk lists as "used in", and the attribute it shows as the entry's title. */
export interface UsedInType {
  uid: string;
  titleField: string;
}

export interface ModerationConfig {
  /** false: the plugin stays installed (its tables exist) but adds no route, sanitizer or middleware effect. */
  enabled: boolean;
  /** HMAC key for reporter and network keys. */
  secret: string;
  /** Defaults for the settings (the reasons are the domain's); the admin settings API stores overrides in the plugin store. */
  defaults: RuleAndRateSettings;
  /** How stale a process's copy of the hidden set may get before it is read again. */
  cacheTtlMs: number;
  /** When set, rate limits live in Redis and hides are announced over pub/sub. */
  redisUrl: string | null;
  /** Reports per network (IPv4 /24, IPv6 /48), beside the per-reader limit of the settings. */
  networkRate: { perMinute: number; perDay: number };
  /** Which entries the review desk shows as using a file; none by default. */
  usedIn: UsedInType[];
}

const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;

const schema = z.strictObject({
  enabled: z.boolean(),
  // A real secret is the app's to demand (src/lib/env.ts refuses a weak one in production); here only: there is one.
  secret: z.string().min(16, 'must be at least 16 characters: a long random value that keys the reporter hashes'),
  defaults: z.strictObject({
    threshold: z.number(),
    minNetworks: z.number(),
    windowDays: z.number(),
    rateLimit: z.strictObject({ perMinute: z.number(), perDay: z.number() }),
  }),
  // Above 4 s an instance could miss the "hidden everywhere within 5 seconds" promise.
  cacheTtlMs: whole(100, 4000),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL')
    .nullable(),
  networkRate: z.strictObject({ perMinute: whole(1, 9_999_999), perDay: whole(1, 9_999_999) }),
  usedIn: z
    .array(
      z.strictObject({
        uid: z.string().regex(UID, "must be a content type's uid, such as api::article.article"),
        titleField: z.string().min(1),
      }),
    )
    .refine((list) => new Set(list.map((t) => t.uid)).size === list.length, 'lists a content type twice'),
});

const path = (segments: ReadonlyArray<PropertyKey>) =>
  segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s)), '') || '(config)';

/** Every problem of a merged config, each naming its key; empty when it is valid. */
export function configProblems(config: unknown): string[] {
  const parsed = schema.safeParse(config);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${path(issue.path)}: ${issue.message}`);
  // The settings' own rules (minNetworks <= threshold, perDay >= perMinute, ranges), as the admin settings API applies them.
  return validateRules(parsed.data.defaults).map((issue) => `defaults.${issue.path}: ${issue.message}`);
}

export function validateConfig(config: unknown): asserts config is ModerationConfig {
  const problems = configProblems(config);
  if (problems.length > 0) throw new Error(`\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

export const DEFAULT_CONFIG: ModerationConfig = {
  enabled: true,
  // No default: without the app's value (src/lib/env.ts gives one per process outside production) the validator stops the boot.
  secret: '',
  defaults: { threshold: 3, minNetworks: 2, windowDays: 7, rateLimit: { perMinute: 10, perDay: 50 } },
  cacheTtlMs: 2000,
  redisUrl: null,
  networkRate: { perMinute: 30, perDay: 300 },
  usedIn: [],
};

export default {
  // A fresh copy: Strapi merges the app's config into it. Arrays are empty, since a merge would mix them by index.
  default: (): ModerationConfig => structuredClone(DEFAULT_CONFIG),
  validator: (config: unknown): void => validateConfig(config),
};
