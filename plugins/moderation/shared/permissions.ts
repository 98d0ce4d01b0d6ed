/** The plugin's name, as Strapi knows it (plugin::moderation.*) and as the admin routes are prefixed. */
export const PLUGIN_ID = 'moderation';

/** The admin RBAC actions of the review desk; `plugin::moderation.<uid>` once registered. */
export const ACTIONS = [
  { uid: 'read', displayName: 'Read the moderation queue' },
  { uid: 'review', displayName: 'Restore, block or delete reported media' },
  { uid: 'settings', displayName: 'Change the moderation settings' },
] as const;

export type ActionUid = (typeof ACTIONS)[number]['uid'];
export type ActionId = `plugin::${typeof PLUGIN_ID}.${ActionUid}`;

export const actionId = (uid: ActionUid): ActionId => `plugin::${PLUGIN_ID}.${uid}`;

/** Each action as the admin panel's Page.Protect and menu links take it. */
export const PERMISSIONS: Record<ActionUid, Array<{ action: ActionId; subject: null }>> = {
  read: [{ action: actionId('read'), subject: null }],
  review: [{ action: actionId('review'), subject: null }],
  settings: [{ action: actionId('settings'), subject: null }],
};
