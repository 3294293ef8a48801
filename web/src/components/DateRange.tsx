import { useTranslation } from 'react-i18next';
import { addDays, ymd } from '../dates';
import { useRange } from '../range';

/** From/to pickers and presets; the range lives in the URL. */
export function DateRange() {
  const { t } = useTranslation();
  const { from, to, setRange } = useRange();
  const today = ymd(new Date());
  const presets: Array<[string, number]> = [
    ['range.last7', 7],
    ['range.last30', 30],
    ['range.last90', 90],
  ];
  return (
    <fieldset className="range">
      <legend className="sr-only">{t('range.label')}</legend>
      <label>
        {t('range.from')}
        <input
          type="date"
          value={from}
          max={to}
          onChange={(e) => e.target.value && setRange(e.target.value, to)}
        />
      </label>
      <label>
        {t('range.to')}
        <input
          type="date"
          value={to}
          min={from}
          onChange={(e) => e.target.value && setRange(from, e.target.value)}
        />
      </label>
      <span className="presets">
        {presets.map(([key, n]) => (
          <button
            key={key}
            type="button"
            className="secondary small"
            onClick={() => setRange(addDays(today, 1 - n), today)}
          >
            {t(key)}
          </button>
        ))}
      </span>
    </fieldset>
  );
}
