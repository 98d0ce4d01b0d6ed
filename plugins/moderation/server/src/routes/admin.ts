/** The review desk's API under /moderation (admin JWT); each route names the RBAC action it needs. */
import { actionId, type ActionUid } from '../permissions';

const can = (action: ActionUid) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }],
});

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'settings.find', config: can('read') },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: can('settings') },
    { method: 'GET', path: '/queue', handler: 'review.queue', config: can('read') },
    { method: 'GET', path: '/queue/:fileId', handler: 'review.item', config: can('read') },
    { method: 'GET', path: '/queue/:fileId/preview', handler: 'review.preview', config: can('read') },
    { method: 'POST', path: '/queue/:fileId/restore', handler: 'review.restore', config: can('review') },
    { method: 'POST', path: '/queue/:fileId/block', handler: 'review.block', config: can('review') },
    { method: 'DELETE', path: '/queue/:fileId', handler: 'review.remove', config: can('review') },
    { method: 'GET', path: '/audit', handler: 'review.audit', config: can('read') },
    { method: 'GET', path: '/blocks', handler: 'review.blocks', config: can('read') },
    { method: 'DELETE', path: '/blocks/:blockId', handler: 'review.lift', config: can('review') },
  ],
};
