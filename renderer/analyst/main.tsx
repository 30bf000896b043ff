import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { analystI18n } from './i18n';
import './analyst.css';
import { AnalystApp } from './AnalystApp';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from analyst.html');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={analystI18n}>
      <AnalystApp />
    </I18nextProvider>
  </StrictMode>,
);
