import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { useReasonLocale, useT } from '../utils/useT';

interface Group {
  reason: string;
  label: string | null;
  reports: Array<{ comment: string | null; createdAt: string | null }>;
}

/** The readers' own words, loaded from the review card only when the moderator asks. */
export function Comments({ fileId }: { fileId: number }) {
  const t = useT();
  const { formatDate } = useIntl();
  const locale = useReasonLocale();
  const { get } = useFetchClient();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = async () => {
    if (!open && groups === null) {
      const { data } = await get<{ data: { reasons: Group[] } }>(`/${PLUGIN_ID}/queue/${fileId}?locale=${locale}`);
      setGroups(data.data.reasons);
    }
    setOpen(!open);
  };

  const comments = (groups ?? []).flatMap((g) => g.reports.filter((r) => r.comment).map((r) => ({ ...r, label: g.label ?? g.reason })));
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <TextButton onClick={toggle} data-testid={`comments-toggle-${fileId}`}>
        {open ? t('comments.hide') : t('comments.show')}
      </TextButton>
      {open ? (
        <Box maxWidth="220px" data-testid={`comments-${fileId}`}>
          {comments.length === 0 ? (
            <Typography variant="pi" textColor="neutral500">{t('comments.none')}</Typography>
          ) : (
            comments.map((c, i) => (
              <Box key={i} paddingTop={1}>
                <Typography variant="pi" textColor="neutral600">
                  {c.label}
                  {c.createdAt ? ` · ${formatDate(c.createdAt, { dateStyle: 'short', timeStyle: 'short' })}` : ''}
                </Typography>
                <Typography variant="pi" tag="p">
                  <bdi>{c.comment}</bdi>
                </Typography>
              </Box>
            ))
          )}
        </Box>
      ) : null}
    </Flex>
  );
}
