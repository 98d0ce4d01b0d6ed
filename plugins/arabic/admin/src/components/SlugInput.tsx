import { forwardRef } from 'react';
import { useIntl } from 'react-intl';
import { Button, Field, Flex, TextInput } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useField, useForm } from '@strapi/strapi/admin';
// The same slugify the server runs: what the editor sees is what an empty slug becomes.
import { slugify } from '../../../server/src/text/slug';
import { PLUGIN_ID } from '../../../shared';

interface SlugInputProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  attribute?: { options?: { sourceField?: string } };
}

/**
 * The slug field of the edit view: shows what the source field (title, name) would give and lets
 * the editor take it. Left empty, the server fills the same value on save (with -2, -3... when a
 * document of the same locale already has it).
 */
const SlugInput = forwardRef<HTMLInputElement, SlugInputProps>(({ name, label, hint, required, disabled, attribute }, ref) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, React.ReactNode>) =>
    formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const field = useField<string | null>(name);
  const sourceField = attribute?.options?.sourceField ?? 'title';
  const source: unknown = useForm('SlugInput', (state) => (state.values as Record<string, unknown> | undefined)?.[sourceField]);
  const suggested = typeof source === 'string' ? slugify(source) : '';

  return (
    <Field.Root name={name} id={name} error={field.error} required={required}
      hint={
        // Strapi passes its own hint (e.g. the length limit): the suggestion comes first, not instead of it.
        <>
          {/* Each part isolated: an Arabic slug inside a French sentence (or the reverse) keeps its hyphens where they belong. */}
          {suggested ? t('slug.suggested', 'From the title: {slug}', { slug: <bdi key="slug" dir="auto">{suggested}</bdi> }) : t('slug.empty', 'Left empty, it is made from the title on save')}
          {hint ? <> · <bdi>{hint}</bdi></> : null}
        </>
      }>
      <Field.Label>{label}</Field.Label>
      <Flex gap={2}>
        <TextInput
          ref={ref}
          dir="auto"
          disabled={disabled}
          placeholder={suggested}
          value={field.value ?? ''}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => field.onChange(name, e.target.value)}
        />
        <Button
          variant="secondary"
          startIcon={<ArrowClockwise />}
          disabled={disabled || !suggested}
          onClick={() => field.onChange(name, suggested)}
        >
          {t('slug.regenerate', 'Regenerate')}
        </Button>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
});

export default SlugInput;
