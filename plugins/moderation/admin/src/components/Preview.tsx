import { useEffect, useState } from 'react';
import { Box, Flex, TextButton } from '@strapi/design-system';
import { Eye, EyeStriked } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { styled } from 'styled-components';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../utils/useT';

const Img = styled.img<{ $blurred: boolean }>`
  width: 80px;
  height: 60px;
  object-fit: cover;
  border-radius: 4px;
  display: block;
  filter: ${({ $blurred }) => ($blurred ? 'blur(14px) grayscale(0.6)' : 'none')};
  transition: filter 0.15s ease-in-out;
`;

/**
 * The reported picture, blurred until the moderator asks to see it. Hidden files are 404 on
 * /uploads, so the bytes come from the admin API with the moderator's session.
 */
export function Preview({ fileId, name }: { fileId: number; name: string | null }) {
  const t = useT();
  const { get } = useFetchClient();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [revealed, setRevealed] = useState(false);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    get(`/${PLUGIN_ID}/queue/${fileId}/preview`, { responseType: 'blob' })
      .then(({ data }) => {
        if (!live) return;
        url = URL.createObjectURL(data);
        setSrc(url);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [fileId]);

  return (
    <Flex direction="column" alignItems="center" gap={1} data-testid={`preview-${fileId}`} data-revealed={revealed ? 'true' : 'false'}>
      <Box width="80px" height="60px" background="neutral150" hasRadius overflow="hidden">
        {src ? <Img src={src} alt={revealed ? name ?? '' : t('preview.blurred')} $blurred={!revealed} data-testid={`preview-img-${fileId}`} /> : null}
      </Box>
      {failed ? null : (
        <TextButton
          startIcon={revealed ? <EyeStriked /> : <Eye />}
          onClick={() => setRevealed(!revealed)}
          data-testid={`reveal-${fileId}`}
        >
          {revealed ? t('preview.hide') : t('preview.reveal')}
        </TextButton>
      )}
    </Flex>
  );
}
