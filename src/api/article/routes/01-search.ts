// Named to load before the core router: otherwise GET /articles/:id would take /articles/search.
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/search',
      handler: 'plugin::arabic.search.articles',
      // Public by design, like the ticker items: it only ever serves published articles.
      config: { auth: false },
    },
  ],
};
