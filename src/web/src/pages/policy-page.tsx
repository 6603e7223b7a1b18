import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { request } from '../api/client.js';
import type { Grade, PolicyContextResponse, PolicyPreviewRequest, PolicyPreviewResponse } from '../api/types.js';
import { Card, Empty, ErrorBanner, PageHeader } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { usePoll } from '../lib/use-poll.js';
import { PreviewResult } from './policy-result.js';

const SAMPLES = [
  { key: 'policy.sample.identifiers', text: '민원인 홍길동(주민등록번호 900101-1234568, 연락처 010-1234-5678)의 전입 신고 내용을 요약해 주세요.' },
  { key: 'policy.sample.contact', text: '담당자 이메일 hong@example.kr 로 회신하고, 결제 카드 4111-1111-1111-1111 의 환불 절차를 안내해 주세요.' },
  { key: 'policy.sample.plain', text: '2026년 인공지능 기본법의 주요 내용을 세 줄로 정리해 주세요.' },
] as const;

type Mode = 'compose' | 'paste';

export function PolicyPage() {
  const { t } = useI18n();
  const context = usePoll((signal) => request<PolicyContextResponse>('/api/policy/context', { signal }), 0);
  const apps = context.data?.apps ?? [];
  const [appId, setAppId] = useState('');
  const [grade, setGrade] = useState<Grade | ''>('');
  const [alias, setAlias] = useState('');
  const [mode, setMode] = useState<Mode>('compose');
  const [system, setSystem] = useState('');
  const [text, setText] = useState<string>(SAMPLES[0].text);
  const [pasted, setPasted] = useState('');
  const [result, setResult] = useState<PolicyPreviewResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const app = apps.find((entry) => entry.id === appId);
  useEffect(() => {
    if (!appId && apps[0]) setAppId(apps[0].id);
  }, [apps, appId]);
  useEffect(() => {
    if (app && !app.aliases.includes(alias)) setAlias(app.aliases[0] ?? '');
  }, [app, alias]);
  useEffect(() => {
    if (mode === 'paste' && pasted === '' && alias) {
      setPasted(JSON.stringify({ model: alias, messages: [{ role: 'user', content: text }] }, null, 2));
    }
  }, [mode, pasted, alias, text]);

  const gradeOptions = useMemo(() => {
    const order: Grade[] = ['O', 'S', 'C'];
    return app ? order.slice(order.indexOf(app.grade) + 1) : [];
  }, [app]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: PolicyPreviewRequest = { app: appId, ...(grade ? { grade } : {}) };
      if (mode === 'compose') Object.assign(body, { alias, text, ...(system.trim() ? { system } : {}) });
      else {
        try {
          body.body = JSON.parse(pasted) as unknown;
        } catch (parseError) {
          throw new Error(t('policy.badJson', { message: (parseError as Error).message }));
        }
      }
      setResult(await request<PolicyPreviewResponse>('/api/policy/preview', { body }));
    } catch (failure) {
      setResult(null);
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };

  if (context.data && apps.length === 0) {
    return (
      <>
        <PageHeader title={t('policy.title')} subtitle={t('policy.subtitle')} />
        <Empty>{t('policy.noApps')}</Empty>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('policy.title')} subtitle={t('policy.subtitle')} />
      <ErrorBanner error={context.error} />
      <div className="policy-layout">
        <Card title={t('policy.request')} className="policy-form-card">
          <form onSubmit={submit} className="policy-form" data-testid="policy-form">
            <div className="form-row">
              <label className="field">
                <span>{t('policy.app')}</span>
                <select value={appId} onChange={(event) => setAppId(event.target.value)} data-testid="policy-app">
                  {apps.map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {entry.id} · {entry.grade} · {entry.purpose}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('policy.grade')}</span>
                <select value={grade} onChange={(event) => setGrade(event.target.value as Grade | '')} data-testid="policy-grade">
                  <option value="">{app ? t('policy.appGrade', { grade: app.grade }) : '–'}</option>
                  {gradeOptions.map((option) => (
                    <option key={option} value={option}>
                      {t('policy.raiseTo', { grade: option })}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="segmented" role="tablist">
              {(['compose', 'paste'] as const).map((option) => (
                <button key={option} type="button" role="tab" aria-selected={mode === option} className={mode === option ? 'active' : ''} onClick={() => setMode(option)}>
                  {t(`policy.mode.${option}`)}
                </button>
              ))}
            </div>
            {mode === 'compose' ? (
              <>
                <label className="field">
                  <span>{t('policy.alias')}</span>
                  <select value={alias} onChange={(event) => setAlias(event.target.value)} data-testid="policy-alias">
                    {(app?.aliases ?? []).map((entry) => (
                      <option key={entry} value={entry}>
                        {entry}
                      </option>
                    ))}
                  </select>
                </label>
                <details className="system-prompt">
                  <summary>{t('policy.system')}</summary>
                  <textarea rows={2} value={system} onChange={(event) => setSystem(event.target.value)} />
                </details>
                <label className="field">
                  <span>{t('policy.text')}</span>
                  <textarea rows={6} value={text} onChange={(event) => setText(event.target.value)} data-testid="policy-text" />
                </label>
                <div className="samples">
                  <span className="muted small">{t('policy.samples')}</span>
                  {SAMPLES.map((sample) => (
                    <button key={sample.key} type="button" className="button ghost small" onClick={() => setText(sample.text)}>
                      {t(sample.key)}
                    </button>
                  ))}
                </div>
              </>
            ) : (
              <label className="field">
                <span>{t('policy.pasteLabel')}</span>
                <textarea rows={12} className="mono" value={pasted} onChange={(event) => setPasted(event.target.value)} data-testid="policy-json" spellCheck={false} />
              </label>
            )}
            <button type="submit" className="button primary wide" disabled={busy || !appId} data-testid="policy-submit">
              {busy ? t('common.working') : t('policy.preview')}
            </button>
            <p className="hint">{t('policy.nothingSent')}</p>
          </form>
        </Card>
        <div className="policy-result">
          <ErrorBanner error={error} />
          {result ? <PreviewResult result={result} home={context.data?.home ?? ''} /> : !error && <Empty>{t('policy.empty')}</Empty>}
        </div>
      </div>
    </>
  );
}
