/**
 * Bench only: the Repères questionnaire rendered by SurveyJS (survey-core + survey-react-ui),
 * one question per page, to compare bundle size and transition latency with the kiosk under
 * the same conditions. Never part of the kiosk build (bench/surveyjs/vite.config.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
// SurveyJS's own French strings (progress text, required-answer message), as Repères speaks French.
import 'survey-core/i18n/french';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.min.css';
import json from 'virtual:survey-json';

const survey = new Model(json);
// The bench restarts the questionnaire between runs, as Repères' "Recommencer" does.
(window as unknown as { __survey: Model }).__survey = survey;

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <Survey model={survey} />
  </StrictMode>,
);
