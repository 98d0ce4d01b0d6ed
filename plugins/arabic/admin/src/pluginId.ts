export const PLUGIN_ID = 'arabic';
