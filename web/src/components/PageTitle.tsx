import { useT } from '../i18n/I18nProvider.tsx';

/** React 19 hoists <title> into <head>: each page names the browser tab and what screen readers announce. */
export function PageTitle({ children }: { children: string }) {
  const t = useT();
  return <title>{`${children} · ${t('app.name')}`}</title>;
}
