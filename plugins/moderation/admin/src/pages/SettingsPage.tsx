import { useEffect, useState } from 'react';
import { Box, Button, Field, Flex, Grid, IconButton, Loader, NumberInput, TextInput, Typography } from '@strapi/design-system';
import { Check, Plus, Trash } from '@strapi/icons';
import { Page, isFetchError, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { DeskLayout } from '../components/DeskLayout';
import { WebhookEvents } from '../components/WebhookEvents';
import type { Locale, Settings } from '../utils/api';
import { useT } from '../utils/useT';

const LOCALES: Locale[] = ['ar', 'fr', 'en'];
type Errors = Record<string, string>;
type Translate = ReturnType<typeof useT>;

/** The server's validation messages (domain/settings.ts) in the admin's language; an unknown one is shown as sent. */
function explain(t: Translate, message: string): string {
  const named = (bound: string) => {
    const m = /^([A-Za-z.]+) \((\d+)\)$/.exec(bound);
    return m ? `${t(`settings.${m[1].split('.').pop()}`)} (${m[2]})` : bound;
  };
  let m: RegExpExecArray | null;
  if ((m = /^must be a whole number from (.+) to (.+)$/.exec(message))) return t('error.range', { min: named(m[1]), max: named(m[2]) });
  if (message === 'is not allowed') return t('error.notAllowed');
  if (/^must be 2 to 32 characters/.test(message)) return t('error.code');
  if ((m = /^duplicates the code '(.*)'$/.exec(message))) return t('error.duplicate', { code: m[1] });
  if ((m = /^must be text of 1 to (\d+) characters/.exec(message))) return t('error.label', { max: m[1] });
  if ((m = /^must be a list of 1 to (\d+) reasons$/.exec(message))) return t('error.reasons', { max: m[1] });
  return message;
}

/** Error details of Strapi's ValidationError: `{ path: ['reasons[0]', 'labels', 'fr'], message }` -> 'reasons[0].labels.fr'. */
function fieldErrors(t: Translate, error: unknown): Errors | null {
  if (!isFetchError(error)) return null;
  const details = (error.response?.data.error.details as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(details)) return null;
  const out: Errors = {};
  for (const d of details as Array<{ path?: string[]; message?: unknown }>) out[(d.path ?? []).join('.')] = explain(t, String(d.message));
  return out;
}

export function SettingsPage() {
  const t = useT();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [form, setForm] = useState<Settings | null>(null);
  const [defaults, setDefaults] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState(false);

  useEffect(() => {
    get<{ data: Settings; meta?: { defaults?: Settings } }>(`/${PLUGIN_ID}/settings`)
      .then(({ data }) => {
        setForm(data.data);
        setDefaults(data.meta?.defaults ?? null);
      })
      .catch(() => setLoadError(true));
  }, []);

  const save = async () => {
    if (!form) return;
    setSaving(true);
    try {
      const { data } = await put<{ data: Settings }>(`/${PLUGIN_ID}/settings`, { data: form });
      setForm(data.data);
      setErrors({});
      toggleNotification({ type: 'success', message: t('settings.saved') });
    } catch (error) {
      const found = fieldErrors(t, error);
      setErrors(found ?? {});
      toggleNotification({ type: 'danger', message: found ? t('settings.invalid') : t('settings.failed') });
    } finally {
      setSaving(false);
    }
  };

  const number = (path: string, label: string, value: number | undefined, set: (v: number | undefined) => void, hint?: string) => (
    <Field.Root name={path} error={errors[path]} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <NumberInput
        name={path}
        value={value}
        onValueChange={(v) => {
          clearError(path);
          set(v);
        }}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  /** An edited field's error is the server's verdict on the old value: drop it until the next save. */
  const clearError = (path: string) => setErrors((e) => (path in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== path)) : e));
  const update = (patch: Partial<Settings>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const updateReason = (index: number, patch: { code?: string; locale?: Locale; label?: string }) =>
    setForm((f) => {
      if (!f) return f;
      const reasons = f.reasons.map((r, i) =>
        i !== index ? r : { code: patch.code ?? r.code, labels: patch.locale ? { ...r.labels, [patch.locale]: patch.label ?? '' } : r.labels },
      );
      return { ...f, reasons };
    });

  return (
    <DeskLayout
      page="settings"
      subtitle={t('settings.subtitle')}
      primaryAction={
        form ? (
          <Button startIcon={<Check />} onClick={save} loading={saving} data-testid="settings-save">
            {t('settings.save')}
          </Button>
        ) : undefined
      }
    >
      {loadError ? (
        <Page.Error />
      ) : !form ? (
        <Flex justifyContent="center" padding={8}>
          <Loader>{t('loading')}</Loader>
        </Flex>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={6}>
          {errors.settings || errors.rateLimit || errors.reasons ? (
            <Typography textColor="danger600" data-testid="error-general">{errors.settings ?? errors.rateLimit ?? errors.reasons}</Typography>
          ) : null}
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">{t('settings.rule')}</Typography>
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  {number('threshold', t('settings.threshold'), form.threshold, (v) => update({ threshold: v as number }), t('settings.threshold.hint'))}
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  {number('minNetworks', t('settings.minNetworks'), form.minNetworks, (v) => update({ minNetworks: v as number }), t('settings.minNetworks.hint'))}
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  {number('windowDays', t('settings.windowDays'), form.windowDays, (v) => update({ windowDays: v as number }))}
                </Grid.Item>
              </Grid.Root>
              <Typography variant="delta" tag="h2">{t('settings.rateLimit')}</Typography>
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  {number('rateLimit.perMinute', t('settings.perMinute'), form.rateLimit.perMinute, (v) => update({ rateLimit: { ...form.rateLimit, perMinute: v as number } }))}
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  {number('rateLimit.perDay', t('settings.perDay'), form.rateLimit.perDay, (v) => update({ rateLimit: { ...form.rateLimit, perDay: v as number } }))}
                </Grid.Item>
              </Grid.Root>
            </Flex>
          </Box>

          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex justifyContent="space-between">
                <Typography variant="delta" tag="h2">{t('settings.reasons')}</Typography>
                <Button
                  variant="secondary"
                  startIcon={<Plus />}
                  onClick={() => update({ reasons: [...form.reasons, { code: '', labels: { ar: '', fr: '', en: '' } }] })}
                  data-testid="reason-add"
                >
                  {t('settings.reasons.add')}
                </Button>
              </Flex>
              {form.reasons.map((reason, index) => {
                const base = `reasons[${index}]`;
                return (
                  <Grid.Root key={index} gap={3} data-testid={`reason-row-${index}`}>
                    <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
                      <Field.Root name={`${base}.code`} error={errors[`${base}.code`] ?? errors[base]}>
                        <Field.Label>{t('settings.reason.code')}</Field.Label>
                        <TextInput dir="ltr" name={`${base}.code`} value={reason.code} onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                            clearError(`${base}.code`);
                            updateReason(index, { code: e.target.value });
                          }} />
                        <Field.Error />
                      </Field.Root>
                    </Grid.Item>
                    {LOCALES.map((locale) => (
                      <Grid.Item key={locale} col={3} s={12} direction="column" alignItems="stretch">
                        <Field.Root name={`${base}.labels.${locale}`} error={errors[`${base}.labels.${locale}`] ?? (locale === 'ar' ? errors[`${base}.labels`] : undefined)}>
                          <Field.Label>{t(`settings.reason.label.${locale}`)}</Field.Label>
                          <TextInput
                            dir={locale === 'ar' ? 'rtl' : 'ltr'}
                            name={`${base}.labels.${locale}`}
                            value={reason.labels?.[locale] ?? ''}
                            onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                              clearError(`${base}.labels.${locale}`);
                              updateReason(index, { locale, label: e.target.value });
                            }}
                          />
                          <Field.Error />
                        </Field.Root>
                      </Grid.Item>
                    ))}
                    <Grid.Item col={1} s={12} alignItems="flex-end" paddingTop={6}>
                      <IconButton
                        label={t('settings.reasons.remove', { code: reason.code || '…' })}
                        variant="danger-light"
                        disabled={form.reasons.length <= 1}
                        onClick={() => update({ reasons: form.reasons.filter((_, i) => i !== index) })}
                        data-testid={`reason-remove-${index}`}
                      >
                        <Trash />
                      </IconButton>
                    </Grid.Item>
                  </Grid.Root>
                );
              })}
            </Flex>
          </Box>

          <WebhookEvents />

          {defaults ? (
            <Flex>
              <Button variant="tertiary" onClick={() => setForm(defaults)} data-testid="settings-defaults">
                {t('settings.defaults')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      )}
    </DeskLayout>
  );
}
