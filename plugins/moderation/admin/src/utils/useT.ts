import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** Messages of this plugin (translations/*.json, prefixed by the plugin id at registration). */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, values?: Record<string, string | number | boolean | Date | null | undefined>) =>
    formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage: id }, values);
}

/** Strapi's layout stays left to right; the plugin's pages read right to left in Arabic. */
export function useDir(): 'rtl' | 'ltr' {
  const { locale } = useIntl();
  return locale === 'ar' || locale.startsWith('ar-') ? 'rtl' : 'ltr';
}

/** The admin language as one of the three the reasons are labelled in. */
export function useReasonLocale(): 'ar' | 'fr' | 'en' {
  const { locale } = useIntl();
  const short = locale.slice(0, 2);
  return short === 'ar' || short === 'fr' ? short : 'en';
}
