import { Feather } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID, SLUG_CUSTOM_FIELD, isPluginLocale } from '../../shared';

type CustomField = Parameters<StrapiApp['customFields']['register']>[0];

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Feather,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Arabic text' },
      Component: () => import('./pages/App'),
      // Open to every admin: the page only previews text.
      permissions: [],
    });
    // Cast because Strapi's CustomField type is narrower than what its admin accepts and its docs
    // show: option names under `options.` (CustomFieldOptionName lists only the built-in ones), and
    // an Input typed ComponentType<{}> although the edit view passes it name, label, attribute...
    const slugField = {
      name: SLUG_CUSTOM_FIELD,
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
    };
    app.customFields.register(slugField as unknown as CustomField);
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const code = isPluginLocale(locale) ? locale : 'en';
        const { default: data } = (await import(`./translations/${code}.json`)) as { default: Record<string, string> };
        const prefixed = Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
        return { data: prefixed, locale };
      })
    );
  },
};
