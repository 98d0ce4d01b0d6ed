import { useEffect, useState } from 'react';
import { Box, Checkbox, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';

/** The plugin's webhook events (server/src/services/events.ts). */
const EVENTS = ['moderation.hidden', 'moderation.restored', 'moderation.blocked'] as const;

interface Webhook {
  id: number | string;
  name: string;
  url: string;
  headers?: Record<string, string>;
  events: string[];
  isEnabled?: boolean;
}

/**
 * Which webhooks receive the moderation events. Strapi 5.54's Settings -> Webhooks page lists
 * only Strapi's own events (its list is fixed in the admin code), so the choice is made here,
 * through the same admin webhooks API; that page keeps these events when it saves a webhook.
 */
export function WebhookEvents() {
  const t = useT();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    get<{ data: Webhook[] }>('/admin/webhooks')
      .then(({ data }) => setHooks(data.data))
      .catch(() => setDenied(true));
  }, []);

  const toggle = async (hook: Webhook, event: string, on: boolean) => {
    const events = on ? [...new Set([...hook.events, event])] : hook.events.filter((e) => e !== event);
    try {
      const { data } = await put<{ data: Webhook }>(`/admin/webhooks/${hook.id}`, {
        name: hook.name,
        url: hook.url,
        headers: hook.headers ?? {},
        events,
        isEnabled: hook.isEnabled ?? true,
      });
      setHooks((all) => (all ?? []).map((h) => (h.id === hook.id ? data.data : h)));
      toggleNotification({ type: 'success', message: t('webhooks.saved', { name: hook.name }) });
    } catch {
      toggleNotification({ type: 'danger', message: t('webhooks.error', { name: hook.name }) });
    }
  };

  return (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="webhook-events">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2">{t('webhooks.title')}</Typography>
        <Typography textColor="neutral600">{t('webhooks.hint')}</Typography>
        {denied ? (
          <Typography textColor="neutral600">{t('webhooks.denied')}</Typography>
        ) : hooks === null ? null : hooks.length === 0 ? (
          <Typography textColor="neutral600">{t('webhooks.none')}</Typography>
        ) : (
          hooks.map((hook) => (
            <Flex key={hook.id} gap={6} wrap="wrap" data-testid={`webhook-${hook.id}`}>
              <Box minWidth="14rem">
                <Typography fontWeight="bold">{hook.name}</Typography>
                <Typography variant="pi" textColor="neutral600" dir="ltr"> {hook.url}</Typography>
              </Box>
              {EVENTS.map((event) => (
                <Checkbox
                  key={event}
                  checked={hook.events.includes(event)}
                  onCheckedChange={(checked: boolean | 'indeterminate') => toggle(hook, event, checked === true)}
                  data-testid={`webhook-${hook.id}-${event}`}
                >
                  {t(`webhooks.event.${event.split('.')[1]}`)}
                </Checkbox>
              ))}
            </Flex>
          ))
        )}
      </Flex>
    </Box>
  );
}
