export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/settings',
      handler: 'settings.find',
      config: {
        policies: [{ name: 'admin::hasPermissions', config: { actions: ['plugin::moderation.read'] } }],
      },
    },
  ],
};
