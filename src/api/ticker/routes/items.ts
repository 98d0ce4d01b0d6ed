export default {
  routes: [
    {
      method: 'GET',
      path: '/tickers/:slug/items',
      handler: 'api::ticker.ticker.items',
      // Public by design: a ticker is what every reader sees; its data are published entries.
      config: { auth: false },
    },
  ],
};
