/** The public API: anyone may read the reasons and send a report (auth: false, rate limited in the controller). */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/reasons', handler: 'report.reasons', config: { auth: false } },
    { method: 'POST', path: '/reports', handler: 'report.create', config: { auth: false } },
  ],
};
