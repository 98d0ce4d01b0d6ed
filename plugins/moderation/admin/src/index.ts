import { Shield } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../shared/permissions';
import { LOCALES } from '../../shared/statuses';
import { PLUGIN_ID } from './pluginId';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Shield,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Moderation' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/App'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const code = (LOCALES as readonly string[]).includes(locale) ? locale : 'en';
        const { default: data } = await import(`./translations/${code}.json`);
        const prefixed = Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
        return { data: prefixed, locale };
      })
    );
  },
};
