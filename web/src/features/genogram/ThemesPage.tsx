// Admin: the organisation's genogram themes, the strengths and points of attention a coach can
// mark on a person. The list is edited here and saved as a whole (PUT replaces it, in this
// order); a theme still marked on persons cannot go (409, the server names it), and field
// errors (422, "items[3].id") land on their own row.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiError, request } from '../../api/client';
import { useI18n } from '../../i18n';
import { TextField, focusFirstError } from '../../ui/Field';
import { required, type Errors } from '../../ui/forms';
import { describeFieldErrors } from '../../ui/errors';
import { Empty, ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import type { Theme } from './api';
import './themes.css';

const MAX_THEMES = 100;
const MAX_LABEL = 60;
const ID_RE = /^[a-z0-9_]{1,40}$/;

interface ThemeList {
  items: Theme[];
}

/** A code made from a label: lower case, accents stripped, spaces to _, nothing else. */
export function suggestId(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .slice(0, 40);
}

/** A theme while it is being edited. `key` stays the same when the label or group changes. */
interface Row {
  key: string;
  id: string;
  label: string;
  strength: boolean;
  /** The label on the server, for a theme that is saved already. */
  savedLabel: string | null;
}

/** Coaches see the strengths first, so the list is kept (and saved) that way. */
function strengthsFirst<T extends { strength: boolean }>(xs: T[]): T[] {
  return [...xs.filter((x) => x.strength), ...xs.filter((x) => !x.strength)];
}

const toRows = (items: Theme[]): Row[] =>
  strengthsFirst(items.map((x) => ({ key: `s-${x.id}`, id: x.id, label: x.label, strength: x.strength, savedLabel: x.label })));
const fingerprint = (rows: Row[]) => JSON.stringify(rows.map((r) => [r.id, r.label.trim(), r.strength]));

const labelId = (r: Row) => `th-label-${r.key}`;
const codeId = (r: Row) => `th-id-${r.key}`;
const restoreId = (r: Row) => `th-restore-${r.key}`;
const ADD = { label: 'th-add-label', id: 'th-add-id', strength: 'th-add-strength' };

function ThemesEditor({ initial }: { initial: Theme[] }) {
  const { t, lang } = useI18n();
  const errorMessage = useErrorMessage();
  const [baseline, setBaseline] = useState(() => toRows(initial));
  const [rows, setRows] = useState(baseline);
  const [removed, setRemoved] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const generalRef = useRef<HTMLDivElement>(null);
  const seq = useRef(0);

  const [addLabel, setAddLabel] = useState('');
  const [addId, setAddId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [addStrength, setAddStrength] = useState(true);
  const [addErrors, setAddErrors] = useState<Errors>({});

  const dirty = removed.length > 0 || fingerprint(rows) !== fingerprint(baseline);
  const name = (r: Row) => r.label.trim() || r.savedLabel || r.id;

  // After a row moved, the button that was pressed is somewhere else: put focus back on it.
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  function clearErrors(...ids: string[]) {
    if (ids.some((id) => errors[id])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !ids.includes(k))));
  }

  function update(r: Row, change: Partial<Row>) {
    setRows((xs) => xs.map((x) => (x.key === r.key ? { ...x, ...change } : x)));
    setNotice(null);
  }

  function move(r: Row, dir: -1 | 1) {
    const group = rows.filter((x) => x.strength === r.strength);
    const i = group.findIndex((x) => x.key === r.key);
    const j = i + dir;
    if (i < 0 || j < 0 || j >= group.length) return;
    [group[i], group[j]] = [group[j], group[i]];
    const others = rows.filter((x) => x.strength !== r.strength);
    setRows(r.strength ? [...group, ...others] : [...others, ...group]);
    setNotice(null);
    // At the top (or bottom) this button is disabled now: the other one keeps focus in the row.
    const atEdge = j === 0 || j === group.length - 1;
    const same = dir < 0 ? 'up' : 'down';
    const other = dir < 0 ? 'down' : 'up';
    setFocusId(`th-${atEdge ? other : same}-${r.key}`);
  }

  function flip(r: Row) {
    const moved = { ...r, strength: !r.strength };
    setRows(strengthsFirst([...rows.filter((x) => x.key !== r.key), moved]));
    setNotice(null);
    setStatus(t(moved.strength ? 'themes.movedToStrengths' : 'themes.movedToConcerns', { label: name(r) }));
    setFocusId(`th-flip-${r.key}`);
  }

  function remove(r: Row) {
    setRows((xs) => xs.filter((x) => x.key !== r.key));
    if (r.savedLabel !== null) setRemoved((xs) => [...xs, r]);
    clearErrors(labelId(r), codeId(r));
    setNotice(null);
    // A saved theme waits below, with its button to put it back; a new one is simply gone.
    setFocusId(r.savedLabel !== null ? restoreId(r) : ADD.label);
  }

  function restore(r: Row) {
    setRemoved((xs) => xs.filter((x) => x.key !== r.key));
    setRows((xs) => strengthsFirst([...xs, r]));
    clearErrors(restoreId(r));
    setNotice(null);
    setFocusId(labelId(r));
  }

  function onAddLabel(value: string) {
    setAddLabel(value);
    if (!idTouched) setAddId(suggestId(value));
  }

  function onAddId(value: string) {
    setAddId(value);
    // An emptied code field goes back to following the name.
    setIdTouched(value !== '');
    if (value === '') setAddId(suggestId(addLabel));
  }

  function add(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const l = required(t, addLabel, MAX_LABEL);
    if (l) errs[ADD.label] = l;
    const id = addId.trim();
    if (!id) errs[ADD.id] = t('validation.required');
    else if (!ID_RE.test(id)) errs[ADD.id] = t('themes.idInvalid');
    else if (rows.some((r) => r.id === id)) errs[ADD.id] = t('themes.idTaken');
    if (!Object.keys(errs).length && rows.length >= MAX_THEMES) errs[ADD.label] = t('themes.full');
    setAddErrors(errs);
    if (Object.keys(errs).length) return focusFirstError(errs, [ADD.label, ADD.id]);
    // The code of a theme removed before saving: that is putting it back, under the new name.
    const back = removed.find((r) => r.id === id);
    const row: Row = back
      ? { ...back, label: addLabel.trim(), strength: addStrength }
      : { key: `n-${++seq.current}`, id, label: addLabel.trim(), strength: addStrength, savedLabel: null };
    if (back) setRemoved((xs) => xs.filter((x) => x.key !== back.key));
    setRows((xs) => strengthsFirst([...xs, row]));
    setNotice(t('themes.added', { label: row.label }));
    setAddLabel('');
    setAddId('');
    setIdTouched(false);
    setFocusId(ADD.label);
  }

  function undo() {
    setRows(baseline);
    setRemoved([]);
    setErrors({});
    setGeneral(null);
    setNotice(null);
  }

  function showGeneral(message: string) {
    flushSync(() => setGeneral(message));
    generalRef.current?.focus();
  }

  async function save() {
    setNotice(null);
    setGeneral(null);
    const errs: Errors = {};
    const seen = new Set<string>();
    for (const r of rows) {
      const l = required(t, r.label, MAX_LABEL);
      if (l) errs[labelId(r)] = l;
      if (r.savedLabel === null) {
        if (!ID_RE.test(r.id)) errs[codeId(r)] = r.id ? t('themes.idInvalid') : t('validation.required');
        else if (seen.has(r.id)) errs[codeId(r)] = t('themes.idTaken');
      }
      seen.add(r.id);
    }
    const order = rows.flatMap((r) => [labelId(r), codeId(r)]);
    setErrors(errs);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    if (rows.length === 0) return showGeneral(t('themes.atLeastOne'));

    const sent = rows;
    setBusy(true);
    try {
      const { data } = await request<ThemeList>('PUT', '/genogram/themes', {
        body: { items: sent.map((r) => ({ id: r.id, label: r.label.trim(), strength: r.strength })) },
      });
      const saved = toRows(data.items);
      setBaseline(saved);
      setRows(saved);
      setRemoved([]);
      setErrors({});
      setNotice(t('themes.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        // "items[3].id" belongs to the fourth row sent; anything else goes at the top.
        const fields: Errors = {};
        const rest: string[] = [];
        for (const [field, messages] of Object.entries(err.fieldErrors)) {
          const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(field);
          const r = m ? sent[Number(m[1])] : undefined;
          const text = describeFieldErrors(messages, lang);
          if (!r) {
            rest.push(text);
            continue;
          }
          const target = m![2] === 'id' && r.savedLabel === null ? codeId(r) : labelId(r);
          fields[target] = [fields[target], text].filter(Boolean).join(' ');
        }
        setErrors(fields);
        if (rest.length || !Object.keys(fields).length) showGeneral(rest.length ? rest.join(' ') : t('state.fixErrors'));
        else focusFirstError(fields, order);
      } else if (err instanceof ApiError && err.status === 409) {
        // A removed theme is still marked on persons: the server names it in its parameters
        // (theme: the id; label: the saved label); show that next to it.
        const detail = errorMessage(err);
        const theme = err.params.theme ?? err.params.label;
        const culprit =
          (theme ? removed.find((r) => r.savedLabel !== null && (r.id === theme || r.savedLabel === theme)) : undefined) ??
          (removed.length === 1 ? removed[0] : undefined);
        if (culprit) {
          // The alert at the top is announced; focus goes to the theme's own button to put it back.
          flushSync(() => {
            setErrors({ [restoreId(culprit)]: t('themes.inUse') });
            setGeneral(detail);
          });
          document.getElementById(restoreId(culprit))?.focus();
        } else {
          showGeneral(detail);
        }
      } else {
        showGeneral(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  function group(strength: boolean) {
    const items = rows.filter((r) => r.strength === strength);
    const titleId = strength ? 'themes-strengths' : 'themes-concerns';
    return (
      <section aria-labelledby={titleId} className="k-themes__group">
        <Heading2 id={titleId}>
          {t(strength ? 'themes.strengths' : 'themes.concerns')} <span className="k-muted">({items.length})</span>
        </Heading2>
        {items.length === 0 ? (
          <Empty>{t(strength ? 'themes.noStrengths' : 'themes.noConcerns')}</Empty>
        ) : (
          <div className="k-table-wrap">
            <Table aria-labelledby={titleId} className="k-themes__table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('themes.label')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('themes.id')}</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    <span className="k-visually-hidden">{t('common.actions')}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((r, i) => {
                  const isNew = r.savedLabel === null;
                  const labelError = errors[labelId(r)];
                  const codeError = errors[codeId(r)];
                  return (
                    <TableRow key={r.key} data-theme-id={r.id}>
                      <TableCell>
                        <Textbox
                          id={labelId(r)}
                          className="k-themes__label"
                          value={r.label}
                          maxLength={MAX_LABEL + 20}
                          aria-label={t('themes.labelOf', { id: r.id })}
                          invalid={!!labelError}
                          aria-invalid={labelError ? true : undefined}
                          aria-describedby={labelError ? `${labelId(r)}-error` : undefined}
                          onChange={(e) => {
                            update(r, { label: e.target.value });
                            clearErrors(labelId(r));
                          }}
                        />
                        {labelError && (
                          <FormFieldErrorMessage id={`${labelId(r)}-error`} className="utrecht-form-field__error-message">
                            {labelError}
                          </FormFieldErrorMessage>
                        )}
                      </TableCell>
                      <TableCell>
                        {isNew ? (
                          <>
                            <Textbox
                              id={codeId(r)}
                              className="k-themes__code"
                              value={r.id}
                              aria-label={t('themes.idOf', { label: name(r) })}
                              invalid={!!codeError}
                              aria-invalid={codeError ? true : undefined}
                              aria-describedby={codeError ? `${codeId(r)}-error` : undefined}
                              spellCheck={false}
                              autoCapitalize="off"
                              onChange={(e) => {
                                update(r, { id: e.target.value.trim() });
                                clearErrors(codeId(r));
                              }}
                            />{' '}
                            <span className="k-badge k-badge--neutral">{t('themes.new')}</span>
                            {codeError && (
                              <FormFieldErrorMessage id={`${codeId(r)}-error`} className="utrecht-form-field__error-message">
                                {codeError}
                              </FormFieldErrorMessage>
                            )}
                          </>
                        ) : (
                          <code>{r.id}</code>
                        )}
                      </TableCell>
                      <TableCell>
                        <div className="k-actions k-themes__actions">
                          <Button id={`th-up-${r.key}`} appearance="subtle-button" disabled={i === 0} aria-label={t('themes.upLabel', { label: name(r) })} onClick={() => move(r, -1)}>
                            {t('themes.up')}
                          </Button>
                          <Button
                            id={`th-down-${r.key}`}
                            appearance="subtle-button"
                            disabled={i === items.length - 1}
                            aria-label={t('themes.downLabel', { label: name(r) })}
                            onClick={() => move(r, 1)}
                          >
                            {t('themes.down')}
                          </Button>
                          <Button
                            id={`th-flip-${r.key}`}
                            appearance="subtle-button"
                            aria-label={t(strength ? 'themes.toConcernsLabel' : 'themes.toStrengthsLabel', { label: name(r) })}
                            onClick={() => flip(r)}
                          >
                            {t(strength ? 'themes.toConcerns' : 'themes.toStrengths')}
                          </Button>
                          <Button id={`th-remove-${r.key}`} appearance="subtle-button" aria-label={t('themes.removeLabel', { label: name(r) })} onClick={() => remove(r)}>
                            {t('common.remove')}
                          </Button>
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    );
  }

  return (
    <>
      {notice && <Notice>{notice}</Notice>}
      <div ref={generalRef} tabIndex={-1} className="k-themes__general">
        {general && <Notice type="error">{general}</Notice>}
      </div>
      <div className="k-visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {group(true)}
      {group(false)}

      {removed.length > 0 && (
        <section aria-labelledby="themes-removed" className="k-card k-themes__removed">
          <Heading2 id="themes-removed">{t('themes.removedTitle')}</Heading2>
          <Paragraph>{t('themes.removedIntro')}</Paragraph>
          <ul className="k-themes__removed-list">
            {removed.map((r) => {
              const error = errors[restoreId(r)];
              return (
                <li key={r.key} className={error ? 'k-themes__removed-item k-themes__removed-item--error' : 'k-themes__removed-item'}>
                  <span className="k-themes__removed-name">{r.savedLabel}</span>
                  <Button
                    id={restoreId(r)}
                    appearance="secondary-action-button"
                    aria-label={t('themes.restoreLabel', { label: r.savedLabel ?? r.id })}
                    aria-describedby={error ? `${restoreId(r)}-error` : undefined}
                    onClick={() => restore(r)}
                  >
                    {t('themes.restore')}
                  </Button>
                  {error && (
                    <FormFieldErrorMessage id={`${restoreId(r)}-error`} className="utrecht-form-field__error-message">
                      {error}
                    </FormFieldErrorMessage>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <form className="k-card k-form" onSubmit={add} noValidate aria-labelledby="themes-add">
        <Heading2 id="themes-add">{t('themes.addTitle')}</Heading2>
        <div className="k-row">
          <TextField
            id={ADD.label}
            label={t('themes.label')}
            description={t('themes.addLabelHint')}
            value={addLabel}
            onValue={onAddLabel}
            error={addErrors[ADD.label]}
            required
          />
          <TextField
            id={ADD.id}
            label={t('themes.addId')}
            description={t('themes.addIdHint')}
            value={addId}
            onValue={onAddId}
            error={addErrors[ADD.id]}
            spellCheck={false}
            autoCapitalize="off"
            required
          />
        </div>
        <FormField type="checkbox" className="k-check">
          <Checkbox id={ADD.strength} checked={addStrength} onChange={(e) => setAddStrength(e.target.checked)} />
          <FormLabel htmlFor={ADD.strength} type="checkbox">
            {t('themes.addStrength')}
          </FormLabel>
        </FormField>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {t('themes.add')}
          </Button>
        </ButtonGroup>
      </form>

      <div className="k-themes__savebar">
        {dirty && <Paragraph className="k-themes__unsaved">{t('themes.unsaved')}</Paragraph>}
        <ButtonGroup>
          <Button appearance="primary-action-button" busy={busy} disabled={busy} onClick={() => void save()}>
            {t('themes.save')}
          </Button>
          {dirty && (
            <Button appearance="secondary-action-button" onClick={undo}>
              {t('themes.undo')}
            </Button>
          )}
        </ButtonGroup>
      </div>
    </>
  );
}

export default function ThemesPage() {
  const { t } = useI18n();
  usePageTitle(t('themes.title'));
  const list = useApi<ThemeList>((signal) => request<ThemeList>('GET', '/genogram/themes', { signal }).then((r) => r.data), []);
  return (
    <section aria-labelledby="page-title" className="k-themes">
      <div className="k-toolbar">
        <Heading1 id="page-title">{t('themes.title')}</Heading1>
      </div>
      <Paragraph className="k-lead">{t('themes.intro')}</Paragraph>
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && !list.loading && <ThemesEditor initial={list.data.items} />}
    </section>
  );
}
