// Entry point: the NL Design System CSS and base tokens, then the app inside the theme
// wrapper whose tokens /theme.css overrides (see public/theme.css).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import './app.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
