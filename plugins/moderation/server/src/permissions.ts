/** The admin RBAC actions of the review desk; `plugin::moderation.<uid>` once registered. */
export const ACTIONS = [
  { uid: 'read', displayName: 'Read the moderation queue' },
  { uid: 'review', displayName: 'Restore, block or delete reported media' },
  { uid: 'settings', displayName: 'Change the moderation settings' },
] as const;

export const actionId = (uid: (typeof ACTIONS)[number]['uid']) => `plugin::moderation.${uid}`;
