import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Arabic first: Nashra's editors write Arabic; French and English follow.
    locales: ['ar', 'fr', 'en'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
