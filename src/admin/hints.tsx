import { useIntl } from 'react-intl';
import { FIELDS, hintId } from './fields';

/** A field's hint in the interface language (rendered inside the edit view, so it follows a language switch). */
const Hint = ({ id, fallback }: { id: string; fallback?: string }) => {
  const { formatMessage } = useIntl();
  return <>{formatMessage({ id, defaultMessage: fallback || ' ' })}</>;
};

type LayoutField = { name: string; hint?: unknown; [key: string]: unknown };
type EditLayout = {
  layout: LayoutField[][][];
  components: Record<string, { layout: LayoutField[][]; [key: string]: unknown }>;
  [key: string]: unknown;
};

const withHint = (uid: string | undefined) => (field: LayoutField): LayoutField => {
  if (!uid || !FIELDS[uid]?.[field.name]?.hint) return field;
  return { ...field, hint: <Hint id={hintId(uid, field.name)} fallback={typeof field.hint === 'string' ? field.hint : undefined} /> };
};

/** The edit layout carries no uid of its own: the Content Manager's URL names the content type. */
const currentContentType = () => window.location.pathname.match(/\/content-manager\/(?:collection-types|single-types)\/([^/?]+)/)?.[1];

/** `Admin/CM/pages/EditView/mutate-edit-view-layout`: puts Nashra's hints on its fields and their components' fields. */
export function addFieldHints({ layout, ...rest }: { layout: EditLayout; [key: string]: unknown }) {
  const uid = currentContentType();
  const components = Object.fromEntries(
    Object.entries(layout.components ?? {}).map(([componentUid, component]) => [
      componentUid,
      { ...component, layout: component.layout.map((row) => row.map(withHint(componentUid))) },
    ])
  );
  return {
    ...rest,
    layout: { ...layout, components, layout: layout.layout.map((panel) => panel.map((row) => row.map(withHint(uid)))) },
  };
}
