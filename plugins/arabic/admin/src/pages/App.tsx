import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Field, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID, PREVIEW_PATH, type PreviewRequest, type PreviewResponse } from '../../../shared';

type Preview = PreviewResponse['data'];

const App = () => {
  const { formatMessage } = useIntl();
  const t = (id: string) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage: id });
  const { post } = useFetchClient();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    if (!text.trim()) {
      setPreview(null);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const { data } = await post<PreviewResponse, PreviewRequest>(`/${PLUGIN_ID}${PREVIEW_PATH}`, { text });
      if (current) setPreview(data.data);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  return (
    <Page.Main>
      <Layouts.Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="text">
              <Field.Label>{t('preview.input')}</Field.Label>
              <Field.Input dir="auto" value={text} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setText(e.target.value)} />
            </Field.Root>
            {preview ? (
              <>
                <Typography variant="sigma">{t('preview.slug')}</Typography>
                <Typography dir="auto" data-testid="slug-preview">{preview.slug}</Typography>
                <Typography variant="sigma">{t('preview.searchKey')}</Typography>
                <Typography dir="auto" data-testid="search-key-preview">{preview.searchKey}</Typography>
              </>
            ) : (
              <Typography textColor="neutral600">{t('preview.empty')}</Typography>
            )}
          </Flex>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

export default App;
