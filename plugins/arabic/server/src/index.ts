import register from './register';
import bootstrap from './bootstrap';
import config from './config';
import routes from './routes';
import controllers from './controllers';
import services from './services';

export default { register, bootstrap, config, routes, controllers, services };

/** For the app: the plugin's services and config, typed (`getService(strapi, 'attribution').attach(data)`). */
export { getService, getConfig, type ArabicServices, type ArabicServiceName } from './utils';
export { parseArabicConfig, checkAgainstSchemas, ArabicConfigError, type ArabicConfig } from './config';
export type { Attribution, PreviewResponse } from '../../shared';
