import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copy a text to the clipboard, with a fallback for insecure origins (plain HTTP on a LAN address). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const ta = document.createElement('textarea');
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  }
  return (
    <button
      type="button"
      className="secondary small"
      onClick={() => void copy()}
      aria-label={label ?? t('action.copy')}
    >
      {done ? t('action.copied') : t('action.copy')}
    </button>
  );
}
