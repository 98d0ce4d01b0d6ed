import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Badge, Box, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PLUGIN_ID, actionId, type RunResult, type SourceStatus } from '../../../shared';

const PERMISSIONS = { read: [{ action: actionId('read'), subject: null }], run: [{ action: actionId('run'), subject: null }] };

function useT() {
  const { formatMessage } = useIntl();
  return (id: string, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage: id }, values) as string;
}

/** Strapi's layout stays left to right; the page reads right to left in Arabic. */
function useDir(): 'rtl' | 'ltr' {
  const { locale } = useIntl();
  return locale === 'ar' || locale.startsWith('ar-') ? 'rtl' : 'ltr';
}

const statusVariant = (s: SourceStatus['status']) => (s === 'ok' || s === 'not-modified' ? 'success' : s === 'partial' || s === 'rate-limited' ? 'warning' : s ? 'danger' : 'neutral');

function SourcesPage() {
  const t = useT();
  const dir = useDir();
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC({ run: PERMISSIONS.run });
  const [sources, setSources] = useState<SourceStatus[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data } = await get<{ data: SourceStatus[] }>(`/${PLUGIN_ID}/sources`);
    setSources(data.data);
  }, [get]);
  useEffect(() => {
    void load();
  }, [load]);

  const fetchNow = async (documentId: string) => {
    setBusy(documentId);
    try {
      const { data } = await post<{ data: RunResult }>(`/${PLUGIN_ID}/sources/${documentId}/fetch`);
      const r = data.data;
      toggleNotification({ type: r.errors.length ? 'warning' : 'success', message: t('fetch.done', { created: r.created, updated: r.updated, duplicates: r.duplicates, status: t(`status.${r.status}`) }) });
      setSelected(documentId);
    } catch (err) {
      const status = (err as { status?: number; response?: { status?: number } }).response?.status ?? (err as { status?: number }).status;
      toggleNotification({ type: 'danger', message: status === 409 ? t('fetch.busy') : t('fetch.failed') });
    } finally {
      setBusy(null);
      await load();
    }
  };

  const date = (v: string | null) => (v ? formatDate(v, { dateStyle: 'short', timeStyle: 'short' }) : '—');
  const current = sources?.find((s) => s.documentId === selected) ?? null;

  return (
    <Layouts.Root>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header title={t('plugin.name')} subtitle={t('page.subtitle')} primaryAction={<Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>{t('page.refresh')}</Button>} />
      <Layouts.Content>
        <Box dir={dir} data-testid="ingest-page">
          {!sources ? (
            <Loader />
          ) : sources.length === 0 ? (
            <Typography>{t('sources.empty')}</Typography>
          ) : (
            <Table colCount={9} rowCount={sources.length + 1}>
              <Thead>
                <Tr>
                  {['name', 'status', 'lastFetch', 'http', 'counts', 'nextPoll', 'lastError', 'actions'].map((k) => (
                    <Th key={k}><Typography variant="sigma">{t(`sources.${k}`)}</Typography></Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {sources.map((s) => (
                  <Tr key={s.documentId} data-testid={`source-${s.documentId}`}>
                    <Td>
                      <Flex direction="column" alignItems="flex-start">
                        <Typography fontWeight="bold"><bdi>{s.name}</bdi></Typography>
                        <Typography variant="pi" textColor="neutral600"><bdi>{s.feedUrl ?? t('sources.noFeed')}</bdi></Typography>
                      </Flex>
                    </Td>
                    <Td><Badge variant={statusVariant(s.status)}>{s.running ? t('status.running') : s.status ? t(`status.${s.status}`) : t('status.never')}</Badge></Td>
                    <Td><Typography>{date(s.lastFetchAt)}</Typography></Td>
                    <Td><Typography>{s.httpStatus ?? '—'}</Typography></Td>
                    <Td><Typography>{t('sources.countsValue', { seen: s.seen, created: s.created, duplicates: s.duplicates })}</Typography></Td>
                    <Td><Typography>{s.active ? date(s.nextPollAt) : t('sources.inactive')}</Typography></Td>
                    <Td>
                      {s.lastError ? (
                        <Flex direction="column" alignItems="flex-start" maxWidth="260px">
                          <Typography textColor="danger600" ellipsis title={s.lastError}><bdi>{s.lastError}</bdi></Typography>
                          <Typography variant="pi" textColor="neutral600">{date(s.lastErrorAt)}</Typography>
                        </Flex>
                      ) : '—'}
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        <Button size="S" disabled={!allowedActions.canRun || !s.feedUrl || busy !== null} loading={busy === s.documentId} onClick={() => void fetchNow(s.documentId)}>{t('sources.fetchNow')}</Button>
                        <Button size="S" variant="tertiary" onClick={() => setSelected(s.documentId)}>{t('sources.items')}</Button>
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {current && (
            <Box paddingTop={6} data-testid="last-run">
              <Typography variant="delta" tag="h2">{t('run.title', { name: current.name })}</Typography>
              {current.lastRun.length === 0 ? (
                <Typography>{t('run.empty')}</Typography>
              ) : (
                <Box tag="ul" paddingTop={2}>
                  {current.lastRun.map((item, i) => (
                    <Box tag="li" key={`${item.articleDocumentId ?? 'x'}-${i}`} paddingBottom={1}>
                      <Flex gap={2}>
                        <Badge>{t(`outcome.${item.outcome}`)}</Badge>
                        {item.articleDocumentId ? (
                          <RouterLink to={`/content-manager/collection-types/api::article.article/${item.articleDocumentId}?plugins[i18n][locale]=${item.locale}`}>
                            <bdi>{item.title}</bdi>
                          </RouterLink>
                        ) : (
                          <Typography><bdi>{item.title}</bdi></Typography>
                        )}
                      </Flex>
                    </Box>
                  ))}
                </Box>
              )}
            </Box>
          )}
        </Box>
      </Layouts.Content>
    </Layouts.Root>
  );
}

const App = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <SourcesPage />
  </Page.Protect>
);

export default App;
