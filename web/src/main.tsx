import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './components/Shell';
import { Loading } from './components/States';
import { initI18n } from './i18n';
import { startPrefetch } from './prefetch';
import { SessionProvider, useSession } from './session';
import './styles.css';

// Every page is its own chunk: the first paint loads only the shell and the page shown.
const SignIn = lazy(() => import('./pages/SignIn'));
const AcceptInvite = lazy(() => import('./pages/AcceptInvite'));
const loadOverview = () => import('./pages/Overview');
const Overview = lazy(loadOverview);
const Channels = lazy(() => import('./pages/Channels'));
const Goals = lazy(() => import('./pages/Goals'));
const Links = lazy(() => import('./pages/Links'));
const Costs = lazy(() => import('./pages/Costs'));
const Attribution = lazy(() => import('./pages/Attribution'));
const Experiments = lazy(() => import('./pages/Experiments'));

startPrefetch();
initI18n();
// The overview is the landing page: fetch its code while the session is being checked.
if (location.pathname === '/' || location.pathname === '/overview') void loadOverview();

function Routed() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (location.pathname === '/accept-invite')
    return (
      <Suspense fallback={<Loading />}>
        <AcceptInvite />
      </Suspense>
    );
  if (loading) return <Loading />;
  if (!me)
    return (
      <Suspense fallback={<Loading />}>
        <SignIn />
      </Suspense>
    );
  return (
    <Shell>
      <Routes>
        <Route path="/overview" element={<Overview />} />
        <Route path="/channels" element={<Channels />} />
        <Route path="/attribution" element={<Attribution />} />
        <Route path="/experiments" element={<Experiments />} />
        <Route path="/goals" element={<Goals />} />
        <Route path="/links" element={<Links />} />
        <Route path="/costs" element={<Costs />} />
        <Route path="*" element={<Navigate to={`/overview${location.search}`} replace />} />
      </Routes>
    </Shell>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
