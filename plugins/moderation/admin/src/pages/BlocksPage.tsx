import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Dialog, EmptyStateLayout, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { DeskLayout } from '../components/DeskLayout';
import { PageLinks } from '../components/PageLinks';
import { PERMISSIONS, type BlockedPicture, type Pagination as Paging } from '../utils/api';
import { useDir, useT } from '../utils/useT';

/**
 * The blocklist: pictures whose copies are hidden on upload, kept after their file is
 * deleted. A moderator with the review permission lifts a block here.
 */
export function BlocksPage() {
  const t = useT();
  const dir = useDir();
  const { formatDate } = useIntl();
  const { get, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.review);
  const canReview = Boolean(allowedActions.canReview);
  const [params] = useSearchParams();
  const page = params.get('page') ?? '1';
  const pageSize = params.get('pageSize') ?? '20';
  const [blocks, setBlocks] = useState<BlockedPicture[] | null>(null);
  const [pagination, setPagination] = useState<Paging | null>(null);
  const [error, setError] = useState(false);
  const [pending, setPending] = useState<BlockedPicture | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: BlockedPicture[]; meta: { pagination: Paging } }>(`/${PLUGIN_ID}/blocks?${new URLSearchParams({ page, pageSize })}`);
      setBlocks(data.data);
      setPagination(data.meta.pagination);
    } catch {
      setError(true);
    }
  }, [page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);

  const lift = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await del(`/${PLUGIN_ID}/blocks/${pending.id}`);
      toggleNotification({ type: 'success', message: t('notify.lift') });
    } catch {
      toggleNotification({ type: 'warning', message: t('notify.liftFailed') });
    }
    setBusy(false);
    setPending(null);
    await load();
  };

  return (
    <DeskLayout page="blocks" subtitle={t('blocks.subtitle')}>
      {error ? (
        <Page.Error />
      ) : blocks === null ? (
        <Flex justifyContent="center" padding={8}>
          <Loader>{t('loading')}</Loader>
        </Flex>
      ) : blocks.length === 0 ? (
        <EmptyStateLayout icon={<WarningCircle width="6rem" height="6rem" />} content={t('blocks.empty')} />
      ) : (
        <Table colCount={4} rowCount={blocks.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('blocks.col.file')}</Typography></Th>
              <Th><Typography variant="sigma">{t('blocks.col.blockedAt')}</Typography></Th>
              <Th><Typography variant="sigma">{t('blocks.col.state')}</Typography></Th>
              <Th><Typography variant="sigma">{t('blocks.col.actions')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {blocks.map((b) => (
              <Tr key={b.id} data-testid={`block-row-${b.id}`}>
                <Td><Typography>{b.fileName ? t('audit.fileNamed', { id: b.fileId, name: b.fileName }) : t('audit.file', { id: b.fileId })}</Typography></Td>
                <Td><Typography variant="pi">{b.blockedAt ? formatDate(b.blockedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'}</Typography></Td>
                <Td>
                  <Badge variant={b.fileExists ? 'secondary' : 'alternative'}>{t(b.fileExists ? 'blocks.fileKept' : 'blocks.fileDeleted')}</Badge>
                </Td>
                <Td>
                  {canReview ? (
                    <Button variant="danger-light" size="S" onClick={() => setPending(b)} data-testid={`lift-${b.id}`}>
                      {t('action.lift')}
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <PageLinks pagination={pagination} pageSize={pageSize} />

      <Dialog.Root open={pending !== null} onOpenChange={(open) => !open && !busy && setPending(null)}>
        {pending ? (
          <Dialog.Content dir={dir} data-testid="confirm-dialog">
            <Dialog.Header>{t('confirm.lift.title')}</Dialog.Header>
            <Dialog.Body icon={<WarningCircle fill="danger600" />}>
              <Typography textAlign="center">{t('confirm.lift.body')}</Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button fullWidth variant="tertiary" disabled={busy} data-testid="confirm-cancel">
                  {t('confirm.cancel')}
                </Button>
              </Dialog.Cancel>
              <Button fullWidth variant="danger" loading={busy} onClick={lift} data-testid="confirm-ok">
                {t('action.lift')}
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        ) : null}
      </Dialog.Root>
    </DeskLayout>
  );
}
