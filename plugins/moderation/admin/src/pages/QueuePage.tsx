import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Dialog,
  Field,
  EmptyStateLayout,
  Flex,
  IconButton,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { ArrowClockwise, Cross, Trash, WarningCircle } from '@strapi/icons';
import { styled } from 'styled-components';
import { Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { DeskLayout } from '../components/DeskLayout';
import { PageLinks } from '../components/PageLinks';
import { Preview } from '../components/Preview';
import { Comments } from '../components/Comments';
import { PERMISSIONS, STATUSES, contentManagerPath, uniqueUses, type Pagination as Paging, type QueueItem, type ReviewAction, type Settings, type Status } from '../utils/api';
import { useDir, useReasonLocale, useT } from '../utils/useT';

/** A router link that wraps: entry titles are long, and a table cell should not grow to fit one. */
const EntryLink = styled(RouterLink)`
  color: ${({ theme }) => theme.colors.primary600};
  font-size: 1.4rem;
  line-height: 1.43;
  text-decoration: none;
  white-space: normal;
  &:hover {
    text-decoration: underline;
  }
`;

const STATUS_BADGE: Record<Status, 'neutral' | 'warning' | 'danger' | 'success' | 'secondary'> = {
  visible: 'neutral',
  queued: 'warning',
  hidden: 'danger',
  restored: 'success',
  blocked: 'secondary',
};

/** Which actions make sense from which status (the server accepts repeats, but a button that does nothing misleads). */
const ALLOWED: Record<ReviewAction, (s: Status) => boolean> = {
  restore: (s) => s !== 'restored',
  block: (s) => s !== 'blocked',
  remove: () => true,
};

interface Pending {
  action: ReviewAction;
  ids: number[];
}

export function QueuePage() {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const reasonLocale = useReasonLocale();
  // Dialogs render in a portal, outside the page's dir.
  const dir = useDir();
  const { get, post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.review);
  const canReview = Boolean(allowedActions.canReview);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const sort = params.get('sort') === 'reports' ? 'reports' : 'latest';
  const page = params.get('page') ?? '1';
  const pageSize = params.get('pageSize') ?? '10';

  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [pagination, setPagination] = useState<Paging | null>(null);
  const [error, setError] = useState(false);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const query = new URLSearchParams({ page, pageSize, sort });
    if (status) query.set('status', status);
    try {
      const { data } = await get<{ data: QueueItem[]; meta: { pagination: Paging } }>(`/${PLUGIN_ID}/queue?${query}`);
      const { pageCount } = data.meta.pagination;
      if (data.data.length === 0 && Number(page) > 1 && pageCount > 0) {
        // The last rows of this page were just dealt with: show the last page that has some.
        setParams((prev) => {
          const next = new URLSearchParams(prev);
          next.set('page', String(pageCount));
          return next;
        });
        return;
      }
      setItems(data.data);
      setPagination(data.meta.pagination);
      setError(false);
      setSelected((prev) => new Set([...prev].filter((id) => data.data.some((i: QueueItem) => i.file.id === id))));
    } catch {
      setError(true);
    }
  }, [status, sort, page, pageSize]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    get<{ data: Settings }>(`/${PLUGIN_ID}/settings`)
      .then(({ data }) =>
        setLabels(Object.fromEntries(data.data.reasons.map((r) => [r.code, r.labels[reasonLocale] || r.code]))),
      )
      .catch(() => setLabels({}));
  }, [reasonLocale]);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.set('page', '1');
    setParams(next);
  };

  const run = async () => {
    if (!pending) return;
    setBusy(true);
    let done = 0;
    let failed = 0;
    for (const id of pending.ids) {
      try {
        if (pending.action === 'remove') await del(`/${PLUGIN_ID}/queue/${id}`);
        else await post(`/${PLUGIN_ID}/queue/${id}/${pending.action}`);
        done++;
      } catch {
        failed++;
      }
    }
    setBusy(false);
    setPending(null);
    setSelected(new Set());
    toggleNotification({
      type: failed ? 'warning' : 'success',
      message: failed ? t('notify.partial', { done, failed }) : t(`notify.${pending.action}`, { count: done }),
    });
    await load();
  };

  const allIds = useMemo(() => (items ?? []).map((i) => i.file.id), [items]);
  const allChecked = allIds.length > 0 && allIds.every((id) => selected.has(id));
  const someChecked = !allChecked && allIds.some((id) => selected.has(id));
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  const date = (value: string | null) => (value ? formatDate(value, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  const size = (kb: number | null) => (kb === null ? '' : kb >= 1024 ? t('size.mb', { size: formatNumber(kb / 1024, { maximumFractionDigits: 1 }) }) : t('size.kb', { size: formatNumber(kb, { maximumFractionDigits: 1 }) }));

  const ICONS = { restore: <ArrowClockwise />, block: <Cross />, remove: <Trash /> };
  const VARIANTS = { restore: 'success-light', block: 'danger-light', remove: 'danger' } as const;
  const open = (action: ReviewAction, ids: number[]) => () => setPending({ action, ids });

  /** Labelled buttons for a selection; icon buttons (labelled by their tooltip) on each row, to keep the table narrow. */
  const bulkButtons = (ids: number[]) =>
    (['restore', 'block', 'remove'] as const).map((action) => (
      <Button key={action} size="S" variant={VARIANTS[action]} startIcon={ICONS[action]} onClick={open(action, ids)} data-testid={`${action}-selected`}>
        {t(`action.${action}`)}
      </Button>
    ));
  const rowButtons = (item: QueueItem) =>
    (['restore', 'block', 'remove'] as const)
      .filter((action) => ALLOWED[action](item.status))
      .map((action) => (
        <IconButton key={action} label={t(`action.${action}`)} variant={VARIANTS[action]} onClick={open(action, [item.file.id])} data-testid={`${action}-${item.file.id}`}>
          {ICONS[action]}
        </IconButton>
      ));

  return (
    <DeskLayout page="queue" subtitle={pagination ? t('queue.subtitle', { total: pagination.total }) : t('queue.subtitleLoading')}>
      <Flex gap={4} paddingBottom={4} wrap="wrap" alignItems="flex-end">
        <Box minWidth="220px">
          <Field.Root name="status">
            <Field.Label>{t('queue.filter.status')}</Field.Label>
            <SingleSelect value={status || 'all'} onChange={(v) => setParam('status', v === 'all' ? '' : String(v))} data-testid="status-filter">
              <SingleSelectOption value="all">{t('status.all')}</SingleSelectOption>
              {STATUSES.map((s) => (
                <SingleSelectOption key={s} value={s}>
                  {t(`status.${s}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box minWidth="220px">
          <Field.Root name="sort">
            <Field.Label>{t('queue.sort')}</Field.Label>
            <SingleSelect value={sort} onChange={(v) => setParam('sort', String(v))} data-testid="sort">
              <SingleSelectOption value="latest">{t('queue.sort.latest')}</SingleSelectOption>
              <SingleSelectOption value="reports">{t('queue.sort.reports')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Box>
        {canReview && selected.size > 0 ? (
          <Flex gap={2} data-testid="bulk-bar" alignItems="center">
            <Typography variant="omega" fontWeight="bold">
              {t('queue.selected', { count: selected.size })}
            </Typography>
            {bulkButtons([...selected])}
          </Flex>
        ) : null}
      </Flex>

      {error ? (
        <Page.Error />
      ) : items === null ? (
        <Flex justifyContent="center" padding={8}>
          <Loader>{t('loading')}</Loader>
        </Flex>
      ) : items.length === 0 ? (
        <EmptyStateLayout icon={<WarningCircle width="6rem" height="6rem" />} content={t('queue.empty')} />
      ) : (
        <Table colCount={canReview ? 8 : 7} rowCount={items.length + 1}>
          <Thead>
            <Tr>
              {canReview ? (
                <Th>
                  <Checkbox
                    aria-label={t('queue.selectAll')}
                    checked={someChecked ? 'indeterminate' : allChecked}
                    onCheckedChange={(c) => setSelected(c ? new Set(allIds) : new Set())}
                    data-testid="select-all"
                  />
                </Th>
              ) : null}
              <Th>
                <VisuallyHidden>{t('queue.col.preview')}</VisuallyHidden>
              </Th>
              <Th><Typography variant="sigma">{t('queue.col.file')}</Typography></Th>
              <Th><Typography variant="sigma">{t('queue.col.reasons')}</Typography></Th>
              <Th><Typography variant="sigma">{t('queue.col.reports')}</Typography></Th>
              <Th><Typography variant="sigma">{t('queue.col.status')}</Typography></Th>
              <Th><Typography variant="sigma">{t('queue.col.usedBy')}</Typography></Th>
              {canReview ? (
                <Th>
                  <VisuallyHidden>{t('queue.col.actions')}</VisuallyHidden>
                </Th>
              ) : null}
            </Tr>
          </Thead>
          <Tbody>
            {items.map((item) => (
              <Tr key={item.file.id} data-testid={`queue-row-${item.file.id}`} data-status={item.status}>
                {canReview ? (
                  <Td>
                    <Checkbox
                      aria-label={t('queue.select', { name: item.file.name ?? item.file.id })}
                      checked={selected.has(item.file.id)}
                      onCheckedChange={() => toggle(item.file.id)}
                      data-testid={`select-${item.file.id}`}
                    />
                  </Td>
                ) : null}
                <Td>
                  <Preview fileId={item.file.id} name={item.file.name} />
                </Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography fontWeight="bold" data-testid="file-name">
                      <bdi>{item.file.name}</bdi>
                    </Typography>
                    <Typography variant="pi" textColor="neutral600">{size(item.file.size)}</Typography>
                  </Flex>
                </Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1} maxWidth="220px">
                    {Object.entries(item.countsByReason)
                      .sort((a, b) => b[1] - a[1])
                      .map(([code, count]) => (
                        <Typography key={code} variant="pi" data-testid={`reason-${code}`}>
                          {t('queue.reasonCount', { reason: labels[code] ?? code, count })}
                        </Typography>
                      ))}
                    <Comments fileId={item.file.id} />
                  </Flex>
                </Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography variant="pi" fontWeight="bold">
                      {t('queue.reporters', { count: item.distinctReporters })} · <span data-testid="networks">{t('queue.networks', { count: item.distinctNetworks })}</span>
                    </Typography>
                    <Typography variant="pi">{t('queue.first', { date: date(item.firstReportAt) })}</Typography>
                    <Typography variant="pi">{t('queue.last', { date: date(item.lastReportAt) })}</Typography>
                  </Flex>
                </Td>
                <Td>
                  <Badge variant={STATUS_BADGE[item.status]} data-testid="status">{t(`status.${item.status}`)}</Badge>
                </Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    {uniqueUses(item.usedBy).length === 0 ? (
                      <Typography variant="pi" textColor="neutral500">{t('queue.unused')}</Typography>
                    ) : (
                      uniqueUses(item.usedBy).map((u) => (
                        <Box key={`${u.documentId}-${u.locale}-${u.field}`} maxWidth="200px">
                          <EntryLink to={contentManagerPath(u)} data-testid="used-by">
                            <bdi>{u.title ?? u.documentId}</bdi>
                          </EntryLink>{' '}
                          <Typography variant="pi" textColor="neutral600">
                            <bdi>{t('queue.useWhere', { field: u.field, locale: u.locale ?? '—' })}</bdi>
                          </Typography>
                        </Box>
                      ))
                    )}
                  </Flex>
                </Td>
                {canReview ? (
                  <Td>
                    <Flex gap={1}>{rowButtons(item)}</Flex>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}

      <PageLinks pagination={pagination} pageSize={pageSize} />

      <Dialog.Root open={pending !== null} onOpenChange={(open) => !open && !busy && setPending(null)}>
        {pending ? (
          <Dialog.Content dir={dir} data-testid="confirm-dialog">
            <Dialog.Header>{t(`confirm.${pending.action}.title`, { count: pending.ids.length })}</Dialog.Header>
            <Dialog.Body icon={<WarningCircle fill="danger600" />}>
              <Typography textAlign="center">{t(`confirm.${pending.action}.body`, { count: pending.ids.length })}</Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button fullWidth variant="tertiary" disabled={busy} data-testid="confirm-cancel">
                  {t('confirm.cancel')}
                </Button>
              </Dialog.Cancel>
              <Button fullWidth variant={pending.action === 'restore' ? 'success' : 'danger'} loading={busy} onClick={run} data-testid="confirm-ok">
                {t(`action.${pending.action}`)}
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        ) : null}
      </Dialog.Root>
    </DeskLayout>
  );
}
