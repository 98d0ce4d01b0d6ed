/** The admin RBAC actions of the review desk, shared with the admin panel. */
export { ACTIONS, actionId, type ActionUid, type ActionId } from '../../shared/permissions';
