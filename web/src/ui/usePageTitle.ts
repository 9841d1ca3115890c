import { useEffect } from 'react';

/** Sets the document title: "Page — kansrijk". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — kansrijk` : 'kansrijk';
  }, [title]);
}
