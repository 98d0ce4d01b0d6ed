import type { StrapiApp } from '@strapi/strapi/admin';
import { syncDocumentDirection } from './direction';
import { fieldTranslations } from './fields';
import { addFieldHints } from './hints';
import { quietStrapi } from './quiet';
import { addAdminStyles } from './styles';
import ar from './translations/ar.json';
import fr from './translations/fr.json';
import en from './translations/en.json';

// Before Strapi renders anything: the stored tour and banner states are read on first render,
// and the first requests go out as soon as the layout mounts.
syncDocumentDirection();
addAdminStyles();
quietStrapi();

export default {
  config: {
    // Arabic first: Nashra's editors write Arabic; French and English follow.
    locales: ['ar', 'fr', 'en'],
    tutorials: false,
    notifications: { releases: false },
    // Ours win over Strapi's and its plugins' (loadTrads merges custom translations last).
    translations: {
      ar: { ...ar, ...fieldTranslations('ar') },
      fr: { ...fr, ...fieldTranslations('fr') },
      en: { ...en, ...fieldTranslations('en') },
    },
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', addFieldHints);
  },
};
