export const PLUGIN_ID = 'moderation';
