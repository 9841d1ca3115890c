// Loading, empty, error and not-found states, the same on every page.
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import { describeError, type DescribeOptions } from './errors';
import type { MessageKey } from '../i18n/nl';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="k-loading" role="status" aria-live="polite">
      <span className="k-spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div className="k-empty">
      <Paragraph>{children}</Paragraph>
    </div>
  );
}

/** The message for an error from the API, by its reason code, in the user's language. */
export function useErrorMessage() {
  const { t, lang } = useI18n();
  return (error: unknown, options?: MessageKey | DescribeOptions): string =>
    describeError(error, lang, t, typeof options === 'string' ? { notFoundKey: options } : options);
}

export function ErrorState({ error, onRetry, notFoundKey }: { error: unknown; onRetry?: () => void; notFoundKey?: MessageKey }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  return (
    <Alert type={error instanceof ApiError && error.status === 404 ? 'info' : 'error'} role="alert">
      <Paragraph>{message(error, notFoundKey)}</Paragraph>
      {onRetry && !(error instanceof ApiError && (error.status === 404 || error.status === 403)) && (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('state.retry')}
        </Button>
      )}
    </Alert>
  );
}

/** Whole-page state for something that does not exist or is out of the user's reach. */
export function NotFoundPage({ messageKey = 'state.notFound' }: { messageKey?: MessageKey }) {
  const { t } = useI18n();
  return (
    <section className="k-notfound" aria-labelledby="page-title">
      <Heading1 id="page-title" tabIndex={-1}>
        {t('state.notFoundTitle')}
      </Heading1>
      <Paragraph>{t(messageKey)}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/">
          {t('state.backHome')}
        </Link>
      </Paragraph>
    </section>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title" tabIndex={-1}>
        {t('state.forbiddenTitle')}
      </Heading1>
      <Paragraph>{t('state.forbidden')}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/">
          {t('state.backHome')}
        </Link>
      </Paragraph>
    </section>
  );
}

/** A short confirmation after an action, announced politely. */
export function Notice({ children, type = 'ok' }: { children: React.ReactNode; type?: 'ok' | 'info' | 'warning' | 'error' }) {
  return (
    <Alert type={type} role={type === 'error' ? 'alert' : 'status'} className="k-notice">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

/**
 * The loading, error and empty states of a list loaded with useApi, the same on every page;
 * `children` renders the items once there are any.
 */
export function ListStates<T>({
  list,
  empty,
  children,
}: {
  list: { data: { items: T[] } | undefined; error: unknown; loading: boolean; reload: () => void };
  empty: React.ReactNode;
  children: (items: T[]) => React.ReactNode;
}) {
  return (
    <>
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{empty}</Empty>}
      {list.data && list.data.items.length > 0 && children(list.data.items)}
    </>
  );
}
