import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import '@utrecht/component-library-css/dist/index.css';
import './styles/fonts.css';
import './styles/tokens.css';
import './styles/app.css';
import App from './App';
import { I18nProvider } from './i18n';
import { SessionProvider } from './features/auth/session';

document.body.classList.add('utrecht-theme', 'kansrijk-theme', 'utrecht-document', 'utrecht-document--surface');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
