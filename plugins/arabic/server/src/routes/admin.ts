import { PREVIEW_PATH } from '../../../shared';

export default {
  type: 'admin',
  routes: [
    {
      // What the slug and search key of a text would be: the editor's preview.
      method: 'POST',
      path: PREVIEW_PATH,
      handler: 'text.preview',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
