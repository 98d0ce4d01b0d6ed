import type { ReactNode } from 'react';
import { Box, Tabs } from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { PERMISSIONS } from '../utils/api';
import { useDir, useT } from '../utils/useT';

const SETTINGS = PERMISSIONS.settings;

/** The frame of every desk page: its direction, its header and the tabs between queue, audit, blocked pictures and settings. */
export function DeskLayout({ page, subtitle, primaryAction, children }: { page: 'queue' | 'audit' | 'blocks' | 'settings'; subtitle: string; primaryAction?: ReactNode; children: ReactNode }) {
  const t = useT();
  const dir = useDir();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { allowedActions } = useRBAC(SETTINGS);
  const base = pathname.replace(/\/(audit|blocks|settings)\/?$/, '').replace(/\/$/, '');
  const go = (to: string) => navigate(to === 'queue' ? base : `${base}/${to}`);
  return (
    <Box dir={dir} data-testid="moderation-desk" data-dir={dir}>
      <Page.Main>
        <Page.Title>{t(`nav.${page}`)}</Page.Title>
        <Layouts.Header title={t('page.title')} subtitle={subtitle} primaryAction={primaryAction} />
        <Layouts.Content>
          <Box paddingBottom={4}>
            <Tabs.Root variant="simple" value={page} onValueChange={go}>
              <Tabs.List aria-label={t('page.title')}>
                <Tabs.Trigger value="queue" data-testid="tab-queue">{t('nav.queue')}</Tabs.Trigger>
                <Tabs.Trigger value="audit" data-testid="tab-audit">{t('nav.audit')}</Tabs.Trigger>
                <Tabs.Trigger value="blocks" data-testid="tab-blocks">{t('nav.blocks')}</Tabs.Trigger>
                {allowedActions.canSettings ? (
                  <Tabs.Trigger value="settings" data-testid="tab-settings">{t('nav.settings')}</Tabs.Trigger>
                ) : null}
              </Tabs.List>
            </Tabs.Root>
          </Box>
          {children}
        </Layouts.Content>
      </Page.Main>
    </Box>
  );
}
