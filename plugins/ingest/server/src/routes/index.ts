import { actionId, type ActionUid } from '../../../shared';

const can = (action: ActionUid) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }] });

export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/sources', handler: 'ingest.sources', config: can('read') },
      { method: 'GET', path: '/sources/:documentId/items', handler: 'ingest.items', config: can('read') },
      { method: 'POST', path: '/sources/:documentId/fetch', handler: 'ingest.fetch', config: can('run') },
    ],
  },
};
