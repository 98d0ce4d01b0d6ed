import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

interface Settings {
  threshold: number;
  minNetworks: number;
  windowDays: number;
}

const App = () => {
  const { formatMessage } = useIntl();
  const t = (id: string) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage: id });
  const { get } = useFetchClient();
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    get(`/${PLUGIN_ID}/settings`).then(({ data }) => setSettings(data.data));
  }, []);

  return (
    <Page.Protect permissions={[{ action: 'plugin::moderation.read', subject: null }]}>
      <Page.Main>
        <Layouts.Header title={t('page.title')} subtitle={t('page.subtitle')} />
        <Layouts.Content>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            {settings ? (
              <Flex direction="column" alignItems="stretch" gap={3}>
                {(['threshold', 'minNetworks', 'windowDays'] as const).map((key) => (
                  <Flex key={key} justifyContent="space-between">
                    <Typography>{t(`settings.${key}`)}</Typography>
                    <Typography fontWeight="bold">{settings[key]}</Typography>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Page.Loading />
            )}
          </Box>
        </Layouts.Content>
      </Page.Main>
    </Page.Protect>
  );
};

export default App;
