/** What other parts of the client use from the cases feature. */
export { NotificationBell } from './components/notification-bell.tsx';
