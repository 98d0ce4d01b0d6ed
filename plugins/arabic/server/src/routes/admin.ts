export default {
  type: 'admin',
  routes: [
    {
      // What the slug and search key of a text would be: the editor's preview.
      method: 'POST',
      path: '/preview',
      handler: 'text.preview',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
