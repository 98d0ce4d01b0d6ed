import type { Core } from '@strapi/strapi';
import config from './config';
import contentTypes from './content-types';
import routes from './routes';
import controllers from './controllers';
import services from './services';
import { ACTIONS, PLUGIN_ID } from '../../shared';
import { getService, pluginConfig } from './utils';

const register = () => {};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS.map((a) => ({ section: 'plugins', pluginName: PLUGIN_ID, ...a })));
  await getService(strapi, 'store').ensureIndexes();
  const cfg = pluginConfig(strapi);
  if (cfg.enabled && cfg.poll) {
    let running = false;
    strapi.cron.add({
      ingestPoll: {
        // Every instance ticks; the lease in ingest_feed_states lets one of them fetch each due source.
        task: async () => {
          if (running) return;
          running = true;
          try {
            await getService(strapi, 'runner').pollDue();
          } catch (err) {
            strapi.log.warn(`ingest: poll failed: ${(err as Error).message}`);
          } finally {
            running = false;
          }
        },
        options: { rule: '*/1 * * * *' },
      },
    });
  }
};

const destroy = () => {};

export default { register, bootstrap, destroy, config, contentTypes, routes, controllers, services };
