import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { Badge, Box, EmptyStateLayout, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { Page, useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { DeskLayout } from '../components/DeskLayout';
import { PageLinks } from '../components/PageLinks';
import type { AuditEntry, Pagination as Paging } from '../utils/api';
import { useT } from '../utils/useT';

const SETTINGS_FIELDS = ['threshold', 'minNetworks', 'windowDays'] as const;

/** Who changed what, newest first; automatic hides (actor 'system') are marked apart from moderators' decisions. */
export function AuditPage() {
  const t = useT();
  const { formatDate } = useIntl();
  const { get } = useFetchClient();
  const [params] = useSearchParams();
  const page = params.get('page') ?? '1';
  const pageSize = params.get('pageSize') ?? '20';
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [pagination, setPagination] = useState<Paging | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    get<{ data: AuditEntry[]; meta: { pagination: Paging } }>(`/${PLUGIN_ID}/audit?${new URLSearchParams({ page, pageSize })}`)
      .then(({ data }) => {
        setEntries(data.data);
        setPagination(data.meta.pagination);
      })
      .catch(() => setError(true));
  }, [page, pageSize]);

  const change = (e: AuditEntry): string => {
    if (e.action === 'settings') {
      const parts: string[] = [];
      for (const f of SETTINGS_FIELDS) {
        if (e.before?.[f] !== e.after?.[f]) parts.push(t('audit.changed', { field: t(`settings.${f}`), before: e.before?.[f], after: e.after?.[f] }));
      }
      for (const f of ['perMinute', 'perDay'] as const) {
        if (e.before?.rateLimit?.[f] !== e.after?.rateLimit?.[f]) parts.push(t('audit.changed', { field: t(`settings.${f}`), before: e.before?.rateLimit?.[f], after: e.after?.rateLimit?.[f] }));
      }
      if (JSON.stringify(e.before?.reasons) !== JSON.stringify(e.after?.reasons)) parts.push(t('audit.reasonsChanged'));
      return parts.join(' · ') || t('audit.noChange');
    }
    if (e.action === 'lift') return t('audit.liftChange');
    const from = e.before?.status ? t(`status.${e.before.status}`) : '—';
    const to = e.after?.status ? t(`status.${e.after.status}`) : t('audit.deleted');
    return `${from} → ${to}`;
  };

  return (
    <DeskLayout page="audit" subtitle={t('audit.subtitle')}>
      {error ? (
        <Page.Error />
      ) : entries === null ? (
        <Flex justifyContent="center" padding={8}>
          <Loader>{t('loading')}</Loader>
        </Flex>
      ) : entries.length === 0 ? (
        <EmptyStateLayout icon={<WarningCircle width="6rem" height="6rem" />} content={t('audit.empty')} />
      ) : (
        <Table colCount={5} rowCount={entries.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('audit.col.time')}</Typography></Th>
              <Th><Typography variant="sigma">{t('audit.col.actor')}</Typography></Th>
              <Th><Typography variant="sigma">{t('audit.col.action')}</Typography></Th>
              <Th><Typography variant="sigma">{t('audit.col.file')}</Typography></Th>
              <Th><Typography variant="sigma">{t('audit.col.change')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((e) => {
              const automatic = e.actor === 'system';
              return (
                <Tr key={e.id} data-testid={`audit-row-${e.id}`} data-action={e.action} data-actor={automatic ? 'system' : 'admin'}>
                  <Td><Typography variant="pi">{e.time ? formatDate(e.time, { dateStyle: 'medium', timeStyle: 'medium' }) : '—'}</Typography></Td>
                  <Td>
                    {automatic ? (
                      <Badge variant="alternative" data-testid="actor-system">{t('audit.system')}</Badge>
                    ) : (
                      <Flex gap={2}>
                        <Badge variant="primary">{t('audit.moderator')}</Badge>
                        <Typography data-testid="actor-name">{e.actorName ?? t('audit.adminId', { id: e.actor })}</Typography>
                      </Flex>
                    )}
                  </Td>
                  <Td><Typography fontWeight="bold">{t(`audit.action.${e.action}`)}</Typography></Td>
                  <Td>
                    <Typography variant="pi">
                      {e.fileId === null ? '—' : e.fileName ? t('audit.fileNamed', { id: e.fileId, name: e.fileName }) : t('audit.file', { id: e.fileId })}
                    </Typography>
                  </Td>
                  <Td><Typography variant="pi">{change(e)}</Typography></Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      <PageLinks pagination={pagination} pageSize={pageSize} />
    </DeskLayout>
  );
}
