/** The plugin's configuration (config/plugins.ts passes what src/lib/env.ts read), validated with zod at boot. */
import { z } from 'zod';

export const configSchema = z.object({
  enabled: z.boolean(),
  /** Strapi cron every minute on every instance (a lease picks one per source). */
  poll: z.boolean(),
  allowPrivateNetworks: z.boolean(),
  maxBytes: z.number().int().min(1024).max(100 * 1024 * 1024),
  connectTimeoutMs: z.number().int().min(100).max(120_000),
  totalTimeoutMs: z.number().int().min(100).max(600_000),
  /** How long a claimed source stays claimed if its instance dies mid-fetch. */
  leaseMs: z.number().int().min(1000).max(3_600_000),
  /** Sources fetched at once by one instance's poller. */
  concurrency: z.number().int().min(1).max(32),
  maxCoverBytes: z.number().int().min(1024).max(50 * 1024 * 1024),
  maxCoverPixels: z.number().int().min(1).max(200_000_000),
});

export type IngestConfig = z.infer<typeof configSchema>;

export const defaults: IngestConfig = {
  enabled: true,
  poll: true,
  allowPrivateNetworks: false,
  maxBytes: 5 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  leaseMs: 5 * 60_000,
  concurrency: 4,
  maxCoverBytes: 10 * 1024 * 1024,
  maxCoverPixels: 40_000_000,
};

export default {
  default: defaults,
  validator(config: unknown) {
    const result = configSchema.safeParse(config);
    if (!result.success) {
      throw new Error(`plugin ingest: invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
  },
};
