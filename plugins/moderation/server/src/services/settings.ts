/**
 * Settings: the plugin's config gives the defaults (validated at boot), the admin settings
 * API stores a complete override in the plugin store. Every instance reads the store at
 * most every cacheTtlMs, so a change made on one instance applies everywhere within it.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_REASONS, validateSettings, type ModerationSettings } from '../domain';
import { pluginConfig, PLUGIN } from '../utils/plugin';

const KEY = 'settings';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: { value: ModerationSettings; at: number } | null = null;
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN });

  return {
    defaults(): ModerationSettings {
      // Reasons are not configuration: the admin settings API owns them.
      return { ...pluginConfig(strapi).defaults, reasons: DEFAULT_REASONS };
    },

    async get(): Promise<ModerationSettings> {
      const ttl = pluginConfig(strapi).cacheTtlMs;
      if (cached && Date.now() - cached.at < ttl) return cached.value;
      const stored = await store().get({ key: KEY });
      // A stored value that no longer validates (an older shape) must not break reports: fall back to the defaults.
      const checked = stored ? validateSettings(stored) : null;
      const value = checked?.ok ? checked.value : this.defaults();
      cached = { value, at: Date.now() };
      return value;
    },

    /** Stores a complete settings object; returns the validation result so the controller can answer 400. */
    async set(input: unknown) {
      const checked = validateSettings(input);
      if (!checked.ok) return checked;
      await store().set({ key: KEY, value: checked.value });
      cached = null;
      return checked;
    },
  };
};
