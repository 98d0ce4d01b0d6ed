import { Feather } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';

const LOCALES = ['ar', 'fr', 'en'] as const;

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Feather,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Arabic text' },
      
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
