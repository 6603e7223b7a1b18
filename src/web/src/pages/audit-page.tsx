import { useEffect, useState, type FormEvent } from 'react';
import { queryString, request } from '../api/client.js';
import type { AuditListResponse, AuditRecord } from '../api/types.js';
import { GradeBadge, KindBadge, OutcomeBadge } from '../components/badges.js';
import { Card, Empty, ErrorBanner, PageHeader } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { formatDateTime, formatMs, formatNumber } from '../lib/format.js';
import { useRouter } from '../lib/router.js';
import { usePoll } from '../lib/use-poll.js';
import { AuditRecordPanel } from './audit-record-panel.js';
import { VerifyBar } from './audit-verify.js';

const FILTERS = ['app', 'grade', 'provider', 'outcome', 'kind', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
const PAGE_SIZE = 25;

function filtersFrom(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of FILTERS) {
    const value = search.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** datetime-local value (browser local time) → ISO 8601 for the API. */
function toIso(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const { location, navigate } = useRouter();
  const filters = filtersFrom(location.search);
  const filterKey = JSON.stringify(filters);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  useEffect(() => setCursors([null]), [filterKey]);

  const page = usePoll(
    (signal) =>
      request<AuditListResponse>(
        `/api/audit${queryString({ ...filters, from: toIso(filters.from), to: toIso(filters.to), cursor, limit: PAGE_SIZE, total: cursors.length === 1 ? 1 : undefined })}`,
        { signal },
      ),
    0,
    [filterKey, cursor],
  );
  const [total, setTotal] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (page.data?.total !== undefined) setTotal(page.data.total);
  }, [page.data]);

  const selectedSeq = location.rest[0] !== undefined && /^\d+$/.test(location.rest[0]) ? Number(location.rest[0]) : null;
  const searchText = location.search.toString();
  const open = (seq: number) => navigate(`/audit/${seq}${searchText ? `?${searchText}` : ''}`);
  const close = () => navigate(`/audit${searchText ? `?${searchText}` : ''}`);

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '');
      if (value) next.set(name, value);
    }
    const text = next.toString();
    navigate(`/audit${text ? `?${text}` : ''}`);
  };

  const choices = page.data?.choices;
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} actions={<VerifyBar />} />
      <Card>
        <form className="filters" onSubmit={applyFilters} key={filterKey} data-testid="audit-filters">
          <Select name="app" label={t('audit.app')} value={filters.app} options={choices?.apps ?? []} />
          <Select name="grade" label={t('audit.grade')} value={filters.grade} options={choices?.grades ?? ['C', 'S', 'O']} />
          <Select name="provider" label={t('audit.provider')} value={filters.provider} options={choices?.providers ?? []} />
          <Select name="outcome" label={t('audit.outcome')} value={filters.outcome} options={choices?.outcomes ?? []} render={(value) => t(`outcome.${value}` as 'outcome.ok')} />
          <Select name="kind" label={t('audit.kind')} value={filters.kind} options={choices?.kinds ?? []} render={(value) => t(`kind.${value}` as 'kind.dispatch')} />
          <label className="field compact">
            <span>{t('audit.from')}</span>
            <input type="datetime-local" name="from" defaultValue={filters.from} step={1} />
          </label>
          <label className="field compact">
            <span>{t('audit.to')}</span>
            <input type="datetime-local" name="to" defaultValue={filters.to} step={1} />
          </label>
          <div className="filter-buttons">
            <button type="submit" className="button primary" data-testid="audit-apply">
              {t('audit.apply')}
            </button>
            <button type="button" className="button ghost" onClick={() => navigate('/audit')}>
              {t('audit.reset')}
            </button>
          </div>
        </form>
      </Card>
      <ErrorBanner error={page.error} />
      <div className={`audit-layout ${selectedSeq !== null ? 'with-panel' : ''}`}>
        <Card
          className="audit-table-card"
          title={total !== undefined ? t('audit.matching', { count: formatNumber(locale, total) }) : t('audit.records')}
          actions={
            <div className="pager">
              <button type="button" className="button ghost small" onClick={() => page.refresh()}>
                {t('common.refresh')}
              </button>
              <button type="button" className="button ghost small" disabled={cursors.length <= 1} onClick={() => setCursors((stack) => stack.slice(0, -1))} data-testid="audit-previous">
                ‹ {t('audit.newer')}
              </button>
              <span className="pager-page">{t('audit.page', { page: cursors.length })}</span>
              <button type="button" className="button ghost small" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((stack) => [...stack, page.data!.nextCursor])} data-testid="audit-next">
                {t('audit.older')} ›
              </button>
            </div>
          }
        >
          {page.data && page.data.records.length === 0 ? (
            <Empty>{t('audit.none')}</Empty>
          ) : (
            <div className="table-scroll">
              <table className="table audit-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th className="num">{t('audit.seq')}</th>
                    <th>{t('audit.time')}</th>
                    <th>{t('audit.kind')}</th>
                    <th>{t('audit.app')}</th>
                    <th>{t('audit.grade')}</th>
                    <th>{t('audit.target')}</th>
                    <th>{t('audit.outcome')}</th>
                    <th className="num">{t('audit.latency')}</th>
                    <th className="num">{t('audit.tokens')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data?.records.map((record) => (
                    <AuditRow key={record.seq} record={record} selected={record.seq === selectedSeq} onOpen={open} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        {selectedSeq !== null && <AuditRecordPanel seq={selectedSeq} onClose={close} onOpen={open} />}
      </div>
    </>
  );
}

function AuditRow({ record, selected, onOpen }: { record: AuditRecord; selected: boolean; onOpen(seq: number): void }) {
  const { locale } = useI18n();
  return (
    <tr className={`clickable ${selected ? 'selected' : ''}`} onClick={() => onOpen(record.seq)} data-testid={`audit-row-${record.seq}`} tabIndex={0} onKeyDown={(event) => event.key === 'Enter' && onOpen(record.seq)}>
      <td className="num mono">{record.seq}</td>
      <td className="nowrap">{formatDateTime(locale, record.time)}</td>
      <td>
        <KindBadge kind={record.kind} />
      </td>
      <td>{record.app ?? <span className="muted">–</span>}</td>
      <td>
        <GradeBadge grade={record.grade} />
      </td>
      <td className="target-cell">{record.provider ? `${record.provider} / ${record.model ?? ''}` : record.alias ? <span className="muted">{record.alias}</span> : <span className="muted">–</span>}</td>
      <td>
        <OutcomeBadge outcome={record.outcome} kind={record.kind} />
      </td>
      <td className="num">{formatMs(locale, record.latencyMs)}</td>
      <td className="num">{record.tokens ? formatNumber(locale, record.tokens.total) : '–'}</td>
    </tr>
  );
}

function Select({ name, label, value, options, render }: { name: string; label: string; value: string | undefined; options: readonly string[]; render?: (value: string) => string }) {
  const { t } = useI18n();
  return (
    <label className="field compact">
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ''} data-testid={`filter-${name}`}>
        <option value="">{t('common.all')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {render ? render(option) : option}
          </option>
        ))}
      </select>
    </label>
  );
}
