import type { Core } from '@strapi/strapi';
import { DEFAULT_SETTINGS } from '../domain';

export default (_: { strapi: Core.Strapi }) => ({
  async get() {
    return DEFAULT_SETTINGS;
  },
});
