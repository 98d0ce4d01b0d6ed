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
    app.customFields.register({
      name: 'slug',
      pluginId: PLUGIN_ID,
      type: 'string',
      intlLabel: { id: `${PLUGIN_ID}.slug.label`, defaultMessage: 'Arabic slug' },
      intlDescription: { id: `${PLUGIN_ID}.slug.description`, defaultMessage: 'Made from another field, Arabic letters kept, unique per locale' },
      icon: Feather,
      components: { Input: async () => import('./components/SlugInput') },
      options: {
        base: [
          {
            sectionTitle: null,
            items: [
              {
                name: 'options.sourceField',
                type: 'text',
                intlLabel: { id: `${PLUGIN_ID}.slug.sourceField`, defaultMessage: 'Made from the field' },
                description: { id: `${PLUGIN_ID}.slug.sourceField.hint`, defaultMessage: 'Name of the attribute the slug is made from (title, name)' },
              },
            ],
          },
        ],
      },
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
