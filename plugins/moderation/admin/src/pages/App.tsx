import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../utils/api';
import { AuditPage } from './AuditPage';
import { BlocksPage } from './BlocksPage';
import { QueuePage } from './QueuePage';
import { SettingsPage } from './SettingsPage';

/** The review desk: the queue, the audit trail, the blocked pictures and the settings, each behind its RBAC action (the API checks them again). */
const App = () => (
  <Routes>
    <Route
      index
      element={
        <Page.Protect permissions={PERMISSIONS.read}>
          <QueuePage />
        </Page.Protect>
      }
    />
    <Route
      path="audit"
      element={
        <Page.Protect permissions={PERMISSIONS.read}>
          <AuditPage />
        </Page.Protect>
      }
    />
    <Route
      path="blocks"
      element={
        <Page.Protect permissions={PERMISSIONS.read}>
          <BlocksPage />
        </Page.Protect>
      }
    />
    <Route
      path="settings"
      element={
        <Page.Protect permissions={PERMISSIONS.settings}>
          <SettingsPage />
        </Page.Protect>
      }
    />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);

export default App;
