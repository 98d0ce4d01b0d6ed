// LOG_LEVEL: error, warn, info, http (Strapi's default: one line per request) or debug.
export default { level: process.env.LOG_LEVEL || 'http' };
