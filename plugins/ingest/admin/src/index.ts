import { Download } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID, actionId } from '../../shared';

const LOCALES = ['ar', 'fr', 'en'] as const;

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Download,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Ingestion' },
      permissions: [{ action: actionId('read'), subject: null }],
      Component: () => import('./pages/App'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const code = (LOCALES as readonly string[]).includes(locale.slice(0, 2)) ? locale.slice(0, 2) : 'en';
        const { default: data } = await import(`./translations/${code}.json`);
        const prefixed = Object.fromEntries(Object.entries(data as Record<string, string>).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
        return { data: prefixed, locale };
      }),
    );
  },
};
