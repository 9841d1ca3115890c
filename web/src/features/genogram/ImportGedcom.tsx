// Import of a GEDCOM file a family member made in a genealogy program: first a dry run that shows
// what would be read (and which lines could not be used), then the import itself. Nothing is
// written on the dry run or on any error.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, FormField, FormLabel, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { describeCoded } from '../../ui/errors';
import { Loading, Notice } from '../../ui/States';
import { CheckField, useProblemText } from './common';
import { genogramApi, type ImportReport } from './api';

const MAX_BYTES = 50 * 1024 * 1024;

export function ImportGedcom({ familyId, onImported, onClose }: { familyId: string; onImported: (report: ImportReport) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const problemText = useProblemText();
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [full, setFull] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A report arrived: take the reader to it.
  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);
  const number = (n: number) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL').format(n);

  function reset(next: File | null) {
    setFile(next);
    setReport(null);
    setError(null);
  }

  async function run(dryRun: boolean) {
    if (!file) {
      setError(t('genogram.import.chooseFile'));
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(t('genogram.import.tooBig'));
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    try {
      const { data } = await genogramApi.importGedcom(familyId, file, { dryRun, full });
      if (dryRun) setReport(data);
      else onImported(data);
    } catch (err) {
      setReport(null);
      setError(problemText(err));
    } finally {
      setBusy(null);
    }
  }

  function check(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  return (
    <section className="k-card k-geno-import" aria-labelledby="gi-title">
      <Heading2 id="gi-title">{t('genogram.import.title')}</Heading2>
      <Paragraph>{t('genogram.import.intro')}</Paragraph>
      <form className="k-form" onSubmit={check} noValidate aria-labelledby="gi-title">
        <FormField className="k-field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="gi-file">{t('genogram.import.file')}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <input
              ref={fileRef}
              id="gi-file"
              name="gi-file"
              type="file"
              className="k-file"
              accept=".ged,.gedcom,text/plain,application/octet-stream"
              aria-describedby="gi-file-hint"
              onChange={(e) => reset(e.target.files?.[0] ?? null)}
            />
          </div>
          <p id="gi-file-hint" className="k-muted">
            {t('genogram.import.fileHint')}
          </p>
        </FormField>
        <CheckField
          id="gi-full"
          label={t('genogram.import.full')}
          description={t('genogram.import.fullHint')}
          checked={full}
          onChecked={(on) => {
            setFull(on);
            setReport(null);
          }}
        />
        {error && <Notice type="error">{error}</Notice>}
        <ButtonGroup>
          <Button type="submit" appearance={report ? 'secondary-action-button' : 'primary-action-button'} busy={busy === 'check'} disabled={busy !== null}>
            {t('genogram.import.check')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onClose} disabled={busy !== null}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
        {busy && <Loading label={busy === 'check' ? t('genogram.import.checking') : t('genogram.import.importing')} />}
      </form>

      {report && (
        <div className="k-geno-report" aria-labelledby="gi-report-title">
          <Heading3 id="gi-report-title" tabIndex={-1} ref={reportRef}>
            {t('genogram.import.reportTitle')}
          </Heading3>
          <Paragraph>{t('genogram.import.nothingYet')}</Paragraph>
          <dl className="k-dl">
            <dt>{t('genogram.import.persons')}</dt>
            <dd>{number(report.persons)}</dd>
            <dt>{t('genogram.import.relations')}</dt>
            <dd>{number(report.relations)}</dd>
            <dt>{t('genogram.import.events')}</dt>
            <dd>{number(report.events)}</dd>
            <dt>{t('genogram.import.lines')}</dt>
            <dd>{number(report.lines)}</dd>
            <dt>{t('genogram.import.charset')}</dt>
            <dd>{report.charset}</dd>
            <dt>{t('genogram.import.detailsLabel')}</dt>
            <dd>{report.details === 'full' ? t('genogram.import.detailsFull') : t('genogram.import.detailsMinimal', { count: number(report.reduced) })}</dd>
          </dl>
          {report.summary && (
            <>
              <Heading3>{t('genogram.import.summary')}</Heading3>
              <Paragraph className="k-pre">{report.summary}</Paragraph>
            </>
          )}
          {report.people.length > 0 && (
            <details className="k-geno-details">
              <summary>{t('genogram.import.people', { count: number(report.persons) })}</summary>
              <ul className="k-geno-people">
                {report.people.map((p, i) => (
                  <li key={i}>
                    {p.name}
                    {p.years && <span className="k-muted"> ({p.years})</span>}
                  </li>
                ))}
              </ul>
              {report.persons > report.people.length && <Paragraph className="k-muted">{t('genogram.import.morePeople', { count: number(report.persons - report.people.length) })}</Paragraph>}
            </details>
          )}
          {report.unused.length + report.unused_not_listed > 0 ? (
            <details className="k-geno-details">
              <summary>{t('genogram.import.unused', { count: number(report.unused.length + report.unused_not_listed) })}</summary>
              <div className="k-table-wrap">
                <table className="utrecht-table">
                  <caption>{t('genogram.import.unusedCaption')}</caption>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <th scope="col" className="utrecht-table__header-cell k-num">
                        {t('genogram.import.line')}
                      </th>
                      <th scope="col" className="utrecht-table__header-cell">
                        {t('genogram.import.text')}
                      </th>
                      <th scope="col" className="utrecht-table__header-cell">
                        {t('genogram.import.reason')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {report.unused.map((u) => (
                      <tr key={u.line} className="utrecht-table__row">
                        <td className="utrecht-table__cell k-num">{u.line}</td>
                        <td className="utrecht-table__cell">
                          <code>{u.text}</code>
                        </td>
                        <td className="utrecht-table__cell">{describeCoded({ code: u.code, params: u.params, detail: u.reason }, lang) ?? u.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {report.unused_not_listed > 0 && <Paragraph className="k-muted">{t('genogram.import.unusedMore', { count: number(report.unused_not_listed) })}</Paragraph>}
            </details>
          ) : (
            <Paragraph>{t('genogram.import.allUsed')}</Paragraph>
          )}
          {report.persons > 0 ? (
            <ButtonGroup>
              <Button type="button" appearance="primary-action-button" busy={busy === 'import'} disabled={busy !== null} onClick={() => void run(false)}>
                {t('genogram.import.commit', { count: number(report.persons) })}
              </Button>
            </ButtonGroup>
          ) : (
            <Notice type="warning">{t('genogram.import.noPersons')}</Notice>
          )}
        </div>
      )}
    </section>
  );
}
